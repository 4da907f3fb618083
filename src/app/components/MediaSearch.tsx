/**
 * Voice and photo search in the app shell: feeds the catalog to both, starts the photo index in
 * the background once the first results are on screen, shows its progress, and turns photo hits
 * into the normal result cards.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AppClient, BackgroundStatus, ResultItem, SearchResult } from '../../client/types';
import type { PhotoSearchResult } from '../../photo/types';
import { useClient } from '../state/clientContext';
import type { ClipIndexState, MediaSearch } from '../state/media';
import { PHOTO_STRINGS } from './photo/photoStrings';
import { ProgressBar } from './ProgressBar';

/** After the first results, wait this long (and for an idle moment) before indexing pictures. */
export const PHOTO_INDEX_DELAY_MS = 1500;

function whenIdle(fn: () => void, delayMs: number): () => void {
  let idleId: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idleId = requestIdleCallback(fn, { timeout: 5000 });
    else fn();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idleId !== null) cancelIdleCallback(idleId);
  };
}

/** Keeps voice and photo search fed with the current catalog; starts photo indexing when idle. */
export function useMediaCatalog(media: MediaSearch, status: BackgroundStatus, firstResultsShown: boolean): void {
  const client = useClient();
  const fingerprint = status.catalog.phase === 'ready' ? status.catalog.info.fingerprint : null;
  useEffect(() => media.catalogChanged(fingerprint), [media, fingerprint]);
  // Typed queries get CLIP's image evidence once CLIP is ready (media answers null until then).
  useEffect(() => {
    if (!client.setImageScorer) return;
    client.setImageScorer((query) => media.clipScores(query));
    return () => client.setImageScorer?.(null);
  }, [client, media]);
  useEffect(() => {
    // No workers (tests in jsdom, very old browsers): photo search is simply not prepared ahead.
    if (!firstResultsShown || !fingerprint || typeof Worker === 'undefined') return;
    return whenIdle(() => media.startPhotoIndexing(), PHOTO_INDEX_DELAY_MS);
  }, [media, fingerprint, firstResultsShown]);
}

const CLIP_STRINGS = {
  en: {
    loading: 'Preparing CLIP photo search: loading the model',
    indexing: 'Preparing CLIP photo search: reading catalog pictures',
    error: (msg: string) => `CLIP photo search unavailable: ${msg}`,
  },
  zh: {
    loading: '正在准备 CLIP 图像搜索：加载模型',
    indexing: '正在准备 CLIP 图像搜索：读取商品图片',
    error: (msg: string) => `CLIP 图像搜索不可用：${msg}`,
  },
};

/** CLIP's loading and background indexing; quiet when CLIP is not installed or done. */
function ClipIndexStatus(props: { state: ClipIndexState; lang: 'en' | 'zh' }) {
  const { state } = props;
  const strings = CLIP_STRINGS[props.lang];
  const attrs = {
    'data-testid': 'clip-index',
    'data-phase': state.phase,
    'data-indexed': state.phase === 'ready' ? state.indexed : state.phase === 'indexing' ? state.done : 0,
    'data-total': state.phase === 'ready' || state.phase === 'indexing' ? state.total : 0,
    'data-computed': state.phase === 'ready' ? state.computed : '',
  };
  if (state.phase === 'indexing') {
    return (
      <div className="photo-index" {...attrs}>
        <ProgressBar label={strings.indexing} value={state.done} max={state.total} detail={`${state.done} / ${state.total}`} />
      </div>
    );
  }
  if (state.phase === 'loading') {
    return (
      <div className="photo-index" {...attrs}>
        <ProgressBar label={strings.loading} value={0} max={0} />
      </div>
    );
  }
  if (state.phase === 'error') {
    // Photo and text search work without CLIP: a quiet notice that says what to run.
    return (
      <p className="notice" role="status" {...attrs} data-code={state.code}>
        {strings.error(state.message)}
      </p>
    );
  }
  return <span hidden {...attrs} />;
}

/** Progress of the background photo index and of CLIP (hidden when done). */
export function PhotoIndexStatus(props: { media: MediaSearch; lang: 'en' | 'zh' }) {
  const state = useSyncExternalStore(
    (cb) => props.media.subscribePhotoIndex(cb),
    () => props.media.photoIndex(),
    () => props.media.photoIndex(),
  );
  const clip = useSyncExternalStore(
    (cb) => props.media.subscribePhotoIndex(cb),
    () => props.media.clipIndex(),
    () => props.media.clipIndex(),
  );
  return (
    <>
      <PhotoIndexLine state={state} lang={props.lang} />
      <ClipIndexStatus state={clip} lang={props.lang} />
    </>
  );
}

function PhotoIndexLine(props: { state: ReturnType<MediaSearch['photoIndex']>; lang: 'en' | 'zh' }) {
  const { state } = props;
  const strings = PHOTO_STRINGS[props.lang];
  const attrs = {
    'data-testid': 'photo-index',
    'data-phase': state.phase,
    'data-indexed': state.phase === 'ready' ? state.indexed : state.phase === 'indexing' ? state.done : 0,
    'data-total': state.phase === 'ready' || state.phase === 'indexing' ? state.total : 0,
  };
  if (state.phase === 'indexing') {
    return (
      <div className="photo-index" {...attrs}>
        <ProgressBar label={strings.indexing} value={state.done} max={state.total} detail={`${state.done} / ${state.total}`} />
      </div>
    );
  }
  if (state.phase === 'error') {
    return (
      <p className="notice" role="status" {...attrs} data-code={state.code}>
        {strings.indexError(state.message)}
      </p>
    );
  }
  if (state.phase === 'ready' && state.cnn === 'error' && state.cnnMessage) {
    // Photo search still works (colour and shape); say why it may be less precise.
    return (
      <p className="notice" role="status" {...attrs} data-cnn={state.cnn}>
        {state.cnnMessage}
      </p>
    );
  }
  return <span hidden {...attrs} data-cnn={state.phase === 'ready' ? state.cnn : ''} />;
}

/** Photo results as a SearchResult the normal result list can show. */
export interface PhotoResults {
  photo: PhotoSearchResult;
  result: SearchResult;
}

export function toSearchResult(photo: PhotoSearchResult, items: ResultItem[]): SearchResult {
  return {
    items,
    total: items.length,
    facets: { category: [], color: [], brand: [], price: { min: 0, max: 0, buckets: [] } },
    understood: { language: 'en', terms: [], colors: [...photo.refinedColors], gender: null, productTypes: photo.summary.type ? [photo.summary.type] : [] },
    tookMs: photo.tookMs,
    semanticEncoder: null,
    // Photo results ranked with CLIP too: the same marker typed queries get.
    ...(photo.usedClip ? { imageFused: items.length } : {}),
  };
}

/** Photo results state: the hits of the latest photo search, looked up as products. */
export function usePhotoResults(client: AppClient): {
  results: PhotoResults | null;
  show(photo: PhotoSearchResult): void;
  clear(): void;
  /** Counts clears: the photo button's `resetKey`, so answers still in flight are dropped. */
  clears: number;
} {
  const [results, setResults] = useState<PhotoResults | null>(null);
  const [clears, setClears] = useState(0);
  const latest = useRef(0);
  const show = useCallback(
    (photo: PhotoSearchResult) => {
      const ticket = ++latest.current;
      client.productsByIds(photo.hits.map((h) => h.id)).then(
        (products) => {
          if (ticket !== latest.current) return;
          const byId = new Map(products.map((p) => [p.id, p]));
          const items: ResultItem[] = [];
          for (const h of photo.hits) {
            const product = byId.get(h.id);
            if (product) items.push({ product, hit: { id: h.id, score: h.score, lexicalScore: 0, semanticScore: 0, why: { matchedTerms: [], semantic: false, filters: [] } } });
          }
          setResults({ photo, result: toSearchResult(photo, items) });
        },
        (err: unknown) => console.warn('sou: photo results could not be shown', err),
      );
    },
    [client],
  );
  const clear = useCallback(() => {
    latest.current++;
    setResults(null);
    setClears((n) => n + 1);
  }, []);
  return { results, show, clear, clears };
}
