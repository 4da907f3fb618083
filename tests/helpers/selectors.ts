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
   *   data-mode   'text' | 'photo' (the cards are the closest items to the shopper's photo)
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

  /** Voice search beside the search box (wraps the controls below and its own `error`). */
  voice: '[data-testid="voice-search"]',
  /** The microphone button (accessible name contains "Voice"); aria-pressed while listening. */
  voiceButton: '[data-testid="voice-button"]',
  /** "Heard by …" / "Listening…"; data-phase = idle|listening|working, data-engine = instant|whisper. */
  voiceStatus: '[data-testid="voice-status"]',
  /** Hidden <input type="file"> behind the "search with an audio file" button. */
  voiceFileInput: '[data-testid="voice-file-input"]',

  /** Photo search beside the search box; data-state = idle|working|results. */
  photo: '[data-testid="photo-search"]',
  /** The camera button (accessible name contains "Photo"). */
  photoButton: '[data-testid="photo-button"]',
  /** The camera / crop dialog and its controls. */
  photoDialog: '[data-testid="photo-dialog"]',
  /** Live camera preview; data-state = off|starting|live. */
  photoVideo: '[data-testid="photo-video"]',
  photoShutter: '[data-testid="photo-shutter"]',
  /** Hidden <input type="file"> behind "Choose photo". */
  photoFileInput: '[data-testid="photo-file"]',
  photoChoose: '[data-testid="photo-choose"]',
  photoSubmit: '[data-testid="photo-submit"]',
  photoClose: '[data-testid="photo-close"]',
  /** "Seen: black · hoodie-like" above photo results. */
  photoSeen: '[data-testid="photo-seen"]',
  /** Refine box ("this, but in red") and the clear button (back to text results). */
  photoRefine: '[data-testid="photo-refine"]',
  photoClear: '[data-testid="photo-clear"]',
  /** Background photo index; data-phase = off|indexing|ready|error, data-indexed, data-total. */
  photoIndex: '[data-testid="photo-index"]',
  /** "More like this" on the product page. */
  moreLikeThis: '[data-testid="more-like-this"]',
  /** Opens a result's product page. */
  resultOpen: '[data-testid="result-open"]',
} as const;
