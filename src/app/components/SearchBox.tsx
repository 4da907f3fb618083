import { useI18n } from '../state/i18n';

export function SearchBox(props: { value: string; onChange(v: string): void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <form className="search-box" role="search" onSubmit={(e) => e.preventDefault()}>
      <input
        type="search"
        role="searchbox"
        data-testid="search-input"
        aria-label={t.searchLabel}
        placeholder={t.searchPlaceholder}
        value={props.value}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        aria-busy={props.busy}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </form>
  );
}
