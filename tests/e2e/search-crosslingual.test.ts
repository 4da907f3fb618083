/**
 * Chinese queries find English products, and English queries work in the Chinese UI: on the demo
 * catalog (bilingual titles) and on the real Luma catalog (English only, from ../shared).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeEverything,
  DEMO_CATALOG,
  hasSharedLuma,
  LUMA_CATALOG,
  openApp,
  search,
  SEL,
  SHARED_ABSENT_REASON,
  type AppSession,
} from '../helpers';
import { isJacket, readCatalogRows, type CatalogRow } from '../helpers/catalogFile';

/** How many of the first `n` results are black jackets, by the served catalog's own data. */
function blackJacketsAmong(ids: string[], catalog: Map<string, CatalogRow>, n: number): number {
  return ids.slice(0, n).filter((id) => {
    const row = catalog.get(id);
    return isJacket(row) && row?.color === 'Black';
  }).length;
}

async function resultIds(page: Page, query: string): Promise<string[]> {
  return (await search(page, query, { min: 1 })).map((r) => r.id);
}

describe('Chinese query on the demo catalog', () => {
  const catalog = readCatalogRows(DEMO_CATALOG);
  let app: AppSession;

  beforeAll(async () => {
    // The instant encoder is enough here: what is checked is the shopping lexicon's zh→en bridge.
    app = await openApp({ modelRoots: [] });
  });
  afterAll(closeEverything);

  it('"黑色夹克" puts black jackets first', async () => {
    const ids = await resultIds(app.page, '黑色夹克');
    expect(isJacket(catalog.get(ids[0]!)) && catalog.get(ids[0]!)?.color === 'Black', `first result ${ids[0]}`).toBe(true);
    // The English query finds the same black jacket first: both languages mean one thing.
    const english = await resultIds(app.page, 'black jacket');
    expect(english[0]).toBe(ids[0]);
  });

  it('in the Chinese UI, labels change, "Search" stays in the box name, and English queries still work', async () => {
    const page = app.page;
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
    const box = page.getByRole('searchbox', { name: /Search/ });
    expect(await box.getAttribute('aria-label')).toMatch(/搜索/);
    await expect.poll(() => page.getByRole('group', { name: '颜色' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed')).toBe('true');

    await search(page, '', { min: 1 }); // a fresh query, typed while the UI is in Chinese
    const hits = await search(page, 'black jacket', { min: 1 });
    const first = catalog.get(hits[0]!.id);
    expect(isJacket(first) && first?.color === 'Black').toBe(true);
    // Cards show the Chinese title where the catalog has one.
    expect(hits[0]!.title).toBe(first!.title_zh);
    expect(await page.getByRole('list', { name: /Results/ }).getByRole('listitem').first().textContent()).toContain(first!.title_zh!);
    await page.getByRole('status').filter({ hasText: /\d+ 个结果/ }).waitFor();

    // The choice is remembered on the next visit.
    await page.reload();
    await page.waitForSelector(SEL.searchInput);
    await expect.poll(() => page.getByRole('searchbox', { name: /Search/ }).getAttribute('aria-label')).toMatch(/搜索/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => box.getAttribute('aria-label')).toBe('Search products');
  });
});

const lumaTitle = hasSharedLuma() ? 'Chinese query on the Luma catalog (English only)' : `Chinese query on the Luma catalog (${SHARED_ABSENT_REASON})`;

describe.skipIf(!hasSharedLuma())(lumaTitle, () => {
  let app: AppSession;
  let catalog: Map<string, CatalogRow>;

  beforeAll(async () => {
    catalog = readCatalogRows(LUMA_CATALOG);
    app = await openApp({ catalog: LUMA_CATALOG, modelRoots: [] });
  });
  afterAll(closeEverything);

  it('"黑色夹克" finds English-only black jackets among the first results', async () => {
    // The catalog really has no Chinese: the match must come from query understanding.
    expect([...catalog.values()].some((r) => /[\u4e00-\u9fff]/.test(r.title))).toBe(false);
    const ids = await resultIds(app.page, '黑色夹克');
    expect(blackJacketsAmong(ids, catalog, 5)).toBeGreaterThanOrEqual(3);
    expect(blackJacketsAmong(ids, catalog, 1)).toBe(1);
  });

  it('"夹克" alone finds jackets of any colour', async () => {
    const ids = await resultIds(app.page, '夹克');
    expect(ids.slice(0, 10).every((id) => isJacket(catalog.get(id)))).toBe(true);
    expect(new Set(ids.slice(0, 10).map((id) => catalog.get(id)?.color)).size).toBeGreaterThan(1);
  });
});
