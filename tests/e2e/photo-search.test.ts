/**
 * Photo search in the built app with real Luma query photos (none of them in the catalog): the
 * photo worker indexes the catalog pictures in the background after the first results (progress
 * shown), then the camera button finds the pictured product from Chromium's fake rear camera (a
 * Y4M made here from a query photo) and from a chosen file, in the normal result cards.
 * The catalog is a subset of Luma (the photographed products in every colour + every 8th other
 * item, ~65 items), so indexing with the photo CNN takes under a minute; matching accuracy over
 * the whole catalog is measured by scripts/eval-image.ts, not here.
 * One app session for the found-it tests; a second browser with the camera blocked.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeEverything,
  fakeMediaArgs,
  hasSharedLuma,
  LUMA_DIR,
  mediaTempDir,
  openApp,
  pictureY4m,
  readQrels,
  lumaSubsetCatalog,
  readResults,
  search,
  SEL,
  SHARED_ABSENT_REASON,
  startServer,
  type AppSession,
  type SouServer,
} from '../helpers';

/** Dev photo queries (qid = file name) whose answers are in dev/image-qrels.tsv. */
const CAMERA_QID = 'i7b1766bc';
const UPLOAD_QID = 'i4612c417';
const TOP = 10;

function photoOf(qid: string): string {
  return join(LUMA_DIR, 'query-images', `${qid}.jpg`);
}

/** The item the photo shows (grade 3). */
function pictured(qid: string): string {
  const grades = readQrels(join(LUMA_DIR, 'dev', 'image-qrels.tsv')).get(qid)!;
  return [...grades].find(([, g]) => g === 3)![0];
}

async function photoResultIds(page: Page): Promise<string[]> {
  await page.waitForSelector(`${SEL.results}[data-mode="photo"][data-state="ready"]`, { timeout: 60_000 });
  return (await readResults(page)).map((r) => r.id);
}

async function waitForPhotoIndex(page: Page): Promise<void> {
  await page.waitForSelector(`${SEL.photoIndex}[data-phase="ready"]`, { state: 'attached', timeout: 150_000 });
}

describe.skipIf(!hasSharedLuma())(`photo search in the app (${hasSharedLuma() ? 'Luma catalog' : SHARED_ABSENT_REASON})`, () => {
  const tmp = mediaTempDir('sou-photo-e2e-');
  let server: SouServer;
  let app: AppSession;
  let catalog: { path: string; count: number };

  beforeAll(async () => {
    const y4m = await pictureY4m(photoOf(CAMERA_QID), join(tmp, 'camera.y4m'));
    const groups = [pictured(CAMERA_QID), pictured(UPLOAD_QID)].map((id) => id.split('-')[0]!);
    catalog = lumaSubsetCatalog(join(tmp, 'catalog'), groups);
    server = await startServer({ catalog: catalog.path });
    app = await openApp({ server, launch: { args: fakeMediaArgs({ video: y4m }) } });
  });
  afterAll(async () => {
    await closeEverything();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('indexes every catalog picture in the background after the first results, with progress', async () => {
    const { page } = app;
    await page.waitForSelector(`${SEL.photoIndex}[data-phase="indexing"], ${SEL.photoIndex}[data-phase="ready"]`, { state: 'attached', timeout: 30_000 });
    await waitForPhotoIndex(page);
    const index = page.locator(SEL.photoIndex);
    expect(await index.getAttribute('data-total')).toBe(String(catalog.count));
    expect(await index.getAttribute('data-indexed')).toBe(String(catalog.count));
    expect(await index.getAttribute('data-cnn'), (await index.textContent()) ?? '').toBe('ready');
  }, 180_000);

  it('finds the product shot with the rear camera, says what it saw, refines by colour, and clears', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Photo/ }).click();
    await page.waitForSelector(`${SEL.photoVideo}[data-state="live"]`, { timeout: 30_000 });
    await page.waitForFunction((sel) => ((document.querySelector(sel) as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, SEL.photoVideo);
    await page.click(SEL.photoShutter);
    await page.click(SEL.photoSubmit);
    const ids = await photoResultIds(page);
    expect(ids.slice(0, TOP)).toContain(pictured(CAMERA_QID));
    expect(await page.textContent(SEL.photoSeen)).toMatch(/^Seen: [a-z]+.* · [a-z -]+-like$/);

    // "this, but in red": another colour of the same product comes first.
    const group = pictured(CAMERA_QID).split('-')[0]!;
    await page.fill(SEL.photoRefine, 'this, but in red');
    await page.press(SEL.photoRefine, 'Enter');
    // The camera results may already start with the red one: wait for the refinement's own answer.
    await page.waitForSelector(`${SEL.photo}[data-state="results"]`, { state: 'attached', timeout: 20_000 });
    expect((await photoResultIds(page))[0]).toBe(`${group}-Red`);

    // Clear: back to text results for what is in the search box.
    await page.click(SEL.photoClear);
    await page.waitForSelector(`${SEL.results}[data-mode="text"][data-state="ready"]`);
    expect(await page.$(SEL.photoSeen)).toBeNull();
  }, 90_000);

  it('finds the pictured product from a chosen photo file, and "more like this" shows similar items', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Photo/ }).click();
    await page.setInputFiles(SEL.photoFileInput, photoOf(UPLOAD_QID));
    await page.click(SEL.photoSubmit);
    const ids = await photoResultIds(page);
    expect(ids.slice(0, TOP)).toContain(pictured(UPLOAD_QID));

    // A typed query replaces the photo results.
    const hits = await search(page, 'hoodie', { min: 1 });
    expect(hits.length).toBeGreaterThan(0);
    expect(await page.getAttribute(SEL.results, 'data-mode')).toBe('text');

    // Product page → more like this: photo results without the product itself.
    const opened = hits[0]!.id;
    await page.locator(SEL.resultOpen).first().click();
    await page.click(SEL.moreLikeThis);
    const similar = await photoResultIds(page);
    expect(similar.length).toBeGreaterThan(0);
    expect(similar).not.toContain(opened);
  }, 90_000);

  it('explains unreadable photos and keeps text search working', async () => {
    const { page } = app;
    const broken = { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]) };
    const notAPhoto = { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('this is not a picture at all') };
    for (const [file, code] of [
      [broken, 'IMAGE_DECODE'],
      [notAPhoto, 'IMAGE_DECODE'],
    ] as const) {
      await page.getByRole('button', { name: /Photo/ }).click();
      await page.setInputFiles(SEL.photoFileInput, file);
      await page.click(SEL.photoSubmit);
      const alert = page.locator(`${SEL.photoDialog} ${SEL.error}[data-code="${code}"]`);
      await alert.waitFor({ timeout: 20_000 });
      expect((await alert.textContent())!.length).toBeGreaterThan(20);
      await page.click(SEL.photoClose);
      expect((await search(page, 'shorts', { min: 1 })).length).toBeGreaterThan(0);
    }
    expect(app.egressAttempts()).toEqual([]);
  }, 60_000);

  it('says so when the camera is blocked; choosing a photo and text search still work', async () => {
    const blocked = await openApp({ server, launch: { args: fakeMediaArgs({ grant: false }) } });
    const { page } = blocked;
    await page.getByRole('button', { name: /Photo/ }).click();
    const alert = page.locator(`${SEL.photoDialog} ${SEL.error}`);
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('data-code')).toBe('CAMERA_DENIED');
    expect(await page.isEnabled(SEL.photoChoose)).toBe(true);
    await page.click(SEL.photoClose);
    expect((await search(page, 'jacket', { min: 1 })).length).toBeGreaterThan(0);
    await blocked.close();
  }, 60_000);
});
