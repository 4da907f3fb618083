/**
 * `npm start -- --catalog ../shared/data/luma/catalog.jsonl` serves a real catalog with its photos.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachServer, closeEverything, hasSharedLuma, openApp, REPO_ROOT, search, SHARED_ABSENT_REASON, type AppSession } from '../helpers';

const title = hasSharedLuma() ? 'npm start with the Luma catalog' : `npm start with the Luma catalog (${SHARED_ABSENT_REASON})`;

describe.skipIf(!hasSharedLuma())(title, () => {
  let child: ChildProcess | undefined;
  let url = '';
  let app: AppSession;
  let output = '';

  beforeAll(async () => {
    // Exactly what a user types, relative path and all (npm start resolves it from INIT_CWD).
    child = spawn('npm', ['start', '--', '--catalog', '../shared/data/luma/catalog.jsonl', '--port', '0'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Under `npm test` the app was built moments ago: serve that build rather than re-checking mtimes.
      env: { ...process.env, INIT_CWD: REPO_ROOT, SOU_SKIP_BUILD: process.env.SOU_E2E_NO_BUILD === '1' ? '1' : '' },
      detached: true,
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 240 s:\n${output}`)), 240_000);
      child!.stdout!.on('data', () => {
        const match = /sou is running at (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      });
      child!.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    app = await openApp({ server: attachServer(url, () => output, child) });
  });

  afterAll(async () => {
    await closeEverything();
    await app?.server.stop();
  });

  it('prints the URL and serves the Luma catalog and its photos', async () => {
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    const catalog = await fetch(`${url}/catalog/catalog.jsonl`);
    expect(catalog.status).toBe(200);
    const firstLine = (await catalog.text()).split('\n')[0]!;
    const item = JSON.parse(firstLine) as { id: string; image: string };
    expect(item.id).toBe('MH01-Black');
    const image = await fetch(`${url}/catalog/${item.image}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
  });

  it('finds Luma yoga items for "yoga"', async () => {
    const hits = await search(app.page, 'yoga', { min: 1 });
    // Luma ids look like "MH01-Black"/"WS03-Blue"; the demo catalog's are different products.
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.slice(0, 5).some((h) => /yoga/i.test(h.title))).toBe(true);
    const lumaIds = new Set((await (await fetch(`${url}/catalog/catalog.jsonl`)).text()).trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id));
    expect(hits.every((h) => lumaIds.has(h.id))).toBe(true);
  });
});
