/**
 * A comlink-wrapped worker that notices crashes: an `error` event from the worker rejects the
 * calls in flight, the worker is restarted (once by default) on the next call, and after that
 * every call fails with SouError('WORKER_CRASHED'). Also supports idle shutdown.
 */
import * as Comlink from 'comlink';
import { SouError } from '../core/types';

export interface SupervisedWorkerOptions<T> {
  /** Human name for messages, e.g. "search". */
  name: string;
  create(): Worker;
  /** Runs on each fresh worker before any call (e.g. load the catalog or the model). */
  init?(api: Comlink.Remote<T>): Promise<void>;
  maxRestarts?: number;
  /** Terminate after this long without calls (0 = never); the next call starts a new worker. */
  idleMs?: number;
  /** Called once when the worker crashed and will not be restarted. */
  onFatal?(err: SouError): void;
  /** Called on every crash, before any restart. */
  onCrash?(message: string): void;
}

interface Instance<T> {
  worker: Worker;
  api: Comlink.Remote<T>;
  ready: Promise<void>;
  /** Rejects every call in flight when the worker crashes. */
  crashed: Promise<never>;
}

export class SupervisedWorker<T> {
  private instance: Instance<T> | null = null;
  private restarts = 0;
  private fatal: SouError | null = null;
  private inFlight = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: SupervisedWorkerOptions<T>) {}

  get dead(): boolean {
    return this.fatal !== null;
  }

  /** Calls the worker; rejects with WORKER_CRASHED if it dies during the call. */
  async call<R>(fn: (api: Comlink.Remote<T>) => Promise<R>): Promise<R> {
    if (this.fatal) throw this.fatal;
    const inst = this.ensure();
    this.inFlight++;
    this.clearIdle();
    try {
      await Promise.race([inst.ready, inst.crashed]);
      return await Promise.race([fn(inst.api), inst.crashed]);
    } finally {
      this.inFlight--;
      this.armIdle();
    }
  }

  terminate(): void {
    this.clearIdle();
    if (this.instance) {
      this.instance.api[Comlink.releaseProxy]();
      this.instance.worker.terminate();
      this.instance = null;
    }
  }

  private ensure(): Instance<T> {
    if (this.instance) return this.instance;
    const worker = this.opts.create();
    const api = Comlink.wrap<T>(worker);
    let rejectCrash!: (e: unknown) => void;
    const crashed = new Promise<never>((_, reject) => {
      rejectCrash = reject;
    });
    crashed.catch(() => undefined); // observed by racing calls; avoid unhandled-rejection noise
    const inst: Instance<T> = { worker, api, crashed, ready: Promise.resolve() };
    const onError = (ev: Event) => {
      if (this.instance !== inst) return;
      const reported = (ev as Event & { message?: unknown }).message;
      const message = typeof reported === 'string' && reported ? reported : `The ${this.opts.name} worker stopped.`;
      ev.preventDefault?.();
      this.instance = null;
      worker.terminate();
      this.opts.onCrash?.(message);
      const err = new SouError(
        'WORKER_CRASHED',
        this.restarts < (this.opts.maxRestarts ?? 1)
          ? `The ${this.opts.name} worker crashed (${message}); it is being restarted.`
          : `The ${this.opts.name} worker crashed again (${message}). Reload the page to try again.`,
        { worker: this.opts.name },
      );
      if (this.restarts < (this.opts.maxRestarts ?? 1)) {
        this.restarts++;
      } else {
        this.fatal = err;
        this.opts.onFatal?.(err);
      }
      rejectCrash(err);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    this.instance = inst;
    if (this.opts.init) inst.ready = this.opts.init(api);
    inst.ready.catch(() => undefined);
    return inst;
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private armIdle(): void {
    const ms = this.opts.idleMs ?? 0;
    if (!ms || this.inFlight > 0 || !this.instance) return;
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      if (this.inFlight === 0) this.terminate();
    }, ms);
  }
}

/** True if this browser can start `type: "module"` workers (Firefox < 114 could not). */
export function supportsModuleWorkers(): boolean {
  if (typeof Worker === 'undefined') return false;
  let supported = false;
  const probe = {
    get type(): 'module' {
      supported = true;
      return 'module';
    },
  } as WorkerOptions;
  // A blob: URL, because the CSP allows blob: workers; the empty script does nothing.
  const url = URL.createObjectURL(new Blob([''], { type: 'text/javascript' }));
  try {
    new Worker(url, probe).terminate();
  } catch {
    // A throw after reading `type` still means module workers are understood.
  } finally {
    URL.revokeObjectURL(url);
  }
  return supported;
}
