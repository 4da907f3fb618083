/**
 * Loads the photo CNN (sou/photo-cnn, built by scripts/build-photo-cnn.ts) from the app's own
 * /models/ and runs it on onnxruntime-web's WASM backend inside the photo worker.
 * The model file is checked against the sha256 its config.json records before use.
 */
// The WebGPU build's WASM runtime is ort-wasm-simd-threaded.asyncify.{mjs,wasm}: the same files
// transformers.js loads, which the service worker precaches (offline). The default build would
// fetch the 28 MB JSEP runtime, which the app does not ship.
import * as ort from 'onnxruntime-web/webgpu';
import { cnnInput, CNN_INPUT_SIDE, poolCnnOutputs } from '../core/image/cnn';
import type { Raster } from '../core/image/raster';
import { SouError } from '../core/types';
import type { CnnFeatures } from './photoService';

export const PHOTO_CNN_URL = '/models/sou/photo-cnn/';

interface PhotoCnnConfig {
  sha256: string;
  bytes?: number;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Resolves null when the model is not installed; throws MODEL_CHECKSUM / MODEL_LOAD on a bad one. */
export async function loadPhotoCnnWeb(baseUrl = PHOTO_CNN_URL, wasmPaths = '/ort/'): Promise<CnnFeatures | null> {
  const cfgRes = await fetch(`${baseUrl}config.json`, { cache: 'no-cache' }).catch(() => null);
  // The SPA fallback answers unknown paths with index.html: that also means "not installed".
  if (!cfgRes?.ok || (cfgRes.headers.get('content-type') ?? '').includes('text/html')) return null;
  let config: PhotoCnnConfig;
  try {
    config = (await cfgRes.json()) as PhotoCnnConfig;
  } catch {
    throw new SouError('MODEL_LOAD', 'The photo model’s config.json is unreadable. Run `npm run assets` and rebuild; photo search uses colour and shape meanwhile.');
  }
  const modelRes = await fetch(`${baseUrl}model.onnx`);
  if (!modelRes.ok) return null;
  const bytes = await modelRes.arrayBuffer();
  const actual = await sha256Hex(bytes);
  if (actual !== config.sha256) {
    throw new SouError(
      'MODEL_CHECKSUM',
      'The photo model file is damaged (checksum mismatch). Reload the page; if it persists, run `npm run assets` and rebuild. Photo search uses colour and shape meanwhile.',
      { expected: config.sha256, actual },
    );
  }
  ort.env.wasm.wasmPaths = wasmPaths;
  ort.env.wasm.numThreads = 1;
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ['wasm'] });
  } catch (err) {
    throw new SouError('MODEL_LOAD', `The photo model could not start (${(err as Error)?.message}). Photo search uses colour and shape.`);
  }
  return {
    async features(r: Raster) {
      const input = cnnInput(r);
      const out = await session.run({ pixel_values: new ort.Tensor('float32', input.tensor, [1, 3, CNN_INPUT_SIDE, CNN_INPUT_SIDE]) });
      const map = (name: 'block6' | 'block10' | 'block13') => ({ data: out[name].data as Float32Array, channels: out[name].dims[1] });
      return poolCnnOutputs({ block6: map('block6'), block10: map('block10'), block13: map('block13') });
    },
  };
}
