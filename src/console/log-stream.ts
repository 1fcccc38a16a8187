import { Writable } from "node:stream";

/** What the console does around a log line: clear its prompt line, then draw it again. */
export interface PromptLine {
  clear(): void;
  redraw(): void;
}

/**
 * Log lines for a person at the console: while the prompt waits for input, a log line first clears the
 * prompt (and what is half typed), then the prompt is drawn again below it with the typing intact, so
 * logs never break the line being typed.
 */
export class PromptAwareStream extends Writable {
  readonly #target: NodeJS.WritableStream;
  #prompt: PromptLine | undefined;

  constructor(target: NodeJS.WritableStream) {
    super();
    this.#target = target;
  }

  /** While set, lines are written around the prompt; `undefined` when nobody waits at a prompt. */
  set prompt(prompt: PromptLine | undefined) {
    this.#prompt = prompt;
  }

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.#prompt?.clear();
    this.#target.write(chunk);
    this.#prompt?.redraw();
    done();
  }
}
