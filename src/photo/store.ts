/**
 * Photo-search storage: its own IndexedDB database `sou-photo` (separate from the app's `sou`
 * database so the two schemas evolve independently). Holds catalog image descriptors, CLIP image
 * embeddings (int8) and indexing progress. Shopper photos are never written here.
 */
import Dexie, { type Table } from 'dexie';
import type { ImageDescriptor, PhotoQuality } from '../core/image/descriptor';
import { SouError } from '../core/types';

export const PHOTO_DB_NAME = 'sou-photo';

/** Bumped when descriptor maths change, so old rows are recomputed. */
export const DESCRIPTOR_VERSION = 2;

export interface DescriptorRow {
  /** `${id}|${image}`: a descriptor depends only on the item's image, so it survives catalog edits. */
  key: string;
  catalog: string;
  id: string;
  /** Image reference it was computed from (a changed image gets a new key, so is recomputed). */
  image: string;
  version: number;
  colorNames: Float32Array;
  labHist: Float32Array;
  hog: Float32Array;
  silhouette: Float32Array;
  aspect: number;
  lbp: Float32Array;
  quality: PhotoQuality;
  foregroundFraction: number;
  /** CNN features quantised to int8 with one scale (absent when the photo model was unavailable). */
  cnn?: Int8Array;
  cnnScale?: number;
}

export interface EmbeddingRow {
  key: string;
  catalog: string;
  id: string;
  image: string;
  model: string;
  vector: Int8Array;
  scale: number;
}

export interface ProgressRow {
  /** `${kind}|${catalog}` */
  task: string;
  done: number;
  total: number;
  updatedAt: number;
}

export class PhotoDatabase extends Dexie {
  descriptors!: Table<DescriptorRow, string>;
  clip!: Table<EmbeddingRow, string>;
  progress!: Table<ProgressRow, string>;

  constructor(name = PHOTO_DB_NAME) {
    super(name);
    this.version(1).stores({
      descriptors: 'key, catalog',
      clip: 'key, catalog',
      progress: 'task',
    });
  }
}

export function quantizeInt8(v: Float32Array): { vector: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const scale = max > 0 ? max / 127 : 1;
  const vector = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) vector[i] = Math.round(v[i] / scale);
  return { vector, scale };
}

export function dequantizeInt8(v: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * scale;
  return out;
}

export function descriptorKey(id: string, image: string): string {
  return `${id}|${image}`;
}

export function toRow(catalog: string, id: string, image: string, d: ImageDescriptor): DescriptorRow {
  const q = d.cnn ? quantizeInt8(d.cnn) : null;
  return {
    key: descriptorKey(id, image),
    catalog,
    id,
    image,
    version: DESCRIPTOR_VERSION,
    colorNames: d.colorNames,
    labHist: d.labHist,
    hog: d.hog,
    silhouette: d.silhouette,
    aspect: d.aspect,
    lbp: d.lbp,
    quality: d.quality,
    foregroundFraction: d.foregroundFraction,
    ...(q ? { cnn: q.vector, cnnScale: q.scale } : {}),
  };
}

export function fromRow(r: DescriptorRow): ImageDescriptor {
  return {
    colorNames: r.colorNames,
    labHist: r.labHist,
    hog: r.hog,
    silhouette: r.silhouette,
    aspect: r.aspect,
    lbp: r.lbp,
    quality: r.quality,
    foregroundFraction: r.foregroundFraction,
    ...(r.cnn && r.cnnScale ? { cnn: dequantizeInt8(r.cnn, r.cnnScale) } : {}),
  };
}

export function photoStorageError(err: unknown, doing: string): SouError {
  if (err instanceof SouError) return err;
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String((err as Error)?.message))) {
    return new SouError('STORAGE_QUOTA', `The device is out of storage while ${doing}. Photo search still works, but indexing restarts next time; free some space to keep it.`);
  }
  return new SouError('STORAGE_UNAVAILABLE', `Photo index storage failed while ${doing} (${(err as Error)?.message ?? err}). Photo search still works for this session.`);
}

/** Stable short hash of the catalog's (id, image) pairs: the index belongs to one catalog. */
export function catalogKey(items: Array<{ id: string; image: string }>): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const it of items) {
    const s = `${it.id}\u0000${it.image}\u0001`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 2246822519);
    }
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}-${items.length}`;
}
