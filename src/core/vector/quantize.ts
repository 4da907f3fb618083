/**
 * int8 vector quantization with one scale per row: row i is stored as round(v / s_i) with
 * s_i = max|v| / 127, so each row uses its full int8 range. Cosine ranking survives this well
 * (top-10 recall ≥ 0.95 against exact float search, see tests), at a quarter of the memory.
 */
import { SouError } from '../types';

export interface QuantizedVectors {
  dims: number;
  count: number;
  /** count x dims, row-major. Row i belongs to product index i of the engine. */
  data: Int8Array;
  /** Per-row scale: value ≈ data[i*dims+j] * scales[i]. */
  scales: Float32Array;
}

/** Quantizes rows given either as separate arrays or as one row-major Float32Array. */
export function quantizeVectors(rows: readonly Float32Array[] | Float32Array, dims?: number): QuantizedVectors {
  let flat: Float32Array;
  let d: number;
  if (rows instanceof Float32Array) {
    if (!dims || rows.length % dims !== 0) throw new SouError('MODEL_LOAD', 'Vector data does not divide into rows of the given dimension; re-run the embedding step.');
    flat = rows;
    d = dims;
  } else {
    d = dims ?? rows[0]?.length ?? 0;
    flat = new Float32Array(rows.length * d);
    rows.forEach((r, i) => {
      if (r.length !== d) throw new SouError('MODEL_LOAD', `Vector ${i} has ${r.length} dimensions, expected ${d}; re-run the embedding step.`);
      flat.set(r, i * d);
    });
  }
  const count = d === 0 ? 0 : flat.length / d;
  const data = new Int8Array(count * d);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const off = i * d;
    let maxAbs = 0;
    for (let j = 0; j < d; j++) maxAbs = Math.max(maxAbs, Math.abs(flat[off + j]!));
    const s = maxAbs > 0 ? maxAbs / 127 : 1;
    scales[i] = s;
    for (let j = 0; j < d; j++) data[off + j] = Math.round(flat[off + j]! / s);
  }
  return { dims: d, count, data, scales };
}

/** The float value of one component, for checks and debugging. */
export function dequantizeRow(v: QuantizedVectors, row: number): Float32Array {
  const out = new Float32Array(v.dims);
  const s = v.scales[row]!;
  for (let j = 0; j < v.dims; j++) out[j] = v.data[row * v.dims + j]! * s;
  return out;
}

/** Unit-normalises a vector in place (zero vectors stay zero). */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}
