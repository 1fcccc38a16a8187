/**
 * The strings `word` becomes with up to `max` letters left out, itself included. Two words within `max`
 * edits (insertions, deletions, substitutions) share at least one such string, which is how an article's
 * words find the follows whose words they may be a typo of without comparing every pair.
 */
export function deletions(word: string, max: number): Set<string> {
  const found = new Set<string>([word]);
  let frontier = [word];
  for (let round = 0; round < max; round++) {
    const next: string[] = [];
    for (const text of frontier) {
      for (let index = 0; index < text.length; index++) {
        const shorter = text.slice(0, index) + text.slice(index + 1);
        if (shorter.length === 0 || found.has(shorter)) continue;
        found.add(shorter);
        next.push(shorter);
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Whether `a` and `b` are at most `max` edits apart (Levenshtein: insertions, deletions and substitutions,
 * as MiniSearch's fuzzy match that `/search` uses counts them). Gives up as soon as a row exceeds `max`.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(best);
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return (previous[b.length] ?? 0) <= max;
}

/**
 * Calls `visit` with each string `word` becomes with up to `max` letters left out (no more than 2: deeper is never asked for),
 * and with `word` itself; some may come more than once. The allocation-light form of {@link deletions} for the
 * article side of a match, which runs for every new word of every new article.
 */
export function visitDeletions(word: string, max: number, visit: (key: string) => void): void {
  const length = word.length;
  visit(word);
  if (max < 1) return;
  for (let first = 0; first < length; first++) {
    const once = word.slice(0, first) + word.slice(first + 1);
    if (once.length === 0) continue;
    visit(once);
    if (max < 2) continue;
    // Leaving out letters i < j of the word is leaving out letter j - 1 of `once`; j > i keeps each pair once.
    for (let second = first; second < once.length; second++) {
      const twice = once.slice(0, second) + once.slice(second + 1);
      if (twice.length > 0) visit(twice);
    }
  }
}
