import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** An article file landing in a watched articles folder as `<name>.json`, published now. */
export async function landArticle(
  articlesDir: string,
  name: string,
  title: string,
  body: string,
): Promise<void> {
  const article = {
    title,
    body,
    publishedAt: new Date().toISOString(),
    source: "Wire",
    url: `https://news.example/${name}`,
  };
  await writeFile(join(articlesDir, `${name}.json`), JSON.stringify(article));
}
