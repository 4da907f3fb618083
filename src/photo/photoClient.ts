/**
 * Main-thread bridge to the photo worker. One per app:
 *
 *   const photo = createPhotoClient();
 *   await photo.setCatalog(products);                 // products: Product[] (id, group, title, category, color, image)
 *   photo.startIndexing((p) => setProgress(p));       // background; resumable across reloads
 *   const result = await photo.searchPhoto(file, { crop, text });
 *   const red = await photo.refine('this, but in red');
 *   const clipScores = await photo.scoreTextWithClip('red hoodie');   // [] unless CLIP is installed
 *
 * A crashed worker is restarted once (catalog re-sent); after a second crash calls fail with
 * WORKER_CRASHED — the text search lives in other workers and is unaffected.
 */
import * as Comlink from 'comlink';
import '../client/comlinkErrors';
import { SupervisedWorker } from '../client/supervisedWorker';
import type { Product } from '../core/types';
import type { PhotoWorkerApi } from '../../workers/photo.worker';
import type { PhotoCatalogItem, PhotoIndexProgress, PhotoSearchOptions, PhotoSearchResult, PhotoStatus } from './types';

export interface PhotoClientOptions {
  createWorker?: () => Worker;
  /** Stop the worker after this long unused (default: never, indexing runs in the background). */
  idleMs?: number;
  onCrash?(message: string): void;
}

export function toPhotoItems(products: readonly Product[]): PhotoCatalogItem[] {
  return products
    .filter((p) => p.image)
    .map((p) => ({ id: p.id, group: p.group, title: p.title, category: p.category, color: p.color, image: p.image }));
}

export function createPhotoClient(opts: PhotoClientOptions = {}) {
  let items: PhotoCatalogItem[] | null = null;
  const worker = new SupervisedWorker<PhotoWorkerApi>({
    name: 'photo',
    create: opts.createWorker ?? (() => new Worker(new URL('../../workers/photo.worker.ts', import.meta.url), { type: 'module', name: 'photo' })),
    init: async (api) => {
      if (items) await api.setCatalog(items);
    },
    idleMs: opts.idleMs ?? 0,
    onCrash: opts.onCrash,
  });

  return {
    async setCatalog(products: readonly Product[] | PhotoCatalogItem[]): Promise<PhotoStatus> {
      items = (products as Array<Product | PhotoCatalogItem>).every((p) => 'title' in p && !('price' in p))
        ? (products as PhotoCatalogItem[])
        : toPhotoItems(products as Product[]);
      const list = items;
      return worker.call(async (api) => {
        await api.clipSetCatalog(list);
        return api.setCatalog(list);
      });
    },
    /**
     * Indexes descriptors, then (unless `withClip` is false) CLIP embeddings when CLIP is
     * installed. Progress per chunk. The app indexes descriptors first (withClip false) so the
     * instant matcher is ready early, then loads and indexes CLIP as a separate step
     * (src/app/state/media.ts) with its own progress bar.
     */
    async startIndexing(onProgress?: (p: PhotoIndexProgress) => void, withClip = true): Promise<PhotoStatus> {
      const cb = onProgress ? Comlink.proxy(onProgress) : undefined;
      return worker.call(async (api) => {
        await api.indexCatalog(cb);
        if (!withClip) return api.status();
        const clip = await api.clipLoad();
        if (clip.clip === 'ready') await api.clipIndex(cb);
        return api.status();
      });
    },
    searchPhoto(photo: Blob, options: PhotoSearchOptions = {}): Promise<PhotoSearchResult> {
      return worker.call((api) => api.searchPhoto(photo, options));
    },
    refine(text: string, limit?: number): Promise<PhotoSearchResult> {
      return worker.call((api) => api.refine(text, limit));
    },
    moreLikeThis(id: string, limit?: number): Promise<PhotoSearchResult> {
      return worker.call((api) => api.moreLikeThis(id, limit));
    },
    forgetPhoto(): Promise<void> {
      return worker.call((api) => api.forgetPhoto());
    },
    /** CLIP text-tower scores of a typed query against product images (for fusion); [] without CLIP. */
    scoreTextWithClip(query: string, limit?: number): Promise<Array<{ id: string; score: number }>> {
      return worker.call((api) => api.clipScoreText(query, limit));
    },
    status(): Promise<PhotoStatus> {
      return worker.call((api) => api.status());
    },
    /** Test hook for crash handling. */
    crashForTest(): Promise<void> {
      return worker.call((api) => api.crashForTest());
    },
    dispose(): void {
      worker.terminate();
    },
  };
}

export type PhotoClient = ReturnType<typeof createPhotoClient>;
