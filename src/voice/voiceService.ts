/**
 * What the voice worker does, written as a plain object so it can be tested without a Worker:
 * takes raw microphone blocks at the capture rate, resamples them to 16 kHz, runs voice-activity
 * detection (end of speech / 15 s cap), decodes with the instant recogniser at pauses for the
 * live transcript, and produces the final transcript (Whisper when loaded, else the instant recogniser).
 */
import { SouError, type Product } from '../core/types';
import { createResampler, decodeWav, levelDb, MAX_FILE_SECONDS, RECOGNIZER_SAMPLE_RATE, resample, type StreamResampler } from '../core/voice/audio';
import type { InstantRecognizer } from '../core/voice/instantRecognizer';
import { normalizeTranscript } from '../core/voice/normalize';
import { analyseUtterance, createVoiceActivityDetector, type VoiceActivityDetector } from '../core/voice/vad';

export type VoiceEngine = 'instant' | 'whisper';

/** Longest microphone utterance (the 15 s cap). */
export const MAX_UTTERANCE_SECONDS = 15;
/** Stop listening when nobody has started talking after this long ("I did not hear anything"). */
export const NO_SPEECH_SECONDS = 6;

/**
 * A pause this long inside speech triggers a speculative final decode: the shopper has probably
 * finished, and the end-of-speech detector will only be sure after its longer hang-over. Decoding
 * during that wait means the transcript is ready the moment the recording stops.
 */
export const SPECULATE_AFTER_PAUSE_S = 0.25;

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

export function createVoiceService(deps: VoiceServiceDeps) {
  let instant: InstantRecognizer | null = null;
  let instantLoading: Promise<InstantRecognizer> | null = null;
  let whisper: WhisperRecognizer | null = null;
  let catalog: readonly Product[] = [];
  let catalogApplied = false;
  let session: {
    resampler: StreamResampler;
    vad: VoiceActivityDetector;
    chunks: Float32Array[];
    length: number;
    language: 'en' | 'zh' | null;
    /** The instant engine decodes at pauses (English; Chinese waits for Whisper at the end). */
    decodeAtPauses: boolean;
    /** The latest partial transcript (from the last pause's decode). */
    partial: string;
    /** Speech was detected at some point of this utterance. */
    heard: boolean;
    /**
     * Final instant transcript decoded during the current pause; cleared when speech
     * resumes. If the recording ends in this pause it is the answer, with no decode left to wait for.
     */
    speculation: string | null;
  } | null = null;

  const ensureInstant = async (): Promise<InstantRecognizer> => {
    if (!instantLoading) instantLoading = deps.loadInstant();
    instant = await instantLoading;
    if (!catalogApplied) {
      instant.setCatalog(catalog);
      catalogApplied = true;
    }
    return instant;
  };

  /** The captured audio so far as one buffer (plus an optional resampler tail). */
  const joined = (chunks: readonly Float32Array[], length: number, tail?: Float32Array): Float32Array => {
    const all = new Float32Array(length + (tail?.length ?? 0));
    let offset = 0;
    for (const chunk of tail ? [...chunks, tail] : chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all;
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
      const decodeAtPauses = language !== 'zh';
      // A load failure is reported by finishUtterance (which needs the recogniser), not here.
      if (decodeAtPauses) void ensureInstant().catch(() => undefined);
      session = {
        resampler: createResampler(captureRate, RECOGNIZER_SAMPLE_RATE),
        vad: createVoiceActivityDetector({ sampleRate: RECOGNIZER_SAMPLE_RATE }),
        chunks: [],
        length: 0,
        language,
        decodeAtPauses,
        partial: '',
        heard: false,
        speculation: null,
      };
    },
    /** One block of raw microphone samples at the capture rate. */
    pushAudio(block: Float32Array): CaptureUpdate {
      if (!session) return { levelDb: -100, partial: '', shouldStop: true };
      const samples = session.resampler.push(block);
      session.chunks.push(samples);
      session.length += samples.length;
      if (session.vad.push(samples).some((e) => e.type === 'speech-start')) session.heard = true;
      const pauseS = session.vad.pauseS;
      if (pauseS === 0 && session.vad.inSpeech && session.speculation !== null) {
        // Speech resumed after a pause: what was decoded during it is no longer the whole query.
        session.speculation = null;
      }
      // Partial transcripts come from whole-utterance decodes at pauses, not from a streaming
      // decode: PocketSphinx's live cepstral normalisation carries over between decodes on the one
      // decoder, and interleaving streaming partials with the final whole-utterance decode raised
      // the dev WER from 0.034 to 0.138 in a Node run over the voice-dev clips (2026-11-29).
      if (session.decodeAtPauses && !whisper && instant && catalogApplied && pauseS >= SPECULATE_AFTER_PAUSE_S && session.speculation === null) {
        const text = normalizeTranscript(instant.recognize(joined(session.chunks, session.length)));
        session.speculation = text;
        if (text) session.partial = text;
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
      const all = joined(current.chunks, current.length, current.resampler.flush());
      // Valid only if no speech came after it (the audio since then is the pause itself).
      const early = current.speculation !== null && !whisper ? current.speculation : undefined;
      return finalText(all, current.language, early);
    },
    cancelUtterance(): void {
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
