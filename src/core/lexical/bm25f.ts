/**
 * BM25F inverted index over weighted fields (title, category path, colour, brand, description,
 * Chinese title/description, reviews...).
 *
 * BM25F combines a term's per-field frequencies, each length-normalised with its own b and
 * weighted by the field's boost, into one pseudo frequency, and saturates that once with k1.
 * Because none of that depends on the query, each posting stores its final saturated impact;
 * a query only multiplies by idf and adds. Postings are flat typed arrays (CSR layout):
 * `offsets[t]..offsets[t+1]` index `docs` (ascending) and `impacts`.
 *
 * A second, unweighted posting list ("key postings") covers only the key fields (title and
 * category): the ranker uses it to tell whether an item *is* a hoodie / for men, rather than
 * merely mentioning one in its description.
 */
import type { Token } from '../text/tokenize';
import { Vocabulary } from './vocabulary';

export interface FieldSpec {
  name: string;
  /** Boost of a term occurrence in this field. */
  weight: number;
  /** Length normalisation strength, 0..1. */
  b: number;
  /** Key fields say what the item is (title, category); see `keyDocs`. */
  key?: boolean;
}

export interface Bm25fOptions {
  k1?: number;
}

class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

export class Bm25fIndex {
  readonly docCount: number;
  readonly terms: string[];
  private readonly termIds: Map<string, number>;
  readonly idf: Float32Array;
  readonly offsets: Int32Array;
  readonly docs: Int32Array;
  readonly impacts: Float32Array;
  readonly keyOffsets: Int32Array;
  readonly keyDocsList: Int32Array;
  /** Surface words (unstemmed, English only) for prefix and typo lookups. */
  readonly vocabulary: Vocabulary;
  /** Vocabulary word id -> term id. */
  readonly surfaceTerm: Int32Array;

  private constructor(init: {
    docCount: number; terms: string[]; termIds: Map<string, number>; idf: Float32Array;
    offsets: Int32Array; docs: Int32Array; impacts: Float32Array; keyOffsets: Int32Array;
    keyDocsList: Int32Array; vocabulary: Vocabulary; surfaceTerm: Int32Array;
  }) {
    this.docCount = init.docCount;
    this.terms = init.terms;
    this.termIds = init.termIds;
    this.idf = init.idf;
    this.offsets = init.offsets;
    this.docs = init.docs;
    this.impacts = init.impacts;
    this.keyOffsets = init.keyOffsets;
    this.keyDocsList = init.keyDocsList;
    this.vocabulary = init.vocabulary;
    this.surfaceTerm = init.surfaceTerm;
  }

  /**
   * @param fieldTexts fieldTexts(doc, field) returns the text of one field of one document.
   */
  static build(
    docCount: number,
    fields: readonly FieldSpec[],
    fieldText: (doc: number, field: number) => string,
    tokenizer: (text: string) => Token[],
    options: Bm25fOptions = {},
  ): Bm25fIndex {
    const k1 = options.k1 ?? 1.2;
    const F = fields.length;
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const surfaces = new Map<string, number>();
    const tokens = new GrowableInt32(1 << 16);
    const fieldLen = new Int32Array(docCount * F);
    const fieldTotal = new Float64Array(F);

    // Pass 1: tokenize every field once, keep term ids and lengths.
    for (let d = 0; d < docCount; d++) {
      for (let f = 0; f < F; f++) {
        const text = fieldText(d, f);
        if (!text) continue;
        const toks = tokenizer(text);
        for (const t of toks) {
          let id = termIds.get(t.term);
          if (id === undefined) {
            id = terms.length;
            terms.push(t.term);
            termIds.set(t.term, id);
          }
          tokens.push(id);
          if (!t.zh && !surfaces.has(t.surface)) surfaces.set(t.surface, id);
        }
        fieldLen[d * F + f] = toks.length;
        fieldTotal[f] += toks.length;
      }
    }
    const avgLen = Array.from(fieldTotal, (t) => Math.max(1, t / Math.max(1, docCount)));

    // Pass 2: per document, BM25F pseudo frequency per term -> saturated impact.
    const T = terms.length;
    const tf = new Float32Array(T);
    const inKey = new Uint8Array(T);
    const touched = new Int32Array(T);
    const total = tokens.length;
    const postTerm = new Int32Array(total);
    const postDoc = new Int32Array(total);
    const postImpact = new Float32Array(total);
    const keyTerm = new Int32Array(total);
    const keyDoc = new Int32Array(total);
    const df = new Int32Array(T);
    const keyDf = new Int32Array(T);
    let P = 0;
    let K = 0;
    let pos = 0;
    const tok = tokens.data;
    for (let d = 0; d < docCount; d++) {
      let nTouched = 0;
      for (let f = 0; f < F; f++) {
        const len = fieldLen[d * F + f]!;
        if (len === 0) continue;
        const spec = fields[f]!;
        const w = spec.weight / (1 - spec.b + (spec.b * len) / avgLen[f]!);
        for (let i = 0; i < len; i++) {
          const t = tok[pos++]!;
          if (tf[t] === 0 && inKey[t] === 0) touched[nTouched++] = t;
          tf[t] += w;
          if (spec.key) inKey[t] = 1;
        }
      }
      for (let i = 0; i < nTouched; i++) {
        const t = touched[i]!;
        const x = tf[t]!;
        if (x > 0) {
          postTerm[P] = t;
          postDoc[P] = d;
          postImpact[P] = (x * (k1 + 1)) / (k1 + x);
          df[t]++;
          P++;
        }
        if (inKey[t]) {
          keyTerm[K] = t;
          keyDoc[K] = d;
          keyDf[t]++;
          K++;
        }
        tf[t] = 0;
        inKey[t] = 0;
      }
    }

    // Counting sort by term; documents stay ascending inside a term.
    const offsets = new Int32Array(T + 1);
    for (let t = 0; t < T; t++) offsets[t + 1] = offsets[t]! + df[t]!;
    const fill = offsets.slice(0, T);
    const docs = new Int32Array(P);
    const impacts = new Float32Array(P);
    for (let i = 0; i < P; i++) {
      const at = fill[postTerm[i]!]!++;
      docs[at] = postDoc[i]!;
      impacts[at] = postImpact[i]!;
    }
    const keyOffsets = new Int32Array(T + 1);
    for (let t = 0; t < T; t++) keyOffsets[t + 1] = keyOffsets[t]! + keyDf[t]!;
    const keyFill = keyOffsets.slice(0, T);
    const keyDocsList = new Int32Array(K);
    for (let i = 0; i < K; i++) keyDocsList[keyFill[keyTerm[i]!]!++] = keyDoc[i]!;

    const idf = new Float32Array(T);
    for (let t = 0; t < T; t++) idf[t] = Math.log(1 + (docCount - df[t]! + 0.5) / (df[t]! + 0.5));

    const vocabulary = new Vocabulary(surfaces.keys());
    const surfaceTerm = new Int32Array(vocabulary.words.length);
    vocabulary.words.forEach((w, i) => (surfaceTerm[i] = surfaces.get(w)!));

    return new Bm25fIndex({
      docCount, terms, termIds, idf, offsets, docs, impacts, keyOffsets, keyDocsList, vocabulary, surfaceTerm,
    });
  }

  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  docFrequency(termId: number): number {
    return termId < 0 ? 0 : this.offsets[termId + 1]! - this.offsets[termId]!;
  }

  /** Whether `doc` contains the term in any field (binary search in its postings). */
  contains(termId: number, doc: number): boolean {
    return termId >= 0 && binarySearch(this.docs, this.offsets[termId]!, this.offsets[termId + 1]!, doc);
  }

  /** Whether `doc` has the term in a key field (title or category). */
  containsInKey(termId: number, doc: number): boolean {
    return termId >= 0 && binarySearch(this.keyDocsList, this.keyOffsets[termId]!, this.keyOffsets[termId + 1]!, doc);
  }

  /** Key postings of a term: documents that have it in title or category. */
  keyDocs(termId: number): Int32Array {
    if (termId < 0) return new Int32Array(0);
    return this.keyDocsList.subarray(this.keyOffsets[termId]!, this.keyOffsets[termId + 1]!);
  }
}

function binarySearch(arr: Int32Array, lo: number, hi: number, value: number): boolean {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = arr[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
