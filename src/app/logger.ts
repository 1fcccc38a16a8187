import { pino, type Logger as PinoLogger, type DestinationStream } from "pino";
import pretty from "pino-pretty";

export type Logger = PinoLogger;

export interface LoggerOptions {
  level: string;
  /** Pretty, coloured lines for people at a terminal; JSON lines for log collectors. */
  pretty: boolean;
  /** Where lines go; stderr by default so that the console's stdout stays clean for replies. */
  destination?: DestinationStream;
  /** Where pretty lines go instead of stderr (the console's prompt-aware stream). */
  prettyTo?: NodeJS.WritableStream;
}

/** Keys whose values are never written, wherever they appear in a log object. */
const REDACTED_PATHS = ["token", "*.token", "discordToken", "*.discordToken", "config.discordToken"];

export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    // A synchronous stream, not a worker transport, so the last lines before exit are never lost.
    return pino(
      base,
      pretty({
        destination: options.prettyTo ?? 2,
        sync: true,
        colorize: isTerminal(process.stderr),
        ignore: "pid,hostname",
      }),
    );
  }
  return pino(base, pino.destination(2));
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

/** Whether a stream is a terminal. Node's types say `isTTY` is always a boolean; for pipes it is undefined. */
export function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY ?? false;
}
