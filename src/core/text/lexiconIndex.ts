/**
 * Lookup structures over the shopping lexicon: which concepts a Chinese word or an English
 * phrase names, the dictionary used for Chinese segmentation, and shade -> base colour.
 * Built once per lexicon and shared (the default one lazily).
 */
import { SHOPPING_LEXICON, type LexiconEntry } from './lexicon';
import { normalizeText } from './normalize';
import { tokenize, tokenizeEnglish, type ChineseDictionary, type Token } from './tokenize';

export interface ConceptForms {
  entry: LexiconEntry;
  /** English forms as stemmed term sequences ("t shirt" -> ["t", "shirt"]). */
  enTerms: string[][];
  /** Chinese forms, normalised. */
  zh: string[];
}

/** A stretch of the query that names one or more lexicon concepts. */
export interface ConceptMatch {
  /** Concept ids (indexes into LexiconIndex.concepts). */
  concepts: number[];
  /** Index of the first and one past the last token of the stretch. */
  start: number;
  end: number;
}

export class LexiconIndex implements ChineseDictionary {
  readonly concepts: ConceptForms[] = [];
  readonly maxLength: number;
  private readonly zhWords = new Map<string, number[]>();
  private readonly enPhrases = new Map<string, number[]>();
  private readonly maxPhraseTerms: number;

  constructor(entries: readonly LexiconEntry[]) {
    let maxLen = 1;
    let maxTerms = 1;
    entries.forEach((entry, id) => {
      const zh = entry.zh.map((w) => normalizeText(w));
      const enTerms = entry.en.map((p) => tokenizeEnglish(p).map((t) => t.term)).filter((t) => t.length > 0);
      this.concepts.push({ entry, enTerms, zh });
      for (const w of zh) {
        add(this.zhWords, w, id);
        maxLen = Math.max(maxLen, w.length);
      }
      for (const terms of enTerms) {
        add(this.enPhrases, terms.join(' '), id);
        maxTerms = Math.max(maxTerms, terms.length);
      }
    });
    this.maxLength = maxLen;
    this.maxPhraseTerms = maxTerms;
  }

  has(word: string): boolean {
    return this.zhWords.has(word);
  }

  conceptsOfZh(word: string): readonly number[] {
    return this.zhWords.get(word) ?? [];
  }

  conceptsOfEnglish(terms: readonly string[]): readonly number[] {
    return this.enPhrases.get(terms.join(' ')) ?? [];
  }

  /** Tokenizes with this lexicon as the Chinese dictionary. */
  tokenize(text: string): Token[] {
    return tokenize(text, this);
  }

  /**
   * Finds the concepts named in a token sequence, longest English phrase first
   * ("sports bra" before "bra"); each Chinese token is looked up as a whole word.
   */
  matchConcepts(tokens: readonly Token[]): ConceptMatch[] {
    const out: ConceptMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      const tok = tokens[i]!;
      if (tok.zh) {
        const ids = this.conceptsOfZh(tok.term);
        if (ids.length) out.push({ concepts: [...ids], start: i, end: i + 1 });
        i++;
        continue;
      }
      let matched = 0;
      for (let len = Math.min(this.maxPhraseTerms, tokens.length - i); len >= 1; len--) {
        const span = tokens.slice(i, i + len);
        if (span.some((t) => t.zh)) continue;
        const ids = this.conceptsOfEnglish(span.map((t) => t.term));
        if (ids.length) {
          out.push({ concepts: [...ids], start: i, end: i + len });
          matched = len;
          break;
        }
      }
      i += matched || 1;
    }
    return out;
  }

  /** Base colours named in a text ("Navy Blue" -> ["blue"], "酒红" -> ["red"]). */
  baseColors(text: string): string[] {
    const found: string[] = [];
    for (const m of this.matchConcepts(this.tokenize(text))) {
      for (const id of m.concepts) {
        const base = this.concepts[id]!.entry.base;
        if (this.concepts[id]!.entry.kind === 'color' && base && !found.includes(base)) found.push(base);
      }
    }
    return found;
  }
}

function add(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

let defaultIndex: LexiconIndex | null = null;
/** The index over the built-in SHOPPING_LEXICON. */
export function defaultLexiconIndex(): LexiconIndex {
  defaultIndex ??= new LexiconIndex(SHOPPING_LEXICON);
  return defaultIndex;
}
