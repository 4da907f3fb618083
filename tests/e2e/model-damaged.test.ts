/**
 * A damaged text model (its weights file cut short, as after an interrupted download) must not
 * break the app: the UI names the broken model and what to do, falls back to the instant encoder
 * (so semantic search keeps working), and searches answer.
 *
 * Served from a temporary models root holding a copy of the MiniLM stand-in with a truncated
 * onnx/model_quantized.onnx. MiniLM's sha256 pins are empty until `npm run models -- --pin` (see
 * models/README.md), so here the damage is caught when ONNX Runtime refuses the file; checksum
 * mismatches of pinned and generated models are covered by tests/unit/embedding-load-best.test.ts.
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

  it('names the damaged model and what to do, and falls back to the instant encoder', async () => {
    const page = app.page;
    await page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 120_000 });
    expect(await page.locator(SEL.modelStatus).textContent()).toMatch(/instant word-vector encoder/);
    const notice = (await page.locator('[data-testid="model-fallback"]').textContent()) ?? '';
    expect(notice).toContain(MINILM_ID);
    expect(notice).toMatch(/damaged/i);
    expect(notice).toContain('npm run models');
    expect(notice).toMatch(/Using the next best model meanwhile\.$/);
    // The damaged file really was the one served (so the failure is the one under test).
    const served = app.requests.matching((u) => u.pathname === `/models/${MINILM_ID}/${WEIGHTS}`);
    expect(served.length).toBeGreaterThan(0);
    const res = await fetch(`${app.server.url}/models/${MINILM_ID}/${WEIGHTS}`);
    expect((await res.arrayBuffer()).byteLength).toBeLessThan(fullSize);
  });

  it('keeps answering searches', async () => {
    const page = app.page;
    const hits = await search(page, 'black jacket', { min: 1 });
    expect(hits[0]!.id).toBe('WJK01-Black');
    const zh = await search(page, '黑色夹克', { min: 1 });
    expect(zh[0]!.id).toBe('WJK01-Black');
    expect(await page.locator(SEL.results).getAttribute('data-state')).toBe('ready');
  });
});
