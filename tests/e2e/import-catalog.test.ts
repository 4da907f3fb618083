/**
 * Catalog import from the Catalog panel: a broken file is refused with a clear message and the
 * catalog in use stays (also after a reload); a good file with a few problems is imported, its
 * issues listed with line numbers, markup in titles shown as plain text, missing images tolerated.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, DEMO_CATALOG, openApp, search, SEL, waitForResults, type AppSession } from '../helpers';
import { readCatalogRows } from '../helpers/catalogFile';

const DEMO_SIZE = readCatalogRows(DEMO_CATALOG).size;
const FILES_LABEL = 'Import catalog files (.jsonl, .json, .csv and images)';
const tmp = mkdtempSync(join(tmpdir(), 'sou-import-e2e-'));

function writeTemp(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

function jsonl(rows: unknown[]): string {
  return rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
}

/** Opens the Catalog panel (a <details>) if closed and chooses `paths` in its file input. */
async function importFiles(page: Page, paths: string[]): Promise<void> {
  const panel = page.locator('details.catalog-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  const input = page.getByLabel(FILES_LABEL);
  await expect.poll(() => input.isEnabled()).toBe(true);
  // Outcomes of earlier imports are marked, so importOutcome() waits for this import's own.
  await panel.locator(`${SEL.error}, .success`).evaluateAll((els) => els.forEach((el) => el.setAttribute('data-stale', '')));
  await input.setInputFiles(paths);
}

async function catalogCount(page: Page): Promise<number> {
  return Number(await page.locator(SEL.catalogStatus).getAttribute('data-count'));
}

/** Waits for the import to finish: either its error or its success line is shown. */
async function importOutcome(page: Page): Promise<{ error: string | null; code: string | null; success: string | null }> {
  const panel = page.locator('details.catalog-panel');
  const error = panel.locator(`${SEL.error}:not([data-stale])`);
  const success = panel.locator('.success:not([data-stale])');
  await error.or(success).first().waitFor({ timeout: 60_000 });
  if (await error.count()) return { error: await error.textContent(), code: await error.getAttribute('data-code'), success: null };
  return { error: null, code: null, success: await success.textContent() };
}

/** The demo catalog is still the one searched: its count and a known black jacket. */
async function expectDemoCatalogIntact(page: Page): Promise<void> {
  await expect.poll(() => catalogCount(page)).toBe(DEMO_SIZE);
  const hits = await search(page, 'black jacket', { min: 1 });
  expect(hits[0]!.id).toBe('WJK01-Black');
}

const BROKEN: Array<{ name: string; file: () => string; code: RegExp; message: RegExp }> = [
  {
    name: 'binary garbage named .jsonl',
    file: () => {
      // Deterministic bytes across the whole range, NULs and invalid UTF-8 included.
      const bytes = Buffer.alloc(4096);
      let x = 12345;
      for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      return writeTemp('garbage.jsonl', bytes);
    },
    code: /^CATALOG_ENCODING$/,
    message: /not valid UTF-8/,
  },
  {
    name: 'JSON Lines where every line is malformed',
    file: () => writeTemp('malformed.jsonl', jsonl(['{"id": "A1", "title": "Broken', 'not json at all', '{"id": 3,,}', '[1, 2'])),
    code: /^CATALOG_(INVALID|PARSE)$/,
    message: /could be imported|not valid/i,
  },
  {
    name: 'CSV without an id column',
    file: () => writeTemp('no-id.csv', 'title,category,price\nRain Jacket,Outerwear,59.99\nWool Hat,Accessories,19.00\n'),
    code: /^CATALOG_FORMAT$/,
    message: /Missing required column.*\bid\b/i,
  },
];

describe('importing catalogs from files', () => {
  let app: AppSession;

  beforeAll(async () => {
    // Import, reload and storage are what is tested; the instant encoder keeps startup light.
    app = await openApp({ modelRoots: [] });
    await app.page.waitForSelector(`${SEL.catalogStatus}[data-count="${DEMO_SIZE}"]`);
  });
  afterAll(async () => {
    await closeEverything();
    rmSync(tmp, { recursive: true, force: true });
  });

  for (const broken of BROKEN) {
    it(`refuses ${broken.name} with a clear message and keeps the current catalog`, async () => {
      const page = app.page;
      await importFiles(page, [broken.file()]);
      const outcome = await importOutcome(page);
      expect(outcome.success).toBeNull();
      expect(outcome.code).toMatch(broken.code);
      expect(outcome.error).toContain('Import failed — your current catalog is unchanged.');
      expect(outcome.error).toMatch(broken.message);
      await expect.poll(() => page.locator(SEL.error).first().isVisible()).toBe(true);
      await expectDemoCatalogIntact(page);
    });
  }

  it('still has the previous catalog after a reload', async () => {
    const page = app.page;
    await page.reload();
    await waitForResults(page);
    await expectDemoCatalogIntact(page);
  });

  it('imports a good file: issues with line numbers, markup shown as text, missing image tolerated', async () => {
    const page = app.page;
    const svg = writeTemp('coat.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#123"/></svg>');
    const catalog = writeTemp(
      'shop.jsonl',
      jsonl([
        { id: 'S1', title: 'Harbour Rain Jacket', category: 'Outerwear/Jackets', price: 89.5, color: 'Navy', image: 'coat.svg' },
        { id: 'S2', title: 'Tom &amp; Jerry <3 Jacket <b>sale</b><script>window.__souInjected = 1</script>', category: 'Outerwear/Jackets', price: 45, color: 'Black', image: 'images/not-there.jpg' },
        '{"id": "S3", "title": "Broken line", ',
        { id: 'S4', title: 'Wool Beanie <img src=x onerror="window.__souInjected = 2">', category: 'Accessories/Hats', price: 19, color: 'Gray' },
        { id: 'S5', category: 'Accessories/Hats', price: 12 },
        { id: 'S6', title: 'Trail Running Shoes', category: 'Footwear/Running', price: 120, color: 'Red' },
      ]),
    );
    await importFiles(page, [catalog, svg]);
    const outcome = await importOutcome(page);
    expect(outcome.error).toBeNull();
    expect(outcome.success).toBe('Imported 4 products (2 skipped, 1 images).');
    await expect.poll(() => catalogCount(page)).toBe(4);

    const issues = page.locator('details.catalog-panel .issues li');
    const texts = await issues.allTextContents();
    // Each issue names its file and line once, then says what is wrong.
    expect(texts.some((t) => /^shop\.jsonl line 3: this line is not valid JSON/.test(t)), texts.join('\n')).toBe(true);
    expect(texts).toContain('shop.jsonl line 5: title is missing');
    expect(texts.some((t) => /^shop\.jsonl line 2: .*script/.test(t)), texts.join('\n')).toBe(true);
    expect(texts.some((t) => /not-there\.jpg/.test(t)), texts.join('\n')).toBe(true);

    const hits = await search(page, 'jacket', { min: 2 });
    expect(hits.map((h) => h.id).sort()).toEqual(['S1', 'S2']);
    const card = page.locator(`${SEL.result}[data-id="S2"]`);
    // Markup in the file is text, never HTML: tags are gone, "<3" and "&" are shown as typed.
    expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe('Tom & Jerry <3 Jacket sale');
    expect(await card.locator('script, b, img[src="x"]').count()).toBe(0);
    // The missing picture leaves a placeholder; the one that was selected shows.
    expect(await card.textContent()).toContain('No image');
    const img = page.locator(`${SEL.result}[data-id="S1"]`).getByRole('img', { name: 'Harbour Rain Jacket' });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    const beanie = await search(page, 'beanie', { min: 1 });
    expect(beanie[0]!.title).toBe('Wool Beanie');
    expect(await page.evaluate(() => (window as unknown as { __souInjected?: number }).__souInjected)).toBeUndefined();
  });

  it('keeps the imported catalog when a later import is broken, and across a reload', async () => {
    const page = app.page;
    await importFiles(page, [BROKEN[2]!.file()]);
    const outcome = await importOutcome(page);
    expect(outcome.code).toBe('CATALOG_FORMAT');
    await expect.poll(() => catalogCount(page)).toBe(4);
    expect((await search(page, 'jacket', { min: 1 })).map((h) => h.id).sort()).toEqual(['S1', 'S2']);

    // The shop's own catalog is not replaced by the built-in one on the next visit.
    await page.reload();
    await waitForResults(page);
    await expect.poll(() => catalogCount(page)).toBe(4);
    expect((await search(page, 'shoes', { min: 1 }))[0]!.id).toBe('S6');
    expect(await page.locator('details.catalog-panel .catalog-summary').textContent()).toContain('imported from shop.jsonl');
  });
});
