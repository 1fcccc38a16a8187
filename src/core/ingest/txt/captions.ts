const TRAILING_PARENTHESIS = /\(([^()]{1,160})\)$/;
const CREDIT_WORDS =
  /\b(?:photos?|photograph|pool|via|ap|afp|reuters|getty|epa|efe|ani|xinhua|tass|sputnik|bloomberg|shutterstock|handout|file)\b/i;
const CAPTION_PREFIX =
  /^(?:photo|photograph|image|picture|pic|video)(?:\s+(?:credit|source|caption))?\s*[:,]\s*\S/i;
const CREDIT_SUFFIX =
  /(?:\bgetty images|\bshutterstock|\/\s*(?:ap|afp|reuters|epa(?:-efe)?|bloomberg|getty images|anadolu))\s*$/i;

/**
 * True for a photo caption or credit line: one that ends with a parenthesised credit such as
 * `(AP Photo/Evan Vucci)` or `(Sputnik, Kremlin Pool Photo via AP)`, starts with `Photo:` or `Image source,`,
 * or ends with an agency credit such as `Getty Images` or `/Reuters`. Body sentences end with a full stop or a
 * quote mark, so a closing parenthesis at the very end is a strong sign of a caption.
 */
export function isCaption(text: string): boolean {
  if (CAPTION_PREFIX.test(text) || CREDIT_SUFFIX.test(text)) return true;
  const parenthesis = TRAILING_PARENTHESIS.exec(text);
  return parenthesis !== null && CREDIT_WORDS.test(parenthesis[1] ?? "");
}
