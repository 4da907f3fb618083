/**
 * Brute-force top-k vector search. The quantized search scores every row (optionally only rows
 * allowed by a filter mask) with an int8 x float dot product and the row's scale, into a reusable
 * score buffer; the top k are kept in a small fixed-size min-heap. No per-row allocation.
 * `exactTopK` is the float reference the tests compare against.
 */
import type { QuantizedVectors } from './quantize';
import { TopK, type VectorHits } from './topk';

export type { VectorHits } from './topk';
/**
 * Dot products of `query` with every row (cosine when rows and query are unit length), written
 * into `out` (length ≥ count). Rows with allowed[row] === 0 get -Infinity.
 */
export function scoreAllQuantized(v: QuantizedVectors, query: Float32Array, out: Float32Array, allowed?: Uint8Array | null): void {
  const { dims, count, data, scales } = v;
  for (let i = 0; i < count; i++) {
    if (allowed && allowed[i] === 0) {
      out[i] = -Infinity;
      continue;
    }
    let s = 0;
    let off = i * dims;
    let j = 0;
    for (; j + 3 < dims; j += 4, off += 4) {
      s += data[off]! * query[j]! + data[off + 1]! * query[j + 1]! + data[off + 2]! * query[j + 2]! + data[off + 3]! * query[j + 3]!;
    }
    for (; j < dims; j++, off++) s += data[off]! * query[j]!;
    out[i] = s * scales[i]!;
  }
}

/** Top-k rows of quantized vectors by dot product with `query`. */
export function searchQuantized(
  v: QuantizedVectors,
  query: Float32Array,
  k: number,
  allowed?: Uint8Array | null,
  scratch?: Float32Array,
): VectorHits {
  const scores = scratch && scratch.length >= v.count ? scratch : new Float32Array(v.count);
  scoreAllQuantized(v, query, scores, allowed);
  const top = new TopK(Math.min(k, v.count));
  for (let i = 0; i < v.count; i++) {
    const s = scores[i]!;
    if (s !== -Infinity) top.offer(i, s);
  }
  return top.result();
}

/** Exact float reference: top-k rows by dot product. */
export function exactTopK(rows: readonly Float32Array[], query: Float32Array, k: number, allowed?: Uint8Array | null): VectorHits {
  const top = new TopK(Math.min(k, rows.length));
  rows.forEach((r, i) => {
    if (allowed && allowed[i] === 0) return;
    let s = 0;
    for (let j = 0; j < r.length; j++) s += r[j]! * query[j]!;
    top.offer(i, s);
  });
  return top.result();
}
