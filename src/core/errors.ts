/**
 * An expected failure that the user caused or can fix: a bad option, nothing found, a missing permission.
 * Its message is written for the user and shown to them (ephemeral on Discord); it is not logged as an error.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  /** A stable code so that callers and tests need not match on wording. */
  readonly code: UserErrorCode;
  constructor(code: UserErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type UserErrorCode = "bad-option" | "bad-command" | "not-found" | "missing-permission" | "unavailable";

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
