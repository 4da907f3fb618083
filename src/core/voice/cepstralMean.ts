/**
 * Cepstral mean of an utterance, computed from the recogniser's own log-mel frames.
 *
 * PocketSphinx normalises every cepstral frame by a mean. Decoding a whole utterance at once, it
 * uses that utterance's own mean (batch CMN), which is what makes the instant engine accurate
 * (eval:voice dev WER 0.034). Decoding live, block by block, it falls back to a fixed start value
 * that barely moves during one query, and the same clips then read at WER 0.17–0.38
 * (2026-11-29, Node). soundswallower exposes neither mean, but it does expose the log-mel
 * spectrogram its front end computes, and its cepstra are a fixed transform of those frames
 * (type-II DCT with the "dct" normalisation, then sinusoidal liftering). Computing the mean here
 * and handing it to the decoder as its start value (`cmninit`) makes a live decode normalise like
 * a whole-utterance one: with the exact mean, live decoding reproduced the batch WER on all three
 * English sets (dev 0.034, robustness 0.133, tuning 0.097).
 */

export interface CepstralFrontEnd {
  /** Mel filters per frame (`nfilt`). */
  filters: number;
  /** Cepstral coefficients kept (`ncep`). */
  coefficients: number;
  /** Lifter length (`lifter`; 0 = none). */
  lifter: number;
}

/** Sums cepstra of log-mel frames so means can be taken over any span of frames. */
export interface CepstralMeanAccumulator {
  /** Adds `frames` log-mel frames laid out row after row (`filters` values each). */
  addLogMel(data: Float32Array, frames: number): void;
  readonly frames: number;
  /** Mean cepstrum of the frames added (undefined before the first). */
  mean(): number[] | undefined;
}

export function createCepstralMeanAccumulator(frontEnd: CepstralFrontEnd): CepstralMeanAccumulator {
  const { filters, coefficients, lifter } = frontEnd;
  // Basis rows of the DCT, scaled and liftered once: cep[i] = lift[i] · scale[i] · Σ_j logmel[j] · cos(π i (j + ½) / N).
  const basis: Float64Array[] = [];
  for (let i = 0; i < coefficients; i++) {
    const scale = i === 0 ? Math.sqrt(1 / filters) : Math.sqrt(2 / filters);
    const lift = lifter > 0 ? 1 + (lifter / 2) * Math.sin((Math.PI * i) / lifter) : 1;
    const row = new Float64Array(filters);
    for (let j = 0; j < filters; j++) row[j] = scale * lift * (i === 0 ? 1 : Math.cos((Math.PI * i * (j + 0.5)) / filters));
    basis.push(row);
  }
  const sums = new Float64Array(coefficients);
  let frames = 0;
  return {
    addLogMel(data, count) {
      for (let t = 0; t < count; t++) {
        const offset = t * filters;
        for (let i = 0; i < coefficients; i++) {
          const row = basis[i]!;
          let sum = 0;
          for (let j = 0; j < filters; j++) sum += row[j]! * data[offset + j]!;
          sums[i] += sum;
        }
      }
      frames += count;
    },
    get frames() {
      return frames;
    },
    mean() {
      return frames > 0 ? Array.from(sums, (sum) => sum / frames) : undefined;
    },
  };
}

/**
 * A mean estimated from `frames` frames of the current utterance, pulled towards `prior` as if the
 * prior had been seen for `priorFrames` frames: early in a query a few hundred milliseconds of
 * audio (often mostly one vowel) would otherwise set the normalisation for everything after.
 */
export function blendCepstralMean(prior: readonly number[], observed: readonly number[] | undefined, frames: number, priorFrames: number): number[] {
  if (!observed || frames <= 0) return [...prior];
  return prior.map((value, i) => (value * priorFrames + (observed[i] ?? value) * frames) / (priorFrames + frames));
}

/** The decoder's `cmninit` setting for a mean (comma-separated, as PocketSphinx parses it). */
export function cmnInitValue(mean: readonly number[]): string {
  return mean.map((value) => value.toFixed(3)).join(',');
}
