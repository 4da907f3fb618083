/**
 * Energy-based voice-activity detection: decides when the shopper started and stopped talking
 * (so recording ends by itself) and tells silence and steady noise apart from speech (so the UI
 * can say "I heard nothing" / "it is too noisy" instead of searching for garbage).
 * Speech is recognised by its syllabic modulation: frames rise well above an adaptive noise floor.
 */
import { levelDb } from './audio';

export interface VadOptions {
  sampleRate: number;
  /** Analysis frame length. */
  frameMs?: number;
  /** Silence after speech that ends the utterance. */
  endSilenceMs?: number;
  /** Consecutive loud frames needed to call it speech (rejects clicks). */
  startMs?: number;
  /** A frame counts as speech when this many dB above the noise floor... */
  marginDb?: number;
  /** ...and above this absolute level. */
  minSpeechDb?: number;
}

export type VadEvent =
  | { type: 'speech-start'; atS: number }
  | { type: 'speech-end'; atS: number };

export interface VoiceActivityDetector {
  /** Feeds samples; returns the events they caused (at most one start and one end per call). */
  push(samples: Float32Array): VadEvent[];
  readonly inSpeech: boolean;
  /** True once speech started and then ended. */
  readonly ended: boolean;
  /** Seconds of quiet since the last speech frame while still in speech (0 otherwise): a pause. */
  readonly pauseS: number;
  /** Level of the most recent frame in dBFS (for the level meter). */
  readonly lastLevelDb: number;
  readonly noiseFloorDb: number;
  /** Seconds of audio seen. */
  readonly elapsedS: number;
}

export function createVoiceActivityDetector(options: VadOptions): VoiceActivityDetector {
  const frameLength = Math.round((options.sampleRate * (options.frameMs ?? 30)) / 1000);
  const frameS = frameLength / options.sampleRate;
  const endFrames = Math.ceil((options.endSilenceMs ?? 800) / 1000 / frameS);
  const startFrames = Math.max(1, Math.ceil((options.startMs ?? 90) / 1000 / frameS));
  const margin = options.marginDb ?? 12;
  const minSpeech = options.minSpeechDb ?? -50;

  const pending = new Float32Array(frameLength);
  let pendingLength = 0;
  let frames = 0;
  let floor = Number.NaN;
  let loudRun = 0;
  let quietRun = 0;
  let inSpeech = false;
  let ended = false;
  let last = -100;

  const onFrame = (db: number, events: VadEvent[]) => {
    frames++;
    last = db;
    if (Number.isNaN(floor)) floor = db;
    // The floor drops at once to quieter frames and creeps up slowly, so a steady fan or hum
    // becomes the floor while speech (short loud bursts) does not.
    if (db < floor) floor = db;
    else if (!inSpeech) floor += (db - floor) * 0.03;
    const loud = db > floor + margin && db > minSpeech;
    if (!inSpeech) {
      loudRun = loud ? loudRun + 1 : 0;
      if (loudRun >= startFrames && !ended) {
        inSpeech = true;
        quietRun = 0;
        events.push({ type: 'speech-start', atS: (frames - loudRun) * frameS });
      }
    } else {
      const quiet = !(db > floor + margin / 2 && db > minSpeech);
      quietRun = quiet ? quietRun + 1 : 0;
      if (quietRun >= endFrames) {
        inSpeech = false;
        ended = true;
        loudRun = 0;
        events.push({ type: 'speech-end', atS: (frames - quietRun) * frameS });
      }
    }
  };

  return {
    push(samples) {
      const events: VadEvent[] = [];
      let offset = 0;
      while (offset < samples.length) {
        const take = Math.min(frameLength - pendingLength, samples.length - offset);
        pending.set(samples.subarray(offset, offset + take), pendingLength);
        pendingLength += take;
        offset += take;
        if (pendingLength === frameLength) {
          onFrame(levelDb(pending), events);
          pendingLength = 0;
        }
      }
      return events;
    },
    get inSpeech() {
      return inSpeech;
    },
    get ended() {
      return ended;
    },
    get pauseS() {
      return inSpeech ? quietRun * frameS : 0;
    },
    get lastLevelDb() {
      return last;
    },
    get noiseFloorDb() {
      return Number.isNaN(floor) ? -100 : floor;
    },
    get elapsedS() {
      return (frames * frameLength + pendingLength) / options.sampleRate;
    },
  };
}

export type UtteranceVerdict = 'speech' | 'silence' | 'noise';

export interface UtteranceAnalysis {
  verdict: UtteranceVerdict;
  /** Start/end of the detected speech in seconds (whole clip when none). */
  speechStartS: number;
  speechEndS: number;
  meanLevelDb: number;
}

/**
 * Whole-clip verdict for a recording or a dropped file: speech, silence (nothing above
 * the quiet threshold) or noise (loud but without speech-like modulation).
 */
export function analyseUtterance(samples: Float32Array, sampleRate: number): UtteranceAnalysis {
  const vad = createVoiceActivityDetector({ sampleRate, endSilenceMs: 400 });
  const frameLength = Math.round(sampleRate * 0.03);
  let start = -1;
  let end = -1;
  let energy = 0;
  let count = 0;
  for (let offset = 0; offset < samples.length; offset += frameLength) {
    const block = samples.subarray(offset, offset + frameLength);
    for (const event of vad.push(block)) {
      if (event.type === 'speech-start' && start < 0) start = event.atS;
      if (event.type === 'speech-end') end = event.atS;
    }
    const db = levelDb(block);
    energy += Math.pow(10, db / 10);
    count++;
  }
  const durationS = samples.length / sampleRate;
  const meanLevelDb = count > 0 && energy > 0 ? 10 * Math.log10(energy / count) : -100;
  if (start < 0) {
    // A noise floor this high with no speech in it: a fan, traffic, a hiss — not a quiet room.
    return { verdict: meanLevelDb > -45 ? 'noise' : 'silence', speechStartS: 0, speechEndS: durationS, meanLevelDb };
  }
  return { verdict: 'speech', speechStartS: start, speechEndS: end < 0 ? durationS : end, meanLevelDb };
}

export interface SpeechSpanOptions {
  /** Audio kept before the first and after the last loud frame (quiet onsets like "f", "s", "h"). */
  padS?: number;
  /** A frame is loud when it is this far above the quiet frames' level... */
  marginDb?: number;
  /** ...and no further than this below the loudest frame. */
  rangeDb?: number;
}

/**
 * Where the speech in a recording is, with a little padding: from shortly before the first loud
 * 10 ms frame to shortly after the last one (`from`/`to` in samples; the whole input when it is all
 * quiet). Long silences around a query skew the recogniser's cepstral mean normalisation (the mean
 * is taken over the whole utterance), and the first words then score as silence.
 */
export function speechSpan(samples: Float32Array, sampleRate: number, options: SpeechSpanOptions = {}): { from: number; to: number } {
  const whole = { from: 0, to: samples.length };
  const frame = Math.max(1, Math.round(sampleRate / 100));
  const count = Math.floor(samples.length / frame);
  if (count < 3) return whole;
  const levels: number[] = [];
  for (let i = 0; i < count; i++) levels.push(levelDb(samples.subarray(i * frame, (i + 1) * frame)));
  const sorted = [...levels].sort((a, b) => a - b);
  const quiet = sorted[Math.floor(count * 0.1)];
  const peak = sorted[count - 1];
  const threshold = Math.max(quiet + (options.marginDb ?? 15), peak - (options.rangeDb ?? 45));
  const first = levels.findIndex((db) => db > threshold);
  if (first < 0) return whole;
  let last = count - 1;
  while (last > first && !(levels[last] > threshold)) last--;
  const pad = Math.round((options.padS ?? 0.15) * sampleRate);
  return { from: Math.max(0, first * frame - pad), to: Math.min(samples.length, (last + 1) * frame + pad) };
}

/** The speech of a recording with its padding (see speechSpan); the input itself when it is all quiet. */
export function trimToSpeech(samples: Float32Array, sampleRate: number, options: SpeechSpanOptions = {}): Float32Array {
  const { from, to } = speechSpan(samples, sampleRate, options);
  return from === 0 && to === samples.length ? samples : samples.subarray(from, to);
}
