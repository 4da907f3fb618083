import { describe, expect, it } from 'vitest';
import { describeImage, dominantColors } from '../../src/core/image/descriptor';
import { findColorWords, colorOfCatalogValue } from '../../src/core/image/colorWords';
import { crop, downscale, type Raster } from '../../src/core/image/raster';
import { readImageHeader, targetSize } from '../../src/core/image/header';
import { SouError } from '../../src/core/types';

type RGB = [number, number, number];

/** A w×h picture on a plain backdrop with a filled rectangle ("the item"). */
function picture(w: number, h: number, bg: RGB, item: RGB, box: { x: number; y: number; w: number; h: number }, noise = 0): Raster {
  const data = new Uint8Array(w * h * 3);
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 2 * noise;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inside = x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
      const c = inside ? item : bg;
      for (let k = 0; k < 3; k++) data[(y * w + x) * 3 + k] = Math.max(0, Math.min(255, Math.round(c[k] + (inside ? rnd() : 0))));
    }
  }
  return { width: w, height: h, channels: 3, data };
}

describe('photo descriptor', () => {
  it('names the colour of the item, not of the white backdrop', () => {
    const d = describeImage(picture(200, 240, [255, 255, 255], [200, 30, 35], { x: 60, y: 50, w: 80, h: 140 }, 10));
    expect(dominantColors(d)[0]).toBe('red');
    expect(d.quality).toBe('ok');
    // The item covers ~23% of the frame; the backdrop must not be counted as foreground.
    expect(d.foregroundFraction).toBeGreaterThan(0.15);
    expect(d.foregroundFraction).toBeLessThan(0.35);
  });

  it('tells navy from black and both from grey', () => {
    const navy = describeImage(picture(120, 120, [250, 250, 250], [30, 40, 90], { x: 30, y: 30, w: 60, h: 60 }, 6));
    const black = describeImage(picture(120, 120, [250, 250, 250], [25, 25, 27], { x: 30, y: 30, w: 60, h: 60 }, 6));
    const grey = describeImage(picture(120, 120, [250, 250, 250], [128, 128, 130], { x: 30, y: 30, w: 60, h: 60 }, 6));
    expect(dominantColors(navy)[0]).toBe('blue');
    expect(dominantColors(black)[0]).toBe('black');
    expect(dominantColors(grey)[0]).toBe('gray');
  });

  it('describes a close-up that fills the frame as the item itself', () => {
    const closeUp = picture(160, 160, [40, 120, 60], [40, 120, 60], { x: 0, y: 0, w: 160, h: 160 }, 20);
    const d = describeImage(closeUp);
    expect(dominantColors(d)[0]).toBe('green');
  });

  it('flags a blank and a dark frame instead of matching them', () => {
    const white = picture(100, 100, [255, 255, 255], [255, 255, 255], { x: 0, y: 0, w: 0, h: 0 });
    const dark = picture(100, 100, [3, 3, 4], [3, 3, 4], { x: 0, y: 0, w: 0, h: 0 });
    expect(describeImage(white).quality).toBe('blank');
    expect(describeImage(dark).quality).toBe('dark');
  });

  it('says "no product" for a photo of a bare wall or the sky, but not for an item in front of that wall', () => {
    // Camera-like pictures: uneven lighting (vignetting), a colour gradient and sensor noise, so
    // the lightness varies far more than in a blank frame, yet nothing with an outline is there.
    let seed = 11;
    const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 14;
    const scene = (pixel: (x: number, y: number) => RGB, w = 640, h = 480): Raster => {
      const data = new Uint8Array(w * h * 3);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const [r, g, b] = pixel(x, y);
          const n = noise();
          data.set([r + n, g + n, b + n].map((v) => Math.max(0, Math.min(255, Math.round(v)))), (y * w + x) * 3);
        }
      return { width: w, height: h, channels: 3, data };
    };
    const falloff = (x: number, y: number) => 1 - 1.4 * (((x - 320) / 640) ** 2 + ((y - 240) / 480) ** 2);
    const wall = (x: number, y: number): RGB => [225 * falloff(x, y), 215 * falloff(x, y), 195 * falloff(x, y)];
    const sky = (_x: number, y: number): RGB => [90 + 100 * (y / 480), 150 + 70 * (y / 480), 235 + 15 * (y / 480)];
    const wallDescriptor = describeImage(scene(wall));
    expect(wallDescriptor.quality).toBe('blank');
    expect(describeImage(scene(sky)).quality).toBe('blank');
    // A dark knitted top hanging in front of the same wall is a product photo.
    const withItem = scene((x, y) => {
      const inside = x > 220 && x < 420 && y > 100 && y < 400;
      return inside ? ((x + y) % 6 < 3 ? [40, 45, 60] : [55, 60, 78]) : wall(x, y);
    });
    expect(describeImage(withItem).quality).toBe('ok');
  });

  it('rejects a malformed pixel buffer with IMAGE_DECODE', () => {
    const bad: Raster = { width: 10, height: 10, channels: 3, data: new Uint8Array(12) };
    expect(() => describeImage(bad)).toThrowError(SouError);
    try {
      describeImage(bad);
    } catch (e) {
      expect((e as SouError).code).toBe('IMAGE_DECODE');
    }
  });
});

describe('raster helpers', () => {
  it('downscales by area averaging, keeping the mean colour and aspect', () => {
    const r = picture(400, 200, [0, 0, 0], [255, 255, 255], { x: 0, y: 0, w: 200, h: 200 });
    const s = downscale(r, 100);
    expect([s.width, s.height]).toEqual([100, 50]);
    let sum = 0;
    for (let i = 0; i < s.data.length; i += 3) sum += s.data[i];
    expect(sum / (s.width * s.height)).toBeCloseTo(127.5, 0);
  });

  it('crops to the shopper’s box, clamped to the picture', () => {
    const r = picture(100, 80, [255, 255, 255], [0, 0, 255], { x: 50, y: 0, w: 50, h: 80 });
    const c = crop(r, { x: 60, y: 10, width: 100, height: 30 });
    expect([c.width, c.height]).toEqual([40, 30]);
    expect(Array.from(c.data.subarray(0, 3))).toEqual([0, 0, 255]);
  });
});

describe('image headers', () => {
  it('reads JPEG size from the SOF marker after an APP1 block', () => {
    const app1 = [0xff, 0xe1, 0x00, 0x08, 1, 2, 3, 4, 5, 6];
    const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x1b, 0x58, 0x24, 0x90, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const h = readImageHeader(Uint8Array.from([0xff, 0xd8, ...app1, ...sof]));
    expect(h).toEqual({ format: 'jpeg', width: 9360, height: 7000 });
    // A 65-megapixel photo is decoded straight at ≤1024 px.
    expect(targetSize(h, 1024)).toEqual({ width: 1024, height: 766 });
  });

  it('recognises PNG size and HEIC brand', () => {
    const png = new Uint8Array(24);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 200]);
    expect(readImageHeader(png)).toEqual({ format: 'png', width: 256, height: 200 });
    const heic = new TextEncoder().encode('\0\0\0\x18ftypheic\0\0\0\0mif1heic');
    expect(readImageHeader(heic).format).toBe('heic');
    expect(readImageHeader(new TextEncoder().encode('not an image at all')).format).toBe('unknown');
  });
});

describe('colour words', () => {
  it('finds English and Chinese colour words in refinement text', () => {
    expect(findColorWords('this, but in red').map((m) => m.color)).toEqual(['red']);
    expect(findColorWords('同款要藏青色的').map((m) => m.color)).toEqual(['blue']);
    expect(findColorWords('navy or grey please').map((m) => m.color)).toEqual(['blue', 'gray']);
    expect(findColorWords('hoodie with zip')).toEqual([]);
  });

  it('maps catalog colour values to basic colours', () => {
    expect(colorOfCatalogValue('Navy')).toBe('blue');
    expect(colorOfCatalogValue('Heather Gray')).toBe('gray');
    expect(colorOfCatalogValue(null)).toBeNull();
    expect(colorOfCatalogValue('Multi')).toBeNull();
  });
});
