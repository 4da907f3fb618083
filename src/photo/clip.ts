/**
 * CLIP through @huggingface/transformers: the vision tower embeds catalog images and shopper
 * photos, the text tower embeds typed queries, both into one space. Same code in the photo worker
 * and in Node (tests, eval). Models load only from a local root (the app's /models/), never a CDN.
 */
import {
  AutoProcessor,
  AutoTokenizer,
  CLIPTextModelWithProjection,
  CLIPVisionModelWithProjection,
  RawImage,
  env,
  type PreTrainedTokenizer,
  type Processor,
} from '@huggingface/transformers';
import { SouError } from '../core/types';

export const CLIP_MODEL_ID = 'Xenova/clip-vit-base-patch32';

export interface ClipEncoderOptions {
  modelId?: string;
  /** Folder (Node) or URL prefix (browser) that holds `<modelId>/…`. */
  localModelPath: string;
  dtype?: 'q8' | 'fp32';
  wasmPaths?: string;
}

export interface ClipEncoder {
  id: string;
  dims: number;
  /** L2-normalised image embeddings; inputs are Blobs (browser) or file paths/URLs. */
  embedImages(images: Array<Blob | string | RawImage>): Promise<Float32Array[]>;
  /** L2-normalised text embeddings. */
  embedTexts(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

const IS_NODE = typeof process !== 'undefined' && Boolean(process.versions?.node) && typeof window === 'undefined' && typeof self === 'undefined';

function normalise(data: Float32Array, rows: number, dims: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    const v = data.slice(r * dims, (r + 1) * dims);
    let n = 0;
    for (const x of v) n += x * x;
    n = Math.sqrt(n);
    if (n > 0) for (let i = 0; i < dims; i++) v[i] /= n;
    out.push(v);
  }
  return out;
}

export async function createClipEncoder(opts: ClipEncoderOptions): Promise<ClipEncoder> {
  const modelId = opts.modelId ?? CLIP_MODEL_ID;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = opts.localModelPath;
  const onnxEnv = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
  if (!IS_NODE && onnxEnv.wasm) onnxEnv.wasm.wasmPaths = opts.wasmPaths ?? '/ort/';
  const device = IS_NODE ? 'cpu' : 'wasm';
  const dtype = opts.dtype ?? 'q8';
  let tokenizer: PreTrainedTokenizer;
  let processor: Processor;
  let text: Awaited<ReturnType<typeof CLIPTextModelWithProjection.from_pretrained>>;
  let vision: Awaited<ReturnType<typeof CLIPVisionModelWithProjection.from_pretrained>>;
  try {
    [tokenizer, processor, text, vision] = await Promise.all([
      AutoTokenizer.from_pretrained(modelId),
      AutoProcessor.from_pretrained(modelId),
      CLIPTextModelWithProjection.from_pretrained(modelId, { dtype, device }),
      CLIPVisionModelWithProjection.from_pretrained(modelId, { dtype, device }),
    ]);
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    if (/not found|could not locate|404|ENOENT|no such file/i.test(message)) {
      throw new SouError('MODEL_MISSING', `CLIP (${modelId}) is not installed. Run \`npm run models\` to download it; photo search uses the instant matcher meanwhile.`, { modelId, cause: message });
    }
    throw new SouError('MODEL_LOAD', `CLIP (${modelId}) could not be loaded (${message}). Run \`npm run models\` again; photo search uses the instant matcher meanwhile.`, { modelId, cause: message });
  }

  let dims = 0;
  return {
    id: modelId,
    get dims() {
      return dims;
    },
    async embedImages(images) {
      const raws = await Promise.all(
        images.map((im) => (im instanceof RawImage ? im : typeof im === 'string' ? RawImage.read(im) : RawImage.fromBlob(im))),
      );
      const inputs = await processor(raws);
      const { image_embeds } = await vision(inputs);
      dims = image_embeds.dims[1];
      return normalise(image_embeds.data as Float32Array, raws.length, dims);
    },
    async embedTexts(texts) {
      const inputs = tokenizer(texts, { padding: true, truncation: true });
      const { text_embeds } = await text(inputs);
      dims = text_embeds.dims[1];
      return normalise(text_embeds.data as Float32Array, texts.length, dims);
    },
    async dispose() {
      await Promise.all([text.dispose(), vision.dispose()]);
    },
  };
}
