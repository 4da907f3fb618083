/**
 * Voice and photo search for the app. Their workers (soundswallower, ONNX Runtime) are big, so
 * the clients are created on first use — the microphone press, the photo dialog, or the
 * background photo indexing that starts once the first results are on screen — and their code
 * stays out of the start-up bundle (dynamic imports). Both are fed the catalog the search worker
 * holds, and fed again whenever its fingerprint changes (an import, a new built-in catalog).
 */
import { SouError, type Product } from '../../core/types';
import type { PhotoClient } from '../../photo/photoClient';
import type { PhotoSearchOptions, PhotoSearchResult } from '../../photo/types';
import type { VoiceClient } from '../../voice/voiceClient';

/** The part of the photo client the UI uses. */
export type PhotoSearchApi = Pick<PhotoClient, 'searchPhoto' | 'refine' | 'forgetPhoto' | 'moreLikeThis'>;

export type PhotoIndexState =
  | { phase: 'off' }
  | { phase: 'indexing'; done: number; total: number }
  | { phase: 'ready'; indexed: number; total: number; cnn: string; cnnMessage?: string }
  | { phase: 'error'; code: string; message: string };

/**
 * CLIP in the photo worker (optional: only when the model is installed). `missing` is quiet;
 * `error` (e.g. a file failing its checksum) is shown with the model's message.
 */
export type ClipIndexState =
  | { phase: 'off' }
  | { phase: 'loading' }
  | { phase: 'indexing'; done: number; total: number }
  | { phase: 'ready'; indexed: number; total: number; computed: number }
  | { phase: 'missing' }
  | { phase: 'error'; code: string; message: string };

export interface CatalogSource {
  catalogProducts(): Promise<Product[]>;
}

export interface MediaSearch {
  voice: VoiceClient;
  photo: PhotoSearchApi;
  /** The catalog now searched changed (null: none loaded). */
  catalogChanged(fingerprint: string | null): void;
  /** Starts (or resumes) indexing the catalog pictures in the photo worker. */
  startPhotoIndexing(): void;
  photoIndex(): PhotoIndexState;
  /** CLIP loading / background indexing (starts after the instant photo index is ready). */
  clipIndex(): ClipIndexState;
  /** Notified when photoIndex() or clipIndex() changes. */
  subscribePhotoIndex(listener: () => void): () => void;
  /**
   * CLIP text-tower scores of a typed query against the catalog pictures (product id → score),
   * or null while CLIP is not ready — never starts the photo worker or waits for CLIP to load.
   */
  clipScores(query: string): Promise<Record<string, number> | null>;
  dispose(): void;
}

/** How long a photo search waits for background indexing before searching what is indexed. */
const PHOTO_INDEX_WAIT_MS = 8000;

function toSouError(err: unknown, fallback: string): SouError {
  if (err instanceof SouError) return err;
  const e = err as { code?: string; message?: string; name?: string } | null;
  if (e && e.name === 'SouError' && typeof e.code === 'string') return new SouError(e.code as SouError['code'], e.message ?? fallback);
  return new SouError('WORKER_CRASHED', fallback);
}

/** Runs tasks one after another (a failed task does not stop the next). */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export interface MediaFactories {
  createVoice(): Promise<VoiceClient>;
  createPhoto(onCrash: (message: string) => void): Promise<PhotoClient>;
}

const browserFactories: MediaFactories = {
  createVoice: () => import('../../voice/voiceClient').then((m) => m.createVoiceClient()),
  createPhoto: (onCrash) => import('../../photo/photoClient').then((m) => m.createPhotoClient({ onCrash })),
};

export function createMediaSearch(source: CatalogSource, factories: MediaFactories = browserFactories): MediaSearch {
  let fingerprint: string | null = null;
  const listeners = new Set<() => void>();
  let indexState: PhotoIndexState = { phase: 'off' };
  let clipState: ClipIndexState = { phase: 'off' };
  const notify = () => {
    for (const l of listeners) l();
  };
  const setIndex = (s: PhotoIndexState) => {
    indexState = s;
    notify();
  };
  const setClip = (s: ClipIndexState) => {
    clipState = s;
    notify();
  };

  // ---- voice ----
  let voiceReal: Promise<VoiceClient> | null = null;
  let voiceFed: string | null = null;
  const voiceQueue = serial();
  const syncVoice = (c: VoiceClient) =>
    voiceQueue(async () => {
      const fp = fingerprint;
      if (!fp || fp === voiceFed) return;
      await c.setCatalog(await source.catalogProducts());
      voiceFed = fp;
    });
  const voiceReady = async (): Promise<VoiceClient> => {
    voiceReal ??= factories.createVoice();
    const c = await voiceReal;
    await syncVoice(c);
    return c;
  };

  const voice: VoiceClient = {
    async warmUp() {
      return (await voiceReady()).warmUp();
    },
    async setCatalog(products) {
      await (await voiceReady()).setCatalog(products);
    },
    listen(language, callbacks) {
      let inner: ReturnType<VoiceClient['listen']> | null = null;
      let stopped = false;
      const result = voiceReady().then((c) => {
        inner = c.listen(language, callbacks);
        if (stopped) inner.stop();
        return inner.result;
      });
      return {
        stop() {
          stopped = true;
          inner?.stop();
        },
        result,
      };
    },
    async transcribeFile(file, language) {
      return (await voiceReady()).transcribeFile(file, language);
    },
    dispose() {
      void voiceReal?.then((c) => c.dispose());
    },
  };

  // ---- photo ----
  let photoReal: Promise<PhotoClient> | null = null;
  let photoFed: string | null = null;
  let indexWanted = false;
  let indexRun: Promise<void> | null = null;
  let clipRun: Promise<void> | null = null;
  const photoQueue = serial();
  const photoClient = () =>
    (photoReal ??= factories.createPhoto((message) => {
      console.warn('sou: photo worker crashed', message);
      // A restarted worker has the catalog (and the stored indexes) but not CLIP loaded: until
      // the pipeline below runs again, photo and typed queries simply go without CLIP.
      if (clipState.phase !== 'off') setClip({ phase: 'off' });
      clipWanted = true;
    }));
  let clipWanted = false;
  /** CLIP pipelines restarted after a worker crash that hit them mid-run (bounded: a crash CLIP
   * itself causes must not loop). */
  let clipRestarts = 0;
  const MAX_CLIP_RESTARTS = 2;
  const syncPhoto = (c: PhotoClient) =>
    photoQueue(async () => {
      const fp = fingerprint;
      if (!fp || fp === photoFed) return;
      const status = await c.setCatalog(await source.catalogProducts());
      photoFed = fp;
      if (indexState.phase !== 'error') setIndex({ phase: 'indexing', done: status.indexed, total: status.total });
    });
  const photoReady = async (): Promise<PhotoClient> => {
    const c = await photoClient();
    await syncPhoto(c);
    return c;
  };

  function startPhotoIndexing(): void {
    indexWanted = true;
    if (indexRun || !fingerprint) return;
    indexRun = (async () => {
      // Loops when the catalog changed while indexing: the new one is indexed next.
      for (;;) {
        const c = await photoReady();
        const fp = photoFed;
        const status = await c.startIndexing((p) => {
          if (p.kind === 'descriptors' && fingerprint === fp) setIndex({ phase: 'indexing', done: p.done, total: p.total });
        }, false);
        if (fingerprint === fp) {
          setIndex({ phase: 'ready', indexed: status.indexed, total: status.total, cnn: status.cnn, cnnMessage: status.cnnMessage });
          startClip();
          return;
        }
      }
    })()
      .catch((err: unknown) => {
        const e = toSouError(err, 'Indexing the catalog pictures stopped unexpectedly. Photo search may miss some items; reload to retry.');
        setIndex({ phase: 'error', code: e.code, message: e.message });
      })
      .finally(() => {
        indexRun = null;
      });
  }

  /**
   * After the instant photo index: load CLIP (when installed) and embed the catalog pictures in
   * the background. Resumable: rows stored by an earlier visit are read back, not recomputed.
   */
  function startClip(): void {
    clipWanted = false;
    if (clipRun || !fingerprint) return;
    clipRun = (async () => {
      for (;;) {
        const c = await photoReady();
        const fp = photoFed;
        if (clipState.phase !== 'ready') setClip({ phase: 'loading' });
        const status = await c.startIndexing((p) => {
          if (p.kind === 'clip' && fingerprint === fp) setClip({ phase: 'indexing', done: p.done, total: p.total });
        }, true);
        if (fingerprint !== fp) continue;
        if (status.clip === 'ready') setClip({ phase: 'ready', indexed: status.clipIndexed, total: status.total, computed: status.clipComputed ?? 0 });
        else if (status.clip === 'error') setClip({ phase: 'error', code: status.clipCode ?? 'MODEL_LOAD', message: status.clipMessage ?? 'CLIP could not be loaded. Run `npm run models` to reinstall it.' });
        else setClip({ phase: 'missing' });
        return;
      }
    })()
      .catch((err: unknown) => {
        // The worker died under the run (crash callback set clipWanted): the restarted worker
        // picks CLIP up again below, from the rows already stored, a couple of times at most.
        if (clipWanted && clipRestarts < MAX_CLIP_RESTARTS) return;
        const e = toSouError(err, 'Preparing CLIP for photo search stopped unexpectedly; reload to retry.');
        setClip({ phase: 'error', code: e.code, message: e.message });
      })
      .finally(() => {
        clipRun = null;
        if (clipWanted && clipRestarts < MAX_CLIP_RESTARTS && indexState.phase === 'ready') {
          clipRestarts++;
          startClip();
        }
      });
  }

  async function clipScores(query: string): Promise<Record<string, number> | null> {
    if (clipState.phase !== 'ready' || !photoReal || !query.trim()) return null;
    const c = await photoReal;
    const scores = await c.scoreTextWithClip(query);
    if (scores.length === 0) return null;
    const out: Record<string, number> = {};
    for (const s of scores) out[s.id] = s.score;
    return out;
  }

  /** Photo calls wait a little for the background index, so the first search is not empty. */
  async function photoForSearch(): Promise<PhotoClient> {
    startPhotoIndexing();
    const c = await photoReady();
    if (indexRun) await Promise.race([indexRun, new Promise((r) => setTimeout(r, PHOTO_INDEX_WAIT_MS))]);
    return c;
  }

  const photo: PhotoSearchApi = {
    async searchPhoto(blob: Blob, options?: PhotoSearchOptions): Promise<PhotoSearchResult> {
      const result = await (await photoForSearch()).searchPhoto(blob, options);
      // The worker was restarted after a crash: bring CLIP back in the background.
      if (clipWanted && indexState.phase === 'ready') startClip();
      return result;
    },
    async refine(text: string, limit?: number) {
      return (await photoReady()).refine(text, limit);
    },
    async forgetPhoto() {
      if (photoReal) await (await photoReal).forgetPhoto();
    },
    async moreLikeThis(id: string, limit?: number) {
      return (await photoForSearch()).moreLikeThis(id, limit);
    },
  };

  return {
    voice,
    photo,
    catalogChanged(fp) {
      if (fp === fingerprint) return;
      fingerprint = fp;
      if (!fp) return;
      if (voiceReal) void voiceReal.then(syncVoice).catch((err) => console.warn('sou: voice catalog not updated', err));
      if (photoReal) void photoReal.then(syncPhoto).catch((err) => console.warn('sou: photo catalog not updated', err));
      if (indexWanted) startPhotoIndexing();
    },
    startPhotoIndexing,
    photoIndex: () => indexState,
    clipIndex: () => clipState,
    clipScores,
    subscribePhotoIndex(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      voice.dispose();
      void photoReal?.then((c) => c.dispose());
      listeners.clear();
    },
  };
}
