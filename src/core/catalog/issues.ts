/**
 * Problems found in a catalog file, one per row (or per field), worded for the shop owner who
 * made the file: "line 12: price is missing". `error` rows are left out of the import;
 * `warning` rows are imported with the noted change (a foreign image dropped, a long text cut).
 */
export type CatalogIssueCode =
  | 'MALFORMED_JSON'
  | 'NOT_AN_OBJECT'
  | 'CSV_UNCLOSED_QUOTE'
  | 'CSV_EXTRA_CELLS'
  | 'MISSING_ID'
  | 'MISSING_TITLE'
  | 'MISSING_CATEGORY'
  | 'MISSING_PRICE'
  | 'INVALID_PRICE'
  | 'DUPLICATE_ID'
  | 'INVALID_FIELD'
  | 'IMAGE_REJECTED'
  | 'TEXT_TRUNCATED'
  | 'HTML_REMOVED';

export type CatalogIssueSeverity = 'error' | 'warning';

export interface CatalogIssue {
  /** 1-based line of the file where the row starts (the item number for a JSON array). */
  line: number;
  id?: string;
  code: CatalogIssueCode;
  severity: CatalogIssueSeverity;
  /** Plain-language message including the line, e.g. "line 12: price is missing". */
  message: string;
}

export interface CatalogIssueSink {
  add(issue: CatalogIssue): void;
}
