import { mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Newsdesk cannot start as configured: a folder setting names a file, a folder that cannot be read or made.
 * Its message is one line for the operator, naming the setting and the folder; the entry point prints only it.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** Makes DATA_DIR when it is missing; a StartupError when it is a file or cannot be made. */
export function ensureDataDir(dir: string): void {
  const shown = path.resolve(dir);
  const existing = statOf("DATA_DIR", dir);
  if (existing !== undefined && !existing.isDirectory()) {
    throw new StartupError(
      `DATA_DIR ${shown} is a file, not a folder: remove it or set DATA_DIR to a folder.`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR ${shown} cannot be made: ${plainReason(error)}.`);
  }
}

/**
 * Whether ARTICLES_DIR is there to read: "missing" when it does not exist (the caller decides whether that is
 * fatal); a StartupError when it is a file or cannot be read.
 */
export function checkArticlesDir(dir: string): "ok" | "missing" {
  const shown = path.resolve(dir);
  const existing = statOf("ARTICLES_DIR", dir);
  if (existing === undefined) return "missing";
  if (!existing.isDirectory()) {
    throw new StartupError(`ARTICLES_DIR ${shown} is a file, not a folder: set ARTICLES_DIR to a folder.`);
  }
  try {
    readdirSync(dir);
  } catch (error) {
    throw new StartupError(`ARTICLES_DIR ${shown} cannot be read: ${plainReason(error)}.`);
  }
  return "ok";
}

/** The one line said when ARTICLES_DIR is missing and there is nothing else to index. */
export function missingArticlesDir(dir: string): StartupError {
  return new StartupError(
    `ARTICLES_DIR ${path.resolve(dir)} does not exist: create it, or set ARTICLES_DIR to your articles folder.`,
  );
}

function statOf(setting: string, dir: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(dir);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return undefined;
    // A folder on the way is a file, or cannot be searched: it cannot be this folder either.
    throw new StartupError(`${setting} ${path.resolve(dir)} cannot be reached: ${plainReason(error)}.`);
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** What a file-system error code means, in words; the code itself for the rare ones. */
function plainReason(error: unknown): string {
  const code = codeOf(error);
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of its path is a file";
    case "EEXIST":
      return "a file of that name is in the way";
    case "EROFS":
      return "the disk is read-only";
    case "ENOSPC":
      return "the disk is full";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
