/**
 * Reads an image file's format and pixel size from its first bytes, without decoding it.
 * The photo flow uses this to refuse formats the browser cannot decode (HEIC from iPhones)
 * with a useful message, and to ask createImageBitmap for a downscaled bitmap straight away,
 * so a 50-megapixel photo never becomes a 200 MB RGBA buffer.
 */

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'heic' | 'avif' | 'unknown';

export interface ImageHeader {
  format: ImageFormat;
  /** Pixel size as stored (before EXIF rotation); null when the header doesn't say. */
  width: number | null;
  height: number | null;
}

/** Pass at least the first 64 KiB (JPEG size markers can follow a large EXIF block). */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const b = bytes;
  const at = (i: number) => (i < b.length ? b[i] : 0);
  const u16be = (i: number) => (at(i) << 8) | at(i + 1);
  const u32be = (i: number) => ((at(i) << 24) >>> 0) + (at(i + 1) << 16) + (at(i + 2) << 8) + at(i + 3);
  const u16le = (i: number) => at(i) | (at(i + 1) << 8);
  const ascii = (i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

  if (at(0) === 0x89 && ascii(1, 3) === 'PNG') {
    return { format: 'png', width: b.length >= 24 ? u32be(16) : null, height: b.length >= 24 ? u32be(20) : null };
  }
  if (ascii(0, 4) === 'GIF8') return { format: 'gif', width: u16le(6) || null, height: u16le(8) || null };
  if (ascii(0, 2) === 'BM') {
    const w = (at(18) | (at(19) << 8) | (at(20) << 16) | (at(21) << 24)) >>> 0;
    const h = Math.abs(at(22) | (at(23) << 8) | (at(24) << 16) | (at(25) << 24));
    return { format: 'bmp', width: w || null, height: h || null };
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8X') return { format: 'webp', width: 1 + (at(24) | (at(25) << 8) | (at(26) << 16)), height: 1 + (at(27) | (at(28) << 8) | (at(29) << 16)) };
    if (chunk === 'VP8 ') return { format: 'webp', width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = (at(21) | (at(22) << 8) | (at(23) << 16) | (at(24) << 24)) >>> 0;
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    return { format: 'webp', width: null, height: null };
  }
  if (ascii(4, 4) === 'ftyp') {
    const brand = ascii(8, 4);
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brand)) return { format: 'heic', width: null, height: null };
    if (/^(avif|avis)$/.test(brand)) return { format: 'avif', width: null, height: null };
  }
  if (at(0) === 0xff && at(1) === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (at(i) !== 0xff) {
        i++;
        continue;
      }
      const marker = at(i + 1);
      if (marker === 0xff) {
        i++;
        continue;
      }
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', height: u16be(i + 5), width: u16be(i + 7) };
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      i += 2 + u16be(i + 2);
    }
    return { format: 'jpeg', width: null, height: null };
  }
  return { format: 'unknown', width: null, height: null };
}

/**
 * The size to decode at: longest side at most `maxSide`, aspect kept. Null size → null
 * (let the decoder find out, then downscale).
 */
export function targetSize(h: Pick<ImageHeader, 'width' | 'height'>, maxSide: number): { width: number; height: number } | null {
  if (!h.width || !h.height) return null;
  const s = Math.min(1, maxSide / Math.max(h.width, h.height));
  return { width: Math.max(1, Math.round(h.width * s)), height: Math.max(1, Math.round(h.height * s)) };
}
