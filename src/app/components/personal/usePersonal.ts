/** Hooks of the personalization UI: status for the privacy panel, impressions, recommendations. */
import { useEffect, useRef, useState } from 'react';
import type { PersonalRecommendations, PersonalStatus, SearchResult } from '../../../client/types';
import { useClient } from '../../state/clientContext';
import { useI18n } from '../../state/i18n';
import { personalStrings, type PersonalStrings } from './strings';

/** How many results of a list count as shown (the learner's impression depth). */
const IMPRESSION_DEPTH = 20;

export function usePersonalStrings(): PersonalStrings {
  return personalStrings[useI18n().lang];
}

/**
 * Loads something from the personalization client in the UI language, again whenever the profile
 * changes (the client's subscribe), the language changes, `deps` change or `refresh()` is called.
 * Results of a superseded load are dropped; a failed load yields `onError`'s value (or keeps the last).
 */
function usePersonalValue<T>(
  load: (personal: NonNullable<ReturnType<typeof useClient>['personal']>) => Promise<T>,
  deps: readonly unknown[],
  onError?: () => T | null,
): { value: T | null; refresh(): void } {
  const client = useClient();
  const { lang } = useI18n();
  const [value, setValue] = useState<T | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => client.personal?.subscribe(() => setTick((t) => t + 1)), [client]);
  useEffect(() => {
    const personal = client.personal;
    if (!personal) return;
    let live = true;
    void personal
      .setLanguage(lang)
      .then(() => load(personal))
      .then(
        (v) => live && setValue(v),
        () => live && onError && setValue(onError()),
      );
    return () => {
      live = false;
    };
    // `load` and `onError` are inline closures; what they read is listed in `deps`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, lang, tick, ...deps]);
  return { value, refresh: () => setTick((t) => t + 1) };
}

/** The privacy panel's status; refreshed after every change and when the language changes. */
export function usePersonalStatus(): { status: PersonalStatus | null; refresh(): void } {
  const { value, refresh } = usePersonalValue((personal) => personal.status(), []);
  return { status: value, refresh };
}

/** Reports each distinct result list the shopper saw (query + ids in display order). */
export function useImpressions(result: SearchResult | null, resultQuery: string | null, ready: boolean): void {
  const client = useClient();
  const last = useRef('');
  useEffect(() => {
    const personal = client.personal;
    if (!personal || !ready || !result || resultQuery === null || resultQuery.trim() === '') return;
    const ids = result.items.slice(0, IMPRESSION_DEPTH).map((i) => i.product.id);
    if (!ids.length) return;
    const key = `${resultQuery}\u0000${ids.join(',')}`;
    if (key === last.current) return;
    last.current = key;
    personal.record({ type: 'query', query: resultQuery });
    personal.record({ type: 'impression', query: resultQuery, productIds: ids });
  }, [client, result, resultQuery, ready]);
}

/** Recommendations for a product page (productId) or the home screen (null). */
export function useRecommendations(productId: string | null, refreshKey: unknown = 0): PersonalRecommendations | null {
  return usePersonalValue((personal) => personal.recommendations(productId), [productId, refreshKey], () => null).value;
}
