import { useEffect, useState } from 'react';
import type { AppClient } from '../client/types';
import { ActiveFilters, FacetPanel } from './components/Facets';
import { CatalogPanel } from './components/CatalogPanel';
import { LanguageSwitch } from './components/LanguageSwitch';
import { ResultList } from './components/ResultList';
import { SearchBox } from './components/SearchBox';
import { StatusBar } from './components/StatusBar';
import { StoragePanel } from './components/StoragePanel';
import { BecauseYouLiked } from './components/personal/BecauseYouLiked';
import { PrivacyPanel } from './components/personal/PrivacyPanel';
import { ProductDialog, type OpenProduct } from './components/personal/ProductDialog';
import { Thumbs } from './components/personal/Thumbs';
import { useImpressions } from './components/personal/usePersonal';
import { ClientProvider } from './state/clientContext';
import { useBackgroundStatus, useCatalogImport, useSearch, useStorageInfo } from './state/hooks';
import { I18nProvider, useI18n } from './state/i18n';
import type { Language } from './i18n';

function hasFilters(f: ReturnType<typeof useSearch>['filters']): boolean {
  return Boolean(f.category?.length || f.color?.length || f.brand?.length || f.priceMin !== undefined || f.priceMax !== undefined);
}

function Shell() {
  const { t } = useI18n();
  const status = useBackgroundStatus();
  const search = useSearch();
  const importer = useCatalogImport();
  const catalogInfo = status.catalog.phase === 'ready' ? status.catalog.info : null;
  const storage = useStorageInfo(catalogInfo?.importedAt ?? 0);
  const currency = search.result?.items[0]?.product.currency ?? 'USD';
  const [openProduct, setOpenProduct] = useState<OpenProduct | null>(null);
  const resultsReady = !search.error && !search.searching && !!search.result && search.resultQuery === search.query;
  useImpressions(search.result, search.resultQuery, resultsReady);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>{t.appTitle}</h1>
          <p className="tagline">{t.appTagline}</p>
        </div>
        <LanguageSwitch />
      </header>
      <SearchBox value={search.query} onChange={search.setQuery} busy={search.searching} />
      <StatusBar status={status} />
      {search.error && (
        <p className="error" role="alert" data-testid="error" data-code={search.error.code}>
          {search.error.message}
        </p>
      )}
      <ActiveFilters
        filters={search.filters}
        currency={currency}
        onToggle={search.toggleFacet}
        onPrice={search.setPriceRange}
        onClear={search.clearFilters}
      />
      {search.query.trim() === '' && <BecauseYouLiked onOpen={(product) => setOpenProduct({ product })} />}
      <main className="layout">
        <FacetPanel
          facets={search.result?.facets ?? null}
          filters={search.filters}
          currency={currency}
          onToggle={search.toggleFacet}
          onPrice={search.setPriceRange}
        />
        <ResultList
          result={search.result}
          query={search.query}
          resultQuery={search.resultQuery}
          state={
            search.error
              ? 'error'
              : search.searching || !search.result || search.resultQuery !== search.query
                ? 'loading'
                : search.result.total === 0
                  ? 'empty'
                  : 'ready'
          }
          onSuggestion={search.setQuery}
          onClearFilters={search.clearFilters}
          hasFilters={hasFilters(search.filters)}
          onShowMore={search.showMore}
          onOpen={(item, i) => setOpenProduct({ product: item.product, query: search.resultQuery ?? undefined, position: i })}
          actions={(item, i) => <Thumbs productId={item.product.id} query={search.resultQuery ?? undefined} position={i} />}
        />
      </main>
      <footer className="app-footer">
        <CatalogPanel info={catalogInfo} importer={importer} />
        <StoragePanel info={storage.info} onRefresh={storage.refresh} />
        <PrivacyPanel />
      </footer>
      {openProduct && (
        <ProductDialog
          key={openProduct.product.id}
          open={openProduct}
          onOpen={setOpenProduct}
          onClose={() => setOpenProduct(null)}
        />
      )}
    </div>
  );
}

/** The whole app over a client; `start()` runs the first-run flow once. */
export function App(props: { client: AppClient; language?: Language }) {
  useEffect(() => {
    void props.client.start();
  }, [props.client]);
  return (
    <I18nProvider initial={props.language}>
      <ClientProvider client={props.client}>
        <Shell />
      </ClientProvider>
    </I18nProvider>
  );
}
