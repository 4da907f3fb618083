/**
 * High-level e2e helpers: open the built app in a fresh Chromium against a fresh server, search,
 * read results. Every test file gets its own profile; call `closeApp(session)` (or
 * `closeEverything()` in afterAll) when done.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { closeAllBrowsers, collectRequests, launchBrowser, type BrowserSession, type LaunchOptions, type RequestLog } from './browser';
import { SEL } from './selectors';
import { startServer, stopServer, type ServerOptions, type SouServer } from './server';

export interface OpenAppOptions extends ServerOptions {
  /** Use this running server instead of starting one (its catalog/model options then don't apply). */
  server?: SouServer;
  /** Use this browser profile instead of launching a fresh one. */
  browser?: BrowserSession;
  launch?: LaunchOptions;
  /** Path (and query string) to open, default "/". */
  path?: string;
  /**
   * What to wait for after navigation:
   *  'results' (default) the first results are on screen;
   *  'search'  the search box is usable;  'load' only the load event.
   */
  waitFor?: 'results' | 'search' | 'load';
  timeoutMs?: number;
}

export interface AppSession {
  server: SouServer;
  browser: BrowserSession;
  context: BrowserContext;
  page: Page;
  url: string;
  /** Every request since before the first navigation (see collectRequests). */
  requests: RequestLog;
  /** Requests that tried to leave localhost (the egress trap), e.g. to a CDN, minus Chromium's own services. */
  egressAttempts(): string[];
  close(): Promise<void>;
}

export interface ResultItem {
  id: string;
  title: string;
}

/** Starts a server (unless given), a fresh Chromium profile, and opens the app. */
export async function openApp(options: OpenAppOptions = {}): Promise<AppSession> {
  const server = options.server ?? (await startServer(options));
  const browser = options.browser ?? (await launchBrowser(options.launch));
  const { context, page } = browser;
  const requests = collectRequests(context);
  const url = server.url + (options.path ?? '/');
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs ?? 60_000 });
  const waitFor = options.waitFor ?? 'results';
  try {
    if (waitFor === 'search' || waitFor === 'results') {
      await page.waitForSelector(SEL.searchInput, { timeout: options.timeoutMs ?? 60_000 });
    }
    if (waitFor === 'results') await waitForResults(page, { timeoutMs: options.timeoutMs });
  } catch (error) {
    throw new Error(`${(error as Error).message}\npage errors: ${consoleErrors.join('\n') || 'none'}\nserver output:\n${server.output()}`);
  }
  return {
    server,
    browser,
    context,
    page,
    url,
    requests,
    egressAttempts: () => browser.egress?.appAttempts() ?? [],
    async close() {
      requests.stop();
      if (!options.browser) await browser.close();
      if (!options.server) await server.stop();
    },
  };
}

export async function closeApp(session: AppSession | undefined): Promise<void> {
  await session?.close();
}

/** Closes every browser and server this test file started (use in afterAll). */
export async function closeEverything(): Promise<void> {
  await closeAllBrowsers();
  await stopServer();
}

/** Reads the result cards currently on screen, in order. */
export async function readResults(page: Page): Promise<ResultItem[]> {
  return page.$$eval(
    SEL.result,
    (cards, titleSel) =>
      cards.map((card) => ({
        id: card.getAttribute('data-id') ?? '',
        title: (card.querySelector(titleSel)?.textContent ?? card.textContent ?? '').trim(),
      })),
    SEL.resultTitle,
  );
}

export interface WaitForResultsOptions {
  /** Wait until the shown results belong to this query (the list's data-query). */
  query?: string;
  /** At least this many cards (default 1). Use 0 to accept an empty result. */
  min?: number;
  timeoutMs?: number;
}

/** Waits until results (for `query`, if given) are shown and settled; returns them. */
export async function waitForResults(page: Page, options: WaitForResultsOptions = {}): Promise<ResultItem[]> {
  const min = options.min ?? 1;
  await page.waitForFunction(
    ({ resultsSel, resultSel, query, min }) => {
      const list = document.querySelector(resultsSel);
      if (!list) return false;
      if (query !== null && list.getAttribute('data-query') !== query) return false;
      const state = list.getAttribute('data-state');
      if (state === 'loading') return false;
      const count = document.querySelectorAll(resultSel).length;
      if (min === 0) return state === 'ready' || state === 'empty' || count > 0;
      return count >= min;
    },
    { resultsSel: SEL.results, resultSel: SEL.result, query: options.query ?? null, min },
    { timeout: options.timeoutMs ?? 60_000, polling: 50 },
  );
  return readResults(page);
}

/** Types a query into the search box and returns the results shown for it. */
export async function search(page: Page, query: string, options: Omit<WaitForResultsOptions, 'query'> = {}): Promise<ResultItem[]> {
  const input = page.locator(SEL.searchInput);
  await input.fill(query);
  return waitForResults(page, { ...options, query, min: options.min ?? 0 });
}

/** Waits until a service worker controls the page (first load: clientsClaim). */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, {
    timeout: timeoutMs,
    polling: 100,
  });
}

/**
 * Waits until the service worker finished installing (its precache is complete) and controls
 * the page, so the app is guaranteed to work once the network is gone.
 */
export async function waitForOfflineReady(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await waitForServiceWorkerControl(page, timeoutMs);
}

/** Chrome's own verdict on whether the page can be installed as an app ([] = installable). */
export async function installabilityErrors(page: Page): Promise<Array<{ errorId: string; errorArguments: unknown[] }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const result = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string; errorArguments: unknown[] }>;
    };
    return result.installabilityErrors;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
