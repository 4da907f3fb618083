/**
 * The embed backend behind workers/embed.worker.ts: loads the best installed text encoder,
 * embeds queries, and embeds the stored catalog in the background, chunk by chunk, writing
 * quantized vectors to IndexedDB so the work resumes after a reload.
 *
 * The encoder is injected (the worker passes the transformers.js one), so this module never pulls
 * transformers.js into a bundle by itself and tests can use a small deterministic encoder.
 */
import type { Product } from '../core/types';
import { readCatalog, readCatalogMeta } from '../storage/catalogStore';
import { getDb } from '../storage/db';
import { VECTOR_CHUNK_ROWS, storedChunkStarts, writeVectorChunk, type QuantizedRows } from '../storage/vectorStore';
import type { EmbedBackend, EmbedProgress, EncoderInfo, ModelProgress } from './types';

export interface Encoder {
  id: string;
  dims: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface EmbedServiceDeps {
  loadEncoder(
    onProgress: (p: ModelProgress) => void,
  ): Promise<{ encoder: Encoder; kind: EncoderInfo['kind']; fallbackFrom?: EncoderInfo['fallbackFrom'] }>;
  embeddingText(p: Product): string;
  quantize(vectors: Float32Array[]): QuantizedRows;
  /** Texts per encoder call during catalog embedding; queries can run between calls. */
  batchSize?: number;
}

/**
 * Serialises encoder calls (ONNX sessions must not run concurrently) and lets queries jump ahead
 * of queued catalog batches, so typing stays responsive while the catalog is being embedded.
 */
class EncoderLock {
  private busy = false;
  private urgent: Array<() => void> = [];
  private background: Array<() => void> = [];

  async run<T>(urgent: boolean, task: () => Promise<T>): Promise<T> {
    if (this.busy) await new Promise<void>((r) => (urgent ? this.urgent : this.background).push(r));
    this.busy = true;
    try {
      return await task();
    } finally {
      const next = this.urgent.shift() ?? this.background.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

export function createEmbedService(deps: EmbedServiceDeps): EmbedBackend {
  let loading: Promise<{ encoder: Encoder; info: EncoderInfo }> | null = null;
  const lock = new EncoderLock();
  let running: Promise<EmbedProgress> | null = null;
  const files = new Map<string, { loaded: number; total: number }>();

  function load(onProgress?: (p: ModelProgress) => void) {
    loading ??= deps
      .loadEncoder((p) => {
        // Sum over files, so the bar moves smoothly across a multi-file model download.
        if (p.file) files.set(p.file, { loaded: p.loaded, total: Math.max(p.total, files.get(p.file)?.total ?? 0) });
        let loaded = 0;
        let total = 0;
        for (const f of files.values()) {
          loaded += f.loaded;
          total += f.total;
        }
        onProgress?.({ ...p, loaded, total });
      })
      .then(({ encoder, kind, fallbackFrom }) => ({
        encoder,
        info: { id: encoder.id, dims: encoder.dims, kind, ...(fallbackFrom ? { fallbackFrom } : {}) },
      }));
    loading.catch(() => {
      loading = null; // a later call may try again (e.g. after the model was installed)
    });
    return loading;
  }

  async function embedAll(onProgress?: (p: EmbedProgress) => void): Promise<EmbedProgress> {
    const { encoder } = await load();
    const catalog = await readCatalog();
    if (!catalog) return { done: 0, total: 0 };
    const { fingerprint } = catalog.meta;
    const products = catalog.products;
    const total = products.length;
    const have = await storedChunkStarts(encoder.id, fingerprint);
    let done = 0;
    for (const start of have) done += Math.min(VECTOR_CHUNK_ROWS, total - start);
    onProgress?.({ done, total });
    const batch = Math.max(1, deps.batchSize ?? 16);
    for (let start = 0; start < total; start += VECTOR_CHUNK_ROWS) {
      if (have.has(start)) continue;
      // Another import may have replaced the catalog meanwhile: stop, its own run will follow.
      if ((await readCatalogMeta())?.fingerprint !== fingerprint) return { done, total };
      const rows = products.slice(start, start + VECTOR_CHUNK_ROWS);
      const vectors: Float32Array[] = [];
      for (let i = 0; i < rows.length; i += batch) {
        const texts = rows.slice(i, i + batch).map(deps.embeddingText);
        vectors.push(...(await lock.run(false, () => encoder.embed(texts))));
      }
      const q = deps.quantize(vectors);
      await writeVectorChunk(
        {
          encoderId: encoder.id,
          fingerprint,
          start,
          count: rows.length,
          dims: q.dims,
          data: q.data,
          scales: q.scales,
          ids: rows.map((p) => p.id),
        },
        getDb(),
      );
      done += rows.length;
      onProgress?.({ done, total });
    }
    return { done, total };
  }

  return {
    async load(onProgress?: (p: ModelProgress) => void): Promise<EncoderInfo> {
      return (await load(onProgress)).info;
    },

    async embedQuery(text: string): Promise<Float32Array> {
      const { encoder } = await load();
      const [v] = await lock.run(true, () => encoder.embed([text]));
      return v;
    },

    embedCatalog(onProgress?: (p: EmbedProgress) => void): Promise<EmbedProgress> {
      // One run at a time; a second caller waits for it and then checks for what is left.
      const previous = running ?? Promise.resolve(null);
      const next = previous.catch(() => null).then(() => embedAll(onProgress));
      running = next;
      return next;
    },
  };
}
