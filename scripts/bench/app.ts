/**
 * Benchmarks of the built app itself: initial JS size and time to first results on localhost.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openApp } from '../../tests/helpers/app';
import { launchBrowser } from '../../tests/helpers/browser';
import { SEL } from '../../tests/helpers/selectors';
import { REPO_ROOT } from './data';

export interface BundleSize {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/**
 * The JS a first visit must download before the app runs: the entry script of dist/index.html and
 * the chunks it imports statically (Vite lists them as <link rel="modulepreload">). Workers,
 * lazily imported chunks, WASM and models are not included.
 */
export function initialBundleSize(distDir = join(REPO_ROOT, 'dist')): BundleSize {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) css.add(m[1]!);
  const measure = (url: string) => {
    const file = join(distDir, url.replace(/^\//, ''));
    const bytes = readFileSync(file);
    return { file: url, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  };
  const files = [...js].map(measure);
  const cssFiles = [...css].map(measure);
  return {
    files,
    jsBytes: files.reduce((a, f) => a + f.bytes, 0),
    jsGzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
    cssGzipBytes: cssFiles.reduce((a, f) => a + f.gzipBytes, 0),
  };
}

export interface FirstResults {
  /** First visit: empty profile, no service worker, nothing in IndexedDB. ms since navigation start. */
  coldMs: number;
  /** Reload of a returning visitor (service worker + stored catalog). */
  warmMs: number;
  /**
   * The same, counted from the page's load event (the "≤ 1 s after load"); 0 when the
   * results were on screen before the load event.
   */
  coldAfterLoadMs: number;
  warmAfterLoadMs: number;
  /** Where the first visit's time went: DOMContentLoaded and the catalog download's end, ms since navigation start. */
  coldMarks: { domContentLoadedMs: number; catalogFetchedMs: number | null };
  catalog: string;
}

/**
 * Installed before any page script: records when the first result card enters the DOM. A string,
 * not a function: tsx/esbuild would wrap a function's inner closures in `__name()` helpers that do
 * not exist in the page.
 */
function recordFirstResultScript(selector: string): string {
  return `(() => {
    const sel = ${JSON.stringify(selector)};
    const check = () => {
      if (window.__souFirstResultMs === undefined && document.querySelector(sel)) window.__souFirstResultMs = performance.now();
      return window.__souFirstResultMs !== undefined;
    };
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

/** ms since navigation start at which the page's load event ended. */
async function loadEventEnd(page: import('playwright-core').Page): Promise<number> {
  await page.waitForFunction(() => ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? 0) > 0);
  return page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
}

async function timeToFirstResult(page: import('playwright-core').Page): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __souFirstResultMs?: number }).__souFirstResultMs ?? false, undefined, {
    timeout: 60_000,
  });
  return (await handle.jsonValue()) as number;
}

export async function firstResults(): Promise<FirstResults> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run "npm run build" first');
  const browser = await launchBrowser();
  await browser.context.addInitScript({ content: recordFirstResultScript(SEL.result) });
  const app = await openApp({ waitFor: 'load', browser });
  try {
    const coldMs = await timeToFirstResult(app.page).catch(async (error: Error) => {
      const state = await app.page.evaluate(() => ({
        results: document.querySelectorAll('[data-testid="result"]').length,
        mark: (window as unknown as { __souFirstResultMs?: number }).__souFirstResultMs ?? null,
      }));
      throw new Error(`${error.message} (${JSON.stringify(state)})`);
    });
    const coldMarks = await app.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const catalog = performance.getEntriesByType('resource').find((e) => e.name.includes('/catalog/catalog.jsonl')) as PerformanceResourceTiming | undefined;
      return { domContentLoadedMs: nav?.domContentLoadedEventEnd ?? -1, catalogFetchedMs: catalog ? catalog.responseEnd : null };
    });
    const coldLoadMs = await loadEventEnd(app.page);
    await app.page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
    await app.page.reload({ waitUntil: 'load' });
    const warmMs = await timeToFirstResult(app.page);
    const warmLoadMs = await loadEventEnd(app.page);
    return {
      coldMs,
      warmMs,
      coldAfterLoadMs: Math.max(0, coldMs - coldLoadMs),
      warmAfterLoadMs: Math.max(0, warmMs - warmLoadMs),
      coldMarks,
      catalog: 'demo catalog (default of npm start)',
    };
  } finally {
    await app.close();
    await browser.close();
  }
}
