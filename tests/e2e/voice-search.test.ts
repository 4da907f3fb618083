/**
 * Voice search in the built app, on the Luma catalog, with Chromium's fake microphone playing
 * ../shared/data/voice-dev clips (padded with silence, played once) through the real capture
 * worklet, voice worker and soundswallower recogniser. One server; one browser per microphone
 * (the fake device is a launch flag): a spoken query, silence, and a blocked microphone. Every
 * English clip also goes through the app as a dropped audio file (one browser, no microphone).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeEverything,
  fakeMediaArgs,
  hasSharedLuma,
  LUMA_CATALOG,
  LUMA_DIR,
  mediaTempDir,
  openApp,
  paddedWav,
  readQrels,
  readVoiceManifest,
  search,
  SEL,
  SHARED_ABSENT_REASON,
  silentWav,
  startServer,
  waitForResults,
  type SouServer,
} from '../helpers';

/** The voice-dev clip spoken into the fake microphone (its qid is also a luma/dev text query). */
const SPOKEN_QID = 'd09';

async function pressVoice(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Voice/ }).click();
}

describe.skipIf(!hasSharedLuma())(`voice search in the app (${hasSharedLuma() ? 'Luma catalog' : SHARED_ABSENT_REASON})`, () => {
  const tmp = mediaTempDir('sou-voice-e2e-');
  let server: SouServer;

  beforeAll(async () => {
    server = await startServer({ catalog: LUMA_CATALOG });
  });
  afterAll(async () => {
    await closeEverything();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('puts the spoken query in the search box and shows the product asked for first', async () => {
    const clip = readVoiceManifest().find((c) => c.qid === SPOKEN_QID)!;
    const grades = readQrels(join(LUMA_DIR, 'dev', 'qrels.tsv')).get(SPOKEN_QID)!;
    const wav = paddedWav(clip.file, join(tmp, 'spoken.wav'));
    const app = await openApp({ server, launch: { args: fakeMediaArgs({ audio: wav }) } });
    const { page } = app;

    await pressVoice(page);
    await page.waitForSelector(`${SEL.voiceButton}[aria-pressed="true"]`);
    // Ends by itself: voice-activity detection hears the silence after the clip.
    await page.waitForSelector(`${SEL.voiceStatus}[data-engine="instant"]`, { timeout: 30_000 });
    expect(await page.textContent(SEL.voiceStatus)).toMatch(/Heard by the instant recogniser/);

    const transcript = await page.inputValue(SEL.searchInput);
    expect(transcript.toLowerCase()).toContain('tank');
    const results = await waitForResults(page, { query: transcript });
    expect(grades.get(results[0]!.id), `first result ${results[0]!.id} for "${transcript}"`).toBe(3);

    // The transcript stays editable, and editing searches again.
    const edited = await search(page, `${transcript} black`, { min: 1 });
    expect(edited.length).toBeGreaterThan(0);
    expect(app.egressAttempts()).toEqual([]);
    await app.close();
  }, 120_000);

  it('transcribes every English voice-dev clip dropped as a file and shows a product asked for first', async () => {
    const app = await openApp({ server });
    const { page } = app;
    const qrels = readQrels(join(LUMA_DIR, 'dev', 'qrels.tsv'));
    const english = readVoiceManifest().filter((c) => c.lang === 'en');
    expect(english.length).toBeGreaterThanOrEqual(10);
    const misses: string[] = [];
    let previous = '';
    for (const clip of english) {
      await page.setInputFiles(SEL.voiceFileInput, clip.file);
      // The transcript replaces the previous one in the search box (no two dev queries are alike).
      await page.waitForFunction(
        ({ sel, prev }) => {
          const value = (document.querySelector(sel) as HTMLInputElement | null)?.value ?? '';
          return value !== '' && value !== prev;
        },
        { sel: SEL.searchInput, prev: previous },
        { timeout: 30_000 },
      );
      const transcript = await page.inputValue(SEL.searchInput);
      previous = transcript;
      const results = await waitForResults(page, { query: transcript });
      const grade = qrels.get(clip.qid)?.get(results[0]!.id) ?? 0;
      if (grade < 3) misses.push(`${clip.qid} "${clip.text}" heard as "${transcript}": first ${results[0]!.id} (grade ${grade})`);
    }
    expect(misses).toEqual([]);
    expect(await page.getAttribute(SEL.voiceStatus, 'data-engine')).toBe('instant');
    expect(app.egressAttempts()).toEqual([]);
    await app.close();
  }, 180_000);

  it('says it heard nothing when the microphone is silent, and typing still searches', async () => {
    const app = await openApp({ server, launch: { args: fakeMediaArgs({ audio: silentWav(join(tmp, 'silence.wav')) }) } });
    const { page } = app;
    await pressVoice(page);
    const alert = page.locator(`${SEL.voice} ${SEL.error}`);
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.getAttribute('data-code')).toBe('VOICE_NO_SPEECH');
    expect(await alert.textContent()).toMatch(/did not hear anything/i);
    expect(await page.inputValue(SEL.searchInput)).toBe('');
    expect((await search(page, 'jacket', { min: 1 })).length).toBeGreaterThan(0);
    await app.close();
  }, 60_000);

  it('explains a blocked microphone and an unreadable audio file; text search keeps working', async () => {
    const app = await openApp({ server, launch: { args: fakeMediaArgs({ grant: false }) } });
    const { page } = app;
    await pressVoice(page);
    const alert = page.locator(`${SEL.voice} ${SEL.error}`);
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('data-code')).toBe('MIC_DENIED');
    expect(await alert.textContent()).toMatch(/Microphone access is blocked/);
    expect((await search(page, 'hoodie', { min: 1 })).length).toBeGreaterThan(0);

    // A damaged recording picked instead of speaking.
    await page.setInputFiles(SEL.voiceFileInput, { name: 'query.wav', mimeType: 'audio/wav', buffer: Buffer.from('RIFF\0\0\0\0WAVEjunkjunkjunk') });
    await page.waitForSelector(`${SEL.voice} ${SEL.error}[data-code^="AUDIO_"]`, { timeout: 20_000 });
    expect((await search(page, 'shorts', { min: 1 })).length).toBeGreaterThan(0);
    await app.close();
  }, 60_000);
});
