import { describe, expect, it } from 'vitest';
import { describeImage } from '../../src/core/image/descriptor';
import { CNN_DIMS, CNN_SEGMENTS, CNN_VIEWS, cnnFeaturesOfViews, poolCnnOutputs, QUERY_VIEWS, segmentCosines } from '../../src/core/image/cnn';
import { describePhoto } from '../../src/core/image/descriptor';
import { bestViewCosines, fitCnnWhitening, whitenViews } from '../../src/core/image/whitening';
import { productTypeOfCategory, rankByPhoto, type PhotoEntry } from '../../src/core/image/matcher';
import type { Raster } from '../../src/core/image/raster';

type RGB = [number, number, number];

/** A garment-ish silhouette: "top" = wide block with sleeves, "pants" = two tall legs. */
function garment(kind: 'top' | 'pants', color: RGB, shift = 0, scale = 1): Raster {
  const w = 120;
  const h = 150;
  const data = new Uint8Array(w * h * 3).fill(252);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = Math.round(y0 * scale + shift); y < Math.round(y1 * scale + shift); y++)
      for (let x = Math.round(x0 * scale + shift); x < Math.round(x1 * scale + shift); x++) {
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        // A little stripe texture so gradients exist.
        const v = (x + y) % 9 === 0 ? 0.8 : 1;
        for (let k = 0; k < 3; k++) data[(y * w + x) * 3 + k] = Math.round(color[k] * v);
      }
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

const RED: RGB = [200, 30, 35];
const BLUE: RGB = [35, 60, 190];
const BLACK: RGB = [25, 25, 28];

function catalog(): PhotoEntry[] {
  const items: Array<[string, string, 'top' | 'pants', RGB, string, string]> = [
    ['T1-Red', 'T1', 'top', RED, 'Red', 'Men/Tops/Hoodies & Sweatshirts'],
    ['T1-Blue', 'T1', 'top', BLUE, 'Blue', 'Men/Tops/Hoodies & Sweatshirts'],
    ['T1-Black', 'T1', 'top', BLACK, 'Black', 'Men/Tops/Hoodies & Sweatshirts'],
    ['P1-Red', 'P1', 'pants', RED, 'Red', 'Men/Bottoms/Pants'],
    ['P1-Black', 'P1', 'pants', BLACK, 'Black', 'Men/Bottoms/Pants'],
    ['P2-Blue', 'P2', 'pants', BLUE, 'Blue', 'Women/Bottoms/Pants'],
  ];
  return items.map(([id, group, kind, rgb, color, category]) => ({
    id,
    group,
    color,
    category,
    text: `${kind === 'top' ? 'Hoodie' : 'Pants'} (${color})`,
    descriptor: describeImage(garment(kind, rgb)),
  }));
}

describe('rankByPhoto', () => {
  it('puts the pictured item first even when photographed smaller and off-centre', () => {
    const entries = catalog();
    const query = describeImage(garment('pants', BLACK, 6, 0.9));
    const match = rankByPhoto(query, entries, { limit: 3 });
    expect(match.hits[0].id).toBe('P1-Black');
    expect(match.usedCnn).toBe(false);
  });

  it('says what it saw: colour and the product type of the closest matches', () => {
    const match = rankByPhoto(describeImage(garment('top', RED, 4, 0.95)), catalog());
    expect(match.hits[0].id).toBe('T1-Red');
    expect(match.summary.colors[0]).toBe('red');
    expect(match.summary.label).toMatch(/^red.* · hoodie-like$/);
  });

  it('"this, but in blue" switches to the blue variant of the same product', () => {
    const entries = catalog();
    const query = describeImage(garment('top', RED));
    const plain = rankByPhoto(query, entries);
    expect(plain.hits[0].id).toBe('T1-Red');
    const refined = rankByPhoto(query, entries, { refine: { text: 'this, but in blue' } });
    expect(refined.refinedColors).toEqual(['blue']);
    expect(refined.hits[0].id).toBe('T1-Blue');
    // Chinese works the same way.
    expect(rankByPhoto(query, entries, { refine: { text: '要蓝色的' } }).hits[0].id).toBe('T1-Blue');
  });

  it('refinement words must match the item text', () => {
    const query = describeImage(garment('top', BLUE));
    const refined = rankByPhoto(query, catalog(), { refine: { text: 'pants' } });
    expect(refined.hits[0].id).toMatch(/^P/);
  });

  it('"more like this" leaves the product itself out', () => {
    const entries = catalog();
    const self = entries.find((e) => e.id === 'T1-Red')!;
    const match = rankByPhoto(self.descriptor, entries, { excludeId: 'T1-Red' });
    expect(match.hits.map((h) => h.id)).not.toContain('T1-Red');
    expect(match.hits).toHaveLength(entries.length - 1);
  });

  it('uses CNN features only when query and every catalog item have them', () => {
    const entries = catalog();
    const fake = (seed: number) => {
      const maps = Object.fromEntries(
        CNN_SEGMENTS.map((s) => [s.name, { channels: s.channels, data: Float32Array.from({ length: s.channels * 4 }, (_, i) => ((i * seed) % 17) / 17) }]),
      );
      return poolCnnOutputs(maps as Parameters<typeof poolCnnOutputs>[0]);
    };
    const q = describeImage(garment('top', RED));
    q.cnn = fake(3);
    expect(rankByPhoto(q, entries).usedCnn).toBe(false);
    entries.forEach((e, i) => (e.descriptor.cnn = fake(i + 2)));
    expect(rankByPhoto(q, entries).usedCnn).toBe(true);
  });
});

/** Deterministic pseudo-random unit-ish vector of CNN_DIMS values. */
function randomFeatures(seed: number, scale = 1): Float32Array {
  let x = seed * 7919 + 17;
  return Float32Array.from({ length: CNN_DIMS }, () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return (x / 0x7fffffff - 0.5) * scale;
  });
}

function mix(...parts: Array<[Float32Array, number]>): Float32Array {
  const out = new Float32Array(CNN_DIMS);
  for (const [v, w] of parts) for (let i = 0; i < CNN_DIMS; i++) out[i] += v[i] * w;
  return out;
}

function concatViews(views: Float32Array[]): Float32Array {
  const out = new Float32Array(views.length * CNN_DIMS);
  views.forEach((v, i) => out.set(v, i * CNN_DIMS));
  return out;
}

describe('CNN views and product-level ranking', () => {
  it('describes catalog images in every view and photos in the first two, the flip mirrored', async () => {
    const pic = garment('top', RED, 10, 0.8);
    const seen: Raster[] = [];
    const features = async (view: Raster) => {
      seen.push(view);
      return randomFeatures(seen.length);
    };
    const item = await describePhoto(pic, 'catalog', features);
    expect(item.cnn?.length).toBe(CNN_VIEWS.length * CNN_DIMS);
    const query = await describePhoto(pic, 'query', features);
    expect(query.cnn?.length).toBe(QUERY_VIEWS * CNN_DIMS);
    const [full, flip, top, bottom] = seen;
    expect(flip.data.subarray(0, 3)).toEqual(full.data.subarray((full.width - 1) * 3, full.width * 3));
    // Crops follow the item, not the whole frame.
    expect(top.width).toBeLessThan(full.width);
    expect(top.height + bottom.height).toBeLessThan(full.height * 1.2);
    await expect(cnnFeaturesOfViews(pic, { x: 0, y: 0, width: 1, height: 1 }, 2, async () => new Float32Array(3))).rejects.toThrow(/expected/);
  });

  it('whitening on the catalog makes unrelated items stop looking alike while a near copy still matches', () => {
    // Every catalog vector shares one strong direction ("a person on a white backdrop").
    const shared = randomFeatures(999, 4);
    const catalogVectors = Array.from({ length: 60 }, (_, i) => mix([shared, 1], [randomFeatures(i + 1), 1]).map(Math.abs));
    const w = fitCnnWhitening(catalogVectors);
    const a = whitenViews(w, catalogVectors[0]);
    const b = whitenViews(w, catalogVectors[1]);
    const nearA = whitenViews(w, mix([catalogVectors[0], 1], [randomFeatures(500), 0.15]).map(Math.abs));
    const sims = new Float64Array(CNN_SEGMENTS.length);
    const raw = segmentCosines(poolUnit(catalogVectors[0]), poolUnit(catalogVectors[1]));
    for (const c of raw) expect(c).toBeGreaterThan(0.8);
    for (const c of bestViewCosines(a, b, sims)) expect(c).toBeLessThan(0.3);
    for (const c of bestViewCosines(a, nearA, sims)) expect(c).toBeGreaterThan(0.8);
    for (const c of bestViewCosines(a, a, sims)) expect(c).toBeCloseTo(1, 5);
  });

  it('finds the item from a close-up through its catalog crop, and ranks its colour variants next', () => {
    const product = (p: number) => randomFeatures(100 + p, 1).map((v) => Math.abs(v));
    const entries = catalog();
    // Each catalog image: five views; the "bottom" view of T1 looks like nothing else.
    entries.forEach((e, i) => {
      const base = product(e.group === 'T1' ? 1 : e.group === 'P1' ? 2 : 3);
      const views = CNN_VIEWS.map((v, k) => mix([base, 1], [randomFeatures(1000 + i * 10 + k), 0.3]).map(Math.abs));
      e.descriptor.cnn = concatViews(views);
    });
    const t1Red = entries.find((e) => e.id === 'T1-Red')!;
    const bottomOfT1Red = t1Red.descriptor.cnn!.slice(3 * CNN_DIMS, 4 * CNN_DIMS);
    // The photo: a red close-up whose colour and outline say little, whose features match that crop.
    const query = describeImage(garment('pants', RED, 0, 1));
    query.cnn = concatViews([bottomOfT1Red, bottomOfT1Red]);
    const match = rankByPhoto(query, entries, { limit: 6 });
    expect(match.usedCnn).toBe(true);
    expect(match.hits[0].id).toBe('T1-Red');
    // Same product in other colours before another product in the photo's colour (P1-Red).
    expect(match.hits.slice(1, 3).map((h) => h.id).sort()).toEqual(['T1-Black', 'T1-Blue']);
  });
});

/** Unit length per segment, like poolCnnOutputs' output. */
function poolUnit(v: Float32Array): Float32Array {
  const out = Float32Array.from(v);
  let offset = 0;
  for (const seg of CNN_SEGMENTS) {
    let n = 0;
    for (let i = offset; i < offset + seg.channels; i++) n += out[i] * out[i];
    n = Math.sqrt(n);
    for (let i = offset; i < offset + seg.channels; i++) out[i] /= n;
    offset += seg.channels;
  }
  return out;
}

describe('CNN pooling', () => {
  it('pools each segment to unit length and rejects a wrong output shape', () => {
    const maps = Object.fromEntries(
      CNN_SEGMENTS.map((s) => [s.name, { channels: s.channels, data: Float32Array.from({ length: s.channels * 9 }, (_, i) => (i % 5) - 1) }]),
    ) as Parameters<typeof poolCnnOutputs>[0];
    const v = poolCnnOutputs(maps);
    expect(v.length).toBe(CNN_DIMS);
    for (const c of segmentCosines(v, v)) expect(c).toBeCloseTo(1, 5);
    expect(() => poolCnnOutputs({ ...maps, block6: { channels: 10, data: new Float32Array(90) } })).toThrow(/unexpected shape/);
  });
});

describe('productTypeOfCategory', () => {
  it('turns category leaves into a singular product type', () => {
    expect(productTypeOfCategory('Men/Tops/Hoodies & Sweatshirts')).toBe('hoodie');
    expect(productTypeOfCategory('Women/Tops/Jackets')).toBe('jacket');
    expect(productTypeOfCategory('Men/Bottoms/Pants')).toBe('pants');
    expect(productTypeOfCategory('Women/Bottoms/Shorts')).toBe('shorts');
    expect(productTypeOfCategory('Gear/Bags')).toBe('bag');
  });
});
