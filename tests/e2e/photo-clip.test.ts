/**
 * CLIP in the app: served the CLIP stand-in (scripts/build-standin-clip.ts: same files, inputs,
 * outputs and config as the pinned Xenova/clip-vit-base-patch32; a "colour CLIP"), the photo
 * worker loads it after the instant photo index, embeds every catalog picture in the background
 * with a progress bar, stores the embeddings (a reload reads them back instead of recomputing),
 * and typed queries are re-ranked with CLIP's text-tower scores in the search worker.
 * A second browser gets a models manifest whose CLIP pin does not match: CLIP stays off with a
 * quiet message saying what to run, and typed queries rank by text alone.
 * Catalog: a Luma subset (~65 items) so that indexing stays well under a minute.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeEverything,
  hasSharedLuma,
  launchBrowser,
  lumaSubsetCatalog,
  mediaTempDir,
  openApp,
  readResults,
  search,
  SEL,
  SHARED_ABSENT_REASON,
  startServer,
  type AppSession,
  type SouServer,
} from '../helpers';

const CLIP_ID = 'Xenova/clip-vit-base-patch32';
const CLIP_INDEX = '[data-testid="clip-index"]';

async function waitForClip(page: Page, phase: string, timeout = 120_000): Promise<void> {
  await page.waitForSelector(`${CLIP_INDEX}[data-phase="${phase}"]`, { state: 'attached', timeout });
}

/** Results for `query` once the search worker fused CLIP scores into them (data-image-fused > 0). */
async function fusedResults(page: Page, query: string): Promise<{ ids: string[]; fused: number; total: number }> {
  await search(page, query, { min: 1 });
  const handle = await page.waitForFunction(
    ({ sel, q }) => {
      const list = document.querySelector(sel);
      if (!list || list.getAttribute('data-query') !== q || list.getAttribute('data-state') !== 'ready') return null;
      const fused = Number(list.getAttribute('data-image-fused') ?? '0');
      return fused > 0 ? { fused, total: Number(list.getAttribute('data-total')) } : null;
    },
    { sel: SEL.results, q: query },
    { timeout: 20_000 },
  );
  const { fused, total } = (await handle.jsonValue())!;
  return { ids: (await readResults(page)).map((r) => r.id), fused, total };
}

describe.skipIf(!hasSharedLuma())(`CLIP in the app (${hasSharedLuma() ? 'Luma subset, CLIP stand-in' : SHARED_ABSENT_REASON})`, () => {
  const tmp = mediaTempDir('sou-clip-e2e-');
  let server: SouServer;
  let app: AppSession;
  let catalog: { path: string; count: number };
  let fusedRed: { ids: string[]; fused: number; total: number };

  beforeAll(async () => {
    catalog = lumaSubsetCatalog(join(tmp, 'catalog'), ['MH12', 'MT10']);
    server = await startServer({ catalog: catalog.path });
    app = await openApp({ server });
  });
  afterAll(async () => {
    await closeEverything();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('loads CLIP in the photo worker after the photo index and embeds every catalog picture, with progress', async () => {
    const { page } = app;
    // The progress bar is shown while CLIP reads the pictures.
    await page.waitForSelector(`${CLIP_INDEX}[data-phase="indexing"] [role="progressbar"]`, { timeout: 150_000 });
    await page.waitForSelector(`${SEL.photoIndex}[data-phase="ready"]`, { state: 'attached', timeout: 5_000 });
    await waitForClip(page, 'ready');
    const clip = page.locator(CLIP_INDEX);
    expect(await clip.getAttribute('data-total')).toBe(String(catalog.count));
    expect(await clip.getAttribute('data-indexed')).toBe(String(catalog.count));
    // A fresh profile: every embedding was computed here.
    expect(await clip.getAttribute('data-computed')).toBe(String(catalog.count));
    // The model files were fetched from the app's own /models/ (and nothing left localhost).
    expect(app.requests.matching((u) => u.pathname === `/models/${CLIP_ID}/onnx/vision_model_quantized.onnx`).length).toBeGreaterThan(0);
    expect(app.requests.matching((u) => u.pathname === `/models/${CLIP_ID}/onnx/text_model_quantized.onnx`).length).toBeGreaterThan(0);
    expect(app.egressAttempts()).toEqual([]);
  }, 200_000);

  it('fuses CLIP text-tower scores into the ranking of typed queries, English and Chinese', async () => {
    const { page } = app;
    fusedRed = await fusedResults(page, 'red');
    expect(fusedRed.fused).toBeGreaterThan(0);
    expect(fusedRed.ids.length).toBeGreaterThan(1);
    // Chinese goes through the shopping lexicon to CLIP's English text tower.
    const zh = await fusedResults(page, '红色');
    expect(zh.fused).toBeGreaterThan(0);
    // No error anywhere; the CLIP status line is quiet once ready.
    expect(await page.locator(`${SEL.error}`).count()).toBe(0);
    expect(await page.locator(CLIP_INDEX).isVisible()).toBe(false);
  }, 60_000);

  it('resumes after a reload: the stored embeddings are read back, none recomputed', async () => {
    const { page } = app;
    await page.reload({ waitUntil: 'load' });
    await waitForClip(page, 'ready', 150_000);
    const clip = page.locator(CLIP_INDEX);
    expect(await clip.getAttribute('data-indexed')).toBe(String(catalog.count));
    expect(await clip.getAttribute('data-computed')).toBe('0');
    expect((await fusedResults(page, 'red')).ids).toEqual(fusedRed.ids);
  }, 200_000);

  it('keeps CLIP off with a quiet message when it fails its pinned checksum; typed queries rank by text alone', async () => {
    // A manifest whose CLIP entry pins config.json to a hash no file has.
    const browser = await launchBrowser();
    // Without the photo CNN (not installed: quiet) the photo index, and so CLIP's turn, comes sooner.
    await browser.context.route('**/models/sou/photo-cnn/model.onnx', (route) => route.fulfill({ status: 404, body: 'not installed' }));
    await browser.context.route('**/models/manifest.json', async (route) => {
      const res = await route.fetch();
      const manifest = (await res.json()) as { models: Array<{ id: string; files: Array<{ path: string; sha256: string | null }> }> };
      for (const m of manifest.models) {
        if (m.id !== CLIP_ID) continue;
        for (const f of m.files) if (f.path === 'config.json') f.sha256 = '0'.repeat(64);
      }
      await route.fulfill({ response: res, json: manifest });
    });
    const other = await openApp({ server, browser });
    const { page } = other;
    const text = await search(page, 'red', { min: 1 });
    await waitForClip(page, 'error', 150_000);
    const notice = page.locator(CLIP_INDEX);
    expect(await notice.getAttribute('data-code')).toBe('MODEL_CHECKSUM');
    const message = (await notice.textContent()) ?? '';
    expect(message).toContain(CLIP_ID);
    expect(message).toContain('npm run models');
    expect(await notice.getAttribute('role')).toBe('status'); // quiet, not an alert
    // Photo index unaffected; text search answers, without image evidence.
    expect(await page.locator(SEL.photoIndex).getAttribute('data-phase')).toBe('ready');
    const again = await search(page, 'red', { min: 1 });
    expect(await page.locator(SEL.results).getAttribute('data-image-fused')).toBe('0');
    expect(again.map((r) => r.id)).toEqual(text.map((r) => r.id));
    // Same items found as with CLIP (image evidence re-ranks, never adds), in another order.
    expect(Number(await page.locator(SEL.results).getAttribute('data-total'))).toBe(fusedRed.total);
    expect(again.map((r) => r.id)).not.toEqual(fusedRed.ids);
    await other.close();
  }, 200_000);
});
