/** State hooks: all app state lives here; components only render what these return. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { SouError, type Filters } from '../../core/types';
import type {
  BackgroundStatus,
  ImportIssue,
  ImportProgress,
  ImportReport,
  SearchResult,
  StorageInfo,
} from '../../client/types';
import { useClient } from './clientContext';

export const SEARCH_DEBOUNCE_MS = 80;
export const PAGE_SIZE = 48;

export function useBackgroundStatus(): BackgroundStatus {
  const client = useClient();
  return useSyncExternalStore(
    (cb) => client.subscribe(cb),
    () => client.status(),
    () => client.status(),
  );
}

/** Something that changes when search results could change without the query changing. */
function searchEpoch(s: BackgroundStatus): string {
  const cat = s.catalog.phase === 'ready' ? s.catalog.info.fingerprint + s.catalog.info.importedAt : s.catalog.phase;
  const enc = s.encoder.state === 'ready' ? s.encoder.encoder.id : 'lexical';
  return `${cat}|${enc}`;
}

export interface SearchState {
  query: string;
  filters: Filters;
  result: SearchResult | null;
  /** The query (exactly as typed) whose results `result` holds. */
  resultQuery: string | null;
  searching: boolean;
  error: { code: string; message: string } | null;
  setQuery(q: string): void;
  setFilters(f: Filters): void;
  toggleFacet(kind: 'category' | 'color' | 'brand', value: string): void;
  setPriceRange(min: number | undefined, max: number | undefined): void;
  clearFilters(): void;
  showMore(): void;
}

export function useSearch(): SearchState {
  const client = useClient();
  const status = useBackgroundStatus();
  const [query, setQuery] = useState('');
  const [filters, setFiltersState] = useState<Filters>({});
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [resultQuery, setResultQuery] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const ready = status.catalog.phase === 'ready';
  const epoch = searchEpoch(status);
  // Erase, import or pause of personalization re-runs the search (learning alone does not:
  // results must not jump under the shopper's finger).
  const [personalEpoch, setPersonalEpoch] = useState(0);
  useEffect(
    () => client.personal?.subscribe((kind) => kind === 'reset' && setPersonalEpoch((n) => n + 1)),
    [client],
  );

  // The debounce is for typing; the first search (the catalog just became ready) runs at once.
  const searchedOnce = useRef(false);

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    setSearching(true);
    const timer = setTimeout(() => {
      searchedOnce.current = true;
      client
        .search({ query, filters, limit }, (r) => {
          if (!cancelled) {
            setResult(r);
            setResultQuery(query);
            setError(null);
          }
        })
        .then(
          () => {
            if (!cancelled) setSearching(false);
          },
          (err: unknown) => {
            if (cancelled || (err instanceof SouError && err.code === 'ABORTED')) return;
            setSearching(false);
            setError({
              code: err instanceof SouError ? err.code : 'UNKNOWN',
              message: err instanceof Error ? err.message : String(err),
            });
          },
        );
    }, searchedOnce.current ? SEARCH_DEBOUNCE_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, ready, epoch, personalEpoch, query, filters, limit]);

  const setFilters = useCallback((f: Filters) => {
    setFiltersState(f);
    setLimit(PAGE_SIZE);
  }, []);

  const toggleFacet = useCallback((kind: 'category' | 'color' | 'brand', value: string) => {
    setFiltersState((prev) => {
      const current = prev[kind] ?? [];
      const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
      const copy: Filters = { ...prev };
      if (next.length) copy[kind] = next;
      else delete copy[kind];
      return copy;
    });
    setLimit(PAGE_SIZE);
  }, []);

  const setPriceRange = useCallback((min: number | undefined, max: number | undefined) => {
    setFiltersState((prev) => {
      const copy: Filters = { ...prev };
      if (min === undefined) delete copy.priceMin;
      else copy.priceMin = min;
      if (max === undefined) delete copy.priceMax;
      else copy.priceMax = max;
      return copy;
    });
    setLimit(PAGE_SIZE);
  }, []);

  const onQuery = useCallback((q: string) => {
    setQuery(q);
    setLimit(PAGE_SIZE);
  }, []);

  return {
    query,
    filters,
    result,
    resultQuery,
    searching,
    error,
    setQuery: onQuery,
    setFilters,
    toggleFacet,
    setPriceRange,
    clearFilters: () => setFilters({}),
    showMore: () => setLimit((l) => l + PAGE_SIZE),
  };
}

/** A displayable URL for a product image; object URLs are created once and cached by the client. */
export function useImageUrl(src: string): string | null {
  const client = useClient();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setUrl(null);
    if (!src) return;
    client.imageUrl(src).then(
      (u) => live && setUrl(u),
      () => live && setUrl(null),
    );
    return () => {
      live = false;
    };
  }, [client, src]);
  return url;
}

export interface ImportState {
  busy: boolean;
  progress: ImportProgress | null;
  report: ImportReport | null;
  issues: ImportIssue[];
  error: { code: string; message: string } | null;
  restored: boolean;
  importFiles(files: File[]): Promise<void>;
  restoreBuiltin(): Promise<void>;
}

export function useCatalogImport(): ImportState {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [restored, setRestored] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    // Set again on (re)mount: StrictMode and non-production builds run mount → unmount → mount,
    // and a flag left false would leave every import "busy" forever.
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (task: () => Promise<ImportReport | null>, isRestore: boolean) => {
    setBusy(true);
    setError(null);
    setReport(null);
    setIssues([]);
    setRestored(false);
    setProgress(null);
    try {
      const r = await task();
      if (!mounted.current) return;
      setReport(r);
      setIssues(r?.issues ?? []);
      setRestored(isRestore);
    } catch (err) {
      if (!mounted.current) return;
      setError({ code: err instanceof SouError ? err.code : 'UNKNOWN', message: err instanceof Error ? err.message : String(err) });
      const details = err instanceof SouError ? err.details : undefined;
      const found = details?.issues;
      if (Array.isArray(found)) setIssues(found as ImportIssue[]);
    } finally {
      if (mounted.current) {
        setBusy(false);
        setProgress(null);
      }
    }
  }, []);

  return {
    busy,
    progress,
    report,
    issues,
    error,
    restored,
    importFiles: (files) => run(() => client.importFiles(files, setProgress), false),
    restoreBuiltin: () => run(() => client.restoreBuiltin(setProgress), true),
  };
}

export function useStorageInfo(refreshKey: unknown): { info: StorageInfo | null; refresh(): void } {
  const client = useClient();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    client.storageInfo().then(
      (i) => live && setInfo(i),
      () => live && setInfo({ usage: null, quota: null, persisted: null }),
    );
    return () => {
      live = false;
    };
  }, [client, refreshKey, tick]);
  return { info, refresh: () => setTick((t) => t + 1) };
}
