/**
 * Pre- and post-processing around the photo conv net (sou/photo-cnn, MobileNetV2 features).
 * The net itself runs elsewhere (onnxruntime in the photo worker or in Node); this file only turns
 * pixels into its input tensor and its feature maps into one comparable vector.
 */
import { SouError } from '../types';
import { crop, resizeArea, type Raster, type Rect } from './raster';

export const CNN_INPUT_SIDE = 224;

export interface CnnInput {
  /** NCHW float32, values in [-1, 1]. */
  tensor: Float32Array;
  /** Where the image sits inside the square input (letterbox), in input pixels. */
  placement: { x: number; y: number; width: number; height: number };
}

/**
 * Letterboxes the image into a 224×224 square (keeping its aspect ratio, padding with the colour
 * of its own border so the pad adds no new edges) and scales to MobileNet's [-1, 1] range.
 */
export function cnnInput(r: Raster, side = CNN_INPUT_SIDE): CnnInput {
  const scale = side / Math.max(r.width, r.height);
  const w = Math.max(1, Math.round(r.width * scale));
  const h = Math.max(1, Math.round(r.height * scale));
  const small = resizeArea(r, w, h);
  const pad = borderMean(small);
  const x0 = Math.floor((side - w) / 2);
  const y0 = Math.floor((side - h) / 2);
  const plane = side * side;
  const tensor = new Float32Array(3 * plane);
  for (let k = 0; k < 3; k++) tensor.fill(pad[k] / 127.5 - 1, k * plane, (k + 1) * plane);
  const c = small.channels;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * c;
      const d = (y0 + y) * side + x0 + x;
      for (let k = 0; k < 3; k++) tensor[k * plane + d] = small.data[s + k] / 127.5 - 1;
    }
  }
  return { tensor, placement: { x: x0, y: y0, width: w, height: h } };
}

function borderMean(r: Raster): [number, number, number] {
  const acc = [0, 0, 0];
  let n = 0;
  const add = (x: number, y: number) => {
    const o = (y * r.width + x) * r.channels;
    for (let k = 0; k < 3; k++) acc[k] += r.data[o + k];
    n++;
  };
  for (let x = 0; x < r.width; x++) {
    add(x, 0);
    add(x, r.height - 1);
  }
  for (let y = 1; y < r.height - 1; y++) {
    add(0, y);
    add(r.width - 1, y);
  }
  return [acc[0] / n, acc[1] / n, acc[2] / n];
}

/** Feature segments of the pooled CNN vector, in order, with their channel counts. */
export const CNN_SEGMENTS = [
  { name: 'block6', channels: 192, pooling: 'gem' },
  { name: 'block10', channels: 384, pooling: 'gem' },
  { name: 'block13', channels: 576, pooling: 'sqrt-mean' },
] as const;
export const CNN_DIMS = CNN_SEGMENTS.reduce((a, s) => a + s.channels, 0);

export interface FeatureMap {
  /** Channel-major values of one image: C × H × W. */
  data: Float32Array;
  channels: number;
}

/**
 * Pools the net's three feature maps into one vector of CNN_DIMS values, each segment
 * L2-normalised on its own so that the matcher can compare segment by segment.
 * Blocks 6 and 10 use generalized-mean pooling (p=3: favours the strongest local responses such
 * as prints and seams); block 13 uses a square-rooted mean (tames a few dominant channels).
 * Those choices were measured on the Luma dev photos (after whitening, see whitening.ts):
 * block 10 GeM 0.476 vs sqrt-mean 0.461 nDCG@10 alone.
 */
export function poolCnnOutputs(maps: Record<(typeof CNN_SEGMENTS)[number]['name'], FeatureMap>): Float32Array {
  const out = new Float32Array(CNN_DIMS);
  let offset = 0;
  for (const seg of CNN_SEGMENTS) {
    const map = maps[seg.name];
    if (!map || map.channels !== seg.channels || map.data.length % seg.channels !== 0) {
      throw new Error(`Photo model output ${seg.name} has an unexpected shape`);
    }
    const cells = map.data.length / seg.channels;
    let norm = 0;
    for (let c = 0; c < seg.channels; c++) {
      let s = 0;
      const base = c * cells;
      if (seg.pooling === 'gem') {
        for (let i = 0; i < cells; i++) {
          const v = Math.max(0, map.data[base + i]);
          s += v * v * v;
        }
        s = Math.cbrt(s / cells);
      } else {
        for (let i = 0; i < cells; i++) s += map.data[base + i];
        s = Math.sqrt(Math.max(0, s / cells));
      }
      out[offset + c] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let c = 0; c < seg.channels; c++) out[offset + c] /= norm;
    offset += seg.channels;
  }
  return out;
}

/** Cosine of each segment (segments are unit length), in CNN_SEGMENTS order. */
export function segmentCosines(a: Float32Array, b: Float32Array): number[] {
  const res: number[] = [];
  let offset = 0;
  for (const seg of CNN_SEGMENTS) {
    let d = 0;
    for (let i = offset; i < offset + seg.channels; i++) d += a[i] * b[i];
    res.push(d);
    offset += seg.channels;
  }
  return res;
}

/**
 * Views of one picture that the CNN describes, in this order. A shopper's photo is often a
 * close-up, a back or a side view of what the catalog shows whole from the front, so each
 * catalog image is also described mirrored and as three crops of its item (upper part, lower
 * part, centre); a query is matched view-against-view and the best pair counts.
 * Measured on the Luma dev photos (whitened features + colour + product score): catalog full
 * view only 0.67 nDCG@10 / 0.78 hit@10, + catalog flip and crops ≈0.69/0.81, + query flip 0.70/0.85.
 */
export const CNN_VIEWS = ['full', 'flip', 'top', 'bottom', 'centre'] as const;
export type CnnView = (typeof CNN_VIEWS)[number];
/** Catalog images get every view; a query photo only the first two (keeps a search fast). */
export const QUERY_VIEWS = 2;

/** The item's box in the picture, as fractions of width and height. */
export type RelativeBox = Rect;

function mirrored(r: Raster): Raster {
  const c = r.channels;
  const out = new Uint8Array(r.data.length);
  for (let y = 0; y < r.height; y++) {
    const row = y * r.width;
    for (let x = 0; x < r.width; x++) {
      const s = (row + r.width - 1 - x) * c;
      const d = (row + x) * c;
      for (let k = 0; k < c; k++) out[d + k] = r.data[s + k];
    }
  }
  return { width: r.width, height: r.height, channels: c, data: out };
}

/** The picture as seen in one view; `box` is the foreground box (whole frame when none). */
export function cnnView(r: Raster, view: CnnView, box: RelativeBox): Raster {
  if (view === 'full') return r;
  if (view === 'flip') return mirrored(r);
  const bx = box.x * r.width;
  const by = box.y * r.height;
  const bw = box.width * r.width;
  const bh = box.height * r.height;
  // Upper and lower parts overlap by a tenth so a waistband or hem is seen whole in one of them.
  if (view === 'top') return crop(r, { x: bx, y: by, width: bw, height: bh * 0.55 });
  if (view === 'bottom') return crop(r, { x: bx, y: by + bh * 0.45, width: bw, height: bh * 0.55 });
  return crop(r, { x: bx + bw * 0.2, y: by + bh * 0.2, width: bw * 0.6, height: bh * 0.6 });
}

/**
 * Runs `features` (the CNN plus poolCnnOutputs) on the first `views` views and concatenates the
 * results: the descriptor's `cnn` holds `views × CNN_DIMS` values, view by view.
 */
export async function cnnFeaturesOfViews(
  r: Raster,
  box: RelativeBox,
  views: number,
  features: (view: Raster) => Promise<Float32Array>,
): Promise<Float32Array> {
  const n = Math.max(1, Math.min(CNN_VIEWS.length, views));
  const out = new Float32Array(n * CNN_DIMS);
  for (let v = 0; v < n; v++) {
    const f = await features(cnnView(r, CNN_VIEWS[v], box));
    if (f.length !== CNN_DIMS) {
      throw new SouError(
        'MODEL_LOAD',
        `The photo model gave ${f.length} feature values, expected ${CNN_DIMS}. Run \`npm run assets\` and rebuild; photo search uses colour and shape meanwhile.`,
      );
    }
    out.set(f, v * CNN_DIMS);
  }
  return out;
}

/** Number of views a descriptor's CNN vector holds (0 when it has none or a wrong length). */
export function cnnViewCount(cnn: Float32Array | undefined): number {
  return cnn && cnn.length >= CNN_DIMS && cnn.length % CNN_DIMS === 0 ? cnn.length / CNN_DIMS : 0;
}
