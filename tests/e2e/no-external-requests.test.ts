/**
 * Privacy: loading the app, loading the semantic model and searching never contacts any origin
 * but the app's own — no CDN for ONNX Runtime or models, no fonts, no analytics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, openApp, search, SEL, type AppSession } from '../helpers';

describe('no requests leave the app origin', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(closeEverything);

  it('loads, loads the text model and searches using only its own origin', async () => {
    // Semantic search needs the text encoder: wait until it has loaded (ORT WASM + model files).
    await app.page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 120_000 });
    for (const query of ['black jacket', 'yoga mat', '红色连衣裙', 'wireless earbuds under 100']) {
      await search(app.page, query);
    }
    // Let the service worker finish precaching in the background too.
    await app.page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));

    const own = app.server.origin;
    const records = app.requests.records;
    // The test saw the traffic it is about: the model and its WASM runtime came from this origin.
    expect(records.some((r) => r.url.startsWith(`${own}/ort/`) && r.url.endsWith('.wasm'))).toBe(true);
    expect(records.some((r) => r.url.startsWith(`${own}/models/`) && r.url.endsWith('.onnx'))).toBe(true);
    expect(records.some((r) => r.url.startsWith(`${own}/catalog/`))).toBe(true);

    expect(app.requests.foreign(own).map((r) => `${r.source} ${r.method} ${r.url}`)).toEqual([]);
    expect(app.egressAttempts()).toEqual([]);
  });
});
