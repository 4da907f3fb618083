/**
 * Quantized catalog vectors, stored per (encoder, catalog fingerprint) in fixed-size chunks.
 * Embedding writes one chunk at a time, so a reload resumes at the first missing chunk.
 */
import { getDb, storageError, type SouDatabase, type VectorChunkRow } from './db';

/** Rows per stored chunk: small enough to make resumption cheap, large enough to batch writes. */
export const VECTOR_CHUNK_ROWS = 128;

/** Same shape as the core's `QuantizedVectors` (src/core/vector/quantize.ts). */
export interface QuantizedRows {
  dims: number;
  count: number;
  data: Int8Array;
  scales: Float32Array;
}

export interface VectorProgress {
  done: number;
  total: number;
}

export async function writeVectorChunk(chunk: VectorChunkRow, db: SouDatabase = getDb()): Promise<void> {
  try {
    await db.vectors.put(chunk);
  } catch (err) {
    throw storageError(err, 'saving catalog vectors');
  }
}

/** Start rows of the chunks already stored for this encoder and catalog. */
export async function storedChunkStarts(
  encoderId: string,
  fingerprint: string,
  db: SouDatabase = getDb(),
): Promise<Set<number>> {
  const keys = await db.vectors.where('[encoderId+fingerprint]').equals([encoderId, fingerprint]).primaryKeys();
  return new Set(keys.map((k) => k[2]));
}

export async function vectorProgress(
  encoderId: string,
  fingerprint: string,
  total: number,
  db: SouDatabase = getDb(),
): Promise<VectorProgress> {
  const chunks = await db.vectors.where('[encoderId+fingerprint]').equals([encoderId, fingerprint]).toArray();
  return { done: Math.min(total, chunks.reduce((n, c) => n + c.count, 0)), total };
}

/**
 * All vectors of the catalog as one matrix in product order, or null if any row is missing or
 * belongs to another product (the catalog changed under the vectors).
 */
export async function loadVectors(
  encoderId: string,
  fingerprint: string,
  productIds: readonly string[],
  db: SouDatabase = getDb(),
): Promise<QuantizedRows | null> {
  const chunks = await db.vectors.where('[encoderId+fingerprint]').equals([encoderId, fingerprint]).sortBy('start');
  if (chunks.length === 0) return null;
  const dims = chunks[0].dims;
  const count = productIds.length;
  const data = new Int8Array(count * dims);
  const scales = new Float32Array(count);
  let covered = 0;
  for (const c of chunks) {
    if (c.dims !== dims || c.start + c.count > count) return null;
    for (let r = 0; r < c.count; r++) if (c.ids[r] !== productIds[c.start + r]) return null;
    data.set(c.data.subarray(0, c.count * dims), c.start * dims);
    scales.set(c.scales.subarray(0, c.count), c.start);
    covered += c.count;
  }
  return covered === count ? { dims, count, data, scales } : null;
}

/** Encoders whose vectors are stored for this catalog (most recently written first is not kept). */
export async function encodersWithVectors(fingerprint: string, db: SouDatabase = getDb()): Promise<string[]> {
  const ids = new Set<string>();
  await db.vectors.each((c) => {
    if (c.fingerprint === fingerprint) ids.add(c.encoderId);
  });
  return [...ids];
}
