import { ArticleSchema, type Article } from "../articles.ts";
import type { IngestWarning, ParseResult } from "./types.ts";
import { parsePlain } from "../text/zod-issues.ts";
import { describeProblems, ingestWarning } from "./warnings.ts";

/**
 * The last gate of every parser: only articles that satisfy ArticleSchema get out; each that does not becomes
 * one warning (with its line when it has one) and the rest still load.
 */
export function keepValidArticles(candidates: readonly Article[], warnings: IngestWarning[]): ParseResult {
  const articles: Article[] = [];
  for (const candidate of candidates) {
    const checked = parsePlain(ArticleSchema, candidate);
    if (checked.ok) {
      articles.push(checked.value);
    } else {
      const where = `article "${candidate.title.slice(0, 60)}"`;
      warnings.push(
        ingestWarning(
          candidate.origin.file,
          `${where} is not a valid article: ${describeProblems(checked.reason)}`,
          candidate.origin.line,
        ),
      );
    }
  }
  return { articles, warnings };
}
