/** Shapes that cross the photo worker boundary (structured-clone friendly). */
import type { ColorName } from '../core/image/color';
import type { PhotoHit, PhotoSummary } from '../core/image/matcher';
import type { PhotoQuality } from '../core/image/descriptor';

export interface PhotoCatalogItem {
  id: string;
  group?: string;
  title: string;
  category: string;
  color: string | null;
  /** Image URL, or an `sou-image:` key of an image imported into the app's database. */
  image: string;
}

/** Crop box in fractions of the photo (0..1), as the crop UI reports it. */
export interface NormalizedRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PhotoSearchOptions {
  crop?: NormalizedRect;
  /** "this, but in red": colour words switch colour, other words must match. */
  text?: string;
  limit?: number;
}

export interface PhotoSearchResult {
  hits: PhotoHit[];
  summary: PhotoSummary;
  quality: PhotoQuality;
  refinedColors: ColorName[];
  /** True when the conv-net features took part (false: colour + shape only). */
  usedCnn: boolean;
  /** True when CLIP's nearest images were fused with the instant matcher's ranking. */
  usedClip?: boolean;
  /** No catalog item is a clearly better match than the rest: "no close match" message. */
  weak: boolean;
  /** Catalog images indexed so far / in total (search covers the indexed ones). */
  indexed: number;
  total: number;
  tookMs: number;
}

export interface PhotoIndexProgress {
  kind: 'descriptors' | 'clip';
  done: number;
  total: number;
  /** Images that could not be loaded (skipped, counted in done). */
  failed: number;
}

export interface PhotoStatus {
  indexed: number;
  total: number;
  cnn: 'unknown' | 'ready' | 'missing' | 'error';
  /** Message of the CNN load failure, when cnn is 'missing' or 'error'. */
  cnnMessage?: string;
  clip: 'off' | 'loading' | 'ready' | 'missing' | 'error';
  clipMessage?: string;
  /** SouError code of the CLIP failure (MODEL_MISSING, MODEL_CHECKSUM, MODEL_LOAD). */
  clipCode?: string;
  clipIndexed: number;
  /** CLIP embeddings this worker computed (the rest were read back from storage). */
  clipComputed?: number;
}
