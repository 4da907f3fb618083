/**
 * Whisper through transformers.js (`automatic-speech-recognition`), loaded only from the app's own
 * /models/ folder. The model id comes from models/manifest.json ("whisper" entry). Missing files
 * or a failed load become SouError('MODEL_MISSING' / 'MODEL_LOAD') so the instant recogniser
 * keeps working.
 */
import { SouError } from '../core/types';
import type { WhisperRecognizer } from './voiceService';

export const WHISPER_MODEL_ID = 'onnx-community/whisper-tiny';

export async function loadBrowserWhisper(localModelPath: string, modelId = WHISPER_MODEL_ID): Promise<WhisperRecognizer> {
  const probe = await fetch(`${localModelPath}${modelId}/config.json`, { cache: 'no-cache' }).catch(() => null);
  if (!probe || !probe.ok || (probe.headers.get('content-type') ?? '').includes('text/html')) {
    throw new SouError('MODEL_MISSING', 'The Whisper model is not installed; voice search uses the instant English recogniser.');
  }
  try {
    const transformers = await import('@huggingface/transformers');
    transformers.env.allowRemoteModels = false;
    transformers.env.localModelPath = localModelPath;
    const asr = await transformers.pipeline('automatic-speech-recognition', modelId, { dtype: 'q8' });
    return {
      async transcribe(samples, language) {
        const options: Record<string, unknown> = { task: 'transcribe' };
        if (language) options.language = language === 'zh' ? 'chinese' : 'english';
        const output = (await asr(samples, options)) as { text: string } | Array<{ text: string }>;
        return Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text;
      },
    };
  } catch (error) {
    throw new SouError('MODEL_LOAD', 'The Whisper model failed to load (damaged or wrong files); voice search uses the instant English recogniser.', {
      cause: String(error),
    });
  }
}
