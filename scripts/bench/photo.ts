/**
 * Photo-search benchmark in real Chromium (and the same maths in Node for reference):
 *  - capture → results latency: a camera-sized JPEG handed to the photo worker until ranked
 *    results come back (decode, crop, descriptors, photo CNN, ranking over the Luma catalog);
 *    target ≤ 500 ms at p95;
 *  - catalog image indexing throughput (images/s, descriptors + CNN, from the worker's progress);
 *  - memory: the page's JS heap after indexing (the worker's heap is reported by CDP when available).
 *
 *   npx tsx scripts/bench/photo.ts [--runs 20]      # or: import { runPhotoBench } from './bench/photo'
 *
 * Uses the photo harness page (tests/e2e/photo-harness/) on the Vite dev server, like the e2e tests.
 * Needs ../shared/data/luma and Chromium; returns null (with a message) when either is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const LUMA = resolve(REPO_ROOT, '..', 'shared', 'data', 'luma');
const CHROMIUM = process.env.SOU_CHROMIUM ?? '/usr/bin/chromium';

export const PHOTO_LATENCY_TARGET_MS = 500;

export interface PhotoBenchResults {
  captureToResults: { p50: number; p95: number; max: number; runs: number; targetMs: number; pass: boolean };
  indexing: { images: number; seconds: number; imagesPerSecond: number };
  memory: { pageHeapMB: number; workerHeapMB: number | null };
  node: { describeMsPerImage: number; cnnMsPerImage: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runPhotoBench(options: { runs?: number; log?: (line: string) => void } = {}): Promise<PhotoBenchResults | null> {
  const log = options.log ?? ((l: string) => console.log(l));
  const runs = options.runs ?? 20;
  if (!existsSync(join(LUMA, 'catalog.jsonl'))) {
    log('photo bench: skipped, ../shared/data/luma is absent');
    return null;
  }
  if (!existsSync(CHROMIUM)) {
    log(`photo bench: skipped, no Chromium at ${CHROMIUM}`);
    return null;
  }
  const queries = readFileSync(join(LUMA, 'dev', 'image-queries.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(0, runs)
    .map((l) => join(LUMA, l.split('\t')[1]));

  // Node reference: the same descriptor + CNN code on the same photos.
  const { loadPhotoCnnNode, readRaster } = await import('../eval-image');
  const { describeImage } = await import('../../src/core/image/descriptor');
  const cnn = await loadPhotoCnnNode(join(REPO_ROOT, 'models', 'sou', 'photo-cnn'));
  let dMs = 0;
  let cMs = 0;
  for (const q of queries) {
    const r = await readRaster(q);
    let t = performance.now();
    describeImage(r);
    dMs += performance.now() - t;
    t = performance.now();
    await cnn.features(r);
    cMs += performance.now() - t;
  }
  await cnn.close();

  process.env.SOU_CATALOG = join(LUMA, 'catalog.jsonl');
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    root: REPO_ROOT,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1' },
    optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-dev-runtime', 'comlink', 'dexie', 'onnxruntime-web', '@huggingface/transformers'] },
  });
  await server.listen();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const url = `${server.resolvedUrls!.local[0]}tests/e2e/photo-harness/index.html`;
    await page.goto(url);
    await page.waitForSelector('[data-testid="photo-harness"][data-ready="true"]', { timeout: 600_000 });
    const timeline = await page.evaluate(() => (window as unknown as { photoHarness: { timeline: Array<{ kind: string; done: number; total: number; t: number }> } }).photoHarness.timeline);
    const desc = timeline.filter((e) => e.kind === 'descriptors');
    const seconds = (desc[desc.length - 1].t - desc[0].t) / 1000;
    const images = desc[desc.length - 1].done - desc[0].done;

    const times: number[] = [];
    for (const q of queries) {
      const bytes = readFileSync(q).toString('base64');
      const ms = await page.evaluate(async (b64) => {
        const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const blob = new Blob([bin], { type: 'image/jpeg' });
        const h = (window as unknown as { photoHarness: { client: { searchPhoto(b: Blob): Promise<unknown> } } }).photoHarness;
        const t = performance.now();
        await h.client.searchPhoto(blob);
        return performance.now() - t;
      }, bytes);
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics as Array<{ name: string; value: number }>;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    let workerHeapMB: number | null = null;
    for (const w of page.workers()) {
      try {
        const used = await w.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
        if (used) workerHeapMB = Math.round((used / 1e6) * 10) / 10;
      } catch {
        // worker gone
      }
    }
    const p95 = percentile(times, 95);
    const result: PhotoBenchResults = {
      captureToResults: { p50: percentile(times, 50), p95, max: times[times.length - 1], runs: times.length, targetMs: PHOTO_LATENCY_TARGET_MS, pass: p95 <= PHOTO_LATENCY_TARGET_MS },
      indexing: { images, seconds, imagesPerSecond: images / seconds },
      memory: { pageHeapMB: Math.round((heap / 1e6) * 10) / 10, workerHeapMB },
      node: { describeMsPerImage: dMs / queries.length, cnnMsPerImage: cMs / queries.length },
    };
    log(
      `photo capture→results p50=${result.captureToResults.p50.toFixed(0)}ms p95=${p95.toFixed(0)}ms (target ≤${PHOTO_LATENCY_TARGET_MS}) ${result.captureToResults.pass ? 'PASS' : 'FAIL'}; ` +
        `indexing ${result.indexing.imagesPerSecond.toFixed(1)} img/s (${images} in ${seconds.toFixed(1)} s); heap page ${result.memory.pageHeapMB} MB` +
        (workerHeapMB !== null ? `, worker ${workerHeapMB} MB` : '') +
        `; node describe ${result.node.describeMsPerImage.toFixed(1)} ms + cnn ${result.node.cnnMsPerImage.toFixed(1)} ms per image`,
    );
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  runPhotoBench({ runs: i > 0 ? Number(process.argv[i + 1]) : undefined }).catch((err) => {
    console.error(`photo bench: ${(err as Error).message}`);
    process.exit(1);
  });
}
