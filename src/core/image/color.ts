/**
 * Colour math for photo matching: sRGB → CIELAB, soft colour-name memberships (the 11 basic
 * colour terms shoppers use) and a hue/saturation/value histogram with soft binning.
 * Soft assignment matters: a navy hoodie photographed in shade must not jump from "blue" to "black".
 */

export const COLOR_NAMES = [
  'black',
  'white',
  'gray',
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'brown',
] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

const SRGB_TO_LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

/** sRGB bytes → CIELAB (D65), written into `out` as [L, a, b]. */
export function rgbToLab(r: number, g: number, b: number, out: Float64Array | number[]): void {
  const R = SRGB_TO_LINEAR[r];
  const G = SRGB_TO_LINEAR[g];
  const B = SRGB_TO_LINEAR[b];
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  out[0] = 116 * fy - 16;
  out[1] = 500 * (fx - fy);
  out[2] = 200 * (fy - fz);
}

/**
 * Prototype colours per name (sRGB), several per name because names cover wide regions
 * (navy and sky are both "blue"). Chosen from the usual basic-colour-term charts, not from data.
 */
const NAME_PROTOTYPES: Record<ColorName, Array<[number, number, number]>> = {
  black: [[0, 0, 0], [28, 28, 30], [40, 38, 45]],
  white: [[255, 255, 255], [236, 236, 232], [222, 224, 228]],
  gray: [[128, 128, 128], [95, 97, 100], [165, 165, 168], [196, 196, 198], [70, 72, 75]],
  red: [[200, 30, 35], [150, 20, 30], [230, 60, 50], [110, 20, 30]],
  orange: [[245, 130, 30], [230, 100, 40], [250, 170, 80]],
  yellow: [[245, 225, 40], [220, 200, 70], [250, 240, 140]],
  green: [[40, 150, 60], [100, 170, 70], [30, 90, 45], [150, 200, 90], [80, 110, 60]],
  blue: [[30, 80, 200], [40, 60, 130], [100, 160, 225], [25, 35, 75], [60, 120, 190], [150, 190, 230]],
  purple: [[120, 50, 160], [80, 40, 110], [170, 120, 200], [140, 60, 130]],
  pink: [[240, 150, 190], [225, 70, 150], [250, 200, 215], [200, 100, 140]],
  brown: [[120, 75, 35], [165, 120, 75], [85, 55, 35], [190, 160, 120]],
};

interface Prototype {
  name: number;
  lab: [number, number, number];
}

const PROTOTYPES: Prototype[] = [];
{
  const lab = [0, 0, 0];
  COLOR_NAMES.forEach((name, idx) => {
    for (const [r, g, b] of NAME_PROTOTYPES[name]) {
      rgbToLab(r, g, b, lab);
      PROTOTYPES.push({ name: idx, lab: [lab[0], lab[1], lab[2]] });
    }
  });
}

/** Width (ΔE) of the soft colour-name assignment. */
const NAME_SIGMA = 14;

/**
 * Adds this Lab colour's soft name memberships (summing to `weight`) into `hist`.
 * Membership of a name = max over its prototypes of exp(-ΔE²/2σ²), then normalised.
 */
export function addColorNames(lab: ArrayLike<number>, weight: number, hist: Float64Array, scratch: Float64Array): void {
  scratch.fill(0);
  for (const p of PROTOTYPES) {
    const dl = lab[0] - p.lab[0];
    const da = lab[1] - p.lab[1];
    const db = lab[2] - p.lab[2];
    const m = Math.exp(-(dl * dl * 0.5 + da * da + db * db) / (2 * NAME_SIGMA * NAME_SIGMA));
    if (m > scratch[p.name]) scratch[p.name] = m;
  }
  let sum = 0;
  for (let i = 0; i < scratch.length; i++) sum += scratch[i];
  if (sum < 1e-12) {
    // Far from every prototype: fall back to the nearest one.
    let best = 0;
    let bestD = Infinity;
    for (const p of PROTOTYPES) {
      const d = (lab[0] - p.lab[0]) ** 2 + (lab[1] - p.lab[1]) ** 2 + (lab[2] - p.lab[2]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p.name;
      }
    }
    hist[best] += weight;
    return;
  }
  for (let i = 0; i < scratch.length; i++) hist[i] += (weight * scratch[i]) / sum;
}

/** Hue bins of the chromatic part of the histogram. */
export const HUE_BINS = 16;
/** Lightness bins of the chromatic part (dark / mid / light). */
export const CHROMA_L_BINS = 3;
/** Lightness bins of the achromatic (grey axis) part. */
export const GREY_BINS = 8;
export const LAB_HIST_SIZE = HUE_BINS * CHROMA_L_BINS * 2 + GREY_BINS;

/**
 * Soft Lab histogram: chroma splits a pixel between "grey axis" and "coloured" (so near-neutral
 * fabrics don't flicker between hues), hue and lightness are interpolated between neighbouring bins.
 * Layout: [hue × lightness × chroma level (low, high)] then [grey lightness].
 */
export function addLabHistogram(lab: ArrayLike<number>, weight: number, hist: Float64Array): void {
  const L = lab[0];
  const a = lab[1];
  const b = lab[2];
  const chroma = Math.hypot(a, b);
  // Fraction of the pixel that counts as coloured: 0 below chroma 6, 1 above 16.
  const colored = Math.max(0, Math.min(1, (chroma - 6) / 10));
  const grey = 1 - colored;
  if (grey > 0) {
    const pos = Math.max(0, Math.min(GREY_BINS - 1, (L / 100) * GREY_BINS - 0.5));
    const i0 = Math.floor(pos);
    const f = pos - i0;
    const base = HUE_BINS * CHROMA_L_BINS * 2;
    hist[base + i0] += weight * grey * (1 - f);
    if (i0 + 1 < GREY_BINS) hist[base + i0 + 1] += weight * grey * f;
  }
  if (colored > 0) {
    const hue = (Math.atan2(b, a) / (2 * Math.PI) + 1) % 1;
    const hp = hue * HUE_BINS - 0.5;
    const h0 = ((Math.floor(hp) % HUE_BINS) + HUE_BINS) % HUE_BINS;
    const hf = hp - Math.floor(hp);
    const h1 = (h0 + 1) % HUE_BINS;
    const lp = Math.max(0, Math.min(CHROMA_L_BINS - 1, (L / 100) * CHROMA_L_BINS - 0.5));
    const l0 = Math.floor(lp);
    const lf = lp - l0;
    const l1 = Math.min(CHROMA_L_BINS - 1, l0 + 1);
    const c = chroma > 40 ? 1 : 0;
    const w = weight * colored;
    const idx = (h: number, l: number) => (h * CHROMA_L_BINS + l) * 2 + c;
    hist[idx(h0, l0)] += w * (1 - hf) * (1 - lf);
    hist[idx(h1, l0)] += w * hf * (1 - lf);
    hist[idx(h0, l1)] += w * (1 - hf) * lf;
    hist[idx(h1, l1)] += w * hf * lf;
  }
}
