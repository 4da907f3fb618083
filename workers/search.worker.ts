/// <reference lib="webworker" />
/**
 * Search worker: the stored catalog and the SearchEngine live here, off the main thread.
 * Thin comlink adapter over src/client/searchService.ts (which the main-thread fallback reuses).
 */
import * as Comlink from 'comlink';
import '../src/client/comlinkErrors';
import { createSearchService } from '../src/client/searchService';

Comlink.expose(createSearchService());
