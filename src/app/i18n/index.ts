import { en, type Dictionary } from './en';
import { zh } from './zh';

export type Language = 'en' | 'zh';
export type { Dictionary };

export const dictionaries: Record<Language, Dictionary> = { en, zh };

/** BCP 47 tag for <html lang> and Intl formatting. */
export const htmlLang: Record<Language, string> = { en: 'en', zh: 'zh-CN' };

/** Initial language: the saved one, else the browser's preference. */
export function detectLanguage(saved: string | null | undefined, navigatorLanguages: readonly string[]): Language {
  if (saved === 'en' || saved === 'zh') return saved;
  return navigatorLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}
