/**
 * The CLIP service as the photo worker uses it: indexing resumes from stored rows (nothing stored
 * is recomputed after a reload), a model file failing its pinned checksum leaves CLIP off with a
 * message naming the model and `npm run models`, and photo rankings fuse with the matcher's.
 * A fake encoder stands in for transformers.js here (the real pipeline on the stand-in model is
 * covered by photo-service.test.ts and the photo-clip e2e).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIP_MODEL_ID, type ClipEncoder } from '../../src/photo/clip';
import { createClipService, fusePhotoRankings } from '../../src/photo/clipService';
import { PhotoDatabase } from '../../src/photo/store';
import type { PhotoCatalogItem } from '../../src/photo/types';

/** Axis vectors: image "a" → [1,0,0], text "a" → the same direction. */
const AXES: Record<string, number[]> = { red: [1, 0, 0], blue: [0, 1, 0], green: [0, 0, 1] };

function fakeEncoder(embedded: string[]): ClipEncoder {
  return {
    id: CLIP_MODEL_ID,
    dims: 3,
    async embedImages(images) {
      return images.map((im) => {
        embedded.push(String(im));
        return Float32Array.from(AXES[String(im)] ?? [0.5, 0.5, 0.5]);
      });
    },
    async embedTexts(texts) {
      return texts.map((t) => Float32Array.from(AXES[t.split(' ')[0]!] ?? [0, 0, 0]));
    },
    async dispose() {},
  };
}

const items: PhotoCatalogItem[] = ['red', 'blue', 'green'].map((c) => ({ id: `item-${c}`, title: c, category: 'Tops', color: c, image: c }));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CLIP service', () => {
  it('resumes indexing after a reload: stored embeddings are read back, not recomputed', async () => {
    const db = new PhotoDatabase(`sou-photo-clip-${Math.random()}`);
    const first: string[] = [];
    const before = createClipService({ db, verify: false, loadImage: async (ref) => ref, createEncoder: async () => fakeEncoder(first) });
    await before.setCatalog(items.slice(0, 2)); // the visit ended after two pictures
    expect(await before.index()).toBe(2);
    expect(first).toEqual(['red', 'blue']);

    const second: string[] = [];
    const progress: Array<{ done: number; total: number }> = [];
    const after = createClipService({ db, verify: false, loadImage: async (ref) => ref, createEncoder: async () => fakeEncoder(second) });
    expect(await after.setCatalog(items)).toBe(2);
    expect(await after.index((p) => progress.push({ done: p.done, total: p.total }))).toBe(3);
    expect(second).toEqual(['green']);
    expect(after.status().clipComputed).toBe(1);
    expect(progress[0]).toEqual({ done: 2, total: 3 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    // The stored (int8) rows still rank: "red" text → the red item first.
    const scores = await after.scoreText('red', 10);
    expect(scores[0]!.id).toBe('item-red');
    expect(scores).toHaveLength(3);
    db.close();
  });

  it('leaves CLIP off with a message naming the model and what to run when a file fails its checksum', async () => {
    const manifest = {
      schemaVersion: 1,
      models: [
        {
          id: CLIP_MODEL_ID,
          files: [{ path: 'config.json', size: 2, sha256: '0'.repeat(64) }],
        },
      ],
    };
    vi.stubGlobal('fetch', async (url: string) => {
      if (url.endsWith('/models/manifest.json')) return new Response(JSON.stringify(manifest));
      if (url.endsWith(`${CLIP_MODEL_ID}/config.json`)) return new Response('{}');
      return new Response('', { status: 404 });
    });
    let created = false;
    const clip = createClipService({
      db: null,
      modelsRoot: '/models/',
      loadImage: async (ref) => ref,
      createEncoder: async () => {
        created = true;
        return fakeEncoder([]);
      },
    });
    const st = await clip.load();
    expect(created).toBe(false); // refused before loading
    expect(st.clip).toBe('error');
    expect(st.clipCode).toBe('MODEL_CHECKSUM');
    expect(st.clipMessage).toContain(CLIP_MODEL_ID);
    expect(st.clipMessage).toContain('npm run models');
    await clip.setCatalog(items);
    expect(await clip.index()).toBe(0);
    expect(await clip.scoreText('red')).toEqual([]);
    expect(clip.usable()).toBe(false);
  });

  it('is quietly "missing" when the model is not installed', async () => {
    vi.stubGlobal('fetch', async (url: string) =>
      url.endsWith('/models/manifest.json')
        ? new Response(JSON.stringify({ schemaVersion: 1, models: [{ id: CLIP_MODEL_ID, files: [{ path: 'config.json', size: null, sha256: null }] }] }))
        : new Response('', { status: 404 }),
    );
    const clip = createClipService({ db: null, loadImage: async (ref) => ref, createEncoder: async () => fakeEncoder([]) });
    const st = await clip.load();
    expect(st.clip).toBe('missing');
    expect(st.clipCode).toBe('MODEL_MISSING');
  });
});

describe('fusing CLIP with the instant matcher for a photo', () => {
  const matcher = ['m1', 'm2', 'm3', 'm4', 'm5'].map((id, i) => ({ id, score: 1 - i / 10 }));

  it('keeps the matcher top when CLIP disagrees, promotes items both rankings like', () => {
    const fused = fusePhotoRankings(matcher, [{ id: 'm3', score: 0.9 }, { id: 'x', score: 0.8 }, { id: 'm1', score: 0.7 }], 4);
    expect(fused.map((h) => h.id)).toEqual(['m1', 'm3', 'm2', 'm4']);
    for (let i = 1; i < fused.length; i++) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
  });

  it('lets an item only CLIP found join the page, below the matcher top', () => {
    const fused = fusePhotoRankings(matcher.slice(0, 2), [{ id: 'x', score: 0.9 }], 5);
    expect(fused.map((h) => h.id)).toEqual(['m1', 'm2', 'x']);
  });

  it('with no CLIP ranking is the matcher ranking', () => {
    expect(fusePhotoRankings(matcher, [], 3).map((h) => h.id)).toEqual(['m1', 'm2', 'm3']);
  });
});
