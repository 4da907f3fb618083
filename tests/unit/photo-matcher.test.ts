import { describe, expect, it } from 'vitest';
import { describeImage } from '../../src/core/image/descriptor';
import { CNN_DIMS, CNN_SEGMENTS, poolCnnOutputs, segmentCosines } from '../../src/core/image/cnn';
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
