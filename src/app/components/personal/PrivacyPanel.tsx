/**
 * The privacy panel: what has been learned in words, the raw event log, export / import as
 * JSON, pause learning, and erase everything (model and events) in one step.
 */
import { useState } from 'react';
import { SouError } from '../../../core/types';
import { useClient } from '../../state/clientContext';
import { useI18n } from '../../state/i18n';
import { usePersonalStatus, usePersonalStrings } from './usePersonal';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PrivacyPanel() {
  const client = useClient();
  const s = usePersonalStrings();
  const { lang } = useI18n();
  const { status } = usePersonalStatus();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const personal = client.personal;
  if (!personal) return null;

  const run = async (task: () => Promise<unknown>, done: string | null) => {
    setError(null);
    setMessage(null);
    try {
      await task();
      if (done) setMessage(done);
    } catch (err) {
      setError({ code: err instanceof SouError ? err.code : ((err as { code?: string })?.code ?? 'UNKNOWN'), message: err instanceof Error ? err.message : String(err) });
    }
  };
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    await run(async () => personal.importJson(await file.text()), s.importDone);
  };
  const learnedText = !status ? '' : status.paused ? s.paused : status.learned ? status.summary : s.nothingYet;

  return (
    <details className="panel privacy-panel" data-testid="privacy-panel">
      <summary>{s.privacyPanel}</summary>
      <p>{s.privacyIntro}</p>
      <h3>{s.learned}</h3>
      <p data-testid="personal-summary" data-learned={status?.learned ? 'true' : 'false'} data-paused={status?.paused ? 'true' : 'false'}>
        {learnedText}
      </p>
      {status && status.productsGone > 0 && <p>{s.gone(status.productsGone)}</p>}
      {status?.warning && (
        <p className="error" role="alert" data-testid="personal-warning">
          {status.warning}
        </p>
      )}
      <div className="privacy-actions">
        <button type="button" data-testid="personal-pause" onClick={() => void run(() => personal.setPaused(!status?.paused), null)}>
          {status?.paused ? s.resume : s.pause}
        </button>
        <button
          type="button"
          data-testid="personal-export"
          onClick={() => void run(async () => download(await personal.exportJson(), `sou-personal-${new Date().toISOString().slice(0, 10)}.json`), null)}
        >
          {s.export}
        </button>
        <label className="file-button">
          {s.import}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="personal-import"
            onChange={(e) => {
              void onImport(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" className="danger" data-testid="personal-erase" onClick={() => void run(() => personal.erase(), s.erased)}>
          {s.erase}
        </button>
      </div>
      {message && (
        <p role="status" data-testid="personal-message">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="personal-error" data-code={error.code}>
          {error.message}
        </p>
      )}
      {status && (
        <details className="event-log">
          <summary>{s.eventLog(status.eventCount, status.compactedCount)}</summary>
          <ol data-testid="personal-events" data-count={status.eventCount}>
            {status.events.map((e, i) => (
              <li key={`${e.at}-${i}`} data-type={e.type}>
                <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</time>{' '}
                {s.eventTypes[e.type] ?? e.type}
                {e.query ? ` “${e.query}”` : ''}
                {e.productId ? ` ${e.productId}` : ''}
                {e.position !== undefined ? ` #${e.position + 1}` : ''}
                {e.dwellMs !== undefined ? ` ${Math.round(e.dwellMs / 1000)} s` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </details>
  );
}
