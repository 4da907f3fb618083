/// <reference lib="webworker" />
/**
 * Voice worker: resampling, voice-activity detection and both recognisers run here, never on the
 * main thread. The instant recogniser (soundswallower WASM + en-us model, served by the app under
 * /models/soundswallower/) loads first; Whisper (transformers.js) takes over once its model is
 * installed under /models/. Raw microphone blocks arrive on a MessagePort straight from the
 * capture AudioWorklet, so audio never passes through the main thread.
 */
import * as Comlink from 'comlink';
import createSphinxModule from 'soundswallower';
import '../src/client/comlinkErrors';
import { createInstantRecognizer, type SphinxModule } from '../src/core/voice/instantRecognizer';
import { createVoiceService, type CaptureUpdate } from '../src/voice/voiceService';
import { loadBrowserWhisper } from '../src/voice/whisper';

const SPHINX_MODEL_BASE = '/models/soundswallower/';

const service = createVoiceService({
  async loadInstant() {
    const module = (await (createSphinxModule as unknown as (o: Record<string, unknown>) => Promise<SphinxModule>)({
      modelBase: SPHINX_MODEL_BASE,
    }));
    return createInstantRecognizer(module);
  },
  loadWhisper: () => loadBrowserWhisper('/models/'),
});

// Whisper takes over as soon as it has loaded; until then (or when it is not installed:
// MODEL_MISSING is the normal case) the instant recogniser answers.
const whisperAttempt = service.enableWhisper().catch(() => false);

const api = {
  ...service,
  /** Loads the instant recogniser and waits for the Whisper attempt, so `engine` is settled. */
  async warmUp() {
    await service.warmUp();
    await whisperAttempt;
    return { engine: service.engine };
  },
  /** A Whisper still loading gets the final word (not installed: the attempt has long settled). */
  async finishUtterance() {
    await whisperAttempt;
    return service.finishUtterance();
  },
  async transcribeFile(...args: Parameters<typeof service.transcribeFile>) {
    await whisperAttempt;
    return service.transcribeFile(...args);
  },
  get engine() {
    return service.engine;
  },
  /**
   * Starts an utterance fed from `port` (blocks of Float32 samples at `captureRate`);
   * `onUpdate` gets the level, the partial transcript and the stop signal.
   */
  async listen(port: MessagePort, captureRate: number, language: 'en' | 'zh' | null, onUpdate: (u: CaptureUpdate) => void): Promise<void> {
    await service.startUtterance(captureRate, language);
    port.onmessage = (event: MessageEvent<Float32Array>) => {
      const update = service.pushAudio(event.data);
      onUpdate(update);
      if (update.shouldStop) port.onmessage = null;
    };
  },
};

export type VoiceWorkerApi = typeof api;
Comlink.expose(api);
