/**
 * Whisper in the built app: the server also serves the project's Whisper stand-in
 * (scripts/build-standin-whisper.ts, same files, inputs, outputs and config as the pinned
 * onnx-community/whisper-tiny) under /models/onnx-community/whisper-tiny/. Chromium's fake
 * microphone plays a ../shared/data/voice-dev clip; the Voice button records through the capture
 * worklet into the voice worker, where transformers.js runs the stand-in and its phrase lands in
 * the search box, with the UI saying Whisper heard it. In Chinese the stand-in answers in
 * Traditional characters and the search box gets the catalog's Simplified spelling.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDIN_PHRASES, WHISPER_FIXTURE_ROOT, WHISPER_STANDIN_ID } from '../../scripts/build-standin-whisper';
import { closeEverything, fakeMediaArgs, FIXTURE_MODELS_ROOT, mediaTempDir, openApp, paddedWav, SEL, startServer, VOICE_DEV, waitForResults, type AppSession, type SouServer } from '../helpers';

const hasClips = existsSync(join(VOICE_DEV, 'd02.wav')) && existsSync(join(VOICE_DEV, 'z02.wav'));

async function speakAndWait(app: AppSession): Promise<{ transcript: string; status: string }> {
  const { page } = app;
  await page.locator(SEL.voiceButton).click();
  // Generous: on a busy 2-core machine the voice worker spends tens of seconds building the instant
  // recogniser's vocabulary next to loading Whisper, while the photo and embed workers index.
  await page.waitForSelector(`${SEL.voiceStatus}[data-engine="whisper"]`, { timeout: 150_000 });
  return { transcript: await page.inputValue(SEL.searchInput), status: (await page.textContent(SEL.voiceStatus)) ?? '' };
}

describe.skipIf(!hasClips)(`Whisper stand-in in the voice worker (${hasClips ? 'voice-dev clips' : 'needs ../shared/data/voice-dev'})`, () => {
  const tmp = mediaTempDir('sou-whisper-e2e-');
  let server: SouServer;

  beforeAll(async () => {
    server = await startServer({ modelRoots: [FIXTURE_MODELS_ROOT, WHISPER_FIXTURE_ROOT] });
  });
  afterAll(async () => {
    await closeEverything();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('English UI: the spoken query becomes the stand-in phrase in the search box, heard by Whisper', async () => {
    const wav = paddedWav(join(VOICE_DEV, 'd02.wav'), join(tmp, 'english.wav'));
    const app = await openApp({ server, launch: { args: fakeMediaArgs({ audio: wav }) } });
    const { transcript, status } = await speakAndWait(app);
    expect(transcript).toBe(STANDIN_PHRASES.en.trim());
    expect(status).toBe('Heard by Whisper');
    const results = await waitForResults(app.page, { query: transcript });
    expect(results.length).toBeGreaterThan(0);

    // transformers.js ran in the voice worker, on the model files of the app's own origin.
    expect(app.page.workers().some((w) => /voice\.worker/.test(w.url()))).toBe(true);
    const own = app.server.origin;
    const modelFiles = app.requests
      .matching((u) => u.origin === own && u.pathname.startsWith(`/models/${WHISPER_STANDIN_ID}/`))
      .map((r) => new URL(r.url).pathname);
    expect(modelFiles).toEqual(
      expect.arrayContaining([
        `/models/${WHISPER_STANDIN_ID}/onnx/encoder_model_quantized.onnx`,
        `/models/${WHISPER_STANDIN_ID}/onnx/decoder_model_merged_quantized.onnx`,
        `/models/${WHISPER_STANDIN_ID}/generation_config.json`,
      ]),
    );
    expect(app.requests.foreign(own).map((r) => r.url)).toEqual([]);
    expect(app.egressAttempts()).toEqual([]);
    await app.close();
  }, 240_000);

  it('Chinese UI: Mandarin is transcribed by Whisper and normalised to Simplified', async () => {
    const wav = paddedWav(join(VOICE_DEV, 'z02.wav'), join(tmp, 'mandarin.wav'));
    const app = await openApp({ server, launch: { args: fakeMediaArgs({ audio: wav }), locale: 'zh-CN' } });
    const { transcript, status } = await speakAndWait(app);
    // The stand-in says 黑色夾克 (Traditional 夾); the catalog lexicon spells 黑色夹克.
    expect(STANDIN_PHRASES.zh.trim()).toBe('黑色夾克');
    expect(transcript).toBe('黑色夹克');
    expect(status).toBe('由 Whisper 识别');
    expect((await waitForResults(app.page, { query: transcript })).length).toBeGreaterThan(0);
    expect(app.egressAttempts()).toEqual([]);
    await app.close();
  }, 240_000);
});
