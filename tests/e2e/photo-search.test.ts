/**
 * Photo search in Chromium: the real photo worker (decoding, descriptors, photo CNN on
 * onnxruntime-web, CLIP stand-in through transformers.js) behind PhotoSearchButton, on the Luma
 * catalog with real query photos. Runs on the photo harness page (tests/e2e/photo-harness/) served
 * by the Vite dev server, so it checks these parts whether or not the app shell mounts them yet.
 * Fake camera: Chromium plays a Y4M file made here from a query photo (no ffmpeg needed).
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { closeEverything, hasSharedLuma, launchBrowser, LUMA_CATALOG, REPO_ROOT, SHARED_ABSENT_REASON, type BrowserSession } from '../helpers';
import { buildStandinClip } from '../../scripts/build-standin-clip';

const LUMA_DIR = join(LUMA_CATALOG, '..');
/** Query photos (not in the catalog) and the item they show. */
const UPLOAD = { file: join(LUMA_DIR, 'query-images', 'i4612c417.jpg'), item: 'MT10-Yellow' };
const CAMERA = { file: join(LUMA_DIR, 'query-images', 'i7b1766bc.jpg'), item: 'MH12-Green', group: 'MH12' };

const tmp = mkdtempSync(join(tmpdir(), 'sou-photo-e2e-'));

/** Writes a one-frame YUV4MPEG2 (I420) video of the picture, letterboxed to 640×480. */
async function writeY4m(imagePath: string, out: string): Promise<void> {
  const sharp = (await import('sharp')).default;
  const W = 640;
  const H = 480;
  const { data } = await sharp(imagePath).resize(W, H, { fit: 'contain', background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const y = Buffer.alloc(W * H);
  const u = Buffer.alloc((W / 2) * (H / 2));
  const v = Buffer.alloc((W / 2) * (H / 2));
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < W; i++) {
      const o = (j * W + i) * 3;
      const [r, g, b] = [data[o], data[o + 1], data[o + 2]];
      y[j * W + i] = Math.max(0, Math.min(255, Math.round(0.299 * r + 0.587 * g + 0.114 * b)));
      if (j % 2 === 0 && i % 2 === 0) {
        const c = (j / 2) * (W / 2) + i / 2;
        u[c] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
        v[c] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
      }
    }
  }
  writeFileSync(out, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\nFRAME\n`), y, u, v]));
}

async function startDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  process.env.SOU_CATALOG = LUMA_CATALOG;
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    root: REPO_ROOT,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    // Pre-bundle everything the page and its worker import, so the dev server does not reload
    // the page halfway through indexing when it discovers a dependency.
    optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime', 'comlink', 'dexie', 'onnxruntime-web', '@huggingface/transformers'] },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('vite dev server did not report a URL');
  return { server, url };
}

const HARNESS = '/tests/e2e/photo-harness/index.html';
const SEL = {
  harness: '[data-testid="photo-harness"]',
  button: '[data-testid="photo-button"]',
  file: '[data-testid="photo-file"]',
  submit: '[data-testid="photo-submit"]',
  shutter: '[data-testid="photo-shutter"]',
  video: '[data-testid="photo-video"]',
  close: '[data-testid="photo-close"]',
  seen: '[data-testid="photo-seen"]',
  refine: '[data-testid="photo-refine"]',
  result: '[data-testid="result"]',
  error: '[data-testid="error"]',
  search: '[data-testid="search-input"]',
};

async function resultIds(page: Page): Promise<string[]> {
  return page.$$eval(SEL.result, (els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

async function uploadAndSearch(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.click(SEL.button);
  await page.setInputFiles(SEL.file, file);
  await page.click(SEL.submit);
}

async function openHarness(browser: BrowserSession, url: string): Promise<Page> {
  const page = browser.page;
  await page.goto(url + HARNESS);
  await page.waitForSelector(`${SEL.harness}[data-ready="true"]`, { timeout: 280_000 });
  return page;
}

describe.skipIf(!hasSharedLuma())(`photo search on the Luma catalog (${hasSharedLuma() ? 'present' : SHARED_ABSENT_REASON})`, () => {
  let dev: { server: ViteDevServer; url: string };
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    buildStandinClip();
    const y4m = join(tmp, 'camera.y4m');
    await writeY4m(CAMERA.file, y4m);
    dev = await startDevServer();
    browser = await launchBrowser({
      args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`],
    });
    page = await openHarness(browser, dev.url);
  }, 300_000);

  afterAll(async () => {
    await closeEverything();
    await dev?.server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('indexed every catalog picture with the photo CNN and loaded the CLIP stand-in', async () => {
    const h = await page.$(SEL.harness);
    expect(await h!.getAttribute('data-indexed')).toBe('461');
    expect(await h!.getAttribute('data-cnn')).toBe('ready');
    expect(await h!.getAttribute('data-clip')).toBe('ready');
  });

  it('finds the pictured product from an uploaded photo and says what it saw', async () => {
    await uploadAndSearch(page, UPLOAD.file);
    await page.waitForSelector(SEL.seen);
    const ids = await resultIds(page);
    expect(ids.slice(0, 10)).toContain(UPLOAD.item);
    // "Seen: <colour> · <type>-like"
    expect(await page.textContent(SEL.seen)).toMatch(/^Seen: (black|white|gray|red|orange|yellow|green|blue|purple|pink|brown)\b.* · [a-z ]+-like$/);
    expect(await page.getAttribute('[data-testid="results"]', 'data-used-cnn')).toBe('true');
  });

  it('finds the product shot with the (fake) rear camera, and "this, but in red" switches colour', async () => {
    await page.click(SEL.button);
    await page.waitForSelector(`${SEL.video}[data-state="live"]`, { timeout: 30_000 });
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLVideoElement | null)?.videoWidth ?? 0 > 0, SEL.video);
    await page.click(SEL.shutter);
    await page.click(SEL.submit);
    await page.waitForFunction(() => !document.querySelector('[data-testid="photo-dialog"]'));
    const ids = await resultIds(page);
    expect(ids.slice(0, 10)).toContain(CAMERA.item);

    await page.fill(SEL.refine, 'this, but in red');
    await page.press(SEL.refine, 'Enter');
    await page.waitForFunction((group) => document.querySelector('[data-testid="result"]')?.getAttribute('data-id')?.startsWith(group), CAMERA.group);
    expect((await resultIds(page))[0]).toBe(`${CAMERA.group}-Red`);
  });

  it('explains unreadable, HEIC and dark photos, and the search box stays usable', async () => {
    const cases: Array<[{ name: string; mimeType: string; buffer: Buffer }, string]> = [
      [{ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic'), Buffer.alloc(2000)]) }, 'IMAGE_UNSUPPORTED'],
      [{ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]) }, 'IMAGE_DECODE'],
    ];
    const sharp = (await import('sharp')).default;
    cases.push([{ name: 'dark.jpg', mimeType: 'image/jpeg', buffer: await sharp({ create: { width: 400, height: 300, channels: 3, background: '#030303' } }).jpeg().toBuffer() }, 'IMAGE_TOO_DARK']);
    for (const [file, code] of cases) {
      await uploadAndSearch(page, file);
      await page.waitForSelector(`${SEL.error}[data-code="${code}"]`, { timeout: 20_000 });
      expect((await page.textContent(`${SEL.error}[data-code="${code}"]`))!.length).toBeGreaterThan(20);
      await page.click(SEL.close);
      await page.fill(SEL.search, 'still typing');
      expect(await page.inputValue(SEL.search)).toBe('still typing');
    }
  });

  it('downscales a 50-megapixel photo on decode and still finds the product', async () => {
    const sharp = (await import('sharp')).default;
    const big = await sharp(UPLOAD.file).resize(6000, 8400, { fit: 'fill' }).jpeg({ quality: 80 }).toBuffer();
    await uploadAndSearch(page, { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: big });
    await page.waitForFunction(() => !document.querySelector('[data-testid="photo-dialog"]'), undefined, { timeout: 60_000 });
    expect((await resultIds(page)).slice(0, 10)).toContain(UPLOAD.item);
  });

  it('scores typed queries with the CLIP text tower in the worker', async () => {
    const scores = await page.evaluate(async () => {
      const h = (window as unknown as { photoHarness: { client: { scoreTextWithClip(q: string, n?: number): Promise<Array<{ id: string; score: number }>> } } }).photoHarness;
      return h.client.scoreTextWithClip('red', 500);
    });
    expect(scores.length).toBe(461);
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1].score).toBeGreaterThanOrEqual(scores[i].score);
  });

  it('recovers from a photo-worker crash', async () => {
    await page.evaluate(async () => {
      const h = (window as unknown as { photoHarness: { client: { crashForTest(): Promise<void> } } }).photoHarness;
      await h.client.crashForTest();
    });
    await page.waitForTimeout(500);
    // The first call after a crash may report it; the next one runs on a restarted worker.
    await uploadAndSearch(page, UPLOAD.file);
    const outcome = await Promise.race([
      page.waitForSelector(`${SEL.error}[data-code="WORKER_CRASHED"]`, { timeout: 90_000 }).then(() => 'crashed'),
      page.waitForFunction(() => !document.querySelector('[data-testid="photo-dialog"]'), undefined, { timeout: 90_000 }).then(() => 'done'),
    ]);
    if (outcome === 'crashed') {
      await page.click(SEL.submit);
      await page.waitForFunction(() => !document.querySelector('[data-testid="photo-dialog"]'), undefined, { timeout: 90_000 });
    }
    expect((await resultIds(page)).slice(0, 10)).toContain(UPLOAD.item);
  });

  it('says so when the camera is blocked, and choosing a file still works', async () => {
    const denied = await launchBrowser({ args: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'] });
    const p = denied.page;
    await p.goto(dev.url + HARNESS);
    await p.waitForSelector(SEL.harness);
    await p.click(SEL.button);
    await p.waitForSelector(`${SEL.error}[data-code^="CAMERA_"]`, { timeout: 20_000 });
    expect(await p.getAttribute(SEL.error, 'data-code')).toBe('CAMERA_DENIED');
    expect(await p.isEnabled('[data-testid="photo-choose"]')).toBe(true);
    await denied.close();
  });

  it('falls back to colour and shape when the photo model fails its checksum', async () => {
    // Same profile (the stored photo index is reused, so no re-indexing), new tab whose photo
    // worker receives a corrupted model file.
    const route = '**/models/sou/photo-cnn/model.onnx';
    await browser.context.route(route, (r) => r.fulfill({ status: 200, body: Buffer.from('not the model') }));
    const p = await browser.context.newPage();
    try {
      await p.goto(dev.url + HARNESS);
      await p.waitForSelector(`${SEL.harness}[data-ready="true"]`, { timeout: 280_000 });
      expect(await p.getAttribute(SEL.harness, 'data-cnn')).toBe('error');
      await uploadAndSearch(p, UPLOAD.file);
      await p.waitForSelector(SEL.seen);
      expect(await p.getAttribute('[data-testid="results"]', 'data-used-cnn')).toBe('false');
      expect((await resultIds(p)).length).toBeGreaterThan(0);
    } finally {
      await browser.context.unroute(route);
      await p.close();
    }
  }, 300_000);
});
