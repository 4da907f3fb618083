/**
 * Text encoder over transformers.js `pipeline('feature-extraction')` with mean pooling and L2
 * normalisation. The same code runs in the embed worker (onnxruntime-web, WASM) and in Node
 * (onnxruntime-node, CPU) for eval and tests.
 *
 * Models load only from local roots: `/models/` on the app's own origin in the browser,
 * `<repo>/models/` in Node (plus any extra roots, e.g. test fixtures). Remote model hosts are
 * disabled, and ONNX Runtime's WASM files come from `/ort/` on the app's origin, never a CDN.
 */
import { env, pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import { SouError } from '../core/types';

export type EncoderDtype = 'q8' | 'fp32';

export interface TextEncoderOptions {
  modelId: string;
  /** q8 loads `onnx/model_quantized.onnx`, fp32 `onnx/model.onnx`. Default q8. */
  dtype?: EncoderDtype;
  /**
   * Root folder(s)/URL(s) holding `<modelId>/config.json`… . Default `/models/` in the browser,
   * `<repo>/models/` in Node. With several roots (Node), the first that has the model is used.
   */
  localModelPath?: string | string[];
  /** Where ONNX Runtime fetches its WASM (browser only). Default `/ort/`. */
  wasmPaths?: string;
  /** Texts per model call; bounds padding waste and memory. Default 32. */
  batchSize?: number;
  onProgress?: (info: ProgressInfo) => void;
}

export interface LoadedTextEncoder {
  id: string;
  dims: number;
  /** One unit-length vector per text (all zeros when no token of a text is known). */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

const IS_NODE =
  typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof window === 'undefined' &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';

/** `<repo>/models/` computed from this file's location (src/embedding/ -> ../../models/). */
export function defaultNodeModelRoot(): string {
  return decodeURIComponent(new URL('../../models/', import.meta.url).pathname);
}

async function nodeHasModel(root: string, modelId: string): Promise<boolean> {
  // Hidden from bundlers: this branch only runs in Node.
  const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as typeof import('node:fs');
  return fs.existsSync(`${root.replace(/\/?$/, '/')}${modelId}/config.json`);
}

async function chooseRoot(modelId: string, roots: string[]): Promise<string> {
  if (!IS_NODE || roots.length === 1) return roots[0];
  for (const root of roots) if (await nodeHasModel(root, modelId)) return root;
  return roots[0];
}

// transformers.js reads `env` while a pipeline loads; loads with different roots must not overlap.
let loadQueue: Promise<unknown> = Promise.resolve();

function describeLoadError(modelId: string, root: string, err: unknown): SouError {
  const message = err instanceof Error ? err.message : String(err);
  if (/not found|could not locate|404|ENOENT|no such file/i.test(message)) {
    return new SouError(
      'MODEL_MISSING',
      `Text model "${modelId}" is not installed under ${root}. ` +
        (modelId.startsWith('sou/') ? 'Run `npm run assets` to build it.' : 'Run `npm run models` to download it.'),
      { modelId, root, cause: message },
    );
  }
  return new SouError(
    'MODEL_LOAD',
    `Text model "${modelId}" could not be loaded (${message}). Its files may be damaged: run \`npm run models\` again.`,
    { modelId, root, cause: message },
  );
}

export async function createTextEncoder(options: TextEncoderOptions): Promise<LoadedTextEncoder> {
  const { modelId, dtype = 'q8', batchSize = 32 } = options;
  const roots = options.localModelPath
    ? ([] as string[]).concat(options.localModelPath)
    : [IS_NODE ? defaultNodeModelRoot() : '/models/'];
  const root = await chooseRoot(modelId, roots);

  const load = loadQueue.then(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = root;
    const onnxEnv = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
    if (!IS_NODE && onnxEnv.wasm) onnxEnv.wasm.wasmPaths = options.wasmPaths ?? '/ort/';
    try {
      return (await pipeline('feature-extraction', modelId, {
        dtype,
        device: IS_NODE ? 'cpu' : 'wasm',
        progress_callback: options.onProgress,
      })) as FeatureExtractionPipeline;
    } catch (err) {
      throw describeLoadError(modelId, root, err);
    }
  });
  loadQueue = load.catch(() => undefined);
  const extractor = await load;

  const config = extractor.model.config as unknown as { hidden_size?: number };
  const dims = Number(config.hidden_size);
  if (!Number.isInteger(dims) || dims <= 0) {
    throw new SouError('MODEL_LOAD', `Text model "${modelId}" has no hidden_size in config.json: reinstall it.`, { modelId });
  }

  let disposed = false;
  return {
    id: modelId,
    dims,
    async embed(texts: string[]): Promise<Float32Array[]> {
      if (disposed) throw new SouError('MODEL_LOAD', `Text model "${modelId}" was closed; create a new encoder.`);
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const tensor = await extractor(batch, { pooling: 'mean', normalize: true });
        const data = tensor.data as Float32Array;
        for (let i = 0; i < batch.length; i++) {
          const v = data.slice(i * dims, (i + 1) * dims);
          // A text with only unknown tokens pools to a zero vector; normalising that gives NaN.
          if (!Number.isFinite(v[0])) v.fill(0);
          out.push(v);
        }
        tensor.dispose?.();
      }
      return out;
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await extractor.dispose();
    },
  };
}
