/**
 * The MiniLM stand-in loads under the real model id through the app's createTextEncoder and has
 * the real model's interface: 384-d unit vectors, q8 and fp32 files, XLM-R-style tokenizer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStandinModels } from '../../scripts/build-standin-models';
import { MINILM_ID } from '../../src/embedding/models';
import { createTextEncoder } from '../../src/embedding/textEncoder';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sou-standin-'));
  buildStandinModels({ root, log: () => undefined });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('MiniLM stand-in', () => {
  it('loads under the real id and returns 384-d unit vectors for q8 and fp32', async () => {
    const texts = ['black jacket', '黑色夹克', 'black jacket'];
    const q8 = await createTextEncoder({ modelId: MINILM_ID, dtype: 'q8', localModelPath: [join(root, 'missing'), root] });
    const fp32 = await createTextEncoder({ modelId: MINILM_ID, dtype: 'fp32', localModelPath: root });
    try {
      expect(q8.id).toBe(MINILM_ID);
      expect(q8.dims).toBe(384);
      const a = await q8.embed(texts);
      const b = await fp32.embed(texts);
      expect(a.map((v) => v.length)).toEqual([384, 384, 384]);
      expect(Math.abs(cos(a[0], a[0]) - 1)).toBeLessThan(1e-4);
      expect(Array.from(a[0])).toEqual(Array.from(a[2]));
      expect(cos(a[0], a[1])).toBeLessThan(0.999);
      // The quantized file is the fp32 model with int8 weights, not a different model.
      expect(cos(a[0], b[0])).toBeGreaterThan(0.98);
    } finally {
      await q8.dispose();
      await fp32.dispose();
    }
  });

  it('rebuilds deterministically and skips when up to date', () => {
    const again = buildStandinModels({ root, log: () => undefined });
    expect(again[0].skipped).toBe(true);
    const fresh = mkdtempSync(join(tmpdir(), 'sou-standin-'));
    try {
      const rebuilt = buildStandinModels({ root: fresh, log: () => undefined });
      expect(rebuilt[0].files).toEqual(again[0].files);
      const total = rebuilt[0].files.reduce((s, f) => s + f.size, 0);
      expect(total).toBeLessThan(3 * 1024 * 1024);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('reports a missing model as MODEL_MISSING with what to do', async () => {
    await expect(createTextEncoder({ modelId: MINILM_ID, localModelPath: join(root, 'nowhere') })).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining('npm run models'),
    });
  });
});
