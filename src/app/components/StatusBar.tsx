import type { BackgroundStatus, EncoderInfo } from '../../client/types';
import type { Dictionary } from '../i18n';
import { useI18n } from '../state/i18n';
import { ProgressBar } from './ProgressBar';

export function encoderLabel(e: EncoderInfo, t: Dictionary): string {
  if (e.kind === 'instant') return t.encoderInstant(e.dims);
  if (e.kind === 'minilm') return t.encoderMiniLM;
  return t.encoderOther(e.id);
}

const MODEL_STATE: Record<BackgroundStatus['encoder']['state'], 'off' | 'loading' | 'ready' | 'error'> = {
  lexical: 'off',
  loading: 'loading',
  embedding: 'loading',
  ready: 'ready',
  failed: 'error',
};

/** Which search mode is active, and progress of the catalog, the model and the embeddings. */
export function StatusBar(props: { status: BackgroundStatus }) {
  const { t } = useI18n();
  const { catalog, encoder, workerError } = props.status;
  let mode: string;
  switch (encoder.state) {
    case 'ready':
      mode = encoderLabel(encoder.encoder, t);
      break;
    case 'failed':
      // The dictionary adds its own full stop after the reason.
      mode = t.encoderFailed(encoder.message.replace(/[.。]\s*$/, ''));
      break;
    case 'embedding':
    case 'loading':
      mode = t.encoderLexical;
      break;
    default:
      mode = t.encoderLexicalOnly;
  }
  return (
    <div className="status-bar">
      <p className="encoder-status" data-testid="model-status" data-state={MODEL_STATE[encoder.state]}>
        {mode}
      </p>
      {encoder.state === 'ready' && encoder.encoder.fallbackFrom && (
        <p className="notice" role="status" data-testid="model-fallback">
          {t.encoderFallback(encoder.encoder.fallbackFrom.message.replace(/[.。]\s*$/, ''))}
        </p>
      )}
      <div
        className="catalog-status"
        data-testid="catalog-status"
        data-count={catalog.phase === 'ready' ? catalog.info.counts.products : 0}
        data-phase={catalog.phase}
      >
        {catalog.phase === 'ready' && <p className="catalog-count">{t.catalogCount(catalog.info.counts.products)}</p>}
        {catalog.phase === 'starting' && <ProgressBar label={t.catalogLoading} value={0} max={0} />}
        {catalog.phase === 'importing' && (
          <ProgressBar
            label={`${t.catalogImporting}: ${t.phase[catalog.progress.phase]}`}
            value={catalog.progress.done}
            max={catalog.progress.total}
          />
        )}
      </div>
      {catalog.phase === 'ready' && catalog.offline && <p className="notice">{t.catalogOffline}</p>}
      {catalog.phase === 'ready' && catalog.storageWarning && (
        <p className="notice" role="status" data-testid="catalog-not-stored">
          {t.catalogNotStored(catalog.storageWarning.replace(/[.。]\s*$/, ''))}
        </p>
      )}
      {catalog.phase === 'empty' && <p className="notice">{t.catalogEmpty}</p>}
      {catalog.phase === 'error' && (
        <p className="error" role="alert" data-testid="error" data-code={catalog.code}>
          {t.catalogError}: {catalog.message}
        </p>
      )}
      {encoder.state === 'loading' && (
        <ProgressBar
          label={t.modelLoading}
          value={encoder.progress?.loaded ?? 0}
          max={encoder.progress?.total ?? 0}
          detail={encoder.progress?.file}
        />
      )}
      {encoder.state === 'embedding' && (
        <ProgressBar
          label={t.catalogEmbedding}
          value={encoder.progress.done}
          max={encoder.progress.total}
          detail={`${encoder.progress.done} / ${encoder.progress.total}`}
        />
      )}
      {workerError && (
        <p className="error" role="alert" data-testid="error" data-code={workerError.code}>
          {t.workerCrashed}: {workerError.message}
        </p>
      )}
    </div>
  );
}
