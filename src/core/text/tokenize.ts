/**
 * Tokenizers for English, Chinese and mixed strings. Index and query use the same functions so a
 * term is produced identically on both sides.
 *
 * - English: normalised (lower case, accents folded), split on non-letters, stop words dropped,
 *   lightly stemmed (see stem.ts).
 * - Chinese: dictionary-aware. Runs of Han characters are segmented by forward maximum matching
 *   against the shopping lexicon first (so 卫衣, 双肩包, 弹力带 stay whole even where a general
 *   segmenter splits them), and what the lexicon does not know goes to
 *   `Intl.Segmenter('zh', {granularity: 'word'})`, or to character bigrams where that is missing.
 * - Mixed: a run such as "蓝色t恤" or "nike运动鞋" is walked once; lexicon words may mix scripts
 *   (t恤, polo衫), Latin stretches become English tokens.
 */
import { containsHan, isHan, normalizeText } from './normalize';
import { stemEnglish } from './stem';

export interface Token {
  /** Index/lookup key: the English stem, or the Chinese word itself. */
  term: string;
  /** The normalised word as written (unstemmed), used for prefix and typo lookups. */
  surface: string;
  /** True for a Chinese word. */
  zh: boolean;
}

/** Word list used for dictionary-aware Chinese segmentation. */
export interface ChineseDictionary {
  has(word: string): boolean;
  /** Longest word length in code units. */
  readonly maxLength: number;
}

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'for', 'with', 'without', 'of', 'in', 'on', 'at', 'to', 'by',
  'from', 'is', 'are', 'be', 'it', 'its', 'this', 'that', 'these', 'those', 'my', 'me', 'i', 'you',
  'your', 'our', 'we', 'as', 'so', 'but', 'into', 'than', 'then', 'can', 'will', 'has', 'have',
  'was', 'were', 'not', 'all', 'any', 'some', 'very', 'just', 'also', 'more', 'most', 'up', 'out',
  'if', 'them', 'they', 'their', 'there', 'which', 'what', 'who', 'when', 'where', 'while', 'how',
]);

const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '与', '及', '或', '是', '在', '有', '也', '很', '我', '你', '要', '想', '个', '一',
  '给', '用', '对', '把', '吗', '呢', '啊', '吧', '买', '找', '请', '一个', '一件', '一条', '一双',
]);

const HAN_ANYWHERE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud869][\udc00-\udfff]/;
const WORD_RUN = /[\p{L}\p{N}'\u2019]+/gu;
const LATIN_WORD = /[a-z0-9]+(?:['\u2019][a-z]+)*/g;

let segmenter: Intl.Segmenter | null | undefined;
function chineseSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

/** For tests: force the bigram fallback (true) or restore the platform segmenter (false). */
export function setSegmenterDisabledForTests(disabled: boolean): void {
  segmenter = disabled ? null : undefined;
  hanMemo.clear();
}

/** Word -> token memo: catalogs repeat a small vocabulary, and stemming is the hot path. */
const englishMemo = new Map<string, Token | null>();
const MEMO_LIMIT = 500_000;

function pushEnglish(word: string, out: Token[]): void {
  let tok = englishMemo.get(word);
  if (tok === undefined) {
    const surface = word.replace(/['\u2019]s$/, '').replace(/['\u2019]/g, '');
    tok = !surface || ENGLISH_STOP_WORDS.has(surface) ? null : { term: stemEnglish(word), surface, zh: false };
    if (englishMemo.size >= MEMO_LIMIT) englishMemo.clear();
    englishMemo.set(word, tok);
  }
  if (tok) out.push(tok);
}

function pushEnglishRun(text: string, out: Token[]): void {
  for (const m of text.matchAll(LATIN_WORD)) pushEnglish(m[0], out);
}

function pushChinese(word: string, out: Token[]): void {
  if (!CHINESE_STOP_WORDS.has(word)) out.push({ term: word, surface: word, zh: true });
}

/** Segments a stretch of Han characters the lexicon did not cover. */
/**
 * Span -> words memo for the platform segmenter: Intl.Segmenter is the slowest step of indexing
 * a bilingual catalog, and product texts repeat the same Chinese phrases many times.
 */
const hanMemo = new Map<string, string[]>();

function pushUnknownHan(span: string, out: Token[]): void {
  if (!span) return;
  const seg = chineseSegmenter();
  if (seg) {
    let words = hanMemo.get(span);
    if (!words) {
      words = [];
      for (const s of seg.segment(span)) if (s.isWordLike !== false) words.push(s.segment);
      if (hanMemo.size >= MEMO_LIMIT) hanMemo.clear();
      hanMemo.set(span, words);
    }
    for (const w of words) pushChinese(w, out);
    return;
  }
  if (span.length === 1) {
    pushChinese(span, out);
    return;
  }
  for (let i = 0; i + 1 < span.length; i++) pushChinese(span.slice(i, i + 2), out);
}

function isLatinOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** Walks one run that contains Han characters, longest lexicon match first. */
function tokenizeMixedRun(run: string, dict: ChineseDictionary | null, out: Token[]): void {
  let unknownStart = -1;
  let i = 0;
  const flushUnknown = (end: number) => {
    if (unknownStart >= 0) pushUnknownHan(run.slice(unknownStart, end), out);
    unknownStart = -1;
  };
  while (i < run.length) {
    let matched = 0;
    if (dict) {
      const maxLen = Math.min(dict.maxLength, run.length - i);
      for (let len = maxLen; len >= 1; len--) {
        const w = run.slice(i, i + len);
        if (dict.has(w)) {
          // A Latin-only match inside a longer Latin word ("t" of "tshirt") is not a word.
          if (!containsHan(w) && i + len < run.length && isLatinOrDigit(run.charCodeAt(i + len))) continue;
          matched = len;
          break;
        }
      }
    }
    if (matched > 0) {
      flushUnknown(i);
      const w = run.slice(i, i + matched);
      if (containsHan(w)) pushChinese(w, out);
      else pushEnglishRun(w, out);
      i += matched;
      continue;
    }
    const code = run.codePointAt(i)!;
    if (isHan(code)) {
      if (unknownStart < 0) unknownStart = i;
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    flushUnknown(i);
    let j = i;
    while (j < run.length && !isHan(run.codePointAt(j)!)) j++;
    pushEnglishRun(run.slice(i, j), out);
    i = j;
  }
  flushUnknown(run.length);
}

/**
 * Tokenizes any text: English, Chinese or both mixed. `dict` enables dictionary-aware Chinese
 * segmentation (pass the lexicon's dictionary, see lexiconIndex.ts).
 */
export function tokenize(text: string, dict: ChineseDictionary | null = null): Token[] {
  const out: Token[] = [];
  if (!text) return out;
  const norm = normalizeText(text);
  if (!HAN_ANYWHERE.test(norm)) {
    pushEnglishRun(norm, out);
    return joinCompounds(out);
  }
  for (const m of norm.matchAll(WORD_RUN)) {
    const run = m[0];
    if (containsHan(run)) tokenizeMixedRun(run, dict, out);
    else pushEnglishRun(run, out);
  }
  return joinCompounds(out);
}

/**
 * Two-word compounds that name one thing and whose parts would mislead on their own:
 * "short-sleeve" is not "shorts", "t-shirt" is not a "shirt" with a stray "t". Written with a
 * hyphen, a space or together, each becomes one token (shortsleeve, tshirt), on both sides.
 */
const COMPOUNDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['short', new Map([['sleev', 'shortsleeve'], ['sleeve', 'shortsleeve']])],
  ['long', new Map([['sleev', 'longsleeve'], ['sleeve', 'longsleeve']])],
  ['t', new Map([['shirt', 'tshirt']])],
  ['v', new Map([['neck', 'vneck']])],
  ['crew', new Map([['neck', 'crewneck']])],
  ['half', new Map([['zip', 'halfzip']])],
  ['full', new Map([['zip', 'fullzip']])],
]);

function joinCompounds(tokens: Token[]): Token[] {
  if (tokens.length < 2) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    const joined = !a.zh && b && !b.zh ? COMPOUNDS.get(a.surface)?.get(b.term) : undefined;
    if (joined) {
      out.push({ term: joined, surface: joined, zh: false });
      i++;
    } else out.push(a);
  }
  return out;
}

/** English-only tokenization (no Chinese handling), e.g. for category paths. */
export function tokenizeEnglish(text: string): Token[] {
  const out: Token[] = [];
  pushEnglishRun(normalizeText(text), out);
  return joinCompounds(out);
}

/** Chinese tokenization of a text; Latin parts are kept as English tokens. */
export function tokenizeChinese(text: string, dict: ChineseDictionary | null = null): Token[] {
  return tokenize(text, dict);
}

export function detectLanguage(text: string): 'en' | 'zh' | 'mixed' {
  const han = containsHan(text);
  const latin = /[a-z]{2,}/i.test(text.replace(/[tT](?=恤)/g, ''));
  if (han && latin) return 'mixed';
  return han ? 'zh' : 'en';
}
