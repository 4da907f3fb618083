import { useI18n } from '../state/i18n';
import type { StorageInfo } from '../../client/types';

export function StoragePanel(props: { info: StorageInfo | null; onRefresh(): void }) {
  const { t, formatBytes } = useI18n();
  const i = props.info;
  return (
    <details className="panel storage-panel">
      <summary>{t.storagePanel}</summary>
      <p>
        {i && i.usage !== null && i.quota !== null
          ? t.storageUsed(formatBytes(i.usage), formatBytes(i.quota))
          : t.storageUnknown}
      </p>
      {i && i.usage !== null && i.quota ? (
        <meter min={0} max={i.quota} value={i.usage} aria-label={t.storagePanel} />
      ) : null}
      <p>{i?.persisted === true ? t.persistGranted : i?.persisted === false ? t.persistDenied : t.persistUnknown}</p>
      <button type="button" onClick={props.onRefresh}>
        {t.refresh}
      </button>
    </details>
  );
}
