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

/** The privacy panel's status; refreshed after every change and when the language changes. */
export function usePersonalStatus(): { status: PersonalStatus | null; refresh(): void } {
  const client = useClient();
  const { lang } = useI18n();
  const [status, setStatus] = useState<PersonalStatus | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => client.personal?.subscribe(() => setTick((t) => t + 1)), [client]);
  useEffect(() => {
    const personal = client.personal;
    if (!personal) return;
    let live = true;
    void personal
      .setLanguage(lang)
      .then(() => personal.status())
      .then(
        (s) => live && setStatus(s),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [client, lang, tick]);
  return { status, refresh: () => setTick((t) => t + 1) };
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
  const client = useClient();
  const { lang } = useI18n();
  const [recs, setRecs] = useState<PersonalRecommendations | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => client.personal?.subscribe(() => setTick((t) => t + 1)), [client]);
  useEffect(() => {
    const personal = client.personal;
    if (!personal) return;
    let live = true;
    void personal
      .setLanguage(lang)
      .then(() => personal.recommendations(productId))
      .then(
        (r) => live && setRecs(r),
        () => live && setRecs(null),
      );
    return () => {
      live = false;
    };
  }, [client, productId, lang, tick, refreshKey]);
  return recs;
}
