/**
 * Deterministic synthetic scale-up of a real catalog for benchmarks. Plain TypeScript (no Node or
 * DOM APIs): the Node benchmark and the browser bench page build byte-identical catalogs.
 *
 * Copy k of base item i gets: id `<id>~<k>`, a brand-like prefix word and a model number in the
 * title (so the vocabulary grows with the catalog, as a real one does), a colour swapped for
 * another from the palette for about a third of the copies, and the price scaled by 0.7–1.4.
 * Vectors: the base item's real embedding plus Gaussian noise (σ per dimension), renormalised —
 * near-duplicates of real items, like variants in a real catalog.
 */
import type { Product } from '../../src/core/types';

/** Small fast seeded PRNG. */
import { seededRandom as prng } from '../../src/core/random';

export { prng };

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const PREFIXES = [
  'Nordic', 'Urban', 'Coastal', 'Alpine', 'Studio', 'Metro', 'Harbor', 'Summit', 'Prairie', 'Canyon',
  'Aurora', 'Meridian', 'Cobalt', 'Juniper', 'Willow', 'Granite', 'Solstice', 'Tundra', 'Lagoon', 'Ember',
  'Pioneer', 'Horizon', 'Vista', 'Quarry', 'Orchard', 'Drift', 'Beacon', 'Falcon', 'Cedar', 'Atlas',
];
const COLORS = ['Black', 'White', 'Gray', 'Navy', 'Blue', 'Red', 'Green', 'Olive', 'Beige', 'Brown', 'Pink', 'Purple', 'Yellow', 'Orange', 'Teal'];

/** `n` products made from `base` (the first base.length are the originals, unchanged). */
export function scaleCatalog(base: readonly Product[], n: number, seed = 1): Product[] {
  const rand = prng(seed);
  const out: Product[] = [];
  for (let j = 0; j < n; j++) {
    const original = base[j % base.length]!;
    const copy = Math.floor(j / base.length);
    if (copy === 0) {
      out.push(original);
      continue;
    }
    const prefix = PREFIXES[Math.floor(rand() * PREFIXES.length)]!;
    const model = 100 + Math.floor(rand() * 900);
    let color = original.color;
    let title = `${prefix} ${original.title} ${model}`;
    if (original.color && rand() < 0.35) {
      const next = COLORS[Math.floor(rand() * COLORS.length)]!;
      title = title.split(original.color).join(next);
      color = next;
    }
    const price = Math.round(original.price * (0.7 + rand() * 0.7) * 100) / 100;
    out.push({ ...original, id: `${original.id}~${copy}`, group: original.group ? `${original.group}~${copy}` : undefined, title, color, price });
  }
  return out;
}

/** `n` unit vectors: base vector (j mod base) plus N(0, sigma²) noise per dimension, renormalised. */
export function scaleVectors(base: readonly Float32Array[], n: number, sigma = 0.05, seed = 2): Float32Array[] {
  const rand = prng(seed);
  const dims = base[0]!.length;
  const out: Float32Array[] = [];
  for (let j = 0; j < n; j++) {
    const src = base[j % base.length]!;
    const v = new Float32Array(dims);
    const noisy = j >= base.length;
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      v[d] = src[d]! + (noisy ? sigma * gaussian(rand) : 0);
      norm += v[d]! * v[d]!;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) v[d] = v[d]! / norm;
    out.push(v);
  }
  return out;
}

/** Seeded random unit vectors (used when no encoder could embed the base catalog). */
export function randomUnitVectors(n: number, dims: number, seed = 3): Float32Array[] {
  const rand = prng(seed);
  const out: Float32Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float32Array(dims);
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      v[d] = gaussian(rand);
      norm += v[d]! * v[d]!;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) v[d] = v[d]! / norm;
    out.push(v);
  }
  return out;
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface LatencyStats {
  queries: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

export function latencyStats(ms: readonly number[]): LatencyStats {
  return {
    queries: ms.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    mean: ms.reduce((a, b) => a + b, 0) / ms.length,
    max: Math.max(...ms),
  };
}

/** What the Node side hands to the browser bench page. */
export interface BenchData {
  baseSource: string;
  vectorSource: string;
  products: Product[];
  /** Base vectors, one array per product, as plain number arrays (JSON). */
  vectors: number[][];
  queries: string[];
  queryVectors: number[][];
  sizes: number[];
  sigma: number;
  warmup: number;
  storeSize: number;
}
