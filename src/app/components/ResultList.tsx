import type { ReactNode } from 'react';
import type { ResultItem, SearchResult } from '../../client/types';
import type { WhyInfo } from '../../core/types';
import type { Dictionary } from '../i18n';
import { useI18n } from '../state/i18n';
import { useImageUrl } from '../state/hooks';

/** The short "why this result" line, built from the ranker's WhyInfo. */
export function whyLine(why: WhyInfo, t: Dictionary): string {
  const parts: string[] = [];
  if (why.matchedTerms.length) parts.push(t.whyMatched(why.matchedTerms.slice(0, 4).join(', ')));
  if (why.semantic) parts.push(t.whySemantic);
  for (const f of why.filters) parts.push(t.whyFilters(f));
  if (why.personal) parts.push(t.whyPersonal(why.personal));
  return parts.join(' · ');
}

function ProductImage(props: { src: string; alt: string }) {
  const url = useImageUrl(props.src);
  const { t } = useI18n();
  if (!url) return <div className="result-image placeholder" aria-hidden="true">{t.imageMissing}</div>;
  return <img className="result-image" src={url} alt={props.alt} loading="lazy" decoding="async" width={160} height={160} />;
}

function Result(props: { item: ResultItem; onOpen?(): void; actions?: ReactNode }) {
  const { t, lang, formatPrice } = useI18n();
  const p = props.item.product;
  const title = lang === 'zh' && p.title_zh ? p.title_zh : p.title;
  const why = whyLine(props.item.hit.why, t);
  return (
    <li className="result" data-testid="result" data-id={p.id}>
      <ProductImage src={p.image} alt={title} />
      <div className="result-body">
        <h3 className="result-title" data-testid="result-title">
          {props.onOpen ? (
            <button type="button" className="result-open" data-testid="result-open" onClick={props.onOpen}>
              {title}
            </button>
          ) : (
            title
          )}
        </h3>
        <p className="result-price">{formatPrice(p.price, p.currency)}</p>
        <p className="result-meta">
          {[p.brand, p.color, p.category.split('/').join(' › ')].filter(Boolean).join(' · ')}
        </p>
        {why && (
          <p className="result-why" data-testid="result-why">
            {why}
          </p>
        )}
        {props.actions}
      </div>
    </li>
  );
}

export function ResultList(props: {
  /** 'photo': the cards are the closest items to the shopper's photo (no query). */
  mode?: 'text' | 'photo';
  result: SearchResult | null;
  query: string;
  resultQuery: string | null;
  state: 'loading' | 'ready' | 'empty' | 'error';
  onSuggestion(q: string): void;
  onClearFilters(): void;
  hasFilters: boolean;
  onShowMore(): void;
  /** Opens the product page of a result (0-based rank, for personalization). */
  onOpen?(item: ResultItem, index: number): void;
  /** Extra controls under a result (thumbs up / down). */
  actions?(item: ResultItem, index: number): ReactNode;
}) {
  const { t } = useI18n();
  const r = props.result;
  const total = r?.total ?? 0;
  return (
    <section className="results" aria-labelledby="results-heading">
      <h2 id="results-heading" className="visually-hidden">
        {t.resultsLabel}
      </h2>
      <p className="result-count" role="status" aria-live="polite">
        {r ? (r.items.length < total ? t.resultCountOf(r.items.length, total) : t.resultCount(total)) : ''}
      </p>
      {r && total === 0 && (
        <div className="empty-state">
          <p>{t.noResults(props.resultQuery ?? props.query)}</p>
          <p>{t.noResultsHint}</p>
          <ul className="suggestions" aria-label={t.noResultsHint}>
            {t.emptySuggestions.map((s) => (
              <li key={s}>
                <button type="button" className="chip" onClick={() => props.onSuggestion(s)}>
                  {s}
                </button>
              </li>
            ))}
            {props.hasFilters && (
              <li>
                <button type="button" className="chip" onClick={props.onClearFilters}>
                  {t.clearFilters}
                </button>
              </li>
            )}
          </ul>
        </div>
      )}
      <ul
        role="list"
        aria-label={t.resultsLabel}
        className="result-list"
        data-testid="results"
        data-query={props.resultQuery ?? ''}
        data-mode={props.mode ?? 'text'}
        data-state={props.state}
        data-total={total}
        data-image-fused={r?.imageFused ?? 0}
        aria-busy={props.state === 'loading'}
      >
        {r?.items.map((item, i) => (
          <Result
            key={item.hit.id}
            item={item}
            onOpen={props.onOpen ? () => props.onOpen!(item, i) : undefined}
            actions={props.actions?.(item, i)}
          />
        ))}
      </ul>
      {r && r.items.length < total && (
        <button type="button" className="show-more" onClick={props.onShowMore}>
          {t.showMore}
        </button>
      )}
    </section>
  );
}
