/**
 * A light English stemmer for shopping text. It only has to conflate the forms shoppers and
 * catalogs actually mix (hoodie/hoodies/hoody, shoes/shoe, running/run, women's/womens/women),
 * and it must be deterministic and identical at index and query time. Stems are internal keys,
 * never shown to users, so "hoody" or "sho" as a stem is fine.
 */

const DOUBLED = /([bdgmnprt])\1$/;
const VOWEL = /[aeiouy]/;

/** Words whose trailing letters look like a suffix but are not one. */
const KEEP = new Set([
  'ss', 'us', 'is', 'news', 'series', 'species', 'lens', 'chess', 'bus', 'gas', 'yes', 'this',
  'bring', 'ring', 'king', 'sing', 'thing', 'string', 'spring', 'swing', 'wing', 'sling', 'bed',
  'red', 'shed', 'sled', 'wed', 'led', 'fed', 'need', 'seed', 'speed', 'feed', 'tweed', 'weed',
  'bleed', 'embed', 'sheer', 'ceiling', 'sibling', 'pudding', 'wedding', 'earring', 'ping',
  'during', 'nothing', 'something', 'morning', 'evening', 'shred', 'hundred', 'sacred', 'canvas',
  'atlas', 'christmas', 'bias', 'chaos', 'plus', 'campus', 'cactus', 'lotus', 'tennis', 'bikini',
]);

export function stemEnglish(input: string): string {
  let w = input;
  if (w.endsWith("'s") || w.endsWith('\u2019s')) w = w.slice(0, -2);
  if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.length <= 3 || KEEP.has(w) || /\d/.test(w)) return w;

  // Plurals.
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (KEEP.has(w)) return w;

  // -ing / -ed, only when a real stem (with a vowel, 3+ letters) remains.
  if (w.endsWith('ing') && w.length >= 6) {
    const rest = w.slice(0, -3);
    if (VOWEL.test(rest)) w = rest.replace(DOUBLED, '$1');
  } else if (w.endsWith('ed') && w.length >= 5 && !w.endsWith('eed')) {
    const rest = w.slice(0, -2);
    if (VOWEL.test(rest)) w = rest.replace(DOUBLED, '$1');
  }

  // hoodie -> hoody (matches hoodies -> hoody), then a silent final e (hike/hiking -> hik).
  if (w.endsWith('ie') && w.length > 4) w = w.slice(0, -2) + 'y';
  else if (w.endsWith('e') && w.length > 3 && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}
