/**
 * Runs the browser half of the benchmark: builds scripts/bench/browser/ with Vite into
 * bench-results/.browser-dist, serves it with scripts/serve.ts and drives it in Debian's Chromium.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { launchBrowser } from '../../tests/helpers/browser';
import { startServer } from '../serve';
import type { BenchData, LatencyStats } from './synth';
import { REPO_ROOT } from './data';

export interface BrowserLatency {
  n: number;
  buildMs: number;
  stats: LatencyStats;
  heapBytes: number | null;
}

export interface BrowserStorage {
  n: number;
  storeMs: number;
  readMs: number;
  buildMs: number;
  firstQueryMs: number;
  totalMs: number;
}

export interface BrowserResults {
  userAgent: string;
  latency: BrowserLatency[];
  storage: BrowserStorage[];
}

const OUT_DIR = join(REPO_ROOT, 'bench-results', '.browser-dist');

export async function runBrowserBench(data: BenchData, runs: number, storeSizes: number[], log: (line: string) => void): Promise<BrowserResults> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'scripts', 'bench', 'browser'),
    logLevel: 'warn',
    build: { outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', sourcemap: false },
    worker: { format: 'es' },
  });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'bench-data.json'), JSON.stringify(data));

  const server = await startServer({ port: 0, distDir: OUT_DIR, includeRepoModels: false });
  const browser = await launchBrowser({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const { page } = browser;
  try {
    await page.goto(server.url + '/index.html');
    await page.waitForFunction(() => (globalThis as { souBench?: { ready: boolean } }).souBench?.ready === true);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const latency: BrowserLatency[] = [];
    for (const n of data.sizes) {
      const result = await page.evaluate(
        ([size, count]) => (globalThis as unknown as { souBench: { latency(n: number, runs: number): Promise<BrowserLatency> } }).souBench.latency(size, count),
        [n, runs] as const,
      );
      log(`  chromium @${n}: build ${result.buildMs.toFixed(0)} ms, p50 ${result.stats.p50.toFixed(2)} ms, p95 ${result.stats.p95.toFixed(2)} ms`);
      latency.push(result);
    }
    const storage: BrowserStorage[] = [];
    for (const n of storeSizes) {
      // Store on one page load, then reload and read it back: the start-up path of a returning user.
      await page.reload();
      await page.waitForFunction(() => (globalThis as { souBench?: { ready: boolean } }).souBench?.ready === true);
      const stored = await page.evaluate((size) => (globalThis as unknown as { souBench: { store(n: number): Promise<{ storeMs: number }> } }).souBench.store(size), n);
      await page.reload();
      await page.waitForFunction(() => (globalThis as { souBench?: { ready: boolean } }).souBench?.ready === true);
      const loaded = await page.evaluate(() =>
        (globalThis as unknown as { souBench: { load(): Promise<Omit<BrowserStorage, 'storeMs'>> } }).souBench.load(),
      );
      log(`  chromium IndexedDB @${n}: store ${stored.storeMs.toFixed(0)} ms, start-up read ${loaded.readMs.toFixed(0)} ms + index ${loaded.buildMs.toFixed(0)} ms`);
      storage.push({ ...loaded, storeMs: stored.storeMs });
    }
    return { userAgent, latency, storage };
  } finally {
    await browser.close();
    await server.close();
  }
}
