/**
 * Camera access for photo search (main thread): the rear camera with a live preview, and a
 * shutter that grabs the current frame. Every failure becomes a SouError that says what to do;
 * the stream is always stopped by `stop()`, so the camera light goes off.
 */
import { SouError } from '../core/types';

export function cameraSupported(): boolean {
  return typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
}

export async function openRearCamera(): Promise<MediaStream> {
  if (!cameraSupported()) {
    throw new SouError('CAMERA_UNAVAILABLE', 'This browser cannot use a camera here. Choose or drop a photo instead.');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 960 } },
    });
  } catch (err) {
    const name = (err as { name?: string })?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      throw new SouError('CAMERA_DENIED', 'Camera access was blocked. Allow the camera in the browser’s site settings, or choose a photo instead.');
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
      throw new SouError('CAMERA_UNAVAILABLE', 'No camera was found. Choose or drop a photo instead.');
    }
    if (name === 'NotReadableError' || name === 'AbortError') {
      throw new SouError('CAMERA_UNAVAILABLE', 'The camera is busy in another app. Close it and try again, or choose a photo instead.');
    }
    throw new SouError('CAMERA_UNAVAILABLE', `The camera could not start (${(err as Error)?.message ?? name}). Choose a photo instead.`);
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}

/** Grabs the video element's current frame as a JPEG blob (kept in memory only). */
export async function captureFrame(video: HTMLVideoElement, maxSide = 1024): Promise<Blob> {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) throw new SouError('CAMERA_UNAVAILABLE', 'The camera has not shown a picture yet. Wait a moment and press the shutter again.');
  const s = Math.min(1, maxSide / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * s);
  canvas.height = Math.round(h * s);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new SouError('CAMERA_UNAVAILABLE', 'This browser cannot capture a camera frame. Choose a photo instead.');
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  if (!blob) throw new SouError('IMAGE_DECODE', 'The camera frame could not be captured. Try again.');
  return blob;
}
