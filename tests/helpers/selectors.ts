/**
 * The DOM contract between the UI (src/app) and the e2e tests. The app renders these
 * `data-testid`s; tests find elements only through this file, so a markup change is one edit.
 * See tests/e2e/README.md.
 */
export const SEL = {
  /** The search box (an <input type="search">). */
  searchInput: '[data-testid="search-input"]',
  /**
   * The results list. Attributes the app keeps up to date:
   *   data-query  the query whose results are shown (exactly as typed)
   *   data-state  'loading' | 'ready' | 'empty' | 'error'
   *   data-total  number of matching items
   */
  results: '[data-testid="results"]',
  /** One result card; `data-id` holds the product id. */
  result: '[data-testid="result"]',
  resultTitle: '[data-testid="result-title"]',
  /** The short "why this result" line inside a card. */
  resultWhy: '[data-testid="result-why"]',
  /** Facet groups: data-facet="category|color|brand|price"; options carry data-value. */
  facet: '[data-testid="facet"]',
  facetOption: '[data-testid="facet-option"]',
  /** Catalog status (item count, import progress); data-count = items in the catalog. */
  catalogStatus: '[data-testid="catalog-status"]',
  /** Semantic model status; data-state = 'off' | 'loading' | 'ready' | 'error'. */
  modelStatus: '[data-testid="model-status"]',
  /** A user-visible error message; data-code carries the SouError code. */
  error: '[data-testid="error"]',
} as const;
