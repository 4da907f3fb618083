/**
 * Photo search error paths in the built app (Luma subset catalog, real query photos):
 *  - a 50-megapixel photo (made here, in a temp folder) is decoded downscaled and still finds
 *    the pictured product;
 *  - HEIC, damaged, dark and blank pictures each get a message that says what to do, the dialog
 *    is not stuck, and text search still works;
 *  - the photo worker crashing mid-search: a message, then the next try answers on a restarted
 *    worker, CLIP comes back in the background (from its stored embeddings) and is fused into
 *    photo queries again, text search unaffected;
 *  - the photo model failing its checksum (second browser): photo search falls back to colour +
 *    shape, and says so.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeEverything,
  hasSharedLuma,
  launchBrowser,
  LUMA_DIR,
  lumaSubsetCatalog,
  mediaTempDir,
  openApp,
  readQrels,
  readResults,
  search,
  SEL,
  SHARED_ABSENT_REASON,
  startServer,
  type AppSession,
  type SouServer,
} from '../helpers';

/** A dev photo query (qid = file name) whose answer is in dev/image-qrels.tsv. */
const UPLOAD_QID = 'i4612c417';
const TOP = 10;
const PHOTO = join(LUMA_DIR, 'query-images', `${UPLOAD_QID}.jpg`);

function pictured(qid: string): string {
  const grades = readQrels(join(LUMA_DIR, 'dev', 'image-qrels.tsv')).get(qid)!;
  return [...grades].find(([, g]) => g === 3)![0];
}

type Upload = string | { name: string; mimeType: string; buffer: Buffer };

async function submitPhoto(page: Page, file: Upload): Promise<void> {
  await page.getByRole('button', { name: /Photo/ }).click();
  await page.setInputFiles(SEL.photoFileInput, file);
  await page.click(SEL.photoSubmit);
}

async function photoResultIds(page: Page, timeout = 60_000): Promise<string[]> {
  await page.waitForSelector(`${SEL.results}[data-mode="photo"][data-state="ready"]`, { timeout });
  return (await readResults(page)).map((r) => r.id);
}

/** The dialog shows an error with this code and a sentence; it closes; text search answers. */
async function expectPhotoError(page: Page, code: string): Promise<string> {
  const alert = page.locator(`${SEL.photoDialog} ${SEL.error}[data-code="${code}"]`);
  await alert.waitFor({ timeout: 30_000 });
  const message = (await alert.textContent()) ?? '';
  expect(message.length).toBeGreaterThan(20);
  await page.click(SEL.photoClose);
  expect(await page.$(SEL.photoDialog)).toBeNull();
  expect((await search(page, 'shorts', { min: 1 })).length).toBeGreaterThan(0);
  return message;
}

describe.skipIf(!hasSharedLuma())(`photo search error paths (${hasSharedLuma() ? 'Luma subset' : SHARED_ABSENT_REASON})`, () => {
  const tmp = mediaTempDir('sou-photo-errors-');
  let server: SouServer;
  let app: AppSession;
  const item = hasSharedLuma() ? pictured(UPLOAD_QID) : '';

  beforeAll(async () => {
    const catalog = lumaSubsetCatalog(join(tmp, 'catalog'), [item.split('-')[0]!]);
    server = await startServer({ catalog: catalog.path });
    app = await openApp({ server });
    await app.page.waitForSelector(`${SEL.photoIndex}[data-phase="ready"]`, { state: 'attached', timeout: 150_000 });
  }, 200_000);
  afterAll(async () => {
    await closeEverything();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the product in a 50-megapixel photo', async () => {
    const sharp = (await import('sharp')).default;
    const huge = join(tmp, 'huge-50mp.jpg');
    writeFileSync(huge, await sharp(PHOTO).resize(6000, 8400, { fit: 'fill' }).jpeg({ quality: 80 }).toBuffer());
    expect((await sharp(huge).metadata()).width! * (await sharp(huge).metadata()).height!).toBeGreaterThanOrEqual(50_000_000);
    await submitPhoto(app.page, huge);
    expect((await photoResultIds(app.page, 90_000)).slice(0, TOP)).toContain(item);
  }, 120_000);

  it('explains HEIC, damaged, dark and blank pictures; nothing stays stuck and text search works', async () => {
    const sharp = (await import('sharp')).default;
    const plain = async (background: string) => sharp({ create: { width: 400, height: 300, channels: 3, background } }).jpeg().toBuffer();
    const cases: Array<[Upload, string, RegExp]> = [
      [{ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic'), Buffer.alloc(2000)]) }, 'IMAGE_UNSUPPORTED', /HEIC/],
      [{ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]) }, 'IMAGE_DECODE', /photo|picture/i],
      [{ name: 'dark.jpg', mimeType: 'image/jpeg', buffer: await plain('#030303') }, 'IMAGE_TOO_DARK', /dark/i],
      [{ name: 'blank.jpg', mimeType: 'image/jpeg', buffer: await plain('#ffffff') }, 'IMAGE_NO_ITEM', /item/i],
    ];
    for (const [file, code, says] of cases) {
      await submitPhoto(app.page, file);
      expect(await expectPhotoError(app.page, code)).toMatch(says);
    }
  }, 120_000);

  it('says so when the photo worker crashes mid-search, answers on the next try, and text search is unaffected', async () => {
    const { page } = app;
    // CLIP indexing done, so the crash below hits the photo search and nothing else.
    await page.waitForSelector('[data-testid="clip-index"]:is([data-phase="ready"], [data-phase="error"], [data-phase="missing"])', { state: 'attached', timeout: 120_000 });
    const clipIndex = page.locator('[data-testid="clip-index"]');
    expect(await clipIndex.getAttribute('data-phase'), (await clipIndex.textContent()) ?? '').toBe('ready');
    const worker = page.workers().find((w) => /photo\.worker/.test(w.url()));
    expect(worker, page.workers().map((w) => w.url()).join(', ')).toBeTruthy();
    // The next picture this worker decodes kills it (an uncaught error, as a real crash).
    await worker!.evaluate(() => {
      (self as unknown as { createImageBitmap: unknown }).createImageBitmap = () => {
        setTimeout(() => {
          throw new Error('photo worker crash (test)');
        });
        return new Promise(() => undefined);
      };
    });
    await submitPhoto(page, PHOTO);
    const alert = page.locator(`${SEL.photoDialog} ${SEL.error}[data-code="WORKER_CRASHED"]`);
    await alert.waitFor({ timeout: 30_000 });
    expect(((await alert.textContent()) ?? '').length).toBeGreaterThan(20);
    // Try again: a restarted worker (catalog and stored index handed over) answers.
    await page.click(SEL.photoSubmit);
    expect((await photoResultIds(page)).slice(0, TOP)).toContain(item);
    expect((await search(page, 'jacket', { min: 1 })).length).toBeGreaterThan(0);
    // CLIP is brought back on the new worker from the stored embeddings (none recomputed).
    await page.waitForSelector('[data-testid="clip-index"][data-phase="ready"][data-computed="0"]', { state: 'attached', timeout: 60_000 });
    expect(await page.locator(`${SEL.photoIndex}`).getAttribute('data-phase')).toBe('ready');
    // …and photo queries are ranked with CLIP fused in again, still finding the product.
    await submitPhoto(page, PHOTO);
    const ids = await photoResultIds(page);
    expect(Number(await page.locator(SEL.results).getAttribute('data-image-fused'))).toBeGreaterThan(0);
    expect(ids.slice(0, TOP)).toContain(item);
  }, 150_000);

  it('falls back to colour and shape, and says so, when the photo model fails its checksum', async () => {
    const browser = await launchBrowser();
    await browser.context.route('**/models/sou/photo-cnn/model.onnx', (r) => r.fulfill({ status: 200, body: Buffer.from('not the model') }));
    const other = await openApp({ server, browser });
    const { page } = other;
    await page.waitForSelector(`${SEL.photoIndex}[data-phase="ready"]`, { state: 'attached', timeout: 150_000 });
    const index = page.locator(SEL.photoIndex);
    expect(await index.getAttribute('data-cnn')).toBe('error');
    expect(await index.textContent()).toMatch(/checksum/);
    await submitPhoto(page, PHOTO);
    expect((await photoResultIds(page)).length).toBeGreaterThan(0);
    expect(await page.textContent('.photo-summary')).toMatch(/Colour and shape matching/);
    expect((await search(page, 'hoodie', { min: 1 })).length).toBeGreaterThan(0);
    await other.close();
  }, 200_000);
});
