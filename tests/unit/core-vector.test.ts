import { describe, expect, it } from 'vitest';
import { dequantizeRow, normalizeInPlace, quantizeVectors } from '../../src/core/vector/quantize';
import { exactTopK, searchQuantized } from '../../src/core/vector/search';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function gaussian(r: () => number) {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}
function randomUnitRows(n: number, dims: number, seed: number): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => normalizeInPlace(Float32Array.from({ length: dims }, () => gaussian(r))));
}

describe('int8 quantization', () => {
  it('stores one scale per row and reconstructs values closely', () => {
    const rows = randomUnitRows(50, 64, 1);
    const q = quantizeVectors(rows);
    expect(q.dims).toBe(64);
    expect(q.count).toBe(50);
    expect(q.data).toBeInstanceOf(Int8Array);
    expect(q.scales.length).toBe(50);
    const back = dequantizeRow(q, 7);
    for (let j = 0; j < 64; j++) expect(Math.abs(back[j]! - rows[7]![j]!)).toBeLessThanOrEqual(q.scales[7]! / 2 + 1e-7);
  });

  it('quantized top-10 recall against the exact float reference is at least 0.95', () => {
    const dims = 100;
    const rows = randomUnitRows(5000, dims, 2);
    const q = quantizeVectors(rows);
    const queries = randomUnitRows(40, dims, 3);
    let found = 0;
    for (const query of queries) {
      const exact = new Set(exactTopK(rows, query, 10).rows);
      for (const r of searchQuantized(q, query, 10).rows) if (exact.has(r)) found++;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('honours an allowed-set and returns rows best first', () => {
    const rows = randomUnitRows(300, 32, 4);
    const q = quantizeVectors(rows);
    const allowed = new Uint8Array(300);
    for (let i = 0; i < 300; i += 3) allowed[i] = 1;
    const hits = searchQuantized(q, rows[30]!, 20, allowed);
    expect(hits.rows[0]).toBe(30);
    for (const r of hits.rows) expect(r % 3).toBe(0);
    for (let i = 1; i < hits.scores.length; i++) expect(hits.scores[i]!).toBeLessThanOrEqual(hits.scores[i - 1]!);
    const exact = exactTopK(rows, rows[30]!, 20, allowed);
    expect(exact.rows[0]).toBe(30);
  });
});
