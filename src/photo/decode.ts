/**
 * Photo decoding for the browser (main thread or worker): sniffs the format from the header,
 * refuses what browsers can't decode with a message that says what to do, and decodes straight
 * to a downscaled bitmap (createImageBitmap with resize) so huge camera photos stay cheap.
 */
import { readImageHeader, targetSize, type ImageHeader } from '../core/image/header';
import type { Raster } from '../core/image/raster';
import { SouError } from '../core/types';

/** Longest side photos are decoded at: plenty for the 128 px descriptor and the 224 px CNN. */
export const DECODE_MAX_SIDE = 768;
/** Files bigger than this are refused before decoding (no phone photo is this big). */
export const MAX_PHOTO_BYTES = 60 * 1024 * 1024;

export async function sniffPhoto(blob: Blob): Promise<ImageHeader> {
  if (blob.size === 0) throw new SouError('IMAGE_DECODE', 'That file is empty. Choose a photo (JPEG, PNG or WebP).');
  if (blob.size > MAX_PHOTO_BYTES) {
    throw new SouError('IMAGE_UNSUPPORTED', 'That file is too large for a photo (over 60 MB). Choose a smaller picture.', { bytes: blob.size });
  }
  const head = new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
  const header = readImageHeader(head);
  if (header.format === 'heic') {
    throw new SouError(
      'IMAGE_UNSUPPORTED',
      'HEIC photos (iPhone default) cannot be read in this browser. Take the photo with the camera button, or share it as JPEG (Settings › Camera › Formats › Most Compatible).',
      { format: 'heic' },
    );
  }
  if (header.format === 'unknown') {
    throw new SouError('IMAGE_DECODE', 'That file is not a picture this app can read. Choose a JPEG, PNG or WebP photo.', {
      type: blob.type,
    });
  }
  return header;
}

/** Decodes a photo file to RGBA pixels, longest side ≤ maxSide, EXIF orientation applied. */
export async function decodePhoto(blob: Blob, maxSide = DECODE_MAX_SIDE): Promise<Raster> {
  const header = await sniffPhoto(blob);
  const size = targetSize(header, maxSide);
  let bitmap: ImageBitmap;
  try {
    // Give only the long side: the decoder keeps the aspect ratio, whichever way EXIF rotates it.
    const resize: ImageBitmapOptions =
      size && header.width && header.height
        ? header.width >= header.height
          ? { resizeWidth: size.width, resizeQuality: 'high' }
          : { resizeHeight: size.height, resizeQuality: 'high' }
        : {};
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', ...resize });
  } catch (err) {
    throw new SouError('IMAGE_DECODE', 'This picture could not be opened — the file may be damaged. Try another photo.', {
      format: header.format,
      cause: (err as Error)?.message,
    });
  }
  try {
    return bitmapToRaster(bitmap, maxSide);
  } finally {
    bitmap.close();
  }
}

/** Draws a bitmap (or video frame) into an OffscreenCanvas at ≤ maxSide and reads the pixels. */
export function bitmapToRaster(source: ImageBitmap, maxSide = DECODE_MAX_SIDE): Raster {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new SouError('IMAGE_DECODE', 'This browser cannot read picture pixels here. Try another browser.');
  // White under transparent pixels, like the catalog images' backdrop.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  const img = ctx.getImageData(0, 0, width, height);
  return { width, height, channels: 4, data: img.data };
}
