/**
 * The few search-core functions the app's backends call, in one place, so the workers and the
 * main-thread fallback share one adapter over src/core (which stays DOM-free).
 */
import { catalogFingerprint, parseCatalog, type CatalogInput } from '../core/catalog';
import { SearchEngine } from '../core/search/engine';
import type { Product } from '../core/types';
import type { ImportIssue } from './types';

export type Engine = SearchEngine;

export interface ParsedCatalog {
  products: Product[];
  issues: ImportIssue[];
  rejected: number;
}

export interface ParseOptions {
  fileName: string;
  /** URL of the catalog file (images resolve against it); null keeps image paths as written. */
  baseUrl: string | null;
  totalBytes?: number;
  onProgress?(done: number, total: number): void;
}

/** Parses and validates a catalog (bytes, text or stream; the core detects format and encoding). */
export async function parseCatalogInput(input: CatalogInput, opts: ParseOptions): Promise<ParsedCatalog> {
  const result = await parseCatalog(input, {
    fileName: opts.fileName,
    baseUrl: opts.baseUrl ?? undefined,
    totalBytes: opts.totalBytes,
    onProgress: (p) => opts.onProgress?.(p.bytesRead, p.totalBytes ?? 0),
  });
  return {
    products: result.products,
    issues: result.issues.map((i) => ({ severity: i.severity, message: i.message, line: i.line, file: opts.fileName })),
    rejected: result.stats.rows - result.stats.valid,
  };
}

/**
 * The app's engines defer the inverted index: the first results on screen are a browse (empty
 * query), which needs only filters and facets; the index is built right after (searchService).
 */
export function buildEngine(products: Product[]): Engine {
  return SearchEngine.build(products, { deferIndex: true });
}

export const fingerprintOf = catalogFingerprint;
