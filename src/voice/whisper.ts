/**
 * Whisper through transformers.js (`automatic-speech-recognition`), loaded only from local files:
 * the app's own /models/ folder in the voice worker (ONNX Runtime WASM from /ort/), a folder on
 * disk in Node (tests, eval). The model is the manifest's pinned multilingual Whisper
 * (`onnx-community/whisper-tiny`, q8 files). A missing model becomes SouError('MODEL_MISSING'),
 * a damaged one SouError('MODEL_LOAD'), so the caller keeps the instant recogniser.
 *
 * Language: the caller passes the UI language, or null to let Whisper decide between English and
 * Mandarin — transformers.js does not detect languages itself (it falls back to English), so we
 * run the decoder once on `<|startoftranscript|>` and compare the `<|en|>` and `<|zh|>` logits,
 * the way Whisper's own language identification works. Traditional/Simplified normalisation of
 * the transcript happens in voiceService (normalizeTranscript), for every engine alike.
 */
import { SouError } from '../core/types';
import type { WhisperRecognizer } from './voiceService';

export const WHISPER_MODEL_ID = 'onnx-community/whisper-tiny';

/** Longest transcript we let Whisper write: spoken queries are a few words; bounds a looping decode. */
const MAX_NEW_TOKENS = 96;

export type WhisperLanguage = 'en' | 'zh';

export interface WhisperLoadOptions {
  /** Folder (Node) or URL prefix (browser) holding `<modelId>/config.json`…, ending in '/'. */
  localModelPath: string;
  modelId?: string;
  /** q8 loads `onnx/*_quantized.onnx` (the app's choice), fp32 `onnx/*.onnx`. */
  dtype?: 'q8' | 'fp32';
  /** Where ONNX Runtime fetches its WASM (browser only). Default `/ort/`. */
  wasmPaths?: string;
}

export interface LoadedWhisper extends WhisperRecognizer {
  modelId: string;
  /** English or Mandarin, from Whisper's language-token logits for this audio (16 kHz mono). */
  detectLanguage(samples: Float32Array): Promise<WhisperLanguage>;
  dispose(): Promise<void>;
}

const IS_NODE =
  typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof window === 'undefined' &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';

const missing = (modelId: string, where: string, cause?: string) =>
  new SouError(
    'MODEL_MISSING',
    `The Whisper model is not installed (${where}); voice search uses the instant English recogniser. Run \`npm run models\` to download it.`,
    { modelId, cause },
  );

/** Is `<root><modelId>/config.json` there? fetch on the app's origin, the file system in Node. */
async function modelPresent(root: string, modelId: string): Promise<boolean> {
  const path = `${root}${modelId}/config.json`;
  if (IS_NODE) {
    // Hidden from bundlers: this branch only runs in Node.
    const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as typeof import('node:fs');
    return fs.existsSync(path);
  }
  const probe = await fetch(path, { cache: 'no-cache' }).catch(() => null);
  // A single-page-app fallback answers unknown paths with index.html: that is not a model.
  return !!probe && probe.ok && !(probe.headers.get('content-type') ?? '').includes('text/html');
}

type Transformers = typeof import('@huggingface/transformers');
type AsrPipeline = Awaited<ReturnType<Transformers['pipeline']>> & {
  processor(audio: Float32Array): Promise<{ input_features: unknown }>;
  model: {
    generation_config: { decoder_start_token_id?: number; lang_to_id?: Record<string, number> };
    (inputs: Record<string, unknown>): Promise<{ logits: { data: Float32Array; dims: number[] } }>;
  };
  dispose(): Promise<void>;
};

export async function loadWhisper(options: WhisperLoadOptions): Promise<LoadedWhisper> {
  const modelId = options.modelId ?? WHISPER_MODEL_ID;
  const root = options.localModelPath.replace(/\/?$/, '/');
  if (!(await modelPresent(root, modelId))) throw missing(modelId, `${root}${modelId} has no config.json`);

  let transformers: Transformers;
  let asr: AsrPipeline;
  try {
    transformers = await import('@huggingface/transformers');
    transformers.env.allowRemoteModels = false;
    transformers.env.allowLocalModels = true;
    transformers.env.localModelPath = root;
    const onnxEnv = transformers.env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
    if (!IS_NODE && onnxEnv.wasm) onnxEnv.wasm.wasmPaths = options.wasmPaths ?? '/ort/';
    asr = (await transformers.pipeline('automatic-speech-recognition', modelId, {
      dtype: options.dtype ?? 'q8',
      device: IS_NODE ? 'cpu' : 'wasm',
    })) as unknown as AsrPipeline;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/not found|could not locate|404|ENOENT|no such file/i.test(message)) throw missing(modelId, 'some of its files are absent', message);
    throw new SouError(
      'MODEL_LOAD',
      'The Whisper model failed to load (damaged or wrong files); voice search uses the instant English recogniser. Run `npm run models` to download it again.',
      { modelId, cause: message },
    );
  }

  const generation = asr.model.generation_config;
  const startToken = generation.decoder_start_token_id;
  const englishToken = generation.lang_to_id?.['<|en|>'];
  const chineseToken = generation.lang_to_id?.['<|zh|>'];

  const detectLanguage = async (samples: Float32Array): Promise<WhisperLanguage> => {
    if (startToken === undefined || englishToken === undefined || chineseToken === undefined) return 'en';
    const { input_features } = await asr.processor(samples);
    const decoderStart = new transformers.Tensor('int64', BigInt64Array.of(BigInt(startToken)), [1, 1]);
    const { logits } = await asr.model({ input_features, decoder_input_ids: decoderStart });
    // logits [1, 1, vocab]: the scores of every possible token after <|startoftranscript|>.
    const vocab = logits.dims.at(-1)!;
    const row = logits.data.subarray(logits.data.length - vocab);
    return row[chineseToken]! > row[englishToken]! ? 'zh' : 'en';
  };

  return {
    modelId,
    detectLanguage,
    async transcribe(samples, language) {
      const spoken = language ?? (await detectLanguage(samples));
      const output = (await (asr as unknown as (a: Float32Array, o: object) => Promise<{ text: string } | Array<{ text: string }>>)(samples, {
        task: 'transcribe',
        language: spoken === 'zh' ? 'chinese' : 'english',
        max_new_tokens: MAX_NEW_TOKENS,
      }));
      return (Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text).trim();
    },
    async dispose() {
      await asr.dispose();
    },
  };
}

/** The voice worker's loader: the model from the app's own /models/ folder. */
export async function loadBrowserWhisper(localModelPath: string, modelId = WHISPER_MODEL_ID): Promise<LoadedWhisper> {
  return loadWhisper({ localModelPath, modelId });
}
