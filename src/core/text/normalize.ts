/**
 * Text normalisation shared by indexing and querying: both sides must agree byte for byte,
 * otherwise a term indexed one way is looked up another way and silently never matches.
 */

/** Symbols that NFKD would expand into letters ("™" -> "TM") and glue onto the word before. */
const GLUE_SYMBOLS = /[\u2122\u00ae\u00a9\u2120]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Lower-case, fold accents (é -> e), map full-width forms to ASCII (Ｔ恤 -> t恤), drop
 * trademark signs. Chinese characters pass through unchanged.
 */
const ASCII = /^[\x00-\x7f]*$/;

export function normalizeText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.replace(GLUE_SYMBOLS, ' ').normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** True for a CJK unified ideograph (the Han characters written in Chinese product text). */
export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2a6df)
  );
}

export function containsHan(text: string): boolean {
  for (const ch of text) {
    if (isHan(ch.codePointAt(0)!)) return true;
  }
  return false;
}

export function containsLatin(text: string): boolean {
  return /[a-z0-9]/i.test(text);
}
