/**
 * The instant on-device English recogniser: PocketSphinx (the `soundswallower` WASM build, with
 * its en-us acoustic model) constrained by the class grammar built from the catalog and the
 * shopping lexicon. Loads in well under a second and decodes a query in tens of milliseconds,
 * so voice search works before (or without) the Whisper model.
 *
 * The soundswallower module object is passed in, so this file stays free of DOM/fetch: the voice
 * worker and the Node evaluation each create the module their own way.
 */
import type { Product } from '../types';
import { SouError } from '../types';
import { buildQueryGrammar, type GrammarOptions, type WeightedGrammar } from './grammar';
import { pronounce, type PronunciationSource } from './pronounce';
import { buildVoiceVocabulary, mergeHomophones, type VocabularyOptions } from './vocabulary';
import { concatSamples, RECOGNIZER_SAMPLE_RATE } from './audio';
import { trimToSpeech } from './vad';
import { blendCepstralMean, cmnInitValue, createCepstralMeanAccumulator, type CepstralFrontEnd } from './cepstralMean';

/** The parts of soundswallower's Decoder this module uses. */
export interface SphinxDecoder {
  initialize(): Promise<unknown>;
  start(): void;
  stop(): void;
  process_audio(pcm: Float32Array, noSearch?: boolean, fullUtt?: boolean): number;
  get_text(): string;
  get_config(key: string): string | number;
  set_config(key: string, value: string | number | boolean): boolean;
  reinitialize_audio(): Promise<void>;
  lookup_word(word: string): string | null;
  add_words(...words: Array<[string, string]>): void;
  /** Log-mel frames of the front end (`nfeat` = nfilt values per frame), for the cepstral mean. */
  spectrogram(pcm: Float32Array): { data: Float32Array; nfr: number; nfeat: number };
  delete(): void;
}

/** The parts of the soundswallower module object this module uses (low-level FSG API included). */
export interface SphinxModule {
  Decoder: new (config?: Record<string, string | number | boolean>) => SphinxDecoder;
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  _decoder_logmath(decoder: number): number;
  _logmath_log(logmath: number, p: number): number;
  _fsg_model_init(name: number, logmath: number, lw: number, stateCount: number): number;
  _fsg_set_states(fsg: number, start: number, final: number): void;
  _fsg_model_word_add(fsg: number, word: number): number;
  _fsg_model_trans_add(fsg: number, from: number, to: number, logp: number, wid: number): void;
  _fsg_model_null_trans_add(fsg: number, from: number, to: number, logp: number): number;
  _fsg_model_free(fsg: number): void;
  _decoder_set_fsg(decoder: number, fsg: number): number;
  /** Front end and feature module rebuilt from the config (what `reinitialize_audio` does, minus its fetch). */
  _decoder_init_fe(decoder: number): number;
  _decoder_init_feat_s3file(decoder: number, lda: number): number;
  _acmod_reinit_feat(acmod: number, fe: number, feat: number): number;
}

export interface InstantRecognizerOptions {
  /** Decoder settings; the wide beams matter — the defaults prune the right path too early. */
  decoderConfig?: Record<string, string | number | boolean>;
  grammar?: GrammarOptions;
  vocabulary?: VocabularyOptions;
  /** Front-end settings (remove_noise, cmn, cmninit…) over FRONT_END_CONFIG, applied after initialize(). */
  frontEndConfig?: Record<string, string | number | boolean>;
  /** Scale of grammar log-probabilities against acoustic scores. */
  languageWeight?: number;
  /** Peak of the comfort noise added to every block (0 turns it off). */
  noiseFloor?: number;
  /**
   * recognize(): decode the whole utterance in one call (default), so cepstral mean
   * normalisation uses the mean of the whole query; false decodes in blocks like streaming.
   */
  wholeUtterance?: boolean;
  /** recognize(): silence kept around the speech before decoding (default 0.25 s; negative: no trimming). */
  speechPadS?: number;
  /** Live decodes: weight of the prior cepstral mean, in 10 ms frames, against the frames heard. */
  streamPriorFrames?: number;
  /** Live decodes: seconds of audio after which the decode starts over once on its own mean (STREAM_SETTLE_S). */
  streamSettleS?: number;
}

/**
 * A live decode: audio is searched as it arrives, so when the shopper stops talking only the
 * last few blocks and the backtrace are left (milliseconds, not the whole-utterance decode).
 */
export interface InstantStream {
  /** Feeds 16 kHz mono samples. After `finish()`, feeding again resumes the decode (speech went on). */
  push(samples: Float32Array): void;
  /** Ends the decode and returns the transcript of everything fed so far. */
  finish(): string;
  /**
   * The decode has heard enough of this query to normalise by its own mean (STREAM_SETTLE_S):
   * its transcript is then as good as a whole-utterance decode, and needs no second pass.
   */
  readonly settled: boolean;
  close(): void;
}

export interface InstantRecognizer {
  readonly engine: 'instant';
  /** Rebuilds vocabulary and grammar for a catalog (call again when the catalog changes). */
  setCatalog(products: readonly Product[]): VocabularyReport;
  /** Decodes a whole utterance (16 kHz mono). */
  recognize(samples: Float32Array): string;
  /**
   * Starts a live decode. Shares the one decoder with `recognize()`: a recognize() call in between
   * interrupts the stream, which starts over on everything it was fed at its next push or finish.
   */
  openStream(): InstantStream;
  dispose(): void;
}

export interface VocabularyReport {
  words: number;
  arcs: number;
  /** How many words needed a pronunciation the dictionary lacks, by source. */
  guessed: Partial<Record<PronunciationSource, number>>;
  tookMs: number;
}

const DEFAULT_DECODER_CONFIG = {
  loglevel: 'FATAL',
  samprate: RECOGNIZER_SAMPLE_RATE,
  beam: 1e-60,
  wbeam: 1e-40,
  pbeam: 1e-60,
};

/**
 * Block size for live decodes (and recognize() with `wholeUtterance` off). By default recognize()
 * decodes the trimmed utterance in one call: the mean of the whole query normalises its first
 * words far better (eval:voice dev WER 0.45 -> 0.24 alone); live decodes estimate that mean instead.
 */
const FEED_BLOCK = 2048;

/**
 * Front-end settings applied after `initialize()`, because initialize() copies the model's
 * feat_params.json over the constructor's config. Measured on espeak clips (eval:voice):
 * the model's noise removal suits a noisy close-talk microphone, and with it the first words of a
 * clean recording are scored as silence. (The CMN start value is set before every decode: see
 * resetFrontEnd.)
 */
const FRONT_END_CONFIG: Record<string, string | number | boolean> = {
  remove_noise: false,
};

/**
 * Peak of the comfort noise mixed into every block (about -50 dBFS). Digital silence (a file, a
 * fake or muted device) has no counterpart in the acoustic model's training audio: its log-mel
 * energies collapse to the floor and the frames around speech onset are mis-normalised. A quiet
 * room's hiss is what the model knows. The noise is pseudo-random with a fixed seed per
 * utterance, so a recording always gives the same transcript.
 */
const NOISE_FLOOR = 0.003;

/**
 * The comfort noise is low-passed (one-pole, coefficient 0.7): white noise at this level reads as
 * a faint "s" to the acoustic model, and a query's last word then gains a plural ("jackets").
 * Room noise is mostly low-frequency anyway.
 */
const NOISE_SMOOTHING = 0.7;

/**
 * The cepstral mean a live decode starts from before it has heard this shopper: the mean over the
 * 32 espeak-ng tuning phrases (scripts/voice/tuning.ts — not the dev or robustness clips), taken
 * after the trimming, padding and comfort noise recognize() applies. After the first recognised
 * utterance the shopper's own mean (their voice, their microphone) replaces it.
 */
const DEFAULT_CEPSTRAL_MEAN: readonly number[] = [53.508, -4.038, 10.039, -2.406, -3.968, -8.247, -9.651, -0.952, -1.453, -1.655, 3.119, -5.445, 4.289];

/**
 * Weight of that prior, in frames (1 s), against the frames of the query heard so far: a few
 * hundred milliseconds of audio (often one vowel) would otherwise set the normalisation for the
 * whole query. In a Node simulation over the 67 English clips (2026-11-29) live decodes with this
 * weight ended on the whole-utterance transcript 57 times (30 frames: 53; no prior: 46).
 */
const PRIOR_MEAN_FRAMES = 100;

/**
 * A live decode that has been fed this much audio (preroll included) starts over once, normalised
 * by the mean of everything it has heard (still blended with the prior), and goes on live from
 * there. Its transcript then stands in for the whole-utterance decode, so a longer query's final
 * words need no second pass after the shopper stops talking. `npm run eval:voice -- … --robustness
 * --tuning --long` (Node, 2026-11-29), word error rate never settling → settling at 2 s: dev 0.069
 * → 0.069, robustness 0.133 → 0.133, tuning 0.136 → 0.136, longer queries (36 of 2–5 s) 0.321 →
 * 0.284. Settling at 1.5 s lost on the tuning set (0.175). Shorter queries keep the exact decode.
 */
const STREAM_SETTLE_S = 2.0;

function createNoiseFloor(level = NOISE_FLOOR, smoothing = NOISE_SMOOTHING): (samples: Float32Array) => Float32Array {
  let state = 0x2545f491;
  let low = 0;
  const gain = smoothing > 0 ? Math.sqrt((1 + smoothing) / (1 - smoothing)) : 1;
  return (samples) => {
    const out = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      // xorshift32: cheap, deterministic, uniform enough for dither.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const white = ((state >>> 0) / 0xffffffff - 0.5) * 2 * level;
      // Same loudness as the white noise: the filter keeps (1-a)^2/(1-a^2) of its power.
      low = smoothing * low + (1 - smoothing) * white;
      out[i] = samples[i] + low * gain;
    }
    return out;
  };
}

function allocString(module: SphinxModule, text: string): number {
  const bytes = new TextEncoder().encode(text);
  const ptr = module._malloc(bytes.length + 1);
  module.HEAPU8.set(bytes, ptr);
  module.HEAPU8[ptr + bytes.length] = 0;
  return ptr;
}

function decoderHandle(decoder: SphinxDecoder): number {
  const handle = (decoder as unknown as { cdecoder?: number }).cdecoder;
  if (typeof handle !== 'number' || handle === 0) throw new SouError('MODEL_LOAD', 'The speech recogniser did not start. Reload the page to try again.');
  return handle;
}

/** Hands a weighted grammar to the decoder through soundswallower's low-level FSG functions. */
function installGrammar(module: SphinxModule, decoder: SphinxDecoder, grammar: WeightedGrammar, languageWeight: number): void {
  const handle = decoderHandle(decoder);
  const logmath = module._decoder_logmath(handle);
  const name = allocString(module, 'sou_query');
  const fsg = module._fsg_model_init(name, logmath, languageWeight, grammar.stateCount);
  module._free(name);
  module._fsg_set_states(fsg, grammar.start, grammar.final);
  const wordIds = new Map<string, number>();
  for (const arc of grammar.arcs) {
    const logp = Math.round(module._logmath_log(logmath, arc.prob) * languageWeight);
    if (arc.word === null) {
      module._fsg_model_null_trans_add(fsg, arc.from, arc.to, logp);
      continue;
    }
    let wid = wordIds.get(arc.word);
    if (wid === undefined) {
      const ptr = allocString(module, arc.word);
      wid = module._fsg_model_word_add(fsg, ptr);
      module._free(ptr);
      wordIds.set(arc.word, wid);
    }
    module._fsg_model_trans_add(fsg, arc.from, arc.to, logp, wid);
  }
  if (module._decoder_set_fsg(handle, fsg) < 0) {
    module._fsg_model_free(fsg);
    throw new SouError('MODEL_LOAD', 'The speech recogniser rejected its vocabulary. Reload the page; typed search still works.');
  }
}

export async function createInstantRecognizer(
  module: SphinxModule,
  options: InstantRecognizerOptions = {},
): Promise<InstantRecognizer> {
  const decoder = new module.Decoder({ ...DEFAULT_DECODER_CONFIG, ...options.decoderConfig });
  try {
    await decoder.initialize();
  } catch (error) {
    throw new SouError('MODEL_MISSING', 'The speech model files could not be loaded. Check the connection once and reload; typed search still works.', {
      cause: String(error),
    });
  }
  for (const [key, value] of Object.entries({ ...FRONT_END_CONFIG, ...options.frontEndConfig })) decoder.set_config(key, value);
  await decoder.reinitialize_audio();
  const languageWeight = options.languageWeight ?? 8;
  const known = new Map<string, string>();
  let ready = false;

  const handle = decoderHandle(decoder);
  const acmod = (decoder as unknown as { cacmod?: number }).cacmod ?? 0;
  const frontEnd: CepstralFrontEnd = {
    filters: Number(decoder.get_config('nfilt')),
    coefficients: Number(decoder.get_config('ncep')),
    lifter: Number(decoder.get_config('lifter')),
  };
  // The mean is computed from the spectrogram with the "dct" cepstral transform the en-us model
  // uses; with another transform live decodes keep the prior mean.
  const cepstraKnown = decoder.get_config('transform') === 'dct' && frontEnd.coefficients === DEFAULT_CEPSTRAL_MEAN.length;
  let shopperMean: readonly number[] = DEFAULT_CEPSTRAL_MEAN;
  /** Anything that must stop using the decoder before someone else does (the open live decode). */
  let interruptStream: (() => void) | null = null;

  /**
   * Fresh front end and feature module (so fresh CMN state) starting from `mean`. Synchronous and
   * ~0.1 ms: `reinitialize_audio()` does the same but first fetches an LDA file the en-us model
   * does not have (a 404 per call in the browser).
   */
  const resetFrontEnd = (mean: readonly number[]) => {
    decoder.set_config('cmninit', cmnInitValue(mean));
    const fe = module._decoder_init_fe(handle);
    const feat = module._decoder_init_feat_s3file(handle, 0);
    if (fe === 0 || feat === 0 || acmod === 0 || module._acmod_reinit_feat(acmod, fe, feat) < 0) {
      throw new SouError('MODEL_LOAD', 'The speech recogniser stopped working. Reload the page; typed search still works.');
    }
    // A second front end for spectrogram(): the running decode keeps its own (the acoustic model
    // holds a reference to it), so measuring the mean mid-utterance cannot disturb the decode.
    if (module._decoder_init_fe(handle) === 0) {
      throw new SouError('MODEL_LOAD', 'The speech recogniser stopped working. Reload the page; typed search still works.');
    }
  };
  const meanOf = (samples: Float32Array): { mean: number[] | undefined; frames: number } => {
    if (!cepstraKnown || samples.length === 0) return { mean: undefined, frames: 0 };
    const { data, nfr, nfeat } = decoder.spectrogram(samples);
    if (nfeat !== frontEnd.filters) return { mean: undefined, frames: 0 };
    const sums = createCepstralMeanAccumulator(frontEnd);
    sums.addLogMel(data, nfr);
    return { mean: sums.mean(), frames: sums.frames };
  };
  const feedBlocks = (samples: Float32Array) => {
    for (let offset = 0; offset < samples.length; offset += FEED_BLOCK) {
      decoder.process_audio(samples.subarray(offset, offset + FEED_BLOCK), false, false);
    }
  };
  const assertReady = () => {
    if (!ready) throw new SouError('MODEL_LOAD', 'Voice search is still preparing its vocabulary. Try again in a moment.');
  };

  const openStream = (): InstantStream => {
    assertReady();
    interruptStream?.();
    const addNoise = createNoiseFloor(options.noiseFloor);
    const chunks: Float32Array[] = [];
    const priorFrames = options.streamPriorFrames ?? PRIOR_MEAN_FRAMES;
    const settleSamples = Math.round((options.streamSettleS ?? STREAM_SETTLE_S) * RECOGNIZER_SAMPLE_RATE);
    let heard = 0;
    let settled = false;
    let decoding = false;
    let closed = false;
    const interrupt = () => {
      if (decoding) decoder.stop();
      decoding = false;
    };
    /**
     * (Re)decodes everything heard, normalised by the best mean available now: the shopper's usual
     * one, pulled towards what this query has sounded like so far.
     */
    const startOver = () => {
      interruptStream?.();
      const audio = concatSamples(chunks);
      const { mean, frames } = meanOf(audio);
      resetFrontEnd(blendCepstralMean(shopperMean, mean, frames, priorFrames));
      decoder.start();
      feedBlocks(audio);
      decoding = true;
      interruptStream = interrupt;
    };
    return {
      push(raw) {
        if (closed || raw.length === 0) return;
        const samples = addNoise(raw);
        chunks.push(samples);
        heard += samples.length;
        // Settling is one more start-over, on the mean of everything heard by then.
        const settling = !settled && heard >= settleSamples;
        if (settling) settled = true;
        if (settling || !decoding) startOver();
        else feedBlocks(samples);
      },
      finish() {
        if (closed) return '';
        if (!decoding) {
          if (chunks.length === 0) return '';
          startOver();
        }
        interrupt();
        return decoder.get_text().trim();
      },
      get settled() {
        return settled;
      },
      close() {
        interrupt();
        closed = true;
        if (interruptStream === interrupt) interruptStream = null;
      },
    };
  };

  return {
    engine: 'instant',
    setCatalog(products) {
      const started = Date.now();
      interruptStream?.();
      const spelled = buildVoiceVocabulary(products, options.vocabulary);
      const guessed: Partial<Record<PronunciationSource, number>> = {};
      const lookup = (word: string) => decoder.lookup_word(word);
      const phonesOf = new Map<string, string>();
      for (const word of spelled.words) {
        const listed = known.get(word) ?? lookup(word);
        if (listed) {
          phonesOf.set(word, listed);
          continue;
        }
        const { phones, source } = pronounce(word, lookup);
        guessed[source] = (guessed[source] ?? 0) + 1;
        phonesOf.set(word, phones);
      }
      const vocabulary = mergeHomophones(spelled, (word) => phonesOf.get(word) ?? null);
      const additions: Array<[string, string]> = [];
      for (const word of vocabulary.words) {
        if (known.has(word) || lookup(word)) continue;
        additions.push([word, phonesOf.get(word)!]);
        known.set(word, phonesOf.get(word)!);
      }
      if (additions.length > 0) decoder.add_words(...additions);
      const grammar = buildQueryGrammar(vocabulary, options.grammar);
      installGrammar(module, decoder, grammar, languageWeight);
      ready = true;
      return { words: vocabulary.words.length, arcs: grammar.arcs.length, guessed, tookMs: Date.now() - started };
    },
    recognize(raw) {
      assertReady();
      interruptStream?.();
      const pad = options.speechPadS ?? 0.25;
      // Fresh comfort noise per utterance: a recording always gives the same transcript.
      const samples = createNoiseFloor(options.noiseFloor)(pad >= 0 ? trimToSpeech(raw, RECOGNIZER_SAMPLE_RATE, { padS: pad }) : raw);
      // A live decode leaves the feature module normalising with a running mean; a fresh one
      // takes the whole utterance's own mean again.
      resetFrontEnd(shopperMean);
      decoder.start();
      if (options.wholeUtterance ?? true) decoder.process_audio(samples, false, true);
      else feedBlocks(samples);
      decoder.stop();
      const text = decoder.get_text().trim();
      // What this shopper's speech looks like through this microphone: where live decodes start.
      const { mean } = text ? meanOf(samples) : { mean: undefined };
      if (mean) shopperMean = mean;
      return text;
    },
    openStream,
    dispose() {
      decoder.delete();
    },
  };
}
