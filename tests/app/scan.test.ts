import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArticleFiles, readSourceFile } from "../../src/app/scan.ts";

let dir = "";

async function put(relativePath: string, content: string): Promise<void> {
  const full = path.join(dir, relativePath);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, content);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "newsdesk-scan-"));
  await put("b.txt", "B title\n\nBody.\n");
  await put("a.md", "# A\n\nBody.\n");
  await put("reuters/2025/c.jsonl", "{}\n");
  await put("reuters/d.JSON", "{}");
  await put("notes.docx", "not an article");
  await put("README", "no extension");
  await put(".hidden.txt", "dot file");
  await put(".cache/e.txt", "inside a dot folder");
  await put("big.txt", "x".repeat(100));
  await symlink(path.join(dir, "b.txt"), path.join(dir, "link.txt"));
  await symlink(path.join(dir, "reuters"), path.join(dir, "loop"));
  await utimes(path.join(dir, "a.md"), new Date("2025-12-03T00:00:00Z"), new Date("2025-12-03T00:00:00Z"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("GIVEN an articles folder with nested folders, dot files and other files", () => {
  it("WHEN listed THEN only supported files come back, with sorted relative forward-slash paths", async () => {
    const files = await listArticleFiles(dir);
    expect(files.map((file) => file.path)).toEqual([
      "a.md",
      "b.txt",
      "big.txt",
      "link.txt",
      "reuters/2025/c.jsonl",
      "reuters/d.JSON",
    ]);
  });

  it("THEN each file carries its size and modification time", async () => {
    const files = await listArticleFiles(dir);
    expect(files.find((file) => file.path === "big.txt")?.size).toBe(100);
    expect(files.find((file) => file.path === "a.md")?.mtimeMs).toBe(Date.parse("2025-12-03T00:00:00Z"));
  });

  it("WHEN the folder does not exist THEN listing rejects", async () => {
    await expect(listArticleFiles(path.join(dir, "missing"))).rejects.toThrow(/ENOENT/);
  });
});

describe("GIVEN files to read under a size limit", () => {
  it("WHEN a file is within the limit THEN its bytes, path and modification time are returned", async () => {
    const read = await readSourceFile(dir, "a.md", 100);
    expect(read).toEqual({
      file: {
        path: "a.md",
        bytes: new TextEncoder().encode("# A\n\nBody.\n"),
        modifiedAt: new Date("2025-12-03T00:00:00Z"),
      },
    });
  });

  it("WHEN a file is over the limit THEN a warning comes back instead, naming the size and the limit", async () => {
    expect(await readSourceFile(dir, "big.txt", 99)).toEqual({
      warning: { file: "big.txt", reason: "file too large (100 bytes, limit 99)" },
    });
    expect(await readSourceFile(dir, "big.txt", 100)).toHaveProperty("file.bytes.length", 100);
  });

  it.each([
    ["a missing file", "gone.txt", /cannot read the file: ENOENT/],
    ["a folder", "reuters", /not a regular file/],
    ["a path that leaves the folder", "../outside.txt", /outside the articles folder/],
  ])("WHEN asked for %s THEN a warning comes back", async (_case, relativePath, reason) => {
    const read = await readSourceFile(dir, relativePath, 1_000);
    expect("warning" in read && read.warning.file).toBe(relativePath);
    expect("warning" in read && read.warning.reason).toMatch(reason);
  });
});

describe("GIVEN links inside the articles folder that point outside it", () => {
  let outside = "";

  beforeAll(async () => {
    outside = await mkdtemp(path.join(tmpdir(), "newsdesk-secret-"));
    await writeFile(path.join(outside, "secrets.txt"), "DISCORD_TOKEN=not-for-anyone\n");
    await symlink(path.join(outside, "secrets.txt"), path.join(dir, "planted.txt"));
    await mkdir(path.join(dir, "inner"), { recursive: true });
    await symlink("../b.txt", path.join(dir, "inner", "relative-link.txt"));
  });

  afterAll(async () => {
    await rm(outside, { recursive: true, force: true });
  });

  it("WHEN the outside one is read THEN it is refused with a warning and its bytes are never returned", async () => {
    const read = await readSourceFile(dir, "planted.txt", 1_000);
    expect(read).toEqual({
      warning: { file: "planted.txt", reason: "links to a file outside the articles folder; not read" },
    });
  });

  it("WHEN a link to a file inside the folder is read THEN it is read as usual", async () => {
    const read = await readSourceFile(dir, "inner/relative-link.txt", 1_000);
    expect("file" in read && new TextDecoder().decode(read.file.bytes)).toBe("B title\n\nBody.\n");
  });
});

describe("GIVEN a pipe, a broken link and a link loop with article names", () => {
  let odd = "";

  beforeAll(async () => {
    odd = await mkdtemp(path.join(tmpdir(), "newsdesk-odd-"));
    await writeFile(path.join(odd, "good.txt"), "Good title\n\nBody.\n");
    execFileSync("mkfifo", [path.join(odd, "pipe.txt")]);
    await symlink(path.join(odd, "missing.txt"), path.join(odd, "broken.txt"));
    await symlink(path.join(odd, "loop-b.md"), path.join(odd, "loop-a.md"));
    await symlink(path.join(odd, "loop-a.md"), path.join(odd, "loop-b.md"));
  });

  afterAll(async () => {
    await rm(odd, { recursive: true, force: true });
  });

  it("WHEN listed THEN only the good file comes back and each of the others is reported with why", async () => {
    const skipped: [string, string][] = [];
    const files = await listArticleFiles(odd, (file, reason) => skipped.push([file, reason]));
    expect(files.map((file) => file.path)).toEqual(["good.txt"]);
    expect(skipped.sort()).toEqual([
      ["broken.txt", "a link that leads nowhere or loops; not read"],
      ["loop-a.md", "a link that leads nowhere or loops; not read"],
      ["loop-b.md", "a link that leads nowhere or loops; not read"],
      ["pipe.txt", "not a regular file (a pipe, socket or device); not read"],
    ]);
  });
});
