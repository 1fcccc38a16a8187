import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Clock } from "../core/clock.ts";
import type { ReplyImage } from "../core/reply.ts";

/** How many names the saver tries when files of the same second exist already. */
const MAX_TRIES = 100;

/**
 * Saves the console's pictures (charts) as PNG files in `dir`, named after the picture and the time, e.g.
 * `charts/trends-20251205-120000.png`; never overwrites a file. Resolves with the absolute path.
 */
export function imageSaver(dir: string, clock: Clock): (image: ReplyImage) => Promise<string> {
  return async (image) => {
    await mkdir(dir, { recursive: true });
    const stem = image.fileName.replace(/\.png$/i, "").replace(/[^\w.-]+/g, "-") || "chart";
    const stamp = clock
      .now()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace("T", "-")
      .replace(/\.\d+Z$/, "");
    for (let attempt = 1; ; attempt++) {
      const path = resolve(join(dir, `${stem}-${stamp}${attempt === 1 ? "" : `-${attempt}`}.png`));
      try {
        await writeFile(path, image.png, { flag: "wx" });
        return path;
      } catch (error) {
        const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
        if (!exists || attempt >= MAX_TRIES) throw error;
      }
    }
  };
}
