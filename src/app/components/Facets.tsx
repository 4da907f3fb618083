import type { Facets as FacetData, FacetValue, Filters } from '../../core/types';
import { useI18n } from '../state/i18n';

type FacetKind = 'category' | 'color' | 'brand';

/** Facet values with the selected ones always present (a selection must stay removable). */
function withSelected(values: FacetValue[], selected: string[] | undefined): FacetValue[] {
  const out = [...values];
  for (const s of selected ?? []) if (!out.some((v) => v.value === s)) out.push({ value: s, count: 0 });
  return out;
}

export function categoryLabel(path: string): string {
  return path.split('/').join(' › ');
}

function FacetGroup(props: {
  kind: FacetKind;
  legend: string;
  values: FacetValue[];
  selected: string[] | undefined;
  onToggle(kind: FacetKind, value: string): void;
}) {
  const values = withSelected(props.values, props.selected);
  if (values.length === 0) return null;
  return (
    <fieldset className="facet" data-testid="facet" data-facet={props.kind}>
      <legend>{props.legend}</legend>
      {values.map((v) => {
        const checked = props.selected?.includes(v.value) ?? false;
        const label = props.kind === 'category' ? categoryLabel(v.value) : v.value;
        return (
          <label key={v.value} className="facet-option" data-testid="facet-option" data-value={v.value}>
            <input type="checkbox" checked={checked} onChange={() => props.onToggle(props.kind, v.value)} />
            <span className="facet-value">{label}</span>
            <span className="facet-count" aria-label={`(${v.count})`}>
              {v.count}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

export function FacetPanel(props: {
  facets: FacetData | null;
  filters: Filters;
  currency: string;
  onToggle(kind: FacetKind, value: string): void;
  onPrice(min: number | undefined, max: number | undefined): void;
}) {
  const { t, formatPrice } = useI18n();
  const f = props.facets;
  if (!f) return null;
  const { priceMin, priceMax } = props.filters;
  return (
    <aside className="facets" aria-label={t.filtersTitle}>
      <h2 className="facets-title">{t.filtersTitle}</h2>
      <FacetGroup kind="category" legend={t.facetCategory} values={f.category} selected={props.filters.category} onToggle={props.onToggle} />
      <FacetGroup kind="color" legend={t.facetColor} values={f.color} selected={props.filters.color} onToggle={props.onToggle} />
      <FacetGroup kind="brand" legend={t.facetBrand} values={f.brand} selected={props.filters.brand} onToggle={props.onToggle} />
      {f.price.buckets.length > 0 && (
        <fieldset className="facet" data-testid="facet" data-facet="price">
          <legend>{t.facetPrice}</legend>
          {f.price.buckets.map((b) => {
            const checked = priceMin === b.from && priceMax === b.to;
            const label = t.priceRange(formatPrice(b.from, props.currency), formatPrice(b.to, props.currency));
            return (
              <label key={`${b.from}-${b.to}`} className="facet-option" data-testid="facet-option" data-value={`${b.from}-${b.to}`}>
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={() => (checked ? props.onPrice(undefined, undefined) : props.onPrice(b.from, b.to))}
                />
                <span className="facet-value">{label}</span>
                <span className="facet-count">{b.count}</span>
              </label>
            );
          })}
        </fieldset>
      )}
    </aside>
  );
}

/** Removable chips for the active filters. */
export function ActiveFilters(props: {
  filters: Filters;
  currency: string;
  onToggle(kind: FacetKind, value: string): void;
  onPrice(min: number | undefined, max: number | undefined): void;
  onClear(): void;
}) {
  const { t, formatPrice } = useI18n();
  const chips: Array<{ key: string; label: string; remove(): void }> = [];
  for (const kind of ['category', 'color', 'brand'] as const) {
    for (const v of props.filters[kind] ?? []) {
      const label = kind === 'category' ? categoryLabel(v) : v;
      chips.push({ key: `${kind}:${v}`, label, remove: () => props.onToggle(kind, v) });
    }
  }
  const { priceMin, priceMax } = props.filters;
  if (priceMin !== undefined || priceMax !== undefined) {
    const label = t.priceRange(
      priceMin !== undefined ? formatPrice(priceMin, props.currency) : '…',
      priceMax !== undefined ? formatPrice(priceMax, props.currency) : '…',
    );
    chips.push({ key: 'price', label, remove: () => props.onPrice(undefined, undefined) });
  }
  if (chips.length === 0) return null;
  return (
    <div className="active-filters">
      <ul aria-label={t.activeFilters}>
        {chips.map((c) => (
          <li key={c.key}>
            <button type="button" className="chip removable" aria-label={t.removeFilter(c.label)} onClick={c.remove}>
              {c.label} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <button type="button" className="link-button" onClick={props.onClear}>
          {t.clearFilters}
        </button>
      )}
    </div>
  );
}
