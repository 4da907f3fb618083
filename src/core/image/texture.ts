/**
 * Shape and texture descriptors computed on the foreground: a HOG-style grid of gradient
 * orientations over the item's bounding box (garment outline, seams, zips), a coarse silhouette
 * and rotation-invariant local binary patterns (knit, heather, mesh).
 */
import type { Analysis } from './foreground';

const ORIENT_BINS = 9;
const GRID = 4;
export const HOG_SIZE = GRID * GRID * ORIENT_BINS;
export const SILHOUETTE_SIDE = 8;
export const LBP_SIZE = 10 * 2;

/** Lightness of the analysis, resampled (bilinear) into an s×s square over the bbox. */
function bboxPlane(a: Analysis, plane: Float32Array, side: number): Float32Array {
  const out = new Float32Array(side * side);
  const { x, y, width, height } = a.bbox;
  for (let j = 0; j < side; j++) {
    const sy = y + ((j + 0.5) / side) * height - 0.5;
    const y0 = Math.max(0, Math.min(a.height - 1, Math.floor(sy)));
    const y1 = Math.min(a.height - 1, y0 + 1);
    const fy = Math.max(0, Math.min(1, sy - y0));
    for (let i = 0; i < side; i++) {
      const sx = x + ((i + 0.5) / side) * width - 0.5;
      const x0 = Math.max(0, Math.min(a.width - 1, Math.floor(sx)));
      const x1 = Math.min(a.width - 1, x0 + 1);
      const fx = Math.max(0, Math.min(1, sx - x0));
      const v =
        plane[y0 * a.width + x0] * (1 - fx) * (1 - fy) +
        plane[y0 * a.width + x1] * fx * (1 - fy) +
        plane[y1 * a.width + x0] * (1 - fx) * fy +
        plane[y1 * a.width + x1] * fx * fy;
      out[j * side + i] = v;
    }
  }
  return out;
}

function lightness(a: Analysis): Float32Array {
  const n = a.width * a.height;
  const L = new Float32Array(n);
  for (let i = 0; i < n; i++) L[i] = a.lab[i * 3];
  return L;
}

/** HOG over the bbox resampled to 64×64: 4×4 cells × 9 unsigned orientations, block-normalised. */
export function hog(a: Analysis): Float32Array {
  const side = 64;
  // Backdrop is flattened to white-ish lightness so that the garment's outline is a strong edge
  // regardless of the backdrop colour.
  const L = lightness(a);
  for (let i = 0; i < L.length; i++) if (!a.mask[i]) L[i] = 100;
  const p = bboxPlane(a, L, side);
  const out = new Float32Array(HOG_SIZE);
  const cell = side / GRID;
  for (let y = 1; y < side - 1; y++) {
    for (let x = 1; x < side - 1; x++) {
      const gx = p[y * side + x + 1] - p[y * side + x - 1];
      const gy = p[(y + 1) * side + x] - p[(y - 1) * side + x];
      const mag = Math.hypot(gx, gy);
      if (mag < 1e-3) continue;
      let ang = Math.atan2(gy, gx);
      if (ang < 0) ang += Math.PI;
      const pos = (ang / Math.PI) * ORIENT_BINS - 0.5;
      const b0 = ((Math.floor(pos) % ORIENT_BINS) + ORIENT_BINS) % ORIENT_BINS;
      const f = pos - Math.floor(pos);
      const b1 = (b0 + 1) % ORIENT_BINS;
      const cx = Math.min(GRID - 1, Math.floor(x / cell));
      const cy = Math.min(GRID - 1, Math.floor(y / cell));
      const base = (cy * GRID + cx) * ORIENT_BINS;
      out[base + b0] += mag * (1 - f);
      out[base + b1] += mag * f;
    }
  }
  // Per-cell sqrt + global L2 (cells of a garment carry comparable detail).
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
  return l2normalize(out);
}

/** Foreground occupancy on an 8×8 grid over the bbox, plus the bbox aspect ratio. */
export function silhouette(a: Analysis): { grid: Float32Array; aspect: number } {
  const m = new Float32Array(a.width * a.height);
  for (let i = 0; i < m.length; i++) m[i] = a.mask[i];
  const grid = bboxPlane(a, m, SILHOUETTE_SIDE);
  return { grid, aspect: a.bbox.height / Math.max(1, a.bbox.width) };
}

/** Rotation-invariant uniform LBP (P=8) at radius 1 and 2, weighted by foreground weight. */
export function lbp(a: Analysis): Float32Array {
  const L = lightness(a);
  const out = new Float32Array(LBP_SIZE);
  const { width: w, height: h } = a;
  [1, 2].forEach((radius, s) => {
    let total = 0;
    for (let y = radius; y < h - radius; y++) {
      for (let x = radius; x < w - radius; x++) {
        const i = y * w + x;
        const wt = a.weight[i];
        if (wt <= 0) continue;
        const c = L[i] + 1.5; // small threshold: flat fabric is "uniform", not noise
        const nb = [
          L[i - radius * w - radius],
          L[i - radius * w],
          L[i - radius * w + radius],
          L[i + radius],
          L[i + radius * w + radius],
          L[i + radius * w],
          L[i + radius * w - radius],
          L[i - radius],
        ];
        let ones = 0;
        let transitions = 0;
        for (let k = 0; k < 8; k++) {
          const b = nb[k] >= c ? 1 : 0;
          const b2 = nb[(k + 1) % 8] >= c ? 1 : 0;
          ones += b;
          if (b !== b2) transitions++;
        }
        const code = transitions <= 2 ? ones : 9;
        out[s * 10 + code] += wt;
        total += wt;
      }
    }
    if (total > 0) for (let k = 0; k < 10; k++) out[s * 10 + k] /= total;
  });
  return out;
}

export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}
