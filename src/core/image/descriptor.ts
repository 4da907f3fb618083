/**
 * The instant photo descriptor: what the matcher compares between a shopper's photo and each
 * catalog image. Works with no model weights at all; an optional CNN embedding (from the photo
 * worker's conv net) is carried alongside when available.
 */
import { COLOR_NAMES, LAB_HIST_SIZE, addColorNames, addLabHistogram, type ColorName } from './color';
import { analyse, DEFAULT_FOREGROUND, type Analysis, type ForegroundOptions } from './foreground';
import { downscale, type Raster } from './raster';
import { hog, lbp, silhouette } from './texture';
import { CNN_VIEWS, cnnFeaturesOfViews, QUERY_VIEWS, segmentCosines, type RelativeBox } from './cnn';

/** Longest side the descriptors are computed at; same in browser and Node. */
export const ANALYSIS_SIDE = 128;

export type PhotoQuality = 'ok' | 'blank' | 'dark' | 'no-item';

export interface ImageDescriptor {
  /** Soft colour-name distribution over COLOR_NAMES (sums to 1). */
  colorNames: Float32Array;
  /** Soft Lab histogram (sums to 1). */
  labHist: Float32Array;
  hog: Float32Array;
  silhouette: Float32Array;
  aspect: number;
  lbp: Float32Array;
  /**
   * Pooled conv-net features (see cnn.ts poolCnnOutputs), when the photo model ran: one block of
   * CNN_DIMS values per view (cnn.ts CNN_VIEWS order; catalog images all views, photos QUERY_VIEWS).
   */
  cnn?: Float32Array;
  quality: PhotoQuality;
  foregroundFraction: number;
}

export function describeImage(r: Raster, fg: ForegroundOptions = DEFAULT_FOREGROUND): ImageDescriptor {
  return describeDetailed(r, fg).descriptor;
}

/** Like describeImage, also returning the foreground analysis (the CNN pooling uses its mask). */
export function describeDetailed(
  r: Raster,
  fg: ForegroundOptions = DEFAULT_FOREGROUND,
): { descriptor: ImageDescriptor; analysis: Analysis } {
  const small = downscale(r, ANALYSIS_SIDE);
  const a = analyse(small, fg);
  const names = new Float64Array(COLOR_NAMES.length);
  const hist = new Float64Array(LAB_HIST_SIZE);
  const scratch = new Float64Array(COLOR_NAMES.length);
  const n = a.width * a.height;
  const lab = [0, 0, 0];
  // Centre prior: the item a shopper photographs is usually in the middle of the frame.
  const cx = (a.width - 1) / 2;
  const cy = (a.height - 1) / 2;
  const sx = a.width * 0.5;
  const sy = a.height * 0.5;
  for (let i = 0; i < n; i++) {
    let wt = a.weight[i];
    if (wt <= 0) continue;
    const x = i % a.width;
    const y = (i - x) / a.width;
    wt *= 0.4 + 0.6 * Math.exp(-(((x - cx) / sx) ** 2 + ((y - cy) / sy) ** 2));
    lab[0] = a.lab[i * 3];
    lab[1] = a.lab[i * 3 + 1];
    lab[2] = a.lab[i * 3 + 2];
    addColorNames(lab, wt, names, scratch);
    addLabHistogram(lab, wt, hist);
  }
  const sil = silhouette(a);
  const descriptor: ImageDescriptor = {
    colorNames: normalizeSum(names),
    labHist: normalizeSum(hist),
    hog: hog(a),
    silhouette: sil.grid,
    aspect: sil.aspect,
    lbp: lbp(a),
    quality: judgeQuality(a.lightnessSpread, a.meanLightness, a.foregroundFraction, a.edgeFraction),
    foregroundFraction: a.foregroundFraction,
  };
  return { descriptor, analysis: a };
}

/** What a picture is in photo search: a catalog image (indexed once) or the shopper's photo. */
export type PhotoRole = 'catalog' | 'query';

/** The foreground box as fractions of the picture (the whole frame when no backdrop was found). */
export function foregroundBox(a: Analysis): RelativeBox {
  return { x: a.bbox.x / a.width, y: a.bbox.y / a.height, width: a.bbox.width / a.width, height: a.bbox.height / a.height };
}

/**
 * The full descriptor: colour and shape, plus CNN features of the role's views when `features`
 * (the photo model on one picture) is given. A failing model rejects; callers fall back to
 * describeImage.
 */
export async function describePhoto(
  r: Raster,
  role: PhotoRole,
  features?: (view: Raster) => Promise<Float32Array>,
): Promise<ImageDescriptor> {
  const { descriptor, analysis } = describeDetailed(r);
  if (features) {
    const views = role === 'catalog' ? CNN_VIEWS.length : QUERY_VIEWS;
    descriptor.cnn = await cnnFeaturesOfViews(r, foregroundBox(analysis), views, features);
  }
  return descriptor;
}

/**
 * Below this edge share (foreground.ts edgeFraction) a picture shows no product: a wall, the sky,
 * a table top, an out-of-focus frame. Every Luma catalog image and dev photo has at least 0.05
 * (ΔE > 6 to a 4-neighbour at ANALYSIS_SIDE); a vignetted wall or a sky gradient has 0.
 */
export const NO_PRODUCT_EDGE_FRACTION = 0.01;

function judgeQuality(spread: number, mean: number, fgFraction: number, edgeFraction: number): PhotoQuality {
  if (mean < 8 && spread < 6) return 'dark';
  if (spread < 2.5 || edgeFraction < NO_PRODUCT_EDGE_FRACTION) return 'blank';
  if (fgFraction > 0 && fgFraction < 0.01) return 'no-item';
  return 'ok';
}

function normalizeSum(v: Float64Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const out = new Float32Array(v.length);
  if (s > 0) for (let i = 0; i < v.length; i++) out[i] = v[i] / s;
  return out;
}

/** Bhattacharyya coefficient of two distributions (1 = identical). */
export function bhattacharyya(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.sqrt(a[i] * b[i]);
  return s;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : 0;
}

export interface SimilarityParts {
  color: number;
  names: number;
  hog: number;
  silhouette: number;
  texture: number;
  /** Per-segment cosines of the CNN features (CNN_SEGMENTS order), when both sides have them. */
  cnn: number[] | null;
}

export function compareDescriptors(q: ImageDescriptor, c: ImageDescriptor): SimilarityParts {
  return {
    color: bhattacharyya(q.labHist, c.labHist),
    names: bhattacharyya(q.colorNames, c.colorNames),
    hog: cosine(q.hog, c.hog),
    silhouette: cosine(q.silhouette, c.silhouette) * Math.exp(-Math.abs(Math.log(q.aspect / c.aspect))),
    texture: bhattacharyya(q.lbp, c.lbp),
    cnn: q.cnn && c.cnn ? segmentCosines(q.cnn, c.cnn) : null,
  };
}

/** The dominant colour names of a descriptor, strongest first (those above `min` share). */
export function dominantColors(d: ImageDescriptor, min = 0.25): ColorName[] {
  return COLOR_NAMES.map((name, i) => ({ name, w: d.colorNames[i] }))
    .filter((x) => x.w >= min)
    .sort((a, b) => b.w - a.w)
    .map((x) => x.name);
}
