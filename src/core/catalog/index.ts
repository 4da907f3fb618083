/**
 * Catalog import for the search core: parse, validate, sanitise, fingerprint, serialise.
 * (The demo catalog writer, ./demo/build.ts, is Node-only and deliberately not exported here.)
 */
export { parseCatalog, detectCatalogFormat, DEFAULT_MAX_CATALOG_BYTES } from './parse.js';
export type { CatalogFormat, CatalogInput, CatalogParseResult, CatalogProgress, CatalogStats, ParseCatalogOptions } from './parse.js';
export type { CatalogIssue, CatalogIssueCode, CatalogIssueSeverity } from './issues.js';
export { catalogFingerprint, canonicalJson, stableHash } from './fingerprint.js';
export { serializeCatalogJsonl, productToRecord } from './serialize.js';
export { stripHtml, cleanText } from './sanitize.js';
export { resolveImageUrl } from './image.js';
export { parsePrice } from './validate.js';
export { generateDemoCatalog, DEMO_CATALOG_SEED } from './demo/generate.js';
