/**
 * Main-thread worker plumbing: only the latest as-you-type query is answered, a crashed worker
 * is restarted once and then reported as WORKER_CRASHED, and an idle worker is shut down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { LatestOnlyQueue } from '../../src/client/latestOnly';
import { SupervisedWorker } from '../../src/client/supervisedWorker';
import { SouError } from '../../src/core/types';

describe('LatestOnlyQueue', () => {
  it('drops queries that were replaced while another one was running', async () => {
    const q = new LatestOnlyQueue();
    const ran: string[] = [];
    let release!: () => void;
    const first = q.run(async () => {
      ran.push('a');
      await new Promise<void>((r) => (release = r));
      return 'a';
    });
    const second = q.run(async () => (ran.push('ab'), 'ab'));
    const third = q.run(async () => (ran.push('abc'), 'abc'));
    await expect(second).rejects.toMatchObject({ code: 'ABORTED' });
    release();
    expect(await first).toBe('a');
    expect(await third).toBe('abc');
    expect(ran).toEqual(['a', 'abc']);
  });
});

/** A Worker stand-in: comlink over a MessageChannel, plus the `error` event a crash fires. */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  terminated = false;
  private readonly port: import('node:worker_threads').MessagePort;
  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
    this.port = port1;
    port1.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
    FakeWorker.created.push(this);
  }
  postMessage(msg: unknown, transfer?: Transferable[]) {
    this.port.postMessage(msg, transfer as never);
  }
  terminate() {
    this.terminated = true;
    this.port.close();
  }
  crash(message = 'boom') {
    const ev = new Event('error') as Event & { message: string };
    ev.message = message;
    this.dispatchEvent(ev);
  }
}

afterEach(() => {
  for (const w of FakeWorker.created) if (!w.terminated) w.terminate();
  FakeWorker.created = [];
});

interface Api {
  echo(x: string): Promise<string>;
  hang(): Promise<never>;
}

function makeApi(): Api {
  return {
    async echo(x) {
      return x;
    },
    hang: () => new Promise<never>(() => undefined),
  };
}

describe('SupervisedWorker', () => {
  it('restarts a crashed worker once, re-initialises it, then reports WORKER_CRASHED', async () => {
    const inits: number[] = [];
    const fatal: SouError[] = [];
    const w = new SupervisedWorker<Api>({
      name: 'search',
      create: () => new FakeWorker(makeApi()) as unknown as Worker,
      init: async () => void inits.push(FakeWorker.created.length),
      onFatal: (e) => fatal.push(e),
    });
    expect(await w.call((api) => api.echo('one'))).toBe('one');

    const pending = w.call((api) => api.hang());
    await new Promise((r) => setTimeout(r, 10));
    FakeWorker.created[0]!.crash();
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(FakeWorker.created[0]!.terminated).toBe(true);

    // The next call runs on a fresh, re-initialised worker.
    expect(await w.call((api) => api.echo('two'))).toBe('two');
    expect(FakeWorker.created).toHaveLength(2);
    expect(inits).toEqual([1, 2]);

    const again = w.call((api) => api.hang());
    await new Promise((r) => setTimeout(r, 10));
    FakeWorker.created[1]!.crash('out of memory');
    await expect(again).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.message).toMatch(/Reload the page/);
    await expect(w.call((api) => api.echo('three'))).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(FakeWorker.created).toHaveLength(2);
  });

  it('shuts an idle worker down and starts a new one on the next call', async () => {
    const w = new SupervisedWorker<Api>({
      name: 'embedding',
      create: () => new FakeWorker(makeApi()) as unknown as Worker,
      idleMs: 30,
    });
    expect(await w.call((api) => api.echo('x'))).toBe('x');
    await new Promise((r) => setTimeout(r, 80));
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    expect(await w.call((api) => api.echo('y'))).toBe('y');
    expect(FakeWorker.created).toHaveLength(2);
    w.terminate();
  });
});
