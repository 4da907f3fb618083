/// <reference lib="webworker" />
/**
 * Photo worker: decodes and describes photos, runs the photo CNN (and CLIP when installed),
 * indexes catalog images in the background into the `sou-photo` database. Thin comlink adapter
 * over src/photo/photoService.ts and src/photo/clipService.ts.
 */
import { RawImage } from '@huggingface/transformers';
import * as Comlink from 'comlink';
import '../src/client/comlinkErrors';
import { crop, type Raster } from '../src/core/image/raster';
import { SouError } from '../src/core/types';
import { createClipService, fusePhotoRankings } from '../src/photo/clipService';
import { loadPhotoCnnWeb } from '../src/photo/cnnRuntime';
import { decodePhoto } from '../src/photo/decode';
import { createPhotoService } from '../src/photo/photoService';
import { PhotoDatabase } from '../src/photo/store';
import type { PhotoCatalogItem, PhotoIndexProgress, PhotoSearchOptions, PhotoSearchResult } from '../src/photo/types';
import { IMAGE_KEY_PREFIX, readImage } from '../src/storage/catalogStore';

function openDb(): PhotoDatabase | null {
  try {
    return typeof indexedDB === 'undefined' ? null : new PhotoDatabase();
  } catch {
    return null;
  }
}

async function loadImageBlob(ref: string): Promise<Blob> {
  if (ref.startsWith(IMAGE_KEY_PREFIX)) {
    const blob = await readImage(ref);
    if (!blob) throw new SouError('IMAGE_DECODE', `Catalog image ${ref} is missing from storage.`);
    return blob;
  }
  const res = await fetch(ref);
  if (!res.ok) throw new SouError('IMAGE_DECODE', `Catalog image ${ref} could not be loaded (HTTP ${res.status}).`);
  return res.blob();
}

const db = openDb();
const photo = createPhotoService({
  db,
  loadImage: async (ref) => decodePhoto(await loadImageBlob(ref)),
  decodePhoto: (blob) => decodePhoto(blob),
  loadCnn: () => loadPhotoCnnWeb(),
});
/** CLIP looks at 224 px: decode at twice that (the shorter side is what CLIP keeps). */
const CLIP_DECODE_SIDE = 448;
const toRawImage = (r: Raster) => new RawImage(r.data, r.width, r.height, 4);
const clip = createClipService({ db, loadImage: async (ref) => toRawImage(await decodePhoto(await loadImageBlob(ref), CLIP_DECODE_SIDE)) });

/** How deep each ranking goes before fusing (the shown page is cut after fusion). */
const FUSION_DEPTH = 60;

/**
 * Photo search: the instant matcher (which also refuses dark, blank and unreadable photos), then,
 * when CLIP is loaded and has catalog embeddings, CLIP's nearest images fused in. A CLIP failure
 * never loses the matcher's answer.
 */
async function searchPhoto(blob: Blob, options: PhotoSearchOptions = {}): Promise<PhotoSearchResult> {
  const limit = options.limit ?? 24;
  if (!clip.usable() || options.text) return photo.searchPhoto(blob, options);
  const base = await photo.searchPhoto(blob, { ...options, limit: Math.max(limit, FUSION_DEPTH) });
  try {
    let r = await decodePhoto(blob, CLIP_DECODE_SIDE);
    const c = options.crop;
    if (c) r = crop(r, { x: c.x * r.width, y: c.y * r.height, width: c.width * r.width, height: c.height * r.height });
    const near = await clip.searchPhoto(toRawImage(r), FUSION_DEPTH);
    return { ...base, hits: fusePhotoRankings(base.hits, near, limit), usedClip: true };
  } catch (err) {
    console.warn('sou: CLIP could not rank this photo; the instant matcher answers alone', err);
    return { ...base, hits: base.hits.slice(0, limit) };
  }
}

const api = {
  /** Both indexes get the catalog (a restarted worker gets it through this call alone). */
  setCatalog: async (list: PhotoCatalogItem[]) => {
    await clip.setCatalog(list).catch((err: unknown) => console.warn('sou: stored CLIP index not read', err));
    return photo.setCatalog(list);
  },
  indexCatalog: (onProgress?: (p: PhotoIndexProgress) => void) => photo.indexCatalog(onProgress),
  searchPhoto,
  refine: photo.refine,
  moreLikeThis: photo.moreLikeThis,
  forgetPhoto: photo.forgetPhoto,
  status: async () => ({ ...(await photo.status()), ...clip.status() }),
  clipLoad: clip.load,
  clipSetCatalog: clip.setCatalog,
  clipIndex: (onProgress?: (p: PhotoIndexProgress) => void) => clip.index(onProgress),
  /** Every indexed product's CLIP score for a typed query, as a map (empty without CLIP). */
  clipScoreText: async (query: string, limit = 100_000) => clip.scoreText(query, limit),
  clipSearchPhoto: clip.searchPhoto,
  /** Test hook: makes the worker die the way a real crash would (uncaught error). */
  crashForTest: () => {
    setTimeout(() => {
      throw new Error('photo worker crash requested by test');
    });
  },
};

export type PhotoWorkerApi = typeof api;
Comlink.expose(api);
