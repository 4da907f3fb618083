/**
 * Browser side of `npm run bench`: the same search core, storage code and synthetic catalog as
 * the Node run, measured in real Chromium. No DOM: it runs in a Web Worker (bench.worker.ts), as
 * the app's search does, and on the page only to read the JS heap (not exposed in workers).
 */
import { catalogFingerprint } from '../../../src/core/catalog/fingerprint';
import type { SearchEngine } from '../../../src/core/search/engine';
import { SearchEngine as Engine } from '../../../src/core/search/engine';
import { quantizeVectors } from '../../../src/core/vector/quantize';
import { readCatalog, replaceCatalog } from '../../../src/storage/catalogStore';
import { SouDatabase } from '../../../src/storage/db';
import { loadVectors, VECTOR_CHUNK_ROWS, writeVectorChunk } from '../../../src/storage/vectorStore';
import { BENCH_ENCODER_ID, buildScaledEngine, measureHybrid } from '../measure';
import { scaleCatalog, scaleVectors, type BenchData, type LatencyStats } from '../synth';

interface MemoryInfo {
  usedJSHeapSize: number;
}

let data: BenchData | null = null;
let baseVectors: Float32Array[] = [];
let queryVectors: Float32Array[] = [];
let kept: SearchEngine | null = null;

async function ensureData(): Promise<BenchData> {
  if (data) return data;
  const response = await fetch('/bench-data.json');
  data = (await response.json()) as BenchData;
  baseVectors = data.vectors.map((v) => Float32Array.from(v));
  queryVectors = data.queryVectors.map((v) => Float32Array.from(v));
  return data;
}

function usedHeap(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Without a collection the number would include the synthesis garbage: report nothing instead.
  if (!gc) return null;
  gc();
  const memory = (performance as Performance & { memory?: MemoryInfo }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

export interface LatencyResult {
  n: number;
  buildMs: number;
  stats: LatencyStats;
  heapBytes: number | null;
}

export async function latency(n: number, runs: number): Promise<LatencyResult> {
  const d = await ensureData();
  kept = null;
  const before = usedHeap();
  const scaled = buildScaledEngine(d.products, baseVectors, n, d.sigma);
  kept = scaled.engine;
  const stats = measureHybrid(scaled.engine, d.queries, queryVectors, runs, d.warmup);
  const after = usedHeap();
  return { n, buildMs: scaled.buildMs, stats, heapBytes: before !== null && after !== null ? after - before : null };
}

const DB_NAME = 'sou-bench';

/** Stores n synthetic items + their quantized vectors exactly as the app does (one catalog transaction, vector chunks). */
export async function store(n: number): Promise<{ n: number; storeMs: number }> {
  const d = await ensureData();
  kept = null;
  const products = scaleCatalog(d.products, n);
  const vectors = quantizeVectors(scaleVectors(baseVectors, n, d.sigma));
  const fingerprint = catalogFingerprint(products);
  await new SouDatabase(DB_NAME).delete();
  const db = new SouDatabase(DB_NAME);
  const t0 = performance.now();
  await replaceCatalog({ meta: { fingerprint, source: 'builtin', label: `bench ${n}`, counts: { products: n, images: 0, issues: 0 }, importedAt: Date.now() }, products }, db);
  for (let start = 0; start < n; start += VECTOR_CHUNK_ROWS) {
    const count = Math.min(VECTOR_CHUNK_ROWS, n - start);
    await writeVectorChunk(
      {
        encoderId: BENCH_ENCODER_ID,
        fingerprint,
        start,
        count,
        dims: vectors.dims,
        data: vectors.data.slice(start * vectors.dims, (start + count) * vectors.dims),
        scales: vectors.scales.slice(start, start + count),
        ids: products.slice(start, start + count).map((p) => p.id),
      },
      db,
    );
  }
  const storeMs = performance.now() - t0;
  db.close();
  return { n, storeMs };
}

/** Start-up path after a reload: read catalog + vectors from IndexedDB, build the engine, first query. */
export async function load(): Promise<{ n: number; readMs: number; buildMs: number; firstQueryMs: number; totalMs: number }> {
  const d = await ensureData();
  const db = new SouDatabase(DB_NAME);
  const t0 = performance.now();
  const catalog = await readCatalog(db);
  if (!catalog) throw new Error('nothing stored: run store(n) first');
  const vectors = await loadVectors(BENCH_ENCODER_ID, catalog.meta.fingerprint, catalog.products.map((p) => p.id), db);
  if (!vectors) throw new Error('stored vectors do not match the stored catalog');
  const t1 = performance.now();
  const engine = Engine.build(catalog.products);
  engine.setVectors(BENCH_ENCODER_ID, vectors);
  const t2 = performance.now();
  engine.search({ query: d.queries[0]!, queryVector: queryVectors[0]!, mode: 'hybrid', limit: 20 });
  const t3 = performance.now();
  db.close();
  return { n: catalog.products.length, readMs: t1 - t0, buildMs: t2 - t1, firstQueryMs: t3 - t2, totalMs: t3 - t0 };
}

