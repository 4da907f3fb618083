/**
 * Benchmark steps shared by Node and the browser bench page (no Node or DOM APIs here).
 */
import { SearchEngine } from '../../src/core/search/engine';
import type { Product } from '../../src/core/types';
import { quantizeVectors } from '../../src/core/vector/quantize';
import { latencyStats, scaleCatalog, scaleVectors, type LatencyStats } from './synth';

export const BENCH_ENCODER_ID = 'bench/precomputed';

export interface ScaledEngine {
  engine: SearchEngine;
  products: Product[];
  /** SearchEngine.build + quantize + setVectors, ms. */
  buildMs: number;
  /** Synthesising the catalog and vectors (not part of the app's work), ms. */
  synthMs: number;
}

export function buildScaledEngine(base: readonly Product[], baseVectors: readonly Float32Array[], n: number, sigma: number): ScaledEngine {
  const s0 = performance.now();
  const products = scaleCatalog(base, n);
  const vectors = scaleVectors(baseVectors, n, sigma);
  const s1 = performance.now();
  const engine = SearchEngine.build(products);
  engine.setVectors(BENCH_ENCODER_ID, quantizeVectors(vectors));
  const s2 = performance.now();
  return { engine, products, buildMs: s2 - s1, synthMs: s1 - s0 };
}

/**
 * Full hybrid query latency (lexical + vector + fusion + facets), with precomputed query
 * vectors: the encoder's time is not included. Queries run round-robin after `warmup` untimed runs.
 */
export function measureHybrid(engine: SearchEngine, queries: readonly string[], queryVectors: readonly Float32Array[], runs: number, warmup: number): LatencyStats {
  for (let i = 0; i < warmup; i++) {
    engine.search({ query: queries[i % queries.length]!, queryVector: queryVectors[i % queries.length]!, mode: 'hybrid', limit: 20 });
  }
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = i % queries.length;
    const t0 = performance.now();
    const response = engine.search({ query: queries[q]!, queryVector: queryVectors[q]!, mode: 'hybrid', limit: 20 });
    ms.push(performance.now() - t0);
    if (response.total < 0) throw new Error('unreachable');
  }
  return latencyStats(ms);
}
