import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Raster } from '../../src/core/image/raster';
import { SouError } from '../../src/core/types';
import { clipQueryText, createClipService } from '../../src/photo/clipService';
import { createPhotoService } from '../../src/photo/photoService';
import { PhotoDatabase } from '../../src/photo/store';
import type { PhotoCatalogItem } from '../../src/photo/types';
import { buildStandinClip } from '../../scripts/build-standin-clip';

type RGB = [number, number, number];
const COLORS: Record<string, RGB> = { red: [200, 30, 35], blue: [35, 60, 190], black: [25, 25, 28], green: [40, 150, 60] };

/** "red-top" → a red top-like shape on white. */
function render(ref: string, w = 120, h = 150): Raster {
  const [color, kind] = ref.split('-');
  const rgb = COLORS[color] ?? [128, 128, 128];
  const data = new Uint8Array(w * h * 3).fill(250);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let k = 0; k < 3; k++) data[(y * w + x) * 3 + k] = rgb[k] * ((x + y) % 7 ? 1 : 0.85);
  };
  if (kind === 'top') {
    paint(35, 30, 85, 110);
    paint(15, 30, 35, 80);
    paint(85, 30, 105, 80);
  } else {
    paint(35, 20, 85, 50);
    paint(35, 50, 57, 140);
    paint(63, 50, 85, 140);
  }
  return { width: w, height: h, channels: 3, data };
}

const ITEMS: PhotoCatalogItem[] = ['red-top', 'blue-top', 'black-pants', 'green-pants', 'red-pants', 'blue-pants'].map((ref) => ({
  id: ref,
  group: ref.split('-')[1],
  title: ref.replace('-', ' '),
  category: ref.endsWith('top') ? 'Men/Tops/Jackets' : 'Men/Bottoms/Pants',
  color: ref.split('-')[0],
  image: ref,
}));

/** A "photo file" for the fake decoder: the blob's text names the raster to render. */
const photoOf = (ref: string) => new Blob([ref], { type: 'image/jpeg' });

function service(db: PhotoDatabase | null, opts: { loadCnn?: () => Promise<null>; loads?: string[] } = {}) {
  return createPhotoService({
    db,
    loadImage: async (ref) => {
      opts.loads?.push(ref);
      return render(ref);
    },
    decodePhoto: async (blob) => {
      const ref = await blob.text();
      if (ref === 'dark') return { width: 50, height: 50, channels: 3, data: new Uint8Array(50 * 50 * 3).fill(2) };
      if (ref === 'blank') return { width: 50, height: 50, channels: 3, data: new Uint8Array(50 * 50 * 3).fill(240) };
      return render(ref);
    },
    loadCnn: opts.loadCnn ?? (async () => null),
  });
}

describe('photo service', () => {
  it('indexes the catalog with progress, finds the pictured item and refines by colour', async () => {
    const db = new PhotoDatabase(`photo-test-${Math.random()}`);
    const s = service(db);
    expect((await s.setCatalog(ITEMS)).indexed).toBe(0);
    const progress: number[] = [];
    const st = await s.indexCatalog((p) => progress.push(p.done));
    expect(st.indexed).toBe(ITEMS.length);
    expect(progress.at(-1)).toBe(ITEMS.length);

    const r = await s.searchPhoto(photoOf('black-pants'));
    expect(r.hits[0].id).toBe('black-pants');
    expect(r.summary.label).toContain('pants-like');
    expect(r.indexed).toBe(ITEMS.length);

    const refined = await s.refine('same but in green');
    expect(refined.hits[0].id).toBe('green-pants');
  });

  it('resumes indexing after a reload instead of starting over', async () => {
    const name = `photo-resume-${Math.random()}`;
    const first = service(new PhotoDatabase(name));
    await first.setCatalog(ITEMS);
    await first.indexCatalog(undefined, { aborted: false });
    // "Reload": a new service over the same database.
    const loads: string[] = [];
    const second = service(new PhotoDatabase(name), { loads });
    expect((await second.setCatalog(ITEMS)).indexed).toBe(ITEMS.length);
    await second.indexCatalog();
    expect(loads).toEqual([]);
    // A changed image is recomputed, nothing else.
    const changed = ITEMS.map((p) => (p.id === 'red-top' ? { ...p, image: 'green-top' } : p));
    await second.setCatalog(changed);
    await second.indexCatalog();
    expect(loads).toEqual(['green-top']);
  });

  it('refuses dark and blank photos with a clear code, and never stores the photo', async () => {
    const db = new PhotoDatabase(`photo-err-${Math.random()}`);
    const s = service(db);
    await s.setCatalog(ITEMS);
    await s.indexCatalog();
    await expect(s.searchPhoto(photoOf('dark'))).rejects.toMatchObject({ code: 'IMAGE_TOO_DARK' });
    await expect(s.searchPhoto(photoOf('blank'))).rejects.toMatchObject({ code: 'IMAGE_NO_ITEM' });
    await s.searchPhoto(photoOf('red-top'));
    const ids = (await db.descriptors.toArray()).map((r) => r.id).sort();
    expect(ids).toEqual(ITEMS.map((p) => p.id).sort());
  });

  it('keeps working on colour and shape when the photo model fails its checksum', async () => {
    const s = service(null, {
      loadCnn: async () => {
        throw new SouError('MODEL_CHECKSUM', 'The photo model file is damaged.');
      },
    });
    await s.setCatalog(ITEMS);
    const st = await s.indexCatalog();
    expect(st.cnn).toBe('error');
    expect(st.cnnMessage).toContain('damaged');
    const r = await s.searchPhoto(photoOf('red-top'));
    expect(r.usedCnn).toBe(false);
    expect(r.hits[0].id).toBe('red-top');
  });

  it('"more like this" ranks other items and leaves the product out', async () => {
    const s = service(null);
    await s.setCatalog(ITEMS);
    await s.indexCatalog();
    const r = await s.moreLikeThis('blue-pants');
    expect(r.hits.map((h) => h.id)).not.toContain('blue-pants');
    expect(r.hits).toHaveLength(ITEMS.length - 1);
    // Same-colour or same-shape items come before items that share neither.
    const shareNothing = ['red-top'];
    expect(r.hits.findIndex((h) => shareNothing.includes(h.id))).toBeGreaterThan(1);
  });
});

describe('CLIP service with the stand-in model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sou-clip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads through transformers.js, indexes images and scores typed queries (English and Chinese)', async () => {
    const models = join(dir, 'models');
    buildStandinClip(models);
    const sharp = (await import('sharp')).default;
    const files: Record<string, string> = {};
    for (const c of ['red', 'blue', 'green']) {
      const rgb = COLORS[c];
      files[c] = join(dir, `${c}.png`);
      writeFileSync(files[c], await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer());
    }
    const clip = createClipService({ db: null, modelsRoot: `${models}/`, verify: false, loadImage: async (ref) => files[ref] });
    expect((await clip.load()).clip).toBe('ready');
    await clip.setCatalog(['red', 'blue', 'green'].map((c) => ({ id: c, title: c, category: 'x', color: c, image: c })));
    expect(await clip.index()).toBe(3);
    expect((await clip.scoreText('red'))[0].id).toBe('red');
    expect((await clip.scoreText('blue jacket'))[0].id).toBe('blue');
    expect((await clip.scoreText('绿色'))[0].id).toBe('green');
  }, 60_000);

  it('reports a missing model instead of throwing', async () => {
    const clip = createClipService({ db: null, modelsRoot: `${dir}/nothing-here/`, verify: false, loadImage: async () => '' });
    const st = await clip.load();
    expect(st.clip).toBe('missing');
    expect(st.clipMessage).toMatch(/npm run models/);
    expect(await clip.scoreText('red')).toEqual([]);
  });

  it('puts Chinese shopping words into English for the text tower', () => {
    expect(clipQueryText('红色 hoodie')).toMatch(/red/);
  });
});
