/**
 * What the voice worker does, written as a plain object so it can be tested without a Worker:
 * takes raw microphone blocks at the capture rate, resamples them to 16 kHz, runs voice-activity
 * detection (end of speech / 15 s cap), decodes live with the instant recogniser while the shopper
 * talks (its transcript reaches the search box at the first short pause), and produces the final
 * transcript (Whisper when loaded; else, for a query of 2 s or more, the live decode once it has
 * settled on the query's own cepstral mean; else the instant recogniser's exact whole-utterance
 * decode, which runs during the end-of-speech hang-over).
 */
import { SouError, type Product } from '../core/types';
import { concatSamples, createResampler, decodeWav, levelDb, MAX_FILE_SECONDS, RECOGNIZER_SAMPLE_RATE, resample, type StreamResampler } from '../core/voice/audio';
import type { InstantRecognizer, InstantStream } from '../core/voice/instantRecognizer';
import { normalizeTranscript } from '../core/voice/normalize';
import { analyseUtterance, createVoiceActivityDetector, speechSpan, type VoiceActivityDetector } from '../core/voice/vad';

export type VoiceEngine = 'instant' | 'whisper';

/** Longest microphone utterance (the 15 s cap). */
export const MAX_UTTERANCE_SECONDS = 15;
/** Stop listening when nobody has started talking after this long ("I did not hear anything"). */
export const NO_SPEECH_SECONDS = 6;

/**
 * A pause this long inside speech ends the live decode: the shopper has probably finished, and the
 * end-of-speech detector will only be sure after its longer hang-over. The decode has kept pace
 * with the speech, so ending it costs milliseconds and its transcript goes to the search box at
 * once. If the shopper goes on talking, the decode resumes over everything heard.
 */
export const LIVE_TRANSCRIPT_AFTER_PAUSE_S = 0.1;

/**
 * A pause this long triggers the exact decode: the whole utterance at once, normalised by its own
 * cepstral mean, which the live decode could only estimate (eval:voice, Node, 2026-11-29: dev WER
 * 0.034 exact vs 0.103 live; robustness 0.133 vs 0.200). It replaces the live transcript if it heard
 * something else, and is the final transcript if the recording ends in this pause — so when the
 * end-of-speech detector stops the recording, nothing is left to decode. A live decode that has
 * settled (a query of 2 s or more, InstantStream.settled) already normalised by the query's own
 * mean: its words are final at the short pause and no exact decode runs.
 */
export const SPECULATE_AFTER_PAUSE_S = 0.25;

/** Audio before the speech onset the live decode also gets (quiet onsets: "f", "h", "s"), as recognize() pads. */
const STREAM_PREROLL_S = 0.25;

export interface WhisperRecognizer {
  transcribe(samples: Float32Array, language: 'en' | 'zh' | null): Promise<string>;
}

export interface CaptureUpdate {
  levelDb: number;
  partial: string;
  /** True once the shopper stopped talking or the 15 s cap was hit: call `finishUtterance`. */
  shouldStop: boolean;
  reason?: 'end-of-speech' | 'max-length' | 'no-speech';
}

export interface VoiceResult {
  text: string;
  engine: VoiceEngine;
  durationS: number;
}

export interface VoiceServiceDeps {
  loadInstant(): Promise<InstantRecognizer>;
  loadWhisper?(): Promise<WhisperRecognizer>;
}

/** One recording, from the press to the final transcript. */
interface UtteranceSession {
  resampler: StreamResampler;
  vad: VoiceActivityDetector;
  chunks: Float32Array[];
  length: number;
  language: 'en' | 'zh' | null;
  /** The instant engine decodes live (English; Chinese waits for Whisper at the end). */
  decodeLive: boolean;
  /** The latest partial transcript (the live decode's at a pause, then the exact decode's). */
  partial: string;
  /** Speech was detected at some point of this utterance. */
  heard: boolean;
  /** Where speech first started (samples at 16 kHz), once it has. */
  speechStart: number;
  /** The live decode, opened once speech has started and the recogniser is ready. */
  stream: InstantStream | null;
  /** Samples of the utterance fed to the live decode so far (it waits while the shopper pauses). */
  streamFed: number;
  /** The live decode was ended at the current pause (and resumes when speech does). */
  liveEnded: boolean;
  /**
   * The exact transcript decoded during the current pause; cleared when speech resumes. If the
   * recording ends in this pause it is the answer, with no decode left to wait for.
   */
  speculation: string | null;
}

export function createVoiceService(deps: VoiceServiceDeps) {
  let instant: InstantRecognizer | null = null;
  let instantLoading: Promise<InstantRecognizer> | null = null;
  let whisper: WhisperRecognizer | null = null;
  let catalog: readonly Product[] = [];
  let catalogApplied = false;
  let session: UtteranceSession | null = null;

  const ensureInstant = async (): Promise<InstantRecognizer> => {
    if (!instantLoading) instantLoading = deps.loadInstant();
    instant = await instantLoading;
    if (!catalogApplied) {
      instant.setCatalog(catalog);
      catalogApplied = true;
    }
    return instant;
  };

  /** The captured audio from sample `from` on, as one buffer. */
  const samplesFrom = (current: UtteranceSession, from: number): Float32Array => {
    const out = new Float32Array(Math.max(0, current.length - from));
    let end = current.length;
    for (let i = current.chunks.length - 1; i >= 0 && end > from; i--) {
      const chunk = current.chunks[i]!;
      const start = end - chunk.length;
      const skip = Math.max(0, from - start);
      out.set(skip > 0 ? chunk.subarray(skip) : chunk, start + skip - from);
      end = start;
    }
    return out;
  };

  /**
   * Keeps the live decode level with the audio: opens it once speech has started (from where the
   * whole-utterance trimming would start, a little before the onset), feeds each new block, and
   * holds the audio back after it was ended at a pause (a pause costs nothing); when speech
   * resumes the held audio follows and the decode goes on over everything.
   */
  const feedLiveDecode = (current: UtteranceSession, recognizer: InstantRecognizer, talking: boolean) => {
    if (!current.stream) {
      current.stream = recognizer.openStream();
      const span = speechSpan(concatSamples(current.chunks), RECOGNIZER_SAMPLE_RATE, { padS: STREAM_PREROLL_S });
      current.streamFed = Math.min(span.from, current.speechStart);
    }
    if (current.liveEnded) {
      if (!talking) return;
      current.liveEnded = false;
    }
    if (current.streamFed < current.length) {
      current.stream.push(samplesFrom(current, current.streamFed));
      current.streamFed = current.length;
    }
  };

  const finalText = async (samples: Float32Array, language: 'en' | 'zh' | null, decodedEarly?: string): Promise<VoiceResult> => {
    const durationS = samples.length / RECOGNIZER_SAMPLE_RATE;
    const verdict = analyseUtterance(samples, RECOGNIZER_SAMPLE_RATE);
    if (verdict.verdict === 'silence') {
      throw new SouError('VOICE_NO_SPEECH', 'I did not hear anything. Check the microphone and speak after pressing the button, or type your search.');
    }
    if (verdict.verdict === 'noise') {
      throw new SouError('VOICE_NOISE_ONLY', 'I only heard background noise. Move somewhere quieter or type your search.');
    }
    if (whisper) {
      const text = normalizeTranscript(await whisper.transcribe(samples, language));
      if (text) return { text, engine: 'whisper', durationS };
    }
    if (language === 'zh') {
      throw new SouError('MODEL_MISSING', 'Chinese voice search needs the Whisper model, which is not installed. Type your search, or install the model.');
    }
    const text = decodedEarly ?? normalizeTranscript((await ensureInstant()).recognize(samples));
    if (!text) throw new SouError('VOICE_NO_SPEECH', 'I could not make out any words. Try again a little closer to the microphone, or type your search.');
    return { text, engine: 'instant', durationS };
  };

  return {
    /** Loads the instant recogniser now (so the first utterance does not wait for it). */
    async warmUp(): Promise<{ engine: VoiceEngine }> {
      await ensureInstant();
      return { engine: whisper ? 'whisper' : 'instant' };
    },
    /** Rebuilds the instant recogniser's vocabulary for a new catalog. */
    async setCatalog(products: readonly Product[]): Promise<{ words: number }> {
      catalog = products;
      catalogApplied = false;
      if (instant || instantLoading) {
        const recognizer = await ensureInstant();
        return { words: recognizer.setCatalog(products).words };
      }
      return { words: 0 };
    },
    async enableWhisper(): Promise<boolean> {
      if (!deps.loadWhisper) return false;
      whisper = await deps.loadWhisper();
      return true;
    },
    get engine(): VoiceEngine {
      return whisper ? 'whisper' : 'instant';
    },
    /**
     * Starts capturing at once. The recogniser may still be loading (first press): audio is kept
     * and fed to it when it is ready, so the shopper's first words are never lost to the load.
     */
    async startUtterance(captureRate: number, language: 'en' | 'zh' | null): Promise<void> {
      const decodeLive = language !== 'zh';
      // A load failure is reported by finishUtterance (which needs the recogniser), not here.
      if (decodeLive) void ensureInstant().catch(() => undefined);
      session?.stream?.close();
      session = {
        resampler: createResampler(captureRate, RECOGNIZER_SAMPLE_RATE),
        vad: createVoiceActivityDetector({ sampleRate: RECOGNIZER_SAMPLE_RATE }),
        chunks: [],
        length: 0,
        language,
        decodeLive,
        partial: '',
        heard: false,
        speechStart: -1,
        stream: null,
        streamFed: 0,
        liveEnded: false,
        speculation: null,
      };
    },
    /** One block of raw microphone samples at the capture rate. */
    pushAudio(block: Float32Array): CaptureUpdate {
      if (!session) return { levelDb: -100, partial: '', shouldStop: true };
      const samples = session.resampler.push(block);
      session.chunks.push(samples);
      session.length += samples.length;
      for (const event of session.vad.push(samples)) {
        if (event.type !== 'speech-start') continue;
        session.heard = true;
        if (session.speechStart < 0) session.speechStart = Math.round(event.atS * RECOGNIZER_SAMPLE_RATE);
      }
      const pauseS = session.vad.pauseS;
      const talking = pauseS === 0 && session.vad.inSpeech;
      if (talking && session.speculation !== null) {
        // Speech resumed after a pause: what was decoded during it is no longer the whole query.
        session.speculation = null;
      }
      if (session.decodeLive && !whisper && instant && catalogApplied && session.speechStart >= 0) {
        feedLiveDecode(session, instant, talking);
        if (pauseS >= LIVE_TRANSCRIPT_AFTER_PAUSE_S && !session.liveEnded) {
          session.liveEnded = true;
          const text = normalizeTranscript(session.stream!.finish());
          if (text) session.partial = text;
          // A settled live decode normalised by the query's own mean: its words are final.
          if (text && session.stream!.settled) session.speculation = text;
        } else if (pauseS >= SPECULATE_AFTER_PAUSE_S && session.speculation === null) {
          // In the next block, not the live transcript's: that one reaches the page first.
          const text = normalizeTranscript(instant.recognize(concatSamples(session.chunks)));
          session.speculation = text;
          if (text) session.partial = text;
        }
      }
      const elapsed = session.length / RECOGNIZER_SAMPLE_RATE;
      const update: CaptureUpdate = { levelDb: levelDb(block), partial: session.partial, shouldStop: false };
      if (session.vad.ended) return { ...update, shouldStop: true, reason: 'end-of-speech' };
      if (elapsed >= MAX_UTTERANCE_SECONDS) return { ...update, shouldStop: true, reason: 'max-length' };
      if (!session.heard && !session.vad.inSpeech && elapsed >= NO_SPEECH_SECONDS) return { ...update, shouldStop: true, reason: 'no-speech' };
      return update;
    },
    async finishUtterance(): Promise<VoiceResult> {
      if (!session) throw new SouError('ABORTED', 'No recording is in progress.');
      const current = session;
      session = null;
      const all = concatSamples([...current.chunks, current.resampler.flush()]);
      current.stream?.close();
      // Valid only if no speech came after it (the audio since then is the pause itself).
      const early = current.speculation !== null && !whisper ? current.speculation : undefined;
      return finalText(all, current.language, early);
    },
    cancelUtterance(): void {
      session?.stream?.close();
      session = null;
    },
    /** A dropped or picked file: WAV bytes decoded here, other formats arrive already decoded. */
    async transcribeFile(input: { wav: Uint8Array } | { samples: Float32Array; sampleRate: number }, language: 'en' | 'zh' | null): Promise<VoiceResult> {
      let samples: Float32Array;
      let rate: number;
      if ('wav' in input) {
        const decoded = decodeWav(input.wav, MAX_FILE_SECONDS);
        samples = decoded.samples;
        rate = decoded.sampleRate;
      } else {
        if (input.samples.length / input.sampleRate > MAX_FILE_SECONDS) {
          throw new SouError('AUDIO_TOO_LONG', `This recording is longer than ${MAX_FILE_SECONDS} s; voice search takes a short spoken query. Trim it or just speak.`);
        }
        samples = input.samples;
        rate = input.sampleRate;
      }
      return finalText(resample(samples, rate, RECOGNIZER_SAMPLE_RATE), language);
    },
  };
}

export type VoiceService = ReturnType<typeof createVoiceService>;
