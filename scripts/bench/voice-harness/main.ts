/**
 * Voice benchmark page (built with the app's Vite config by scripts/bench/voice.ts): starts the
 * app's real voice worker (workers/voice.worker.ts) and feeds it recorded utterances the way the
 * capture AudioWorklet does — 2048-sample blocks at 48 kHz on a MessagePort, in real time — then
 * asks for the final transcript when the worker says the shopper stopped, exactly like
 * src/voice/voiceClient.ts. Timings are taken here, on the page's clock.
 */
import * as Comlink from 'comlink';
import type { Product } from '../../../src/core/types';
import type { CaptureUpdate, VoiceEngine } from '../../../src/voice/voiceService';
import type { VoiceWorkerApi } from '../../../workers/voice.worker';

const CAPTURE_RATE = 48_000;
const BLOCK = 2048;

interface StartupTiming {
  /** new Worker() → the worker answers a first call (script downloaded, parsed, run). */
  scriptMs: number;
  /** new Worker() → instant recogniser loaded with the catalog's vocabulary (warmUp resolved). */
  readyMs: number;
  engine: VoiceEngine;
}

/** What one utterance measured (read by scripts/bench/voice.ts). */
export interface UtteranceTiming {
  text: string;
  engine: VoiceEngine;
  reason: string;
  /** Wall-clock end of the last speech sample → final transcript. */
  speechEndToTranscriptMs: number;
  /** The worker's stop signal (voice-activity detection heard the end) → final transcript. */
  stopToTranscriptMs: number;
  /** End of speech → stop signal: the silence voice-activity detection waits for. */
  endpointingMs: number;
  /**
   * End of speech → the final words first reached the page as the live transcript (the search box
   * shows partials and searches on them), or the final transcript if that came first.
   */
  speechEndToShownMs: number;
  /** Each new partial transcript, timed from the end of speech (negative: while still talking). */
  partials: Array<{ afterSpeechEndMs: number; text: string }>;
}

let worker: Worker | null = null;
let api: Comlink.Remote<VoiceWorkerApi> | null = null;

async function startWorker(products: Product[]): Promise<StartupTiming> {
  worker?.terminate();
  const t0 = performance.now();
  worker = new Worker(new URL('../../../workers/voice.worker.ts', import.meta.url), { type: 'module', name: 'voice' });
  api = Comlink.wrap<VoiceWorkerApi>(worker);
  await api.engine;
  const scriptMs = performance.now() - t0;
  await api.setCatalog(products);
  await api.warmUp();
  const readyMs = performance.now() - t0;
  return { scriptMs, readyMs, engine: (await api.engine) as VoiceEngine };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Feeds `samples` (48 kHz) in real time; `speechEnd` is the index just after the last speech sample. */
async function utterance(url: string, speechEnd: number, language: 'en' | 'zh' | null): Promise<UtteranceTiming> {
  if (!api) throw new Error('startWorker first');
  const samples = new Float32Array(await (await fetch(url)).arrayBuffer());
  const channel = new MessageChannel();
  let stopAt = -1;
  let reason = 'fed-out';
  let stopped!: () => void;
  const stoppedSignal = new Promise<void>((resolve) => (stopped = resolve));
  const partials: Array<{ at: number; text: string }> = [];
  const onUpdate = (update: CaptureUpdate) => {
    if (update.partial !== (partials[partials.length - 1]?.text ?? '')) partials.push({ at: performance.now(), text: update.partial });
    if (update.shouldStop && stopAt < 0) {
      stopAt = performance.now();
      reason = update.reason ?? 'stop';
      stopped();
    }
  };
  await api.listen(Comlink.transfer(channel.port2, [channel.port2]), CAPTURE_RATE, language, Comlink.proxy(onUpdate));
  const start = performance.now();
  const speechEndAt = start + (speechEnd / CAPTURE_RATE) * 1000;
  let finished = false;
  void stoppedSignal.then(() => (finished = true));
  for (let offset = 0; offset < samples.length && !finished; offset += BLOCK) {
    // A block leaves the audio thread once its last sample has been captured.
    const due = start + ((offset + BLOCK) / CAPTURE_RATE) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const block = samples.slice(offset, offset + BLOCK);
    channel.port1.postMessage(block, [block.buffer]);
  }
  if (!finished) {
    await Promise.race([stoppedSignal, sleep(1000)]);
    if (stopAt < 0) stopAt = performance.now();
  }
  channel.port1.close();
  const result = await api.finishUtterance();
  const end = performance.now();
  const lastPartial = partials[partials.length - 1];
  const shownAt = lastPartial && lastPartial.text === result.text ? Math.min(lastPartial.at, end) : end;
  return {
    speechEndToShownMs: shownAt - speechEndAt,
    partials: partials.map((p) => ({ afterSpeechEndMs: p.at - speechEndAt, text: p.text })),
    text: result.text,
    engine: result.engine,
    reason,
    speechEndToTranscriptMs: end - speechEndAt,
    stopToTranscriptMs: end - stopAt,
    endpointingMs: stopAt - speechEndAt,
  };
}

(globalThis as unknown as { souVoiceBench: unknown }).souVoiceBench = { ready: true, startWorker, utterance };
