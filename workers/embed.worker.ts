/// <reference lib="webworker" />
/**
 * Embed worker: the text encoder (transformers.js + onnxruntime-web) is loaded only here, never in
 * the main bundle. Picks the best installed encoder from /models/ that passes its integrity check
 * (falling back to the next one when a better model is damaged), reports model-loading progress,
 * embeds queries, and embeds the catalog in resumable background chunks.
 */
import * as Comlink from 'comlink';
import '../src/client/comlinkErrors';
import { createEmbedService } from '../src/client/embedService';
import type { ModelProgress } from '../src/client/types';
import { SouError } from '../src/core/types';
import { productEmbeddingText } from '../src/core/search/embeddingText';
import { quantizeVectors } from '../src/core/vector/quantize';
import type { ModelManifest } from '../src/embedding/integrity';
import { loadBestEncoder } from '../src/embedding/loadBest';
import { INSTANT_ENCODER_ID, MINILM_ID } from '../src/embedding/models';
import modelsManifest from '../models/manifest.json';
import { createTextEncoder } from '../src/embedding/textEncoder';

const MODELS_URL = '/models/';

/** A model is installed when its config.json is served (not the SPA's index.html fallback). */
async function isPresent(modelId: string): Promise<boolean> {
  const res = await fetch(`${MODELS_URL}${modelId}/config.json`, { method: 'GET', cache: 'no-cache' });
  return res.ok && !(res.headers.get('content-type') ?? '').includes('text/html');
}

/** Reads a model file from the app's own origin; 404 (or the SPA fallback page) means missing. */
async function readModelFile(modelId: string, path: string): Promise<Uint8Array | null> {
  const res = await fetch(`${MODELS_URL}${modelId}/${path}`);
  if (res.status === 404 || (res.headers.get('content-type') ?? '').includes('text/html')) return null;
  if (!res.ok) throw new SouError('MODEL_LOAD', `Could not read model file ${modelId}/${path} (HTTP ${res.status}). Reload the app.`);
  return new Uint8Array(await res.arrayBuffer());
}

const service = createEmbedService({
  async loadEncoder(onProgress) {
    const { encoder, info, skipped } = await loadBestEncoder({
      isPresent,
      readFile: readModelFile,
      manifest: modelsManifest as ModelManifest,
      load: (candidate) =>
        createTextEncoder({
          modelId: candidate.id,
          localModelPath: MODELS_URL,
          onProgress: (p) => {
            const file = 'file' in p ? String(p.file) : '';
            const loaded = 'loaded' in p ? Number(p.loaded) : 0;
            const total = 'total' in p ? Number(p.total) : 0;
            onProgress({ file, loaded, total, status: p.status as ModelProgress['status'] });
          },
        }),
    });
    const kind = info.id === MINILM_ID ? 'minilm' : info.id === INSTANT_ENCODER_ID ? 'instant' : 'other';
    const fallbackFrom = skipped[0] ? { id: skipped[0].id, message: skipped[0].message } : undefined;
    return { encoder, kind, fallbackFrom };
  },
  embeddingText: productEmbeddingText,
  quantize: (vectors) => quantizeVectors(vectors),
});

Comlink.expose(service);
