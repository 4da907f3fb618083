/**
 * Page of the browser benchmark: scripts/bench/browser.ts drives it through `window.souBench`.
 * Latency and IndexedDB start-up are timed in a Web Worker (bench.worker.ts), where the app's
 * search runs; the JS heap is read from a page-side run, because workers do not expose it.
 */
import * as Comlink from 'comlink';
import { latency as pageLatency } from './bench-core';
import type { benchApi } from './bench.worker';

const worker = Comlink.wrap<typeof benchApi>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));

(globalThis as { souBench?: unknown }).souBench = {
  async latency(n: number, runs: number) {
    const timed = await worker.latency(n, runs);
    // A few runs on the page only to read the heap a built engine of this size holds.
    const heap = await pageLatency(n, 5);
    return { ...timed, heapBytes: heap.heapBytes };
  },
  store: (n: number) => worker.store(n),
  load: () => worker.load(),
  ready: true,
};
document.getElementById('status')!.textContent = 'ready';
