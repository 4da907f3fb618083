/** Where the app's origin serves its built-in catalog (scripts/serve.ts, the Vite dev server). */
export const BUILTIN_CATALOG_URL = '/catalog/catalog.jsonl';
