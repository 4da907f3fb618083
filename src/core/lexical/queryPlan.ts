/**
 * Turns a query into a plan of term groups for BM25F scoring.
 *
 * One group per thing the shopper asked for (a word, or a lexicon phrase such as "sports bra" or
 * 运动内衣). A group holds alternatives — the words as typed, their lexicon synonyms and
 * translations (English and Chinese), the base colour of a shade — and each alternative is one
 * or more terms, each with variants (prefix completions of the last word, typo corrections).
 * Scoring takes the best alternative per group and the best variant per term, so synonyms never
 * count twice, and sums groups.
 */
import type { LexiconIndex } from '../text/lexiconIndex';
import type { Token } from '../text/tokenize';
import type { Bm25fIndex } from './bm25f';
import { typoBudget } from './vocabulary';

export interface TermVariant {
  term: number;
  weight: number;
  /** The word shown in "matched" explanations. */
  display: string;
}

export interface PlanTerm {
  variants: TermVariant[];
}

export interface PlanAlternative {
  terms: PlanTerm[];
  weight: number;
  /**
   * A synonym phrase counts only where all its words occur ("tank top" must not match every
   * "top"); the words the shopper typed (or their direct translation) also earn partial credit.
   */
  requireAll: boolean;
}

export interface PlanGroup {
  /** What the user typed for this group (for display). */
  text: string;
  alternatives: PlanAlternative[];
  /** Lexicon concepts this group names (empty for a plain word). */
  concepts: number[];
  weight: number;
}

export interface QueryPlan {
  tokens: Token[];
  groups: PlanGroup[];
  /** Normalised terms after correction/translation, for display. */
  displayTerms: string[];
}

/**
 * Weights of the expansions relative to the words as typed. Tuned on luma dev (lexical mode,
 * nDCG@10) by a coarse grid; changes of ±0.1 move nDCG by < 0.01, so these are not fragile.
 */
export const EXPANSION_WEIGHTS = {
  synonym: 0.9,
  translation: 1.0,
  baseColor: 0.7,
  prefix: 0.75,
  typo1: 0.7,
  typo2: 0.5,
  /** Max prefix completions of the last word (most frequent first). */
  prefixLimit: 24,
  minPrefixLength: 2,
};

function exact(index: Bm25fIndex, term: string, display: string, weight = 1): TermVariant | null {
  const id = index.termId(term);
  return id >= 0 ? { term: id, weight, display } : null;
}

function prefixVariants(index: Bm25fIndex, surface: string, exclude: number): TermVariant[] {
  if (surface.length < EXPANSION_WEIGHTS.minPrefixLength || /[^a-z0-9]/.test(surface)) return [];
  const ids = index.vocabulary.withPrefix(surface, 4000);
  const byTerm = new Map<number, string>();
  for (const w of ids) {
    const term = index.surfaceTerm[w]!;
    if (term !== exclude && !byTerm.has(term)) byTerm.set(term, index.vocabulary.words[w]!);
  }
  return [...byTerm]
    .sort((a, b) => index.docFrequency(b[0]) - index.docFrequency(a[0]))
    .slice(0, EXPANSION_WEIGHTS.prefixLimit)
    .map(([term, display]) => ({ term, weight: EXPANSION_WEIGHTS.prefix, display }));
}

/** Best vocabulary word for a misspelled English token, or null. */
function correct(index: Bm25fIndex, tok: Token): { surface: string; term: number; distance: number } | null {
  if (tok.zh || typoBudget(tok.surface.length) === 0 || /\d/.test(tok.surface)) return null;
  const matches = index.vocabulary.similar(tok.surface);
  if (!matches.length) return null;
  const best = matches.filter((m) => m.distance === matches[0]!.distance);
  best.sort((a, b) => index.docFrequency(index.surfaceTerm[b.word]!) - index.docFrequency(index.surfaceTerm[a.word]!));
  const w = best[0]!.word;
  return { surface: index.vocabulary.words[w]!, term: index.surfaceTerm[w]!, distance: best[0]!.distance };
}

export function buildQueryPlan(index: Bm25fIndex, lexicon: LexiconIndex, query: string): QueryPlan {
  const raw = lexicon.tokenize(query);
  // Typo correction first, so that a corrected word can still name a lexicon concept.
  const typoPenalty: number[] = [];
  const tokens = raw.map((tok, i) => {
    typoPenalty[i] = 1;
    if (tok.zh || index.termId(tok.term) >= 0) return tok;
    if (lexicon.conceptsOfEnglish([tok.term]).length) return tok;
    const isLast = i === raw.length - 1;
    if (isLast && index.vocabulary.withPrefix(tok.surface, 1).length) return tok; // still being typed
    const fix = correct(index, tok);
    if (!fix) return tok;
    typoPenalty[i] = fix.distance === 1 ? EXPANSION_WEIGHTS.typo1 : EXPANSION_WEIGHTS.typo2;
    return { term: index.terms[fix.term]!, surface: fix.surface, zh: false };
  });

  const matches = lexicon.matchConcepts(tokens);
  const groups: PlanGroup[] = [];
  const displayTerms: string[] = [];
  const lastIndex = tokens.length - 1;
  const lastIsEnglish = lastIndex >= 0 && !tokens[lastIndex]!.zh;
  let mi = 0;
  for (let i = 0; i < tokens.length; ) {
    const m = matches[mi];
    if (m && m.start === i) {
      mi++;
      const span = tokens.slice(m.start, m.end);
      const penalty = Math.min(...typoPenalty.slice(m.start, m.end));
      const group: PlanGroup = {
        text: span.map((t) => t.surface).join(span[0]!.zh ? '' : ' '),
        alternatives: [],
        concepts: m.concepts,
        weight: penalty,
      };
      const literal = span.every((t) => !t.zh);
      if (literal) {
        const terms = span.map((t) => ({ variants: [exact(index, t.term, t.surface)].filter(isVariant) }));
        if (terms.every((t) => t.variants.length)) group.alternatives.push({ terms, weight: 1, requireAll: false });
      }
      const seen = new Set<string>();
      if (literal) seen.add(span.map((t) => t.term).join(' '));
      for (const c of m.concepts) {
        const concept = lexicon.concepts[c]!;
        concept.enTerms.forEach((form, fi) => {
          const key = form.join(' ');
          if (seen.has(key)) return;
          seen.add(key);
          const terms = form
            .map((term, k) => exact(index, term, concept.entry.en[fi]!.split(/\s+/)[k] ?? term))
            .filter(isVariant)
            .map((v) => ({ variants: [v] }));
          if (!terms.length) return;
          const direct = !literal && fi === 0;
          const weight = direct ? EXPANSION_WEIGHTS.translation : EXPANSION_WEIGHTS.synonym;
          if (!direct && terms.length < form.length) return; // a synonym phrase this catalog cannot match whole
          group.alternatives.push({ terms, weight, requireAll: !direct });
        });
        for (const zh of concept.zh) {
          if (seen.has(zh)) continue;
          seen.add(zh);
          const v = exact(index, zh, zh);
          if (v) group.alternatives.push({ terms: [{ variants: [v] }], weight: literal ? EXPANSION_WEIGHTS.translation : 1, requireAll: true });
        }
        const base = concept.entry.kind === 'color' ? concept.entry.base : undefined;
        if (base && base !== concept.entry.en[0] && !seen.has(base)) {
          seen.add(base);
          for (const t of lexicon.tokenize(base)) {
            const v = exact(index, t.term, base);
            if (v) group.alternatives.push({ terms: [{ variants: [v] }], weight: EXPANSION_WEIGHTS.baseColor, requireAll: true });
          }
        }
        displayTerms.push(concept.entry.en[0]!);
      }
      capSynonymIdf(index, group);
      if (m.end - 1 === lastIndex && lastIsEnglish) {
        const lastTerm = index.termId(tokens[lastIndex]!.term);
        const completions = prefixVariants(index, tokens[lastIndex]!.surface, lastTerm);
        for (const v of completions) group.alternatives.push({ terms: [{ variants: [v] }], weight: 1, requireAll: true });
      }
      groups.push(group);
      i = m.end;
      continue;
    }
    const tok = tokens[i]!;
    const variants: TermVariant[] = [];
    const ex = exact(index, tok.term, tok.surface);
    if (ex) variants.push(ex);
    if (i === lastIndex && !tok.zh) variants.push(...prefixVariants(index, tok.surface, ex ? ex.term : -1));
    displayTerms.push(tok.surface);
    groups.push({
      text: tok.surface,
      alternatives: variants.length ? [{ terms: [{ variants }], weight: 1, requireAll: true }] : [],
      concepts: [],
      weight: typoPenalty[i]!,
    });
    i++;
  }
  return { tokens, groups, displayTerms: [...new Set(displayTerms)] };
}

/**
 * A synonym must not outscore the words the shopper used just because it is rarer in this
 * catalog (higher idf): each other alternative's terms are weighted down to the idf of the
 * group's first alternative (the typed words, or the direct translation).
 */
function capSynonymIdf(index: Bm25fIndex, group: PlanGroup): void {
  const first = group.alternatives[0];
  if (!first) return;
  let ref = 0;
  for (const t of first.terms) for (const v of t.variants) ref = Math.max(ref, index.idf[v.term]!);
  for (const alt of group.alternatives.slice(1)) {
    for (const t of alt.terms) {
      for (const v of t.variants) {
        const idf = index.idf[v.term]!;
        if (idf > ref && idf > 0) v.weight *= ref / idf;
      }
    }
  }
}

function isVariant(v: TermVariant | null): v is TermVariant {
  return v !== null;
}
