/** Language state: dictionary, <html lang>, number formatting; persisted across visits. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { detectLanguage, dictionaries, htmlLang, type Dictionary, type Language } from '../i18n';

const STORAGE_KEY = 'sou.language';

export interface I18n {
  lang: Language;
  t: Dictionary;
  setLang(lang: Language): void;
  formatPrice(amount: number, currency: string): string;
  formatBytes(bytes: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function savedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage blocked: fall back to the browser language
  }
}

export function I18nProvider(props: { children: ReactNode; initial?: Language }) {
  const [lang, setLangState] = useState<Language>(
    () => props.initial ?? detectLanguage(savedLanguage(), globalThis.navigator?.languages ?? []),
  );

  useEffect(() => {
    document.documentElement.lang = htmlLang[lang];
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still applies to this visit
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = htmlLang[lang];
    const priceFormats = new Map<string, Intl.NumberFormat>();
    return {
      lang,
      t: dictionaries[lang],
      setLang,
      formatPrice(amount, currency) {
        let f = priceFormats.get(currency);
        if (!f) {
          try {
            f = new Intl.NumberFormat(locale, { style: 'currency', currency });
          } catch {
            // An invalid currency code in a shop's catalog must not break the page.
            f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
          }
          priceFormats.set(currency, f);
        }
        return f.format(amount);
      },
      formatBytes(bytes) {
        const units = ['B', 'KB', 'MB', 'GB', 'TB'];
        let v = bytes;
        let u = 0;
        while (v >= 1024 && u < units.length - 1) {
          v /= 1024;
          u++;
        }
        return `${new Intl.NumberFormat(locale, { maximumFractionDigits: v < 10 && u > 0 ? 1 : 0 }).format(v)} ${units[u]}`;
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
