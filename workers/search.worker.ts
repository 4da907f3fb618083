/// <reference lib="webworker" />
/**
 * Search worker: the stored catalog and the SearchEngine live here, off the main thread.
 * Thin comlink adapter over src/client/searchService.ts (which the main-thread fallback reuses).
 */
import * as Comlink from 'comlink';
import '../src/client/comlinkErrors';
import { BUILTIN_CATALOG_URL } from '../src/client/catalogUrl';
import { createSearchService } from '../src/client/searchService';
import { defaultLexiconIndex } from '../src/core/text/lexiconIndex';

const service = createSearchService();
Comlink.expose(service);
// Start-up work begins as soon as the worker loads, not when the (busy) page gets round to asking:
// the page's first openStored() shares this one (a failure reaches that call, so it is ignored
// here), and on a first visit the served catalog is downloaded and indexed meanwhile, for the
// page's syncBuiltin() to use.
service.openStored().then(
  (stored) => stored || service.prepareBuiltin(BUILTIN_CATALOG_URL),
  () => service.prepareBuiltin(BUILTIN_CATALOG_URL),
);
// While IndexedDB opens and reads (the worker waits), build the shopping lexicon and create the
// Chinese word segmenter (~60 ms in Chromium): the index build needs both. A macrotask, so that
// the IndexedDB requests above are issued first. Only warms caches; no result depends on it.
setTimeout(() => defaultLexiconIndex().tokenize('黑色连帽卫衣 black hoodie'), 0);
