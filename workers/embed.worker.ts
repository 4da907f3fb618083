/// <reference lib="webworker" />
/**
 * Embed worker: the text encoder (transformers.js + onnxruntime-web) is loaded only here, never in
 * the main bundle. Picks the best installed encoder from /models/, reports model-loading progress,
 * embeds queries, and embeds the catalog in resumable background chunks.
 */
import * as Comlink from 'comlink';
import '../src/client/comlinkErrors';
import { createEmbedService } from '../src/client/embedService';
import type { ModelProgress } from '../src/client/types';
import { SouError } from '../src/core/types';
import { productEmbeddingText } from '../src/core/search/embeddingText';
import { quantizeVectors } from '../src/core/vector/quantize';
import { INSTANT_ENCODER_ID, MINILM_ID, pickBestEncoder } from '../src/embedding/models';
import { createTextEncoder } from '../src/embedding/textEncoder';

const MODELS_URL = '/models/';

/** A model is installed when its config.json is served (not the SPA's index.html fallback). */
async function isPresent(modelId: string): Promise<boolean> {
  const res = await fetch(`${MODELS_URL}${modelId}/config.json`, { method: 'GET', cache: 'no-cache' });
  return res.ok && !(res.headers.get('content-type') ?? '').includes('text/html');
}

const service = createEmbedService({
  async loadEncoder(onProgress) {
    const info = await pickBestEncoder(isPresent);
    if (!info) {
      throw new SouError('MODEL_MISSING', 'No text model is installed under /models/. Run `npm run assets` (instant encoder) or `npm run models` (MiniLM) and rebuild.');
    }
    const encoder = await createTextEncoder({
      modelId: info.id,
      localModelPath: MODELS_URL,
      onProgress: (p) => {
        const file = 'file' in p ? String(p.file) : '';
        const loaded = 'loaded' in p ? Number(p.loaded) : 0;
        const total = 'total' in p ? Number(p.total) : 0;
        onProgress({ file, loaded, total, status: p.status as ModelProgress['status'] });
      },
    });
    const kind = info.id === MINILM_ID ? 'minilm' : info.id === INSTANT_ENCODER_ID ? 'instant' : 'other';
    return { encoder, kind };
  },
  embeddingText: productEmbeddingText,
  quantize: (vectors) => quantizeVectors(vectors),
});

Comlink.expose(service);
