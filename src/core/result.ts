/**
 * The outcome of work that can fail in an expected way (a feed that is not a feed, a bad setting, a time zone
 * that is an abbreviation): the value, or the reason it could not be had. Failures a user should read are
 * still thrown as `UserError` where a command runs; a Result is for the caller that decides what to do
 * (record it, warn, try another way). `reason` is a sentence unless the module says otherwise.
 */
export type Result<T, E = string> = Ok<T> | Err<E>;

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly reason: E;
}

/** A success carrying `value`. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** A failure, and why. */
export function err<E>(reason: E): Err<E> {
  return { ok: false, reason };
}
