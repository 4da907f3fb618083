/**
 * Pre- and post-processing around the photo conv net (sou/photo-cnn, MobileNetV2 features).
 * The net itself runs elsewhere (onnxruntime in the photo worker or in Node); this file only turns
 * pixels into its input tensor and its 7×7×1280 feature map into one comparable vector.
 */
import type { Analysis } from './foreground';
import { resizeArea, type Raster } from './raster';

export const CNN_INPUT_SIDE = 224;
export const CNN_GRID = 7;
export const CNN_CHANNELS = 1280;

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

/**
 * Foreground weight (skin down-weighted) of each feature-map cell, from the descriptor's analysis mask,
 * mapped through the letterbox placement. Cells over padding or backdrop get ~0.
 */
export function cellWeights(a: Analysis, placement: CnnInput['placement'], side = CNN_INPUT_SIDE, grid = CNN_GRID): Float32Array {
  const out = new Float32Array(grid * grid);
  const cell = side / grid;
  for (let gy = 0; gy < grid; gy++) {
    for (let gx = 0; gx < grid; gx++) {
      let sum = 0;
      let count = 0;
      // Sample the cell on a 4×4 lattice.
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = gx * cell + ((sx + 0.5) / 4) * cell;
          const py = gy * cell + ((sy + 0.5) / 4) * cell;
          count++;
          const u = (px - placement.x) / placement.width;
          const v = (py - placement.y) / placement.height;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
          const ax = Math.min(a.width - 1, Math.floor(u * a.width));
          const ay = Math.min(a.height - 1, Math.floor(v * a.height));
          sum += a.weight[ay * a.width + ax];
        }
      }
      out[gy * grid + gx] = sum / count;
    }
  }
  return out;
}

/**
 * Pools the feature map (C×G×G, channel-major as the net returns it) into one vector:
 * a weighted average over cells (weights = foreground share, with a floor so context still counts),
 * square-rooted (tames the few very active channels) and L2-normalised.
 */
export function poolFeatureMap(
  map: Float32Array,
  weights: Float32Array | null,
  channels = CNN_CHANNELS,
  grid = CNN_GRID,
  floor = 0.1,
): Float32Array {
  const cells = grid * grid;
  if (map.length !== channels * cells) throw new Error(`Feature map has ${map.length} values, expected ${channels * cells}`);
  const w = new Float32Array(cells);
  let total = 0;
  for (let i = 0; i < cells; i++) {
    w[i] = weights ? floor + (1 - floor) * weights[i] : 1;
    total += w[i];
  }
  const out = new Float32Array(channels);
  let norm = 0;
  for (let c = 0; c < channels; c++) {
    let s = 0;
    const base = c * cells;
    for (let i = 0; i < cells; i++) s += map[base + i] * w[i];
    const v = Math.sqrt(Math.max(0, s / total));
    out[c] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let c = 0; c < channels; c++) out[c] /= norm;
  return out;
}
