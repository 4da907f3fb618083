import { useRef, type ChangeEvent } from 'react';
import type { CatalogInfo } from '../../client/types';
import { useI18n } from '../state/i18n';
import type { ImportState } from '../state/hooks';
import { ProgressBar } from './ProgressBar';

const ACCEPT = '.jsonl,.ndjson,.json,.csv,image/*';
const MAX_ISSUES_SHOWN = 50;

/** The parser's messages start with "line N: "; the issue line already shows it, once. */
function withoutLinePrefix(message: string, line: number | undefined): string {
  return line === undefined ? message : message.replace(new RegExp(`^(line|item) ${line}: `), '');
}

/** Shop-owner panel: import catalog files or a folder, see issues, restore the built-in catalog. */
export function CatalogPanel(props: { info: CatalogInfo | null; importer: ImportState }) {
  const { t } = useI18n();
  const imp = props.importer;
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = ''; // choosing the same files again must trigger another import
    if (files.length) void imp.importFiles(files);
  };

  return (
    <details className="panel catalog-panel">
      <summary>{t.catalogPanel}</summary>
      {props.info && (
        <p className="catalog-summary">
          {t.catalogSummary(
            props.info.counts.products,
            props.info.counts.images,
            props.info.source === 'builtin' ? t.catalogSourceBuiltin : t.catalogSourceFiles(props.info.label),
          )}
        </p>
      )}
      <p className="help">{t.importHelp}</p>
      <div className="import-controls">
        <label className="file-label">
          {t.importFilesLabel}
          <input ref={filesRef} type="file" multiple accept={ACCEPT} disabled={imp.busy} onChange={onFiles} />
        </label>
        <label className="file-label">
          {t.importFolderLabel}
          <input
            ref={(el) => {
              folderRef.current = el;
              // Non-standard but widely supported; React does not know the attribute.
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            multiple
            disabled={imp.busy}
            onChange={onFiles}
          />
        </label>
        <button type="button" disabled={imp.busy} onClick={() => void imp.restoreBuiltin()}>
          {t.restoreBuiltin}
        </button>
      </div>
      {imp.busy && (
        <ProgressBar
          label={imp.progress ? t.phase[imp.progress.phase] : t.catalogImporting}
          value={imp.progress?.done ?? 0}
          max={imp.progress?.total ?? 0}
        />
      )}
      {imp.error && (
        <div className="error" role="alert" data-testid="error" data-code={imp.error.code}>
          <p>{t.importFailed}</p>
          <p>{imp.error.message}</p>
        </div>
      )}
      {imp.report && !imp.error && (
        <p role="status" className="success">
          {imp.restored
            ? t.restoreDone
            : t.importDone(imp.report.accepted, imp.report.rejected, imp.report.images)}
        </p>
      )}
      {imp.issues.length > 0 && (
        <div className="issues">
          <h3>{t.importIssues(imp.issues.length)}</h3>
          <ul>
            {imp.issues.slice(0, MAX_ISSUES_SHOWN).map((i, n) => (
              <li key={n} className={i.severity}>
                {t.issueLine(i.file ?? '', i.line, withoutLinePrefix(i.message, i.line))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
