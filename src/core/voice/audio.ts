/**
 * Audio helpers shared by the browser capture path, the voice worker and the Node evaluation:
 * WAV decoding, down-mixing and resampling to the 16 kHz mono the recognisers expect.
 * Plain TypeScript (no Web Audio), so the same code runs in a worklet, a worker and Node.
 */
import { SouError } from '../types';

/** Both recognisers (PocketSphinx en-us and Whisper) take 16 kHz mono float samples in [-1, 1]. */
export const RECOGNIZER_SAMPLE_RATE = 16_000;

/** Longest audio accepted from a file: a spoken query is seconds long, a 10-minute file is a mistake. */
export const MAX_FILE_SECONDS = 60;

export interface DecodedAudio {
  sampleRate: number;
  channels: number;
  /** Mono (channels averaged), float in [-1, 1]. */
  samples: Float32Array;
  durationS: number;
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/**
 * Decodes a RIFF/WAVE file (PCM 8/16/24/32-bit integer or 32/64-bit float, any channel count).
 * Throws AUDIO_UNSUPPORTED for other containers/codecs and AUDIO_DECODE for damaged files,
 * AUDIO_TOO_LONG above `maxSeconds` (checked from the header, before decoding the samples).
 */
export function decodeWav(bytes: Uint8Array, maxSeconds = MAX_FILE_SECONDS): DecodedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || fourcc(view, 0) !== 'RIFF' || fourcc(view, 8) !== 'WAVE') {
    throw new SouError('AUDIO_UNSUPPORTED', 'This file is not a WAV recording. Choose a WAV, MP3, OGG or WebM audio file.');
  }
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let dataOffset = -1;
  let dataLength = 0;
  let declaredLength = 0;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = fourcc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.byteLength) break;
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format code in the sub-format GUID.
      if (format === 0xfffe && size >= 26 && body + 26 <= bytes.byteLength) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      dataOffset = body;
      declaredLength = size === 0xffffffff ? 0 : size;
      // Streams written live often leave the size at 0 or 0xFFFFFFFF: read to the end then.
      dataLength = size === 0 || size === 0xffffffff ? bytes.byteLength - body : Math.min(size, bytes.byteLength - body);
      break;
    }
    offset = body + size + (size % 2);
  }
  if (format === 0 || dataOffset < 0) {
    throw new SouError('AUDIO_DECODE', 'This WAV file is damaged (no audio format or data found). Record again or choose another file.');
  }
  const isFloat = format === 3;
  if (!(format === 1 || isFloat) || ![8, 16, 24, 32, 64].includes(bits) || (isFloat && bits < 32)) {
    throw new SouError('AUDIO_UNSUPPORTED', `This WAV file uses an unsupported encoding (format ${format}, ${bits}-bit). Save it as 16-bit PCM WAV.`);
  }
  if (channels < 1 || sampleRate < 4000 || sampleRate > 384_000) {
    throw new SouError('AUDIO_DECODE', 'This WAV file has an invalid header (channels or sample rate). Choose another file.');
  }
  const bytesPerSample = bits / 8;
  const frames = Math.floor(dataLength / (bytesPerSample * channels));
  const durationS = frames / sampleRate;
  // The header's own length counts too, so a huge file is refused before anything is decoded.
  const declaredS = Math.floor(declaredLength / (bytesPerSample * channels)) / sampleRate;
  if (Math.max(durationS, declaredS) > maxSeconds) {
    throw new SouError(
      'AUDIO_TOO_LONG',
      `This recording is ${Math.round(Math.max(durationS, declaredS))} s long; voice search takes up to ${maxSeconds} s. Trim it or just speak your query.`,
      { durationS, maxSeconds },
    );
  }
  if (frames === 0) throw new SouError('AUDIO_DECODE', 'This WAV file contains no audio. Choose another file.');
  const samples = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let ch = 0; ch < channels; ch++) {
      const at = dataOffset + (frame * channels + ch) * bytesPerSample;
      let value: number;
      if (isFloat) value = bits === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
      else if (bits === 8) value = (view.getUint8(at) - 128) / 128;
      else if (bits === 16) value = view.getInt16(at, true) / 32768;
      else if (bits === 24) {
        const raw = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
        value = raw / 8_388_608;
      } else value = view.getInt32(at, true) / 2_147_483_648;
      sum += value;
    }
    samples[frame] = Number.isFinite(sum) ? Math.max(-1, Math.min(1, sum / channels)) : 0;
  }
  return { sampleRate, channels, samples, durationS };
}

/** Encodes mono float samples as a 16-bit PCM WAV (used by tests and the benchmark). */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, v < 0 ? v * 32768 : v * 32767, true);
  }
  return out;
}

/**
 * Streaming band-limited resampler (windowed-sinc interpolation). Stateful so that audio can be
 * pushed in the arbitrary block sizes a microphone delivers (128-frame worklet quanta, etc.)
 * and the output is identical to resampling the whole signal at once.
 */
export interface StreamResampler {
  push(chunk: Float32Array): Float32Array;
  /** Emits the samples still waiting for right-hand context (pads with silence). */
  flush(): Float32Array;
}

const SINC_HALF_WIDTH = 16;

export function createResampler(fromRate: number, toRate: number): StreamResampler {
  if (fromRate === toRate) {
    return { push: (chunk) => chunk.slice(), flush: () => new Float32Array(0) };
  }
  const step = fromRate / toRate;
  // Low-pass below the lower Nyquist so that down-sampling does not alias.
  const cutoff = Math.min(1, toRate / fromRate) * 0.95;
  const halfWidth = Math.ceil(SINC_HALF_WIDTH / cutoff);
  let buffer = new Float32Array(0);
  /** Absolute input index of buffer[0]. */
  let bufferStart = 0;
  /** Absolute (fractional) input position of the next output sample. */
  let nextPosition = 0;

  // The kernel is tabulated (256 steps per input sample) because evaluating sin/cos for every tap
  // of every output sample is too slow for live capture on a phone.
  const TABLE_STEPS = 256;
  const table = new Float32Array(halfWidth * TABLE_STEPS + 2);
  for (let i = 0; i < table.length; i++) {
    const x = i / TABLE_STEPS;
    if (x >= halfWidth) continue;
    const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / halfWidth);
    const arg = Math.PI * x * cutoff;
    table[i] = (x === 0 ? 1 : Math.sin(arg) / arg) * cutoff * window;
  }
  const kernel = (x: number): number => {
    const at = Math.abs(x) * TABLE_STEPS;
    const index = Math.floor(at);
    if (index >= table.length - 1) return 0;
    const frac = at - index;
    return table[index] * (1 - frac) + table[index + 1] * frac;
  };

  const render = (available: number): Float32Array => {
    const out: number[] = [];
    while (nextPosition + halfWidth < available) {
      const center = Math.floor(nextPosition);
      let acc = 0;
      for (let i = center - halfWidth + 1; i <= center + halfWidth; i++) {
        const local = i - bufferStart;
        if (local < 0 || local >= buffer.length) continue;
        acc += buffer[local] * kernel(nextPosition - i);
      }
      out.push(acc);
      nextPosition += step;
    }
    // Keep only what future outputs can still reach.
    const keepFrom = Math.max(0, Math.floor(nextPosition) - halfWidth - bufferStart);
    if (keepFrom > 0) {
      buffer = buffer.slice(keepFrom);
      bufferStart += keepFrom;
    }
    return Float32Array.from(out);
  };

  return {
    push(chunk) {
      const merged = new Float32Array(buffer.length + chunk.length);
      merged.set(buffer);
      merged.set(chunk, buffer.length);
      buffer = merged;
      return render(bufferStart + buffer.length);
    },
    flush() {
      const end = bufferStart + buffer.length;
      // Outputs whose position lies inside the real input; the zero padding only gives them context.
      const remaining = Math.max(0, Math.ceil((end - nextPosition) / step));
      const padded = new Float32Array(buffer.length + halfWidth + 1);
      padded.set(buffer);
      buffer = padded;
      return render(bufferStart + buffer.length).slice(0, remaining);
    },
  };
}

/** Resamples a whole signal to `toRate`. */
export function resample(samples: Float32Array, fromRate: number, toRate = RECOGNIZER_SAMPLE_RATE): Float32Array {
  if (fromRate === toRate) return samples;
  const resampler = createResampler(fromRate, toRate);
  const head = resampler.push(samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** RMS level in dBFS of a block, floored at -100 (used by the level meter and the VAD). */
export function levelDb(block: Float32Array): number {
  if (block.length === 0) return -100;
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i] * block[i];
  const rms = Math.sqrt(sum / block.length);
  return rms > 1e-5 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}

/** Blocks of audio (recorded one after another) as one buffer. */
export function concatSamples(chunks: readonly Float32Array[]): Float32Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const all = new Float32Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}
