/**
 * The semantic text encoder in the browser: transformers.js runs in the embed worker, the best
 * installed model is picked (the MiniLM stand-in when served, else the generated instant
 * encoder), the catalog is embedded with visible progress, searches become hybrid, and nothing is
 * fetched from anywhere but the app's own origin.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, DEMO_CATALOG, launchBrowser, openApp, SEL, type AppSession } from '../helpers';
import { readCatalogRows } from '../helpers/catalogFile';

const MINILM_ID = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';
const INSTANT_ID = 'sou/instant-text-encoder';
const EMBEDDING_LABEL = 'Preparing semantic search for the catalog';
const CATALOG_SIZE = readCatalogRows(DEMO_CATALOG).size;

interface EncoderLogEntry {
  state: string;
  id?: string;
  done?: number;
  total?: number;
}

/**
 * Before the app's script runs: records every encoder state the client reports (window.__sou is
 * assigned by src/main.tsx) and every value the embedding progress bar shows on screen.
 */
function recordEncoderStates(label: string): void {
  const w = window as unknown as { __souEncoderLog: unknown[]; __souProgressSeen: number[]; __sou?: unknown };
  w.__souEncoderLog = [];
  w.__souProgressSeen = [];
  let client: { status(): { encoder: Record<string, unknown> }; subscribe(cb: (s: { encoder: Record<string, unknown> }) => void): void } | undefined;
  const note = (e: Record<string, unknown>) => {
    const encoder = e.encoder as { id?: string } | undefined;
    const progress = e.progress as { done?: number; total?: number } | null | undefined;
    w.__souEncoderLog.push({ state: e.state, id: encoder?.id, done: progress?.done, total: progress?.total });
  };
  Object.defineProperty(window, '__sou', {
    configurable: true,
    get: () => client,
    set(value) {
      client = value;
      note(client!.status().encoder);
      client!.subscribe((s) => note(s.encoder));
    },
  });
  new MutationObserver(() => {
    const bar = document.querySelector(`[role="progressbar"][aria-label="${label}"]`);
    const now = bar?.getAttribute('aria-valuenow');
    if (now != null) w.__souProgressSeen.push(Number(now));
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** Runs one search through the app's client and returns each answer it gave (lexical, then hybrid). */
async function searchThroughClient(page: Page, query: string): Promise<Array<{ encoder: string | null; ids: string[] }>> {
  return page.evaluate((q) => {
    type Answer = { semanticEncoder: string | null; items: Array<{ hit: { id: string } }> };
    const client = (window as unknown as { __sou: { search(req: unknown, cb: (r: Answer) => void): Promise<void> } }).__sou;
    const answers: Array<{ encoder: string | null; ids: string[] }> = [];
    return client
      .search({ query: q, filters: {} }, (r) => answers.push({ encoder: r.semanticEncoder, ids: r.items.slice(0, 5).map((i) => i.hit.id) }))
      .then(() => answers);
  }, query);
}

describe('MiniLM stand-in served: transformers.js in a worker', () => {
  let app: AppSession;

  beforeAll(async () => {
    const browser = await launchBrowser();
    await browser.context.addInitScript(recordEncoderStates, EMBEDDING_LABEL);
    app = await openApp({ browser });
  });
  afterAll(closeEverything);

  it('says the MiniLM encoder is active once the catalog is embedded, with progress on the way', async () => {
    const page = app.page;
    const status = page.locator(SEL.modelStatus);
    await page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 120_000 });
    expect(await status.textContent()).toBe('Semantic: MiniLM multilingual');
    // The progress bar is gone once embedding finished.
    expect(await page.getByRole('progressbar', { name: EMBEDDING_LABEL }).count()).toBe(0);

    const log = (await page.evaluate(() => (window as unknown as { __souEncoderLog: EncoderLogEntry[] }).__souEncoderLog)) as EncoderLogEntry[];
    const states = log.map((e) => e.state);
    expect(states).toContain('loading');
    expect(states.at(-1)).toBe('ready');
    expect(log.at(-1)!.id).toBe(MINILM_ID);
    const embedding = log.filter((e) => e.state === 'embedding' && (e.total ?? 0) > 0);
    expect(embedding.length).toBeGreaterThan(0);
    // Progress only moves forward and ends with every catalog product embedded.
    for (let i = 1; i < embedding.length; i++) expect(embedding[i]!.done!).toBeGreaterThanOrEqual(embedding[i - 1]!.done!);
    expect(embedding.at(-1)).toMatchObject({ done: CATALOG_SIZE, total: CATALOG_SIZE, id: MINILM_ID });
    // A shopper saw it too: the bar was on screen.
    const seen = await page.evaluate(() => (window as unknown as { __souProgressSeen: number[] }).__souProgressSeen);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('runs the pipeline in the embed worker and answers with hybrid results', async () => {
    const page = app.page;
    await page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 120_000 });
    expect(page.workers().some((w) => /embed\.worker/.test(w.url()))).toBe(true);
    const answers = await searchThroughClient(page, 'warm winter jacket');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.at(-1)!.encoder).toBe(MINILM_ID);
    expect(answers.at(-1)!.ids.length).toBeGreaterThan(0);
  });

  it('fetched the model and runtime only from its own origin', async () => {
    const own = app.server.origin;
    const model = app.requests.matching((u) => u.origin === own && u.pathname.startsWith(`/models/${MINILM_ID}/onnx/`));
    expect(model.map((r) => new URL(r.url).pathname)).toContain(`/models/${MINILM_ID}/onnx/model_quantized.onnx`);
    expect(app.requests.matching((u) => u.origin === own && u.pathname.startsWith('/ort/') && u.pathname.endsWith('.wasm')).length).toBeGreaterThan(0);
    expect(app.requests.foreign(own).map((r) => r.url)).toEqual([]);
    expect(app.egressAttempts()).toEqual([]);
  });
});

describe('no stand-in served: the generated instant encoder is picked', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp({ modelRoots: [] });
  });
  afterAll(closeEverything);

  it('names the instant encoder in the UI and searches hybrid with it', async () => {
    const page = app.page;
    await page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 120_000 });
    expect(await page.locator(SEL.modelStatus).textContent()).toMatch(/^Semantic: instant word-vector encoder \(\d+-d\)$/);
    const encoder = await page.evaluate(() => (window as unknown as { __sou: { status(): { encoder: { encoder?: { id: string; kind: string } } } } }).__sou.status().encoder.encoder);
    expect(encoder).toMatchObject({ id: INSTANT_ID, kind: 'instant' });
    const answers = await searchThroughClient(page, 'black jacket');
    expect(answers.at(-1)!.encoder).toBe(INSTANT_ID);
    // MiniLM was looked for (its config is absent) but no weights of it were requested.
    const own = app.server.origin;
    expect(app.requests.matching((u) => u.pathname.startsWith(`/models/${MINILM_ID}/onnx/`))).toEqual([]);
    expect(app.requests.matching((u) => u.origin === own && u.pathname.startsWith(`/models/${INSTANT_ID}/onnx/`)).length).toBeGreaterThan(0);
    expect(app.requests.foreign(own).map((r) => r.url)).toEqual([]);
    expect(app.egressAttempts()).toEqual([]);
  });
});
