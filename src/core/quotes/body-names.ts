import { bareWord } from "../text/names.ts";
import { COMPANY_SUFFIXES } from "./lexicon.ts";
import type { NameRun } from "./name-runs.ts";
import { isPlaceName } from "./phrases.ts";

const POSSESSIVE = /['\u2019]s$/;

/**
 * What an article's bodies are called besides their full names: names given a short form of their initials
 * ("Human Rights Watch (HRW)"), which are bodies however their words read, and companies' full names by
 * their first word ("MTS" of "MTS Acquisition Corp"). Filled from the article's name runs before any is
 * resolved.
 */
export class BodyNames {
  /** Full names given a short form of their initials, lower-case. */
  readonly #defined = new Set<string>();
  /** Companies' full names by their first word, lower-case. */
  readonly #companies = new Map<string, Set<string>>();

  /** Takes note of a run's name: defined with a short form, or a company's full name. */
  note(run: NameRun): void {
    if (run.acronym !== undefined) this.#defined.add(run.phrase.text.toLowerCase());
    if (run.phrase.kind === "organisation") this.#noteCompany(run.phrase.text);
  }

  /** Whether the article gave the name of these words a short form of its initials, so that it names a body. */
  hasShortForm(words: readonly string[]): boolean {
    return this.#defined.size > 0 && this.#defined.has(words.join(" ").toLowerCase());
  }

  /**
   * "CenTrust said" after "CenTrust Savings Bank", "American Motors said" after "American Motors Corp": the
   * one company's full name that the name starts, as "Putin" is "Vladimir Putin"; otherwise the name as it
   * is. A place ("Norway") stays a place.
   */
  fullName(name: string): string {
    if (this.#companies.size === 0) return name;
    const space = name.indexOf(" ");
    const names = this.#companies.get((space === -1 ? name : name.slice(0, space)).toLowerCase());
    if (names === undefined || isPlaceName(name.split(/\s+/).map(bareWord))) return name;
    const lower = name.toLowerCase();
    const starting = [...names].filter((full) => {
      const fullLower = full.toLowerCase();
      return fullLower === lower || fullLower.startsWith(`${lower} `);
    });
    return starting.length === 1 ? (starting[0] ?? name) : name;
  }

  /** Whether the words are the start of exactly one company's full name, and not that name itself. */
  isShortCompanyName(words: readonly string[]): boolean {
    if (words.length < 2 || !this.#companies.has((words[0] ?? "").toLowerCase())) return false;
    const name = words.join(" ");
    return this.fullName(name) !== name;
  }

  /** Only a company's name, whose last word says so ("MTS Acquisition Corp"), not "French government". */
  #noteCompany(text: string): void {
    const words = text.split(/\s+/);
    if (words.length < 2 || !COMPANY_SUFFIXES.has(bareWord(words.at(-1) ?? ""))) return;
    if (words.some((word) => POSSESSIVE.test(word))) return;
    const first = (words[0] ?? "").toLowerCase();
    const names = this.#companies.get(first) ?? new Set<string>();
    names.add(text);
    this.#companies.set(first, names);
  }
}
