import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppClient } from '../client/types';
import { ActiveFilters, FacetPanel } from './components/Facets';
import { CatalogPanel } from './components/CatalogPanel';
import { PhotoIndexStatus, useMediaCatalog, usePhotoResults } from './components/MediaSearch';
import { MoreLikeThisButton, PhotoSearchButton } from './components/photo/PhotoSearchButton';
import { VoiceSearchButton } from './components/voice/VoiceSearchButton';
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
import { ClientProvider, useClient } from './state/clientContext';
import { createMediaSearch, type MediaSearch } from './state/media';
import { useBackgroundStatus, useCatalogImport, useSearch, useStorageInfo } from './state/hooks';
import { I18nProvider, useI18n } from './state/i18n';
import type { Language } from './i18n';

function hasFilters(f: ReturnType<typeof useSearch>['filters']): boolean {
  return Boolean(f.category?.length || f.color?.length || f.brand?.length || f.priceMin !== undefined || f.priceMax !== undefined);
}

function Shell(props: { media: MediaSearch }) {
  const { t, lang } = useI18n();
  const { media } = props;
  const client = useClient();
  const status = useBackgroundStatus();
  const search = useSearch();
  const importer = useCatalogImport();
  const catalogInfo = status.catalog.phase === 'ready' ? status.catalog.info : null;
  const storage = useStorageInfo(catalogInfo?.importedAt ?? 0);
  const currency = search.result?.items[0]?.product.currency ?? 'USD';
  const [openProduct, setOpenProduct] = useState<OpenProduct | null>(null);
  const resultsReady = !search.error && !search.searching && !!search.result && search.resultQuery === search.query;
  useImpressions(search.result, search.resultQuery, resultsReady);
  const firstResults = useRef(false);
  if (resultsReady) firstResults.current = true;
  useMediaCatalog(media, status, firstResults.current);
  const photo = usePhotoResults(client);
  // A typed or spoken query replaces photo results.
  const setQuery = (q: string) => {
    photo.clear();
    search.setQuery(q);
  };
  const photoMode = photo.results !== null;
  // Voice fills the search box until the shopper types in it: after that, a later transcript of
  // the same recording (the final one can take seconds with Whisper) must not overwrite their words.
  const typedOverVoice = useRef(false);
  const onType = (q: string) => {
    typedOverVoice.current = true;
    setQuery(q);
  };

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>{t.appTitle}</h1>
          <p className="tagline">{t.appTagline}</p>
        </div>
        <LanguageSwitch />
      </header>
      <div className="search-row">
        <SearchBox value={search.query} onChange={onType} busy={search.searching} />
        <VoiceSearchButton
          client={media.voice}
          lang={lang}
          onStart={() => (typedOverVoice.current = false)}
          onTranscript={(text) => {
            if (!typedOverVoice.current) setQuery(text);
          }}
        />
        <PhotoSearchButton client={media.photo} lang={lang} result={photo.results?.photo ?? null} resetKey={photo.clears} onResults={photo.show} onClear={photo.clear} />
      </div>
      <StatusBar status={status} />
      <PhotoIndexStatus media={media} lang={lang} />
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
          facets={photoMode ? null : (search.result?.facets ?? null)}
          filters={search.filters}
          currency={currency}
          onToggle={search.toggleFacet}
          onPrice={search.setPriceRange}
        />
        <ResultList
          mode={photoMode ? 'photo' : 'text'}
          result={photo.results?.result ?? search.result}
          query={photoMode ? '' : search.query}
          resultQuery={photoMode ? '' : search.resultQuery}
          state={
            photo.results
              ? photo.results.result.total === 0
                ? 'empty'
                : 'ready'
              : search.error
                ? 'error'
                : search.searching || !search.result || search.resultQuery !== search.query
                  ? 'loading'
                  : search.result.total === 0
                    ? 'empty'
                    : 'ready'
          }
          onSuggestion={setQuery}
          onClearFilters={search.clearFilters}
          hasFilters={hasFilters(search.filters)}
          onShowMore={search.showMore}
          onOpen={(item, i) => setOpenProduct({ product: item.product, query: photoMode ? undefined : (search.resultQuery ?? undefined), position: i })}
          actions={(item, i) => <Thumbs productId={item.product.id} query={photoMode ? undefined : (search.resultQuery ?? undefined)} position={i} />}
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
          extraActions={
            <MoreLikeThisButton
              client={media.photo}
              lang={lang}
              productId={openProduct.product.id}
              onResults={(r) => {
                setOpenProduct(null);
                photo.show(r);
              }}
            />
          }
        />
      )}
    </div>
  );
}

/**
 * The whole app over a client; `start()` runs the first-run flow once. Voice and photo search
 * (`media`) are created on first use unless given (component tests pass fakes).
 */
export function App(props: { client: AppClient; language?: Language; media?: MediaSearch }) {
  useEffect(() => {
    void props.client.start();
  }, [props.client]);
  const media = useMemo(() => props.media ?? createMediaSearch(props.client), [props.client, props.media]);
  return (
    <I18nProvider initial={props.language}>
      <ClientProvider client={props.client}>
        <Shell media={media} />
      </ClientProvider>
    </I18nProvider>
  );
}
