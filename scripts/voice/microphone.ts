/**
 * How the Node evaluations and tests play a recorded clip into the voice service "as a
 * microphone would": in the capture worklet's block size, with a quiet room after the speech so
 * the end-of-speech detector can stop the recording by itself.
 */
import { RECOGNIZER_SAMPLE_RATE } from '../../src/core/voice/audio';

/** The capture worklet's block (2048 samples at 48 kHz), in 16 kHz samples. */
export const MIC_BLOCK = Math.round((2048 * RECOGNIZER_SAMPLE_RATE) / 48_000);

/**
 * The clip (16 kHz) followed by `tailS` seconds of room, all with faint seeded noise (about
 * -70 dBFS): digital silence is not what a room sounds like. The same seed gives the same audio.
 */
export function withQuietRoom(clip: Float32Array, seed: number, tailS = 2): Float32Array {
  const audio = new Float32Array(clip.length + Math.round(tailS * RECOGNIZER_SAMPLE_RATE));
  audio.set(clip);
  let state = seed;
  for (let i = 0; i < audio.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    audio[i]! += (state / 0xffffffff - 0.5) * 6e-4;
  }
  return audio;
}
