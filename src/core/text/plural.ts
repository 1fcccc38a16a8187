/** "1 article", "3 articles"; `nounPlural` for the irregular ones ("1 story", "2 stories"). */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}
