/**
 * The instant recogniser decoding live, as the voice worker drives it: a real PocketSphinx
 * (soundswallower in Node) with the Luma catalog's vocabulary, fed a spoken dev query in
 * microphone-sized blocks. The shopper must see the right words in the search box at the first
 * short pause — long before the end-of-speech detector stops the recording — and a longer query's
 * words must be final there, with no second decode.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogJsonl } from '../../src/core/eval/catalogReader';
import { createCepstralMeanAccumulator, blendCepstralMean } from '../../src/core/voice/cepstralMean';
import { concatSamples, decodeWav, RECOGNIZER_SAMPLE_RATE, resample } from '../../src/core/voice/audio';
import { createInstantRecognizer } from '../../src/core/voice/instantRecognizer';
import { speechSpan, trimToSpeech } from '../../src/core/voice/vad';
import { createVoiceService, LIVE_TRANSCRIPT_AFTER_PAUSE_S } from '../../src/voice/voiceService';
import { loadNodeSphinxModule } from '../../scripts/voice/nodeSphinx';
import { MIC_BLOCK, withQuietRoom } from '../../scripts/voice/microphone';
import { LUMA_CATALOG, SHARED_ABSENT_REASON, SHARED_DATA } from '../helpers/paths';

const CLIP = join(SHARED_DATA, 'voice-dev', 'd09.wav');
/** "green tee" */
const SECOND_CLIP = join(SHARED_DATA, 'voice-dev', 'd06.wav');
const haveData = existsSync(LUMA_CATALOG) && existsSync(CLIP) && existsSync(SECOND_CLIP);

describe('cepstral mean from log-mel frames', () => {
  it('puts a flat spectrum into c0 only (scaled like the decoder) and averages frames', () => {
    const sums = createCepstralMeanAccumulator({ filters: 20, coefficients: 13, lifter: 22 });
    const frames = new Float32Array(40);
    frames.fill(2, 0, 20); // frame 1: flat log-mel 2
    frames.fill(4, 20, 40); // frame 2: flat log-mel 4
    sums.addLogMel(frames, 2);
    const mean = sums.mean()!;
    expect(sums.frames).toBe(2);
    expect(mean[0]).toBeCloseTo(3 * Math.sqrt(20), 5);
    for (const value of mean.slice(1)) expect(Math.abs(value)).toBeLessThan(1e-9);
  });

  it('leans on the prior while little of the query has been heard', () => {
    expect(blendCepstralMean([10, 0], [20, 4], 100, 100)).toEqual([15, 2]);
    expect(blendCepstralMean([10, 0], undefined, 0, 100)).toEqual([10, 0]);
  });
});

/** Plays `audio` into the service as a microphone would; what the search box showed, and when. */
async function speak(service: ReturnType<typeof createVoiceService>, audio: Float32Array) {
  await service.startUtterance(RECOGNIZER_SAMPLE_RATE, 'en');
  const shown: Array<{ atS: number; text: string }> = [];
  let stoppedAtS = -1;
  for (let offset = 0; offset < audio.length && stoppedAtS < 0; offset += MIC_BLOCK) {
    const update = service.pushAudio(audio.subarray(offset, offset + MIC_BLOCK));
    const atS = Math.min(audio.length, offset + MIC_BLOCK) / RECOGNIZER_SAMPLE_RATE;
    if (update.partial && update.partial !== shown[shown.length - 1]?.text) shown.push({ atS, text: update.partial });
    if (update.shouldStop) stoppedAtS = atS;
  }
  return { shown, stoppedAtS, result: await service.finishUtterance() };
}

function clipAt16k(path: string): Float32Array {
  const wav = decodeWav(new Uint8Array(readFileSync(path)));
  return resample(wav.samples, wav.sampleRate, RECOGNIZER_SAMPLE_RATE);
}

describe.skipIf(!haveData)('live decoding of a spoken query (real recogniser, Luma catalog)', () => {
  async function liveService() {
    const products = parseCatalogJsonl(readFileSync(LUMA_CATALOG, 'utf8'));
    const recognizer = await createInstantRecognizer(await loadNodeSphinxModule());
    const counted = { wholeDecodes: 0 };
    const recognize = recognizer.recognize;
    const spied: typeof recognizer = { ...recognizer, recognize: (samples) => (counted.wholeDecodes++, recognize(samples)) };
    const service = createVoiceService({ loadInstant: async () => spied });
    await service.setCatalog(products);
    await service.warmUp();
    return { service, recognizer, counted };
  }

  it('has the words in the search box a fraction of a second after the shopper stops, and keeps them', async () => {
    const { service, recognizer } = await liveService();
    const clip = clipAt16k(CLIP);
    const speechEnd = speechSpan(clip, RECOGNIZER_SAMPLE_RATE, { padS: 0 }).to / RECOGNIZER_SAMPLE_RATE;
    const { shown, stoppedAtS, result } = await speak(service, withQuietRoom(clip, 7));

    expect(result.text).toBe("women's purple tank top");
    expect(result.engine).toBe('instant');
    // The final words appeared after a short pause, well before the recording stopped, and
    // nothing replaced them afterwards.
    expect(shown.length).toBeGreaterThan(0);
    const first = shown.findIndex((s) => s.text === result.text);
    expect(first).toBe(shown.length - 1);
    expect(shown[first]!.atS - speechEnd).toBeLessThan(LIVE_TRANSCRIPT_AFTER_PAUSE_S + 0.15);
    expect(stoppedAtS - shown[first]!.atS).toBeGreaterThan(0.4);
    recognizer.dispose();
  }, 60_000);

  it('takes a longer query\'s live words as final: right at the short pause, with no second decode', async () => {
    const { service, recognizer, counted } = await liveService();
    // Two spoken queries run together (2.3 s of speech): long enough for the live decode to settle.
    const first = trimToSpeech(clipAt16k(CLIP), RECOGNIZER_SAMPLE_RATE, { padS: 0 });
    const second = trimToSpeech(clipAt16k(SECOND_CLIP), RECOGNIZER_SAMPLE_RATE, { padS: 0 });
    const lead = RECOGNIZER_SAMPLE_RATE / 2;
    const speech = concatSamples([new Float32Array(lead), first, new Float32Array(Math.round(0.15 * RECOGNIZER_SAMPLE_RATE)), second]);
    const speechEnd = speech.length / RECOGNIZER_SAMPLE_RATE;
    const { shown, stoppedAtS, result } = await speak(service, withQuietRoom(speech, 7));

    expect(result.text).toBe("women's purple tank top green tee");
    const final = shown.findIndex((s) => s.text === result.text);
    expect(final).toBe(shown.length - 1);
    expect(shown[final]!.atS - speechEnd).toBeLessThan(LIVE_TRANSCRIPT_AFTER_PAUSE_S + 0.15);
    expect(stoppedAtS).toBeGreaterThan(shown[final]!.atS);
    expect(counted.wholeDecodes).toBe(0);
    recognizer.dispose();
  }, 60_000);
});

if (!haveData) console.log(`voice-live-decode: ${SHARED_ABSENT_REASON}`);
