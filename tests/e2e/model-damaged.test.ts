/**
 * A damaged text model (its weights file cut short, as after an interrupted download) must not
 * break the app: the UI says semantic search is unavailable and why, and lexical search answers.
 *
 * Served from a temporary models root holding a copy of the MiniLM stand-in with a truncated
 * onnx/model_quantized.onnx. MiniLM's size/sha256 pins stay empty until `npm run models -- --pin`
 * (models/README.md), so here ONNX Runtime is what refuses the file. Pinned or generated models
 * that fail their size/sha256 check are refused before loading and the next encoder is used —
 * see tests/unit/embedding-load-best.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, FIXTURE_MODELS_ROOT, openApp, search, SEL, type AppSession } from '../helpers';

const MINILM_ID = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';
const WEIGHTS = 'onnx/model_quantized.onnx';

describe('truncated MiniLM weights', () => {
  const root = mkdtempSync(join(tmpdir(), 'sou-damaged-model-'));
  let app: AppSession;
  let fullSize = 0;

  beforeAll(async () => {
    const dir = join(root, MINILM_ID);
    cpSync(join(FIXTURE_MODELS_ROOT, MINILM_ID), dir, { recursive: true });
    const bytes = readFileSync(join(dir, WEIGHTS));
    fullSize = bytes.length;
    writeFileSync(join(dir, WEIGHTS), bytes.subarray(0, Math.floor(bytes.length / 3)));
    app = await openApp({ modelRoots: [root] });
  });
  afterAll(async () => {
    await closeEverything();
    rmSync(root, { recursive: true, force: true });
  });

  it('says semantic search is unavailable, names the model and what to do', async () => {
    const page = app.page;
    await page.waitForSelector(`${SEL.modelStatus}[data-state="error"]`, { timeout: 120_000 });
    const text = (await page.locator(SEL.modelStatus).textContent()) ?? '';
    expect(text).toMatch(/^Semantic search unavailable: /);
    expect(text).toContain(MINILM_ID);
    expect(text).toMatch(/damaged/i);
    expect(text).toMatch(/[^.]\. Lexical search still works\.$/);
    // The damaged file really was the one served (so the failure is the one under test).
    const served = app.requests.matching((u) => u.pathname === `/models/${MINILM_ID}/${WEIGHTS}`);
    expect(served.length).toBeGreaterThan(0);
    const res = await fetch(`${app.server.url}/models/${MINILM_ID}/${WEIGHTS}`);
    expect((await res.arrayBuffer()).byteLength).toBeLessThan(fullSize);
  });

  it('keeps answering searches lexically', async () => {
    const page = app.page;
    const hits = await search(page, 'black jacket', { min: 1 });
    expect(hits[0]!.id).toBe('WJK01-Black');
    const zh = await search(page, '黑色夹克', { min: 1 });
    expect(zh[0]!.id).toBe('WJK01-Black');
    // No result claims semantic similarity, and no error replaces the results.
    for (const why of await page.locator(SEL.resultWhy).allTextContents()) expect(why).not.toContain('Similar in meaning');
    expect(await page.locator(SEL.results).getAttribute('data-state')).toBe('ready');
    expect(await page.locator(SEL.modelStatus).getAttribute('data-state')).toBe('error');
  });
});
