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

/**
 * A recogniser whose live decode says "red jacket" for up to 1 s of audio and "red jacket for
 * women" for more, and has settled on the query's own mean once it was fed 2 s; `fed` counts the
 * samples it was given, `finishes` how often it was ended. Its exact (whole-utterance) decode says
 * `exact` (default: the same as the live one would).
 */
function fakeRecognizer() {
  const log: { fed: number; finishes: number; wholeDecodes: number; exact?: string } = { fed: 0, finishes: 0, wholeDecodes: 0 };
  const recognizer: InstantRecognizer = {
    engine: 'instant',
    setCatalog: () => ({ words: 3, arcs: 3, guessed: {}, tookMs: 0 }),
    recognize: (samples) => {
      log.wholeDecodes++;
      return log.exact ?? (samples.length <= RATE * 1.25 ? 'red jacket' : 'red jacket for women');
    },
    openStream: () => ({
      push: (samples) => {
        log.fed += samples.length;
      },
      finish: () => {
        log.finishes++;
        return log.fed <= RATE ? 'red jacket' : 'red jacket for women';
      },
      get settled() {
        return log.fed >= 2 * RATE;
      },
      close: () => undefined,
    }),
    dispose: () => undefined,
  };
  return { recognizer, log };
}

/** A loud 220 Hz tone: speech as far as the level-based detector is concerned. */
function tone(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / RATE);
  return out;
}

/** A service fed 0.3 s of quiet then `seconds` of "speech" (its recogniser: fakeRecognizer). */
async function speakingFor(seconds: number) {
  const { recognizer, log } = fakeRecognizer();
  const service = createVoiceService({ loadInstant: async () => recognizer });
  await service.warmUp();
  await service.startUtterance(RATE, 'en');
  const quiet = new Float32Array(RATE / 10);
  for (let i = 0; i < 3; i++) service.pushAudio(quiet);
  for (let i = 0; i < Math.round(seconds * 10); i++) service.pushAudio(tone(0.1));
  return { service, log, quiet };
}

const speakingForHalfASecond = () => speakingFor(0.5);

describe('voice service (app side)', () => {
  it('keeps the audio heard while the recogniser loads and decodes all of it', async () => {
    const { recognizer, log } = fakeRecognizer();
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
    // Everything heard reached the live decode, the blocks from before it was ready included
    // (speech began 0.2 s in; the decode starts a quarter second before the onset).
    expect(log.fed).toBe(Math.round(0.95 * RATE));
    // Stopped while talking: the exact decode of the whole recording answers.
    expect(result.text).toBe('red jacket');
    expect(log.wholeDecodes).toBe(1);
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

  it('shows the live transcript at a short pause, corrects it with the exact decode, and has it ready at the stop', async () => {
    const { service, log, quiet } = await speakingForHalfASecond();
    log.exact = 'red jacket for men';
    expect(log.finishes).toBe(0);
    // A short pause: the live decode ends there and its words go to the search box at once.
    let update = service.pushAudio(quiet);
    for (let i = 0; i < 2 && log.finishes === 0; i++) update = service.pushAudio(quiet);
    expect(log.finishes).toBe(1);
    expect(update.partial).toBe('red jacket');
    expect(log.wholeDecodes).toBe(0);
    // A longer pause: the exact decode runs during the end-of-speech hang-over and, hearing
    // something else, replaces the live words.
    for (let i = 0; i < 3 && log.wholeDecodes === 0; i++) update = service.pushAudio(quiet);
    expect(log.wholeDecodes).toBe(1);
    expect(update.partial).toBe('red jacket for men');
    for (let i = 0; i < 20 && !update.shouldStop; i++) update = service.pushAudio(quiet);
    expect(update.reason).toBe('end-of-speech');
    // Silence during the pause is not decoded live again, and nothing is left to decode at the stop.
    const fedAtStop = log.fed;
    const result = await service.finishUtterance();
    expect(result.text).toBe('red jacket for men');
    expect(log.wholeDecodes).toBe(1);
    expect(log.finishes).toBe(1);
    expect(log.fed).toBe(fedAtStop);
  });

  it('takes a longer query\'s live words as final: no second decode at the pause or the stop', async () => {
    // 2.5 s of speech: the live decode settles on the query's own mean on the way.
    const { service, log, quiet } = await speakingFor(2.5);
    log.exact = 'red jacket for men';
    let update = service.pushAudio(quiet);
    for (let i = 0; i < 30 && !update.shouldStop; i++) update = service.pushAudio(quiet);
    expect(update.reason).toBe('end-of-speech');
    expect(update.partial).toBe('red jacket for women');
    const result = await service.finishUtterance();
    expect(result.text).toBe('red jacket for women');
    expect(log.wholeDecodes).toBe(0);
    expect(log.finishes).toBe(1);
  });

  it('decodes again when the shopper goes on talking after a pause', async () => {
    const { service, log, quiet } = await speakingForHalfASecond();
    for (let i = 0; i < 4; i++) service.pushAudio(quiet);
    expect(log.finishes).toBe(1);
    const fedInPause = log.fed;
    for (let i = 0; i < 5; i++) service.pushAudio(tone(0.1));
    expect(fedInPause).toBeLessThan(Math.round(1.05 * RATE));
    // The held-back pause and the new speech reach the decode once speech resumes: everything
    // from a quarter second before the onset (0.3 s) to now (1.7 s), each sample once.
    expect(log.fed).toBe(Math.round(1.65 * RATE));
    // Stopped by a press while still talking: the whole utterance counts, not the first half.
    const result = await service.finishUtterance();
    expect(result.text).toBe('red jacket for women');
    // One exact decode during the pause, one over the whole recording at the stop.
    expect(log.wholeDecodes).toBe(2);
  });
});
