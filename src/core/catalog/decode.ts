/**
 * Bytes → text for catalog files. UTF-8 is expected (a BOM is dropped); UTF-16 files, which
 * Excel's "Unicode text" export writes, are recognised by their BOM (or by their zero bytes) and
 * decoded. Anything that is not valid text — Latin-1/GBK files, Excel workbooks, images — stops
 * the import with CATALOG_ENCODING and tells the user how to save the file as UTF-8.
 */
import { SouError } from '../types.js';

export type CatalogEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const SAVE_AS_UTF8 =
  'Save the file as UTF-8 text (in Excel: "Save As" → "CSV UTF-8"; in a text editor: encoding "UTF-8") and import it again.';

/** Guesses UTF-16 without a BOM from zero bytes in every other position (ASCII-heavy text). */
function sniffUtf16(bytes: Uint8Array): CatalogEncoding | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return null;
}

/** Index of the first byte that breaks UTF-8, or -1. Only used to word the error message. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let extra: number;
    if (b < 0x80) extra = 0;
    else if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return i;
    if (i + extra >= bytes.length) return -1; // a sequence cut by the chunk end is not an error
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}

function looksLikeKnownBinary(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((v, i) => bytes[i] === v);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'an Excel workbook or a zip archive';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel (.xls) workbook';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46)) return 'a picture';
  if (starts(0x1f, 0x8b)) return 'a compressed (.gz) file';
  return null;
}

export function encodingError(detail: string, details?: Record<string, unknown>): SouError {
  return new SouError('CATALOG_ENCODING', `${detail} ${SAVE_AS_UTF8}`, details);
}

/**
 * Streaming decoder: feed byte chunks, get text. Detects the encoding from the first bytes.
 * Throws SouError CATALOG_ENCODING on invalid UTF-8 or binary content.
 */
export class CatalogTextDecoder {
  private decoder: TextDecoder | null = null;
  private swapBytes = false;
  private pending: Uint8Array | null = null;
  private bytesSeen = 0;
  private linesSeen = 1;
  private carryByte: number | null = null;
  encoding: CatalogEncoding = 'utf-8';

  decode(chunk: Uint8Array, final = false): string {
    let bytes = chunk;
    if (this.decoder === null) {
      // Need a few bytes to see a BOM; a tiny first chunk waits for the next.
      bytes = this.pending ? concat(this.pending, chunk) : chunk;
      if (bytes.length < 4 && !final) {
        this.pending = bytes;
        return '';
      }
      this.pending = null;
      bytes = this.start(bytes);
    }
    const offset = this.bytesSeen;
    this.bytesSeen += bytes.length;
    let text: string;
    try {
      text = this.swapBytes ? this.decodeSwapped(bytes, final) : this.decoder!.decode(bytes, { stream: !final });
    } catch {
      const bad = firstInvalidUtf8(bytes);
      const at = offset + (bad < 0 ? 0 : bad);
      const line = this.linesSeen + countByte(bytes, 0x0a, bad < 0 ? bytes.length : bad);
      throw encodingError(`The catalog file is not valid UTF-8 text (first bad byte at byte ${at + 1}, line ${line}).`, {
        byteOffset: at,
        line,
      });
    }
    if (text.includes('\u0000')) {
      throw encodingError('The catalog file contains binary data, not text.', { byteOffset: offset });
    }
    this.linesSeen += countNewlinesInText(text);
    return text;
  }

  private start(bytes: Uint8Array): Uint8Array {
    const known = looksLikeKnownBinary(bytes);
    if (known) throw encodingError(`This file looks like ${known}, not a text catalog.`);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.useDecoder('utf-8');
      return bytes.subarray(3);
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.useDecoder('utf-16le');
      return bytes.subarray(2);
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.useDecoder('utf-16be');
      return bytes.subarray(2);
    }
    this.useDecoder(sniffUtf16(bytes) ?? 'utf-8');
    return bytes;
  }

  private useDecoder(encoding: CatalogEncoding): void {
    this.encoding = encoding;
    if (encoding === 'utf-16be') {
      // Not every runtime ships a UTF-16BE decoder; swapping byte pairs into LE always works.
      try {
        this.decoder = new TextDecoder('utf-16be', { fatal: true });
        return;
      } catch {
        this.swapBytes = true;
        this.decoder = new TextDecoder('utf-16le', { fatal: true });
        return;
      }
    }
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  private decodeSwapped(bytes: Uint8Array, final: boolean): string {
    const joined = this.carryByte === null ? bytes : concat(Uint8Array.of(this.carryByte), bytes);
    const even = joined.length & ~1;
    this.carryByte = even < joined.length ? joined[even] : null;
    const swapped = new Uint8Array(even);
    for (let i = 0; i < even; i += 2) {
      swapped[i] = joined[i + 1];
      swapped[i + 1] = joined[i];
    }
    if (final && this.carryByte !== null) throw new TypeError('odd number of bytes in UTF-16 text');
    return this.decoder!.decode(swapped, { stream: !final });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countByte(bytes: Uint8Array, value: number, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === value) count++;
  return count;
}

function countNewlinesInText(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
