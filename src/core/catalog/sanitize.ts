/**
 * Turns text from a shop owner's file into safe plain text: HTML tags removed (script/style
 * blocks with their content), entities decoded, control characters dropped, whitespace
 * collapsed, length capped. The UI renders text, never HTML, but a search index full of
 * markup would match "div" and "nbsp", and a title must never carry a <script>.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  hellip: '…', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°', times: '×',
  euro: '€', pound: '£', yen: '¥', cent: '¢', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
};

/** <script>…</script>, <style>…</style> and friends, content included; an unclosed one eats the rest. */
const DANGEROUS_BLOCK = /<(script|style|iframe|object|embed|template|noscript)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
/** Tags that separate words when rendered, so removing them must leave a space. */
const BLOCK_TAG = /<\/?(br|p|div|li|ul|ol|tr|td|th|h[1-6]|section|article|table)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^<>]*(>|$)/g;
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;
// Control characters other than whitespace, plus zero-width and bidi-override characters that
// only serve to hide or reorder text.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const HAS_CONTROL = new RegExp(CONTROL.source);
const WHITESPACE = /\s+/g;
/** Whitespace that collapsing would change: runs, non-space whitespace, leading/trailing. */
const UNTIDY_WHITESPACE = /\s\s|[^\S ]|^\s|\s$/;
const NEEDS_WORK = new RegExp(`[<&]|${UNTIDY_WHITESPACE.source}|${HAS_CONTROL.source}`);

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function stripMarkup(text: string): string {
  return text.replace(DANGEROUS_BLOCK, ' ').replace(COMMENT, ' ').replace(BLOCK_TAG, ' ').replace(ANY_TAG, '');
}

/** Plain text from possibly-HTML text: tags and script content removed, entities decoded. */
export function stripHtml(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  // Strip, decode, strip again: "&lt;script&gt;" must not come back to life as a tag.
  const once = stripMarkup(text);
  const decoded = once.includes('&') ? decodeEntities(once) : once;
  return decoded.includes('<') ? stripMarkup(decoded) : decoded;
}

export interface CleanTextResult {
  text: string;
  truncated: boolean;
}

/** Cuts at a code point boundary and marks the cut with an ellipsis. */
export function truncateText(text: string, maxLength: number): CleanTextResult {
  if (text.length <= maxLength) return { text, truncated: false };
  let end = Math.max(0, maxLength - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // don't split a surrogate pair
  return { text: text.slice(0, end).trimEnd() + '…', truncated: true };
}

/** The full clean-up for one text field. */
export function cleanText(value: string, maxLength: number): CleanTextResult {
  // Most catalog text is already clean: one scan decides, instead of several replaces.
  if (!NEEDS_WORK.test(value)) return truncateText(value, maxLength);
  let text = stripHtml(value);
  // Most catalog text is already tidy; testing first avoids rebuilding every string.
  if (HAS_CONTROL.test(text)) text = text.replace(CONTROL, ' ');
  if (UNTIDY_WHITESPACE.test(text)) text = text.replace(WHITESPACE, ' ').trim();
  return truncateText(text, maxLength);
}
