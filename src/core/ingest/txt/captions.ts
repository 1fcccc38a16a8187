const TRAILING_PARENTHESIS = /\(([^()]{1,160})\)$/;
const CREDIT_WORDS =
  /\b(?:photos?|photograph|pool|via|ap|afp|reuters|getty|epa|efe|ani|xinhua|tass|sputnik|bloomberg|shutterstock|handout|file)\b/i;
const CAPTION_PREFIX =
  /^(?:photo|photograph|image|picture|pic|video)(?:\s+(?:credit|source|caption))?\s*[:,]\s*\S/i;
/** Agency credits in the agencies' own spelling, such as "REUTERS/Alina Smutko" or "AP Photo/Evan Vucci". */
const AGENCY_PHOTOGRAPHER = /\b(?:REUTERS|AP Photo|AFP|EPA(?:-EFE)?|Reuters)\/[\p{L} .'’-]{2,40}$/u;
const CREDIT_SUFFIX =
  /(?:\bgetty images|\bshutterstock|\/\s*(?:ap|afp|reuters|epa(?:-efe)?|bloomberg|getty images|anadolu))\s*$/i;

/**
 * True for a photo caption or credit line: one that ends with a parenthesised credit such as
 * `(AP Photo/Evan Vucci)` or `(Sputnik, Kremlin Pool Photo via AP)`, starts with `Photo:` or `Image source,`,
 * or ends with an agency credit such as `Getty Images`, `/Reuters` or `REUTERS/Alina Smutko`. Body sentences end with a full stop or a
 * quote mark, so a closing parenthesis at the very end is a strong sign of a caption.
 */
export function isCaption(text: string): boolean {
  if (CAPTION_PREFIX.test(text) || CREDIT_SUFFIX.test(text) || AGENCY_PHOTOGRAPHER.test(text)) return true;
  const parenthesis = TRAILING_PARENTHESIS.exec(text);
  return parenthesis !== null && CREDIT_WORDS.test(parenthesis[1] ?? "");
}
