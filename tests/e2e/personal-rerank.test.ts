/**
 * On-device personalization end to end (issue 5) in Chromium over the Luma catalog: a shopper
 * opens black items in a few searches, and black items rise in a new search; the "why" line
 * says so; erasing in the privacy panel restores the original order; no request leaves the
 * origin while all this happens.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEverything, hasSharedLuma, LUMA_CATALOG, openApp, readResults, search, SHARED_ABSENT_REASON, type AppSession } from '../helpers';
import { readCatalogRows } from '../helpers/catalogFile';

const TRAIN_QUERIES = ['tee', 'shorts', 'pants', 'tank'];
/** Never clicked in: the "new search". */
const NEW_QUERY = 'hoodie';

const isBlack = (catalog: Map<string, { color?: string | null }>, id: string) => (catalog.get(id)?.color ?? '').toLowerCase() === 'black';

function meanRank(ids: string[], pred: (id: string) => boolean): number {
  const ranks = ids.map((id, i) => (pred(id) ? i : -1)).filter((i) => i >= 0);
  return ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : Number.NaN;
}

/** Waits until the semantic model is settled, so result orders compare like with like. */
async function waitForModelSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="model-status"]')?.getAttribute('data-state');
      return s === 'ready' || s === 'error' || s === 'off';
    },
    undefined,
    { timeout: 120_000, polling: 200 },
  );
}

/** Opens a result's product page, stays a moment, closes it (a click and a dwell event). */
async function openAndClose(page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid="result"][data-id="${id}"] [data-testid="result-open"]`).click();
  await page.locator(`[data-testid="product-dialog"][data-id="${id}"]`).waitFor({ state: 'visible' });
  await page.locator('[data-testid="product-close"]').click();
  await page.locator('[data-testid="product-dialog"]').waitFor({ state: 'detached' });
}

describe.skipIf(!hasSharedLuma())(`personalization (${hasSharedLuma() ? 'luma catalog' : SHARED_ABSENT_REASON})`, () => {
  let app: AppSession;
  const catalog = hasSharedLuma() ? readCatalogRows(LUMA_CATALOG) : new Map();
  const black = (id: string) => isBlack(catalog, id);

  beforeAll(async () => {
    app = await openApp({ catalog: LUMA_CATALOG });
    await waitForModelSettled(app.page);
  }, 180_000);
  afterAll(closeEverything);

  it('black items rise after clicks on black items, erase restores the order, nothing leaves the origin', async () => {
    const page = app.page;
    const original = (await search(page, NEW_QUERY, { min: 10 })).map((r) => r.id);
    expect(original.some(black)).toBe(true);

    for (const q of TRAIN_QUERIES) {
      const shown = (await search(page, q, { min: 5 })).slice(0, 20);
      const blacks = shown.filter((r) => black(r.id)).slice(0, 3);
      for (const r of blacks) await openAndClose(page, r.id);
    }

    const personalised = (await search(page, NEW_QUERY, { min: 10 })).map((r) => r.id);
    expect(meanRank(personalised, black)).toBeLessThan(meanRank(original, black) - 1);
    const top10Black = (ids: string[]) => ids.slice(0, 10).filter(black).length;
    expect(top10Black(personalised)).toBeGreaterThan(top10Black(original));
    // Results that personalization moved up say which preference moved them.
    const movedUp = personalised.slice(0, 10).filter((id, rank) => original.indexOf(id) > rank || !original.includes(id));
    expect(movedUp.some(black)).toBe(true);
    const why = async (id: string) =>
      (await page.locator(`[data-testid="result"][data-id="${id}"] [data-testid="result-why"]`).textContent()) ?? '';
    for (const id of movedUp) expect(await why(id)).toMatch(/For you: /);
    const blackWhys = await Promise.all(movedUp.filter(black).map(why));
    expect(blackWhys.filter((w) => /For you: you often choose [^;]*black/.test(w)), blackWhys.join(' | ')).not.toEqual([]);

    // The privacy panel names the learned preference and erases everything in one step.
    await page.locator('[data-testid="privacy-panel"] > summary').click();
    await expect.poll(() => page.locator('[data-testid="personal-summary"]').textContent(), { timeout: 10_000 }).toMatch(/black/);
    await page.locator('[data-testid="personal-erase"]').click();
    await page.locator('[data-testid="personal-message"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="personal-summary"]').getAttribute('data-learned'), { timeout: 10_000 })
      .toBe('false');
    await search(page, 'jacket', { min: 1 });
    const afterErase = (await search(page, NEW_QUERY, { min: 10 })).map((r) => r.id);
    expect(afterErase).toEqual(original);
    expect((await readResults(page)).length).toBe(original.length);

    expect(app.egressAttempts()).toEqual([]);
    expect(app.requests.foreign(new URL(app.url).origin)).toEqual([]);
  }, 240_000);
});
