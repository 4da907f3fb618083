/// <reference lib="webworker" />
/**
 * Photo worker: decodes and describes photos, runs the photo CNN (and CLIP when installed),
 * indexes catalog images in the background into the `sou-photo` database. Thin comlink adapter
 * over src/photo/photoService.ts and src/photo/clipService.ts.
 */
import * as Comlink from 'comlink';
import '../src/client/comlinkErrors';
import { SouError } from '../src/core/types';
import { createClipService } from '../src/photo/clipService';
import { loadPhotoCnnWeb } from '../src/photo/cnnRuntime';
import { decodePhoto } from '../src/photo/decode';
import { createPhotoService } from '../src/photo/photoService';
import { PhotoDatabase } from '../src/photo/store';
import type { PhotoIndexProgress } from '../src/photo/types';
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
const clip = createClipService({ db, loadImage: async (ref) => loadImageBlob(ref) });

const api = {
  setCatalog: photo.setCatalog,
  indexCatalog: (onProgress?: (p: PhotoIndexProgress) => void) => photo.indexCatalog(onProgress),
  searchPhoto: photo.searchPhoto,
  refine: photo.refine,
  moreLikeThis: photo.moreLikeThis,
  forgetPhoto: photo.forgetPhoto,
  status: async () => ({ ...(await photo.status()), ...clip.status() }),
  clipLoad: clip.load,
  clipSetCatalog: clip.setCatalog,
  clipIndex: (onProgress?: (p: PhotoIndexProgress) => void) => clip.index(onProgress),
  clipScoreText: clip.scoreText,
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
