/**
 * Search as you type, result cards, facets with counts, filtering by a facet (mouse and keyboard)
 * on the demo catalog — what a shopper sees and does in the first minute.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, DEMO_CATALOG, openApp, readResults, SEL, waitForResults, type AppSession } from '../helpers';
import { isJacket, readCatalogRows } from '../helpers/catalogFile';

const catalog = readCatalogRows(DEMO_CATALOG);

function searchbox(page: Page): Locator {
  return page.getByRole('searchbox', { name: /Search/ });
}

function resultsList(page: Page): Locator {
  return page.getByRole('list', { name: 'Results' });
}

/** data-total of the results list once it shows `query` and has settled. */
async function settledTotal(page: Page, query: string): Promise<number> {
  await waitForResults(page, { query, min: 0 });
  return Number(await page.locator(SEL.results).getAttribute('data-total'));
}

/** Waits until the settled results for `query` count `expected` matches (e.g. after a filter change). */
async function waitForTotal(page: Page, query: string, expected: number): Promise<number> {
  await page.waitForFunction(
    ({ sel, query, expected }) => {
      const list = document.querySelector(sel);
      if (!list || list.getAttribute('data-query') !== query || list.getAttribute('data-state') === 'loading') return false;
      return Number(list.getAttribute('data-total')) === expected;
    },
    { sel: SEL.results, query, expected },
    { timeout: 30_000, polling: 50 },
  );
  return settledTotal(page, query);
}

/** Facet options of one group as { value, count, checked }. */
async function facetOptions(page: Page, facet: string): Promise<Array<{ value: string; count: number; checked: boolean }>> {
  return page.locator(`${SEL.facet}[data-facet="${facet}"] ${SEL.facetOption}`).evaluateAll((options) =>
    options.map((o) => ({
      value: o.getAttribute('data-value') ?? '',
      count: Number(o.querySelector('.facet-count')?.textContent?.trim()),
      checked: (o.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked ?? false,
    })),
  );
}

describe('search and facets on the demo catalog', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp();
    // Results are re-ranked once semantic search comes on; wait for that, so counts stay put.
    await app.page.waitForSelector(`${SEL.modelStatus}[data-state="ready"]`, { timeout: 120_000 });
  });
  afterAll(closeEverything);

  it('answers as you type, without pressing Enter', async () => {
    const page = app.page;
    const box = searchbox(page);
    await box.click();
    await box.fill('');
    // A partial word already finds jackets (prefix matching while typing)…
    await box.pressSequentially('jack', { delay: 40 });
    const partial = await waitForResults(page, { query: 'jack', min: 1 });
    expect(partial.slice(0, 5).some((r) => isJacket(catalog.get(r.id)))).toBe(true);
    // …and typing on updates the list to the full word.
    await box.pressSequentially('et', { delay: 40 });
    const full = await waitForResults(page, { query: 'jacket', min: 1 });
    expect(full.slice(0, 10).every((r) => isJacket(catalog.get(r.id)))).toBe(true);
    await expect.poll(() => box.inputValue()).toBe('jacket');
  });

  it('shows each result with image, title heading, price and a "why this result" line', async () => {
    const page = app.page;
    await searchbox(page).fill('black jacket');
    await waitForResults(page, { query: 'black jacket', min: 3 });
    const cards = resultsList(page).getByRole('listitem');
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 3; i++) {
      const card = cards.nth(i);
      const id = (await card.getAttribute('data-id')) ?? '';
      const row = catalog.get(id);
      expect(row, `card ${i} (${id}) is a catalog product`).toBeDefined();
      await expect.poll(() => card.getByRole('heading', { level: 3 }).textContent()).toBe(row!.title);
      // The demo's pictures are served beside the catalog: the image must actually have loaded.
      const img = card.getByRole('img', { name: row!.title });
      await img.waitFor({ state: 'visible', timeout: 15_000 });
      await expect
        .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), { timeout: 15_000 })
        .toBe(true);
      const price = `$${row!.price.toFixed(2)}`;
      expect(await card.textContent()).toContain(price);
      const why = (await card.locator(SEL.resultWhy).textContent()) ?? '';
      expect(why).toMatch(/Matches “.*(black|jacket)/i);
    }
  });

  it('shows category, colour, brand and price facets with counts', async () => {
    const page = app.page;
    await searchbox(page).fill('jacket');
    const total = await settledTotal(page, 'jacket');
    expect(total).toBeGreaterThan(0);
    for (const [kind, name] of [
      ['category', 'Category'],
      ['color', 'Colour'],
      ['brand', 'Brand'],
      ['price', 'Price'],
    ] as const) {
      await expect.poll(() => page.getByRole('group', { name }).isVisible()).toBe(true);
      const options = await facetOptions(page, kind);
      expect(options.length, `${kind} facet has options`).toBeGreaterThan(0);
      for (const o of options) {
        expect(Number.isInteger(o.count) && o.count > 0 && o.count <= total, `${kind} "${o.value}" count ${o.count}`).toBe(true);
      }
    }
    // Jackets come in black in the demo catalog, so the colour facet offers it.
    expect((await facetOptions(page, 'color')).some((o) => o.value === 'Black')).toBe(true);
  });

  it('filters by a ticked colour, combined with the query, and restores when removed', async () => {
    const page = app.page;
    await searchbox(page).fill('jacket');
    const before = await settledTotal(page, 'jacket');
    const firstBefore = (await readResults(page)).slice(0, 5).map((r) => r.id);
    const black = (await facetOptions(page, 'color')).find((o) => o.value === 'Black')!;
    expect(black.count).toBeLessThan(before);

    await page.getByRole('group', { name: 'Colour' }).getByRole('checkbox', { name: /^Black/ }).check();
    const filtered = await waitForTotal(page, 'jacket', black.count);
    expect(filtered).toBe(black.count);
    const hits = await readResults(page);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const row = catalog.get(hit.id);
      expect(row?.color, `${hit.id} is black`).toBe('Black');
    }
    // Still answers the query: black jackets (and outerwear) first, not every black product.
    expect(isJacket(catalog.get(hits[0]!.id))).toBe(true);
    const blackInCatalog = [...catalog.values()].filter((r) => r.color === 'Black').length;
    expect(filtered).toBeLessThan(blackInCatalog);
    for (const why of await page.locator(SEL.resultWhy).allTextContents()) expect(why).toMatch(/Matches .*Filter: colour: Black/);
    // The filter follows a new query too.
    await searchbox(page).fill('shorts');
    await waitForResults(page, { query: 'shorts', min: 0 });
    for (const hit of await readResults(page)) expect(catalog.get(hit.id)?.color).toBe('Black');

    // Removing the filter (its chip) restores the unfiltered results.
    await searchbox(page).fill('jacket');
    await waitForTotal(page, 'jacket', black.count);
    await page.getByRole('button', { name: 'Remove filter Black' }).click();
    await waitForTotal(page, 'jacket', before);
    expect((await readResults(page)).slice(0, 5).map((r) => r.id)).toEqual(firstBefore);
    expect((await facetOptions(page, 'color')).find((o) => o.value === 'Black')?.checked).toBe(false);
  });

  it('can be used from the keyboard: Tab to a facet checkbox, Space toggles it', async () => {
    const page = app.page;
    const box = searchbox(page);
    await box.fill('jacket');
    const before = await settledTotal(page, 'jacket');
    await box.focus();
    let focused: { facet: string; value: string } | null = null;
    for (let i = 0; i < 15 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate((facetSel) => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el || el.type !== 'checkbox') return null;
        const option = el.closest('[data-testid="facet-option"]');
        const group = el.closest(facetSel);
        return option && group ? { facet: group.getAttribute('data-facet') ?? '', value: option.getAttribute('data-value') ?? '' } : null;
      }, SEL.facet);
    }
    expect(focused, 'Tab reaches a facet checkbox from the search box').not.toBeNull();
    const option = (await facetOptions(page, focused!.facet)).find((o) => o.value === focused!.value)!;
    expect(option.checked).toBe(false);

    await page.keyboard.press('Space');
    const filtered = await waitForTotal(page, 'jacket', option.count);
    expect(filtered).toBeLessThanOrEqual(before);
    expect((await facetOptions(page, focused!.facet)).find((o) => o.value === focused!.value)?.checked).toBe(true);
    // Focus stays on the checkbox, so Space again undoes it.
    await page.keyboard.press('Space');
    await waitForTotal(page, 'jacket', before);
    expect((await facetOptions(page, focused!.facet)).find((o) => o.value === focused!.value)?.checked).toBe(false);
  });
});
