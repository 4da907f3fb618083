/**
 * The photo worker's logic, written against small dependencies (image loading, the CNN, the
 * database) so it runs unchanged in the worker, in Node tests and in benchmarks.
 *
 * - `setCatalog` loads whatever descriptors earlier sessions stored for this catalog;
 * - `indexCatalog` describes the remaining catalog images in chunks, storing each chunk, so
 *   a reload resumes where it stopped; progress is reported per chunk;
 * - `searchPhoto` decodes, crops, checks and describes the shopper's photo and ranks the indexed
 *   items. The photo itself is never stored: only its descriptor is kept in memory, for `refine`.
 */
import { crop, type Raster } from '../core/image/raster';
import { describeImage, describePhoto, type ImageDescriptor, type PhotoRole } from '../core/image/descriptor';
import { preparePhotoCatalog, rankByPhoto, type PhotoEntry } from '../core/image/matcher';
import { SouError } from '../core/types';
import { catalogKey, descriptorKey, DESCRIPTOR_VERSION, fromRow, photoStorageError, toRow, type PhotoDatabase } from './store';
import type { PhotoCatalogItem, PhotoIndexProgress, PhotoSearchOptions, PhotoSearchResult, PhotoStatus } from './types';

export interface CnnFeatures {
  features(r: Raster): Promise<Float32Array>;
}

export interface PhotoServiceDeps {
  db: PhotoDatabase | null;
  /** Loads a catalog image (URL or imported-image key) as pixels. */
  loadImage(ref: string): Promise<Raster>;
  /** Decodes the shopper's photo file. */
  decodePhoto(blob: Blob): Promise<Raster>;
  /** The photo CNN; resolves null when not installed, throws SouError on a bad file. */
  loadCnn(): Promise<CnnFeatures | null>;
  now?(): number;
}

/**
 * Below this fused score the best match is unlikely to be the pictured item: say "no close match".
 * On the 129 Luma dev photos the best match always scored ≥ 3.99 (median 5.8). Non-product pictures
 * (sky, wood) can still score higher: this flags poor photos, it does not detect "no product".
 */
export const WEAK_MATCH_SCORE = 3.5;
const CHUNK = 16;

export function createPhotoService(deps: PhotoServiceDeps) {
  const now = deps.now ?? (() => performance.now());
  let items: PhotoCatalogItem[] = [];
  let key = '';
  const descriptors = new Map<string, ImageDescriptor>();
  let cnn: CnnFeatures | null = null;
  let cnnState: PhotoStatus['cnn'] = 'unknown';
  let cnnMessage: string | undefined;
  let cnnLoading: Promise<void> | null = null;
  let lastQuery: ImageDescriptor | null = null;
  let indexing: Promise<void> | null = null;

  function ensureCnn(): Promise<void> {
    if (!cnnLoading) {
      cnnLoading = deps
        .loadCnn()
        .then((c) => {
          cnn = c;
          cnnState = c ? 'ready' : 'missing';
          if (!c) cnnMessage = 'The photo model is not installed: matching uses colour and shape only.';
        })
        .catch((err: unknown) => {
          cnn = null;
          cnnState = 'error';
          cnnMessage = err instanceof SouError ? err.message : `The photo model failed to load (${(err as Error)?.message}); matching uses colour and shape only.`;
        });
    }
    return cnnLoading;
  }

  async function describe(r: Raster, role: PhotoRole): Promise<ImageDescriptor> {
    const net = cnn;
    if (net) {
      try {
        return await describePhoto(r, role, (view) => net.features(view));
      } catch (err) {
        // A runtime failure of the net must not break photo search: drop to colour + shape.
        cnn = null;
        cnnState = 'error';
        cnnMessage = `The photo model stopped working (${(err as Error)?.message}); matching uses colour and shape only.`;
      }
    }
    return describeImage(r);
  }

  function entries(): PhotoEntry[] {
    const out: PhotoEntry[] = [];
    for (const it of items) {
      const d = descriptors.get(it.id);
      if (d) out.push({ id: it.id, group: it.group, color: it.color, category: it.category, text: it.title, descriptor: d });
    }
    return out;
  }

  function status(): PhotoStatus {
    return { indexed: descriptors.size, total: items.length, cnn: cnnState, cnnMessage, clip: 'off', clipIndexed: 0 };
  }

  async function setCatalog(list: PhotoCatalogItem[]): Promise<PhotoStatus> {
    items = list.filter((p) => p.image);
    key = catalogKey(items);
    descriptors.clear();
    lastQuery = null;
    await ensureCnn();
    if (deps.db) {
      try {
        const rows = await deps.db.descriptors.bulkGet(items.map((p) => descriptorKey(p.id, p.image)));
        rows.forEach((r) => {
          // Rows from an older descriptor version, or without CNN features while the CNN is
          // available, are recomputed by the next indexCatalog.
          if (!r || r.version !== DESCRIPTOR_VERSION || (cnn && !r.cnn)) return;
          descriptors.set(r.id, fromRow(r));
        });
      } catch (err) {
        throw photoStorageError(err, 'reading the photo index');
      }
    }
    return status();
  }

  async function indexCatalog(onProgress?: (p: PhotoIndexProgress) => void, signal?: { aborted: boolean }): Promise<PhotoStatus> {
    if (indexing) {
      await indexing;
      return status();
    }
    const run = async () => {
      await ensureCnn();
      const todo = items.filter((p) => !descriptors.has(p.id));
      const total = items.length;
      let failed = 0;
      onProgress?.({ kind: 'descriptors', done: total - todo.length, total, failed });
      for (let i = 0; i < todo.length; i += CHUNK) {
        if (signal?.aborted) break;
        const chunk = todo.slice(i, i + CHUNK);
        const rows = [];
        for (const it of chunk) {
          try {
            const d = await describe(await deps.loadImage(it.image), 'catalog');
            descriptors.set(it.id, d);
            rows.push(toRow(key, it.id, it.image, d));
          } catch {
            failed++;
          }
        }
        if (deps.db && rows.length) {
          try {
            await deps.db.descriptors.bulkPut(rows);
            await deps.db.progress.put({ task: `descriptors|${key}`, done: descriptors.size, total, updatedAt: Date.now() });
          } catch (err) {
            // Keep indexing in memory; report the storage problem once at the end.
            deps.db = null;
            onProgress?.({ kind: 'descriptors', done: descriptors.size + failed, total, failed });
            throw photoStorageError(err, 'saving the photo index');
          }
        }
        onProgress?.({ kind: 'descriptors', done: Math.min(total, descriptors.size + failed), total, failed });
      }
    };
    indexing = run().finally(() => {
      indexing = null;
      // The first photo search would otherwise fit the catalog's CNN whitening itself.
      preparePhotoCatalog(entries());
    });
    await indexing;
    return status();
  }

  function rank(query: ImageDescriptor, opts: PhotoSearchOptions & { excludeId?: string }, started: number): PhotoSearchResult {
    const all = entries();
    if (all.length === 0) {
      throw new SouError('CATALOG_EMPTY', 'The catalog images are not indexed yet. Wait for the photo index progress bar, then try again.');
    }
    const match = rankByPhoto(query, all, {
      limit: opts.limit ?? 24,
      refine: opts.text?.trim() ? { text: opts.text } : undefined,
      excludeId: opts.excludeId,
    });
    return {
      ...match,
      weak: !opts.text?.trim() && (match.hits[0]?.score ?? 0) < WEAK_MATCH_SCORE,
      indexed: descriptors.size,
      total: items.length,
      tookMs: now() - started,
    };
  }

  async function searchPhoto(photo: Blob, opts: PhotoSearchOptions = {}): Promise<PhotoSearchResult> {
    const started = now();
    await ensureCnn();
    let r = await deps.decodePhoto(photo);
    if (opts.crop) {
      const c = opts.crop;
      r = crop(r, { x: c.x * r.width, y: c.y * r.height, width: c.width * r.width, height: c.height * r.height });
    }
    const query = await describe(r, 'query');
    if (query.quality === 'dark') {
      throw new SouError('IMAGE_TOO_DARK', 'The photo is too dark to see the item. Turn on a light or move closer to a window and try again.');
    }
    if (query.quality === 'blank' || query.quality === 'no-item') {
      throw new SouError('IMAGE_NO_ITEM', 'No item is visible in this photo. Point the camera at the product (fill most of the frame) and try again.');
    }
    lastQuery = query;
    return rank(query, opts, started);
  }

  /** Re-ranks the last photo with new text, without the photo: "this, but in red". */
  async function refine(text: string, limit?: number): Promise<PhotoSearchResult> {
    if (!lastQuery) throw new SouError('IMAGE_NO_ITEM', 'Take or choose a photo first, then describe what to change.');
    return rank(lastQuery, { text, limit }, now());
  }

  /** Items that look like catalog item `id` ("more like this" on a product page). */
  async function moreLikeThis(id: string, limit = 12): Promise<PhotoSearchResult> {
    const started = now();
    let d = descriptors.get(id);
    if (!d) {
      const item = items.find((p) => p.id === id);
      if (!item) throw new SouError('CATALOG_INVALID', `Product ${id} is not in the catalog.`);
      await ensureCnn();
      d = await describe(await deps.loadImage(item.image), 'catalog');
      descriptors.set(id, d);
    }
    return rank(d, { limit, excludeId: id }, started);
  }

  function forgetPhoto(): void {
    lastQuery = null;
  }

  return { setCatalog, indexCatalog, searchPhoto, refine, moreLikeThis, forgetPhoto, status: async () => status() };
}

export type PhotoService = ReturnType<typeof createPhotoService>;
