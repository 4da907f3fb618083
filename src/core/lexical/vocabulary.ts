/**
 * The surface-word vocabulary of an index with two fast lookups:
 * - prefix: words starting with what the user has typed so far (binary search in a sorted list);
 * - typo: words within edit distance 1 (words of 4+ letters) or 2 (8+ letters), through a
 *   symmetric deletion neighbourhood. For every word, the 32-bit hashes of its deletion variants
 *   (1 deletion; up to 2 for long words) are computed directly — skipping characters while
 *   hashing, without building the variant strings — and kept with the word id in one sorted
 *   Float64Array (hash * 2^21 + id). A lookup hashes the query's own deletion variants and
 *   binary-searches them: no per-variant objects, 8 bytes a variant. Hash collisions and
 *   over-generous matches are harmless: candidates are verified with a real edit distance.
 */
import { boundedEditDistance } from './editDistance';

const ID_BITS = 2 ** 21;
const MAX_WORDS = ID_BITS - 1;

export function typoBudget(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** FNV-1a of `s` without the characters at positions skip1 and skip2 (-1 = none). */
function hashSkipping(s: string, skip1: number, skip2: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip1 || i === skip2) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Calls `emit` with the hash of the word and of each variant with up to `depth` deletions. */
function forEachVariantHash(word: string, depth: number, emit: (h: number) => void): void {
  emit(hashSkipping(word, -1, -1));
  for (let i = 0; i < word.length; i++) {
    // Deleting either of two equal neighbours gives the same variant: emit it once.
    if (i > 0 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue;
    emit(hashSkipping(word, i, -1));
    if (depth > 1) for (let j = i + 1; j < word.length; j++) emit(hashSkipping(word, i, j));
  }
}

export interface VocabularyMatch {
  /** Index into `words`. */
  word: number;
  distance: number;
}

export class Vocabulary {
  /** Surface words, sorted. */
  readonly words: string[];
  private readonly keys: Float64Array;

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)].sort();
    if (this.words.length > MAX_WORDS) this.words.length = MAX_WORDS;
    let total = 0;
    for (const w of this.words) {
      const b = typoAble(w) ? typoBudget(w.length) : 0;
      if (b > 0) total += 1 + w.length + (b > 1 ? (w.length * (w.length - 1)) / 2 : 0);
    }
    const keys = new Float64Array(total);
    let k = 0;
    this.words.forEach((w, id) => {
      const budget = typoAble(w) ? typoBudget(w.length) : 0;
      if (budget === 0) return;
      forEachVariantHash(w, budget, (h) => {
        keys[k++] = h * ID_BITS + id;
      });
    });
    this.keys = keys.subarray(0, k).sort();
  }

  indexOf(word: string): number {
    let lo = 0;
    let hi = this.words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = this.words[mid]!;
      if (w === word) return mid;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Word ids starting with `prefix`, in alphabetical order, at most `limit`. */
  withPrefix(prefix: string, limit: number): number[] {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.words.length && out.length < limit && this.words[i]!.startsWith(prefix); i++) out.push(i);
    return out;
  }

  /** Words within the typo budget of `word` (excluding the word itself), nearest first. */
  similar(word: string, budget = typoBudget(word.length)): VocabularyMatch[] {
    if (budget === 0) return [];
    const seen = new Set<number>();
    const out: VocabularyMatch[] = [];
    forEachVariantHash(word, budget, (hash) => {
      const h = hash * ID_BITS;
      let lo = 0;
      let hi = this.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.keys[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.keys.length && this.keys[i]! < h + ID_BITS; i++) {
        const id = this.keys[i]! - h;
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = this.words[id]!;
        if (candidate === word) continue;
        // The shorter word decides the budget: "tee" is never a typo of "tea".
        const limit = Math.min(budget, typoBudget(candidate.length));
        if (limit === 0) continue;
        const d = boundedEditDistance(word, candidate, limit);
        if (d <= limit) out.push({ word: id, distance: d });
      }
    });
    out.sort((a, b) => a.distance - b.distance || a.word - b.word);
    return out;
  }
}

function typoAble(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}
