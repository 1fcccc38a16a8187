import { expect } from "vitest";
import { UserError } from "../../src/core/errors.ts";

/** The UserError a command's run rejects with; fails the test if it resolves or rejects otherwise. */
export async function userErrorOf(running: Promise<unknown>): Promise<UserError> {
  const error = await running.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}
