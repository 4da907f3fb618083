/**
 * The voice worker's logic as the app drives it (src/voice/voiceService.ts), with a fake
 * recogniser: the first press must not lose words while the recogniser loads, and a silent
 * microphone stops by itself with "I did not hear anything".
 */
import { describe, expect, it } from 'vitest';
import { SouError } from '../../src/core/types';
import type { InstantRecognizer } from '../../src/core/voice/instantRecognizer';
import { createVoiceService, NO_SPEECH_SECONDS } from '../../src/voice/voiceService';

const RATE = 16_000;

function fakeRecognizer() {
  const recognizer: InstantRecognizer = {
    engine: 'instant',
    setCatalog: () => ({ words: 3, arcs: 3, guessed: {}, tookMs: 0 }),
    recognize: () => 'red jacket',
    dispose: () => undefined,
  };
  return { recognizer };
}

/** A loud 220 Hz tone: speech as far as the level-based detector is concerned. */
function tone(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE);
  return out;
}

/**
 * A service whose recogniser says "red jacket" on its first decode and "red jacket for women"
 * after, fed 0.3 s of quiet then 0.5 s of "speech"; `heard` has the length of each decode.
 */
async function speakingForHalfASecond() {
  const { recognizer } = fakeRecognizer();
  const heard: number[] = [];
  recognizer.recognize = (samples) => {
    heard.push(samples.length);
    return heard.length === 1 ? 'red jacket' : 'red jacket for women';
  };
  const service = createVoiceService({ loadInstant: async () => recognizer });
  await service.warmUp();
  await service.startUtterance(RATE, 'en');
  const quiet = new Float32Array(RATE / 10);
  for (let i = 0; i < 3; i++) service.pushAudio(quiet);
  for (let i = 0; i < 5; i++) service.pushAudio(tone(0.1));
  return { service, heard, quiet };
}

describe('voice service (app side)', () => {
  it('keeps the audio heard while the recogniser loads and decodes all of it', async () => {
    const { recognizer } = fakeRecognizer();
    const decoded: number[] = [];
    recognizer.recognize = (samples) => {
      decoded.push(samples.length);
      return 'red jacket';
    };
    let ready!: (r: InstantRecognizer) => void;
    const service = createVoiceService({ loadInstant: () => new Promise((resolve) => (ready = resolve)) });
    await service.setCatalog([]);
    // startUtterance must not wait for the model: capture starts at once.
    await service.startUtterance(RATE, 'en');
    const quiet = new Float32Array(RATE / 10);
    const early = [quiet, quiet, tone(0.25), tone(0.25)];
    for (const block of early) expect(service.pushAudio(block).partial).toBe('');
    ready(recognizer);
    await new Promise((r) => setTimeout(r, 0));
    service.pushAudio(tone(0.25));
    const result = await service.finishUtterance();
    // Everything heard reached the recogniser, the blocks from before it was ready included.
    expect(decoded[decoded.length - 1]).toBe(Math.round(0.95 * RATE));
    expect(result.text).toBe('red jacket');
  });

  it('stops by itself when nobody speaks, and says it heard nothing', async () => {
    const { recognizer } = fakeRecognizer();
    const service = createVoiceService({ loadInstant: async () => recognizer });
    await service.startUtterance(RATE, 'en');
    let stoppedAt = -1;
    const block = new Float32Array(RATE / 10);
    for (let i = 0; i < 200 && stoppedAt < 0; i++) {
      const u = service.pushAudio(block);
      if (u.shouldStop) {
        expect(u.reason).toBe('no-speech');
        stoppedAt = (i + 1) / 10;
      }
    }
    expect(stoppedAt).toBeGreaterThanOrEqual(NO_SPEECH_SECONDS);
    expect(stoppedAt).toBeLessThan(NO_SPEECH_SECONDS + 0.5);
    const error = await service.finishUtterance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SouError);
    expect((error as SouError).code).toBe('VOICE_NO_SPEECH');
  });

  it('has the final transcript ready when the end-of-speech detector stops the recording', async () => {
    const { service, heard, quiet } = await speakingForHalfASecond();
    // A pause: the decode happens here, during the detector's hang-over, not after it.
    let update = service.pushAudio(quiet);
    for (let i = 0; i < 3 && heard.length === 0; i++) update = service.pushAudio(quiet);
    expect(heard).toHaveLength(1);
    expect(update.partial).toBe('red jacket');
    for (let i = 0; i < 20 && !update.shouldStop; i++) update = service.pushAudio(quiet);
    expect(update.reason).toBe('end-of-speech');
    const result = await service.finishUtterance();
    expect(result.text).toBe('red jacket');
    expect(heard).toHaveLength(1);
  });

  it('decodes again when the shopper goes on talking after a pause', async () => {
    const { service, heard, quiet } = await speakingForHalfASecond();
    for (let i = 0; i < 4; i++) service.pushAudio(quiet);
    expect(heard).toHaveLength(1);
    for (let i = 0; i < 5; i++) service.pushAudio(tone(0.1));
    // Stopped by a press while still talking: the whole utterance is decoded, not the first half.
    const result = await service.finishUtterance();
    expect(result.text).toBe('red jacket for women');
    expect(heard[heard.length - 1]).toBeGreaterThan(heard[0]!);
  });
});
