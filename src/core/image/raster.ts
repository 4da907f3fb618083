/**
 * Plain pixel buffers and the few geometric operations the photo matcher needs.
 * No DOM: the browser hands us ImageData's bytes, Node hands us sharp's raw output,
 * and both go through the same resize so descriptors agree between app and eval.
 */
import { SouError } from '../types';

export interface Raster {
  width: number;
  height: number;
  /** 3 = RGB, 4 = RGBA (alpha is ignored except that alpha 0 counts as background). */
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function assertRaster(r: Raster): void {
  const ok =
    Number.isInteger(r.width) &&
    Number.isInteger(r.height) &&
    r.width > 0 &&
    r.height > 0 &&
    (r.channels === 3 || r.channels === 4) &&
    r.data.length === r.width * r.height * r.channels;
  if (!ok) {
    throw new SouError('IMAGE_DECODE', 'The picture could not be read. Try another photo or a JPEG/PNG file.', {
      width: r.width,
      height: r.height,
      channels: r.channels,
      bytes: r.data.length,
    });
  }
}

/**
 * Area-averaging downscale so the longest side is at most `maxSide` (never upscales).
 * Area averaging (not nearest neighbour) keeps colour histograms stable across sizes.
 */
export function downscale(r: Raster, maxSide: number): Raster {
  assertRaster(r);
  const scale = Math.min(1, maxSide / Math.max(r.width, r.height));
  if (scale >= 1) return r;
  const w = Math.max(1, Math.round(r.width * scale));
  const h = Math.max(1, Math.round(r.height * scale));
  return resizeArea(r, w, h);
}

/** Resizes to exactly w×h by averaging the source area each target pixel covers. */
export function resizeArea(r: Raster, w: number, h: number): Raster {
  const c = r.channels;
  const out = new Uint8Array(w * h * c);
  const sx = r.width / w;
  const sy = r.height / h;
  const acc = new Float64Array(c);
  for (let y = 0; y < h; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < w; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      acc.fill(0);
      let total = 0;
      for (let yy = Math.floor(y0); yy < Math.min(r.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        if (wy <= 0) continue;
        for (let xx = Math.floor(x0); xx < Math.min(r.width, Math.ceil(x1)); xx++) {
          const wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
          if (wx <= 0) continue;
          const wgt = wx * wy;
          const i = (yy * r.width + xx) * c;
          for (let k = 0; k < c; k++) acc[k] += r.data[i + k] * wgt;
          total += wgt;
        }
      }
      const o = (y * w + x) * c;
      for (let k = 0; k < c; k++) out[o + k] = Math.round(acc[k] / total);
    }
  }
  return { width: w, height: h, channels: c, data: out };
}

/** Crops to the rectangle (clamped to the image); used for the shopper's crop box. */
export function crop(r: Raster, rect: Rect): Raster {
  assertRaster(r);
  const x0 = clampInt(rect.x, 0, r.width - 1);
  const y0 = clampInt(rect.y, 0, r.height - 1);
  const x1 = clampInt(rect.x + rect.width, x0 + 1, r.width);
  const y1 = clampInt(rect.y + rect.height, y0 + 1, r.height);
  const w = x1 - x0;
  const h = y1 - y0;
  const c = r.channels;
  const out = new Uint8Array(w * h * c);
  for (let y = 0; y < h; y++) {
    const src = ((y0 + y) * r.width + x0) * c;
    out.set(r.data.subarray(src, src + w * c), y * w * c);
  }
  return { width: w, height: h, channels: c, data: out };
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(v)));
}
