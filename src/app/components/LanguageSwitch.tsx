import type { Language } from '../i18n';
import { useI18n } from '../state/i18n';

const OPTIONS: Array<{ lang: Language; label: string }> = [
  { lang: 'en', label: 'English' },
  { lang: 'zh', label: '中文' },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t.language}>
      {OPTIONS.map((o) => (
        <button
          key={o.lang}
          type="button"
          lang={o.lang === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={lang === o.lang}
          onClick={() => setLang(o.lang)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
