/**
 * Main-thread side of voice search: microphone permission and capture (AudioWorklet), the
 * supervised voice worker, file input, and turning every failure into a SouError whose message
 * tells the shopper what to do. The main thread only wires ports; resampling, VAD and decoding
 * happen in the worker.
 */
import * as Comlink from 'comlink';
import '../client/comlinkErrors';
import { SupervisedWorker } from '../client/supervisedWorker';
import { SouError, type Product } from '../core/types';
import type { VoiceWorkerApi } from '../../workers/voice.worker';
import type { CaptureUpdate, VoiceEngine, VoiceResult } from './voiceService';
import captureWorkletUrl from './capture.worklet.ts?worker&url';

export interface ListenCallbacks {
  onLevel(levelDb: number): void;
  onPartial(text: string): void;
}

export interface VoiceClient {
  warmUp(): Promise<VoiceEngine>;
  setCatalog(products: readonly Product[]): Promise<void>;
  /** Records until end of speech, `stop()`, or 15 s, then returns the final transcript. */
  listen(language: 'en' | 'zh' | null, callbacks: ListenCallbacks): { stop(): void; result: Promise<VoiceResult> };
  transcribeFile(file: File, language: 'en' | 'zh' | null): Promise<VoiceResult>;
  dispose(): void;
}

function micError(error: unknown): SouError {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new SouError('MIC_DENIED', 'Microphone access is blocked. Allow the microphone in the browser’s site settings, or type your search.');
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
    return new SouError('MIC_UNAVAILABLE', 'No working microphone was found. Connect one, or drop an audio file here, or type your search.');
  }
  return new SouError('MIC_UNAVAILABLE', 'The microphone could not be started. Try again, or type your search.', { cause: String(error) });
}

const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'];

export function createVoiceClient(): VoiceClient {
  let catalog: readonly Product[] = [];
  const worker = new SupervisedWorker<VoiceWorkerApi>({
    name: 'voice',
    create: () => new Worker(new URL('../../workers/voice.worker.ts', import.meta.url), { type: 'module', name: 'voice' }),
    // A restarted worker gets the catalog again, so its grammar matches the shop.
    init: async (api) => {
      if (catalog.length) await api.setCatalog(catalog as Product[]);
    },
    idleMs: 0,
  });

  return {
    async warmUp() {
      await worker.call((api) => api.warmUp());
      return worker.call((api) => api.engine as Promise<VoiceEngine>);
    },
    async setCatalog(products) {
      catalog = products;
      await worker.call((api) => api.setCatalog(products as Product[]));
    },
    listen(language, callbacks) {
      let stopRequested = false;
      // Resolves the wait for the end of the utterance; replaced once capture is running.
      const signal = { finish: (): void => undefined };
      const result = (async (): Promise<VoiceResult> => {
        if (!navigator.mediaDevices?.getUserMedia) throw new SouError('MIC_UNAVAILABLE', 'This browser cannot record audio. Drop an audio file here or type your search.');
        let stream: MediaStream;
        try {
          stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
        } catch (error) {
          throw micError(error);
        }
        const context = new AudioContext();
        try {
          await context.audioWorklet.addModule(captureWorkletUrl);
          const source = context.createMediaStreamSource(stream);
          const node = new AudioWorkletNode(context, 'sou-voice-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
          const channel = new MessageChannel();
          const stopped = new Promise<void>((resolve) => {
            signal.finish = resolve;
          });
          const onUpdate = (update: CaptureUpdate) => {
            callbacks.onLevel(update.levelDb);
            if (update.partial) callbacks.onPartial(update.partial);
            if (update.shouldStop) signal.finish();
          };
          // Audio flows from now on: the worklet posts into the channel at once and the blocks
          // wait in it until the worker (maybe still busy loading the recogniser) takes its end.
          // Connecting only after the worker answered would lose the shopper's first words.
          node.port.postMessage({ port: channel.port1 }, [channel.port1]);
          source.connect(node);
          await worker.call((api) => api.listen(Comlink.transfer(channel.port2, [channel.port2]), context.sampleRate, language, Comlink.proxy(onUpdate)));
          if (stopRequested) signal.finish();
          // Safety net: the worker also stops at 15 s; this catches a stalled audio thread.
          const cap = setTimeout(() => signal.finish(), 15_500);
          await stopped;
          clearTimeout(cap);
          node.port.postMessage({ stop: true });
          source.disconnect();
          callbacks.onLevel(-100);
          return await worker.call((api) => api.finishUtterance());
        } finally {
          for (const track of stream.getTracks()) track.stop();
          void context.close();
        }
      })();
      return {
        stop() {
          stopRequested = true;
          signal.finish();
        },
        result,
      };
    },
    async transcribeFile(file, language) {
      if (file.size > 50 * 1024 * 1024) {
        throw new SouError('AUDIO_TOO_LONG', 'This file is too large for a spoken query. Choose a short recording (under a minute).');
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isWav = WAV_TYPES.includes(file.type) || /\.wav$/i.test(file.name);
      if (isWav) return worker.call((api) => api.transcribeFile(Comlink.transfer({ wav: bytes }, [bytes.buffer]), language));
      if (file.type && !file.type.startsWith('audio/') && !file.type.startsWith('video/')) {
        throw new SouError('AUDIO_UNSUPPORTED', `“${file.name}” is not an audio file. Choose a WAV, MP3, OGG or WebM recording.`);
      }
      // Compressed formats: only the browser's decoder can read them (not available in workers).
      let decoded: AudioBuffer;
      try {
        const context = new OfflineAudioContext(1, 1, 16_000);
        decoded = await context.decodeAudioData(bytes.buffer.slice(0));
      } catch {
        throw new SouError('AUDIO_DECODE', `“${file.name}” could not be decoded: it is damaged or in a format this browser cannot play. Try a WAV or MP3 file.`);
      }
      const samples = decoded.getChannelData(0).slice();
      return worker.call((api) => api.transcribeFile(Comlink.transfer({ samples, sampleRate: decoded.sampleRate }, [samples.buffer]), language));
    },
    dispose() {
      worker.terminate();
    },
  };
}
