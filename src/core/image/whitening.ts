/**
 * Catalog-fitted whitening of the CNN features. Raw conv features of garment photos all share a
 * few strong directions ("person on a white backdrop"), so plain cosines between any two items
 * are high and barely tell products apart. Whitening with the catalog's own covariance
 * (shrunk towards the identity) spreads those out: x ↦ L⁻¹(x − mean), L the Cholesky factor of
 * Σ + λ·mean(diag Σ)·I, then unit length per segment. It is fitted on every view of every
 * catalog image, so the direction a crop or a mirror image moves the features in counts less.
 * Measured on the Luma dev photos (block 6 GeM alone): raw 0.444 nDCG@10, whitened λ=1 0.500
 * (λ=0.1 0.455, λ=5 0.487); fitted on full views only instead of all views: 0.65 vs 0.70 fused.
 */
import { CNN_DIMS, CNN_SEGMENTS } from './cnn';

/** Shrinkage λ towards the identity, in units of the mean feature variance. */
export const WHITENING_SHRINKAGE = 1;

interface SegmentWhitening {
  offset: number;
  dims: number;
  mean: Float64Array;
  /** Lower-triangular Cholesky factor, row-major dims × dims. */
  chol: Float64Array;
}

export interface CnnWhitening {
  segments: SegmentWhitening[];
}

/**
 * Fits the whitening on `vectors`, each holding one or more views of CNN_DIMS values (every view
 * is one sample). Works for any number of samples: the shrinkage keeps the covariance invertible.
 */
export function fitCnnWhitening(vectors: readonly Float32Array[], shrinkage = WHITENING_SHRINKAGE): CnnWhitening {
  const segments: SegmentWhitening[] = [];
  // Every view of every vector is one sample: (vector index, view start).
  const samples: Array<[number, number]> = [];
  vectors.forEach((v, k) => {
    for (let base = 0; base + CNN_DIMS <= v.length; base += CNN_DIMS) samples.push([k, base]);
  });
  let offset = 0;
  for (const seg of CNN_SEGMENTS) {
    const n = seg.channels;
    const mean = new Float64Array(n);
    for (const [k, base] of samples) {
      const v = vectors[k];
      for (let i = 0; i < n; i++) mean[i] += v[base + offset + i];
    }
    const count = samples.length;
    if (count > 0) for (let i = 0; i < n; i++) mean[i] /= count;
    // Upper triangle of the covariance, BLOCK samples at a time (block[i * BLOCK + b] = value i
    // of sample b) so the n×n matrix is swept once per block rather than once per sample.
    const cov = new Float64Array(n * n);
    const block = new Float64Array(n * BLOCK);
    for (let s0 = 0; s0 < count; s0 += BLOCK) {
      const bn = Math.min(BLOCK, count - s0);
      block.fill(0);
      for (let b = 0; b < bn; b++) {
        const [k, base] = samples[s0 + b];
        const v = vectors[k];
        for (let i = 0; i < n; i++) block[i * BLOCK + b] = v[base + offset + i] - mean[i];
      }
      for (let i = 0; i < n; i++) {
        const bi = i * BLOCK;
        const row = i * n;
        for (let j = i; j < n; j++) {
          const bj = j * BLOCK;
          let acc = 0;
          for (let b = 0; b < bn; b++) acc += block[bi + b] * block[bj + b];
          cov[row + j] += acc;
        }
      }
    }
    let trace = 0;
    for (let i = 0; i < n; i++) trace += cov[i * n + i];
    const scale = 1 / Math.max(1, count);
    const ridge = Math.max(1e-9, (shrinkage * trace * scale) / n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const c = cov[i * n + j] * scale + (i === j ? ridge : 0);
        cov[i * n + j] = c;
        cov[j * n + i] = c;
      }
    }
    segments.push({ offset, dims: n, mean, chol: cholesky(cov, n) });
    offset += n;
  }
  return { segments };
}

/** Samples processed together in the covariance and the batched whitening (cache-friendly sweeps). */
const BLOCK = 32;

/** In-place-safe Cholesky factorisation of a symmetric positive-definite matrix. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i * n + j] = s / l[j * n + j];
    }
  }
  return l;
}

/**
 * Whitens the first `views` views of a CNN vector (views × CNN_DIMS values); each segment of each
 * view comes out unit length, so a dot product per segment is a cosine.
 */
export function whitenViews(w: CnnWhitening, cnn: Float32Array, views = cnn.length / CNN_DIMS): Float32Array {
  return whitenMany(w, [cnn], views)[0];
}

/**
 * whitenViews for many vectors at once: views are solved BLOCK at a time, so the Cholesky factor
 * is read once per block (the catalog's thousands of views would otherwise re-read it each).
 */
export function whitenMany(w: CnnWhitening, vectors: readonly Float32Array[], maxViews = Infinity): Float32Array[] {
  const outs = vectors.map((v) => new Float32Array(Math.min(maxViews, Math.floor(v.length / CNN_DIMS)) * CNN_DIMS));
  const jobs: Array<[number, number]> = [];
  outs.forEach((o, k) => {
    for (let base = 0; base < o.length; base += CNN_DIMS) jobs.push([k, base]);
  });
  for (const seg of w.segments) {
    const n = seg.dims;
    const y = new Float64Array(n * BLOCK);
    for (let j0 = 0; j0 < jobs.length; j0 += BLOCK) {
      const bn = Math.min(BLOCK, jobs.length - j0);
      // Forward substitution for bn right-hand sides: y = L⁻¹ (x − mean).
      for (let i = 0; i < n; i++) {
        const row = i * n;
        const yi = i * BLOCK;
        for (let b = 0; b < bn; b++) {
          const [k, base] = jobs[j0 + b];
          y[yi + b] = vectors[k][base + seg.offset + i] - seg.mean[i];
        }
        for (let c = 0; c < i; c++) {
          const l = seg.chol[row + c];
          if (l === 0) continue;
          const yc = c * BLOCK;
          for (let b = 0; b < bn; b++) y[yi + b] -= l * y[yc + b];
        }
        const d = seg.chol[row + i];
        for (let b = 0; b < bn; b++) y[yi + b] /= d;
      }
      for (let b = 0; b < bn; b++) {
        const [k, base] = jobs[j0 + b];
        let norm = 0;
        for (let i = 0; i < n; i++) norm += y[i * BLOCK + b] ** 2;
        norm = Math.sqrt(norm);
        if (norm === 0) continue;
        const out = outs[k];
        for (let i = 0; i < n; i++) out[base + seg.offset + i] = y[i * BLOCK + b] / norm;
      }
    }
  }
  return outs;
}

/**
 * Per segment, the best cosine over all (query view, catalog view) pairs of two whitened vectors.
 * Written into `out` (length CNN_SEGMENTS.length).
 */
export function bestViewCosines(query: Float32Array, item: Float32Array, out: Float64Array): Float64Array {
  const qViews = query.length / CNN_DIMS;
  const cViews = item.length / CNN_DIMS;
  let offset = 0;
  CNN_SEGMENTS.forEach((seg, s) => {
    let best = -Infinity;
    for (let a = 0; a < qViews; a++) {
      const qa = a * CNN_DIMS + offset;
      for (let b = 0; b < cViews; b++) {
        const cb = b * CNN_DIMS + offset;
        let d = 0;
        for (let i = 0; i < seg.channels; i++) d += query[qa + i] * item[cb + i];
        if (d > best) best = d;
      }
    }
    out[s] = best === -Infinity ? 0 : best;
    offset += seg.channels;
  });
  return out;
}
