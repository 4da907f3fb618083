/**
 * The PWA promise: after one visit the app is installable and works with the server gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, installabilityErrors, openApp, readResults, search, SEL, waitForOfflineReady, waitForResults, type AppSession } from '../helpers';

describe('installable, offline-first PWA', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp();
    // The first visit precaches the shell, ORT runtime and instant model; wait until that is done.
    await waitForOfflineReady(app.page);
  });
  afterAll(closeEverything);

  it('is installable: Chrome reports no installability errors', async () => {
    const errors = await installabilityErrors(app.page);
    expect(errors).toEqual([]);
  });

  it('links a manifest with the app name, standalone display and 192/512 PNG icons incl. maskable', async () => {
    const manifest = await app.page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      if (!link) return null;
      return (await fetch(link.href)).json() as Promise<Record<string, unknown>>;
    });
    expect(manifest).not.toBeNull();
    expect(manifest!.name).toBe('sou 搜');
    expect(manifest!.display).toBe('standalone');
    const icons = manifest!.icons as Array<{ sizes: string; type: string; purpose?: string; src: string }>;
    const pngSizes = icons.filter((i) => i.type === 'image/png').map((i) => i.sizes);
    expect(pngSizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
    for (const icon of icons) {
      const status = await app.page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      expect(status, icon.src).toBe(200);
    }
  });

  it('still loads and searches after the server is stopped', async () => {
    const online = await search(app.page, 'jacket', { min: 1 });
    expect(online.some((r) => /jacket/i.test(r.title))).toBe(true);

    await app.server.stop();
    // The server is really gone: a request from outside the browser fails.
    await expect(fetch(app.server.url + '/index.html')).rejects.toThrow();

    await app.page.reload({ waitUntil: 'load' });
    await app.page.waitForSelector(SEL.searchInput, { timeout: 60_000 });
    expect((await waitForResults(app.page)).length).toBeGreaterThan(0);

    const offline = await search(app.page, 'jacket', { min: 1 });
    expect(offline.filter((r) => /jacket/i.test(r.title)).length).toBeGreaterThan(0);
    const mats = await search(app.page, 'yoga mat', { min: 1 });
    expect(mats.slice(0, 3).every((r) => /yoga/i.test(r.title))).toBe(true);
    expect(await readResults(app.page)).toEqual(mats);
  });
});
