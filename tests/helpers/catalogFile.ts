/**
 * Reads a catalog JSONL file in the test process, so e2e tests can check what the UI shows
 * (a result's colour, category) against the catalog the server serves, not against hard-coded ids.
 */
import { readFileSync } from 'node:fs';

export interface CatalogRow {
  id: string;
  title: string;
  title_zh?: string;
  category: string;
  color?: string;
  brand?: string;
  price: number;
}

/** Products of a JSON Lines catalog by id (blank lines skipped). */
export function readCatalogRows(path: string): Map<string, CatalogRow> {
  const rows = new Map<string, CatalogRow>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as CatalogRow;
    rows.set(row.id, row);
  }
  return rows;
}

/** True when the row is a jacket: its category path or English title says so. */
export function isJacket(row: CatalogRow | undefined): boolean {
  return row !== undefined && (/jacket/i.test(row.category) || /jacket/i.test(row.title));
}
