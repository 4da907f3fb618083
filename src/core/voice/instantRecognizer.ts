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
import { RECOGNIZER_SAMPLE_RATE } from './audio';
import { trimToSpeech } from './vad';

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
}

export interface InstantRecognizer {
  readonly engine: 'instant';
  /** Rebuilds vocabulary and grammar for a catalog (call again when the catalog changes). */
  setCatalog(products: readonly Product[]): VocabularyReport;
  /** Decodes a whole utterance (16 kHz mono). */
  recognize(samples: Float32Array): string;
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
 * Block size when `wholeUtterance` is off (cepstral mean from a running estimate). By default
 * recognize() decodes the trimmed utterance in one call instead: the mean of the whole query
 * normalises its first words far better (eval:voice dev WER 0.45 -> 0.24 alone).
 */
const FEED_BLOCK = 2048;

/**
 * Front-end settings applied after `initialize()`, because initialize() copies the model's
 * feat_params.json over the constructor's config. Measured on espeak clips (eval:voice):
 * the model's noise-removal and CMN start value (c0 = 40) suit a noisy close-talk microphone,
 * and with them the first words of a clean recording are scored as silence.
 */
const FRONT_END_CONFIG: Record<string, string | number | boolean> = {
  remove_noise: false,
  cmninit: '60,3,-1',
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
  let addNoiseFloor = createNoiseFloor(options.noiseFloor);
  const known = new Map<string, string>();
  let ready = false;

  const decodeBlocks = (raw: Float32Array) => {
    const samples = addNoiseFloor(raw);
    for (let offset = 0; offset < samples.length; offset += FEED_BLOCK) {
      decoder.process_audio(samples.subarray(offset, offset + FEED_BLOCK), false, false);
    }
  };
  const assertReady = () => {
    if (!ready) throw new SouError('MODEL_LOAD', 'Voice search is still preparing its vocabulary. Try again in a moment.');
  };

  return {
    engine: 'instant',
    setCatalog(products) {
      const started = Date.now();
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
      const pad = options.speechPadS ?? 0.25;
      const samples = pad >= 0 ? trimToSpeech(raw, RECOGNIZER_SAMPLE_RATE, { padS: pad }) : raw;
      addNoiseFloor = createNoiseFloor(options.noiseFloor);
      decoder.start();
      if (options.wholeUtterance ?? true) decoder.process_audio(addNoiseFloor(samples), false, true);
      else decodeBlocks(samples);
      decoder.stop();
      return decoder.get_text().trim();
    },
    dispose() {
      decoder.delete();
    },
  };
}
