/**
 * Photo search for the search bar: a camera button (accessible name "Photo search") that opens the
 * camera dialog (rear camera, shutter, or choose a file; then crop), plus drop and paste of a
 * picture anywhere on the page. After a search it shows what it saw ("Seen: black · hoodie-like")
 * with a refine box ("this, but in red") and a clear button.
 *
 * Mount next to the search input:
 *   <PhotoSearchButton client={photoClient} lang={lang}
 *     onResults={(r) => showPhotoResults(r.hits)}   // ids + scores, best first
 *     onClear={() => backToTextResults()} />
 *
 * The photo lives only in memory (an object URL for the preview, revoked on close); nothing is
 * stored. Errors are shown in place (data-testid="error" with data-code) and passed to `onError`;
 * text search is never blocked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { SouError } from '../../../core/types';
import type { PhotoSearchApi } from '../../state/media';
import type { NormalizedRect, PhotoSearchResult } from '../../../photo/types';
import { CameraDialog } from './CameraDialog';
import { PHOTO_STRINGS } from './photoStrings';

export interface PhotoSearchButtonProps {
  /** The photo worker bridge (createPhotoClient(), or the app's lazy one); one per app. */
  client: PhotoSearchApi;
  lang: 'en' | 'zh';
  /** New photo results (also after each refinement). */
  onResults(result: PhotoSearchResult): void;
  /**
   * The photo results on screen, when the parent owns them (it may drop them, e.g. when the
   * shopper types a new text query, or set them from "more like this"). Omit to keep them here.
   */
  result?: PhotoSearchResult | null;
  /**
   * Changes whenever the parent drops the photo results (e.g. the shopper typed a query). An
   * answer still being worked out then is thrown away, so it cannot replace what was asked since.
   */
  resetKey?: number;
  /** The shopper cleared the photo: show text results again. */
  onClear?(): void;
  onError?(error: SouError): void;
  /** Listen for pasted / dropped pictures on the whole page (default true). */
  captureDropAndPaste?: boolean;
}

function asSouError(err: unknown): SouError {
  return err instanceof SouError ? err : new SouError('WORKER_CRASHED', 'Photo search stopped unexpectedly. Try again, or type your search.');
}

function imageFrom(items: DataTransferItemList | null | undefined, files: FileList | null | undefined): File | null {
  for (const f of Array.from(files ?? [])) if (f.type.startsWith('image/') || /\.(heic|heif)$/i.test(f.name)) return f;
  for (const it of Array.from(items ?? [])) {
    if (it.kind === 'file' && it.type.startsWith('image/')) return it.getAsFile();
  }
  return null;
}

export function PhotoSearchButton(props: PhotoSearchButtonProps) {
  const strings = PHOTO_STRINGS[props.lang];
  const [open, setOpen] = useState(false);
  const [incoming, setIncoming] = useState<Blob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SouError | null>(null);
  const [ownResult, setResult] = useState<PhotoSearchResult | null>(null);
  const result = props.result !== undefined ? props.result : ownResult;
  const [refineText, setRefineText] = useState('');
  const propsRef = useRef(props);
  propsRef.current = props;
  // Each photo search or refinement takes a ticket; clearing, closing the dialog or a newer
  // request voids it. The photo worker may answer seconds later (it can be busy indexing), and a
  // late answer must not bring back results the shopper has already moved on from.
  const ticket = useRef(0);
  const takeTicket = useCallback(() => {
    const mine = ++ticket.current;
    const resetKey = propsRef.current.resetKey;
    return {
      /** Still this button's newest request (so it owns the busy state). */
      newest: () => mine === ticket.current,
      /** Its answer is still wanted on screen. */
      wanted: () => mine === ticket.current && resetKey === propsRef.current.resetKey,
    };
  }, []);
  const voidTicket = () => {
    ticket.current++;
    setBusy(false);
  };

  const fail = useCallback((err: unknown) => {
    const sou = asSouError(err);
    setError(sou);
    propsRef.current.onError?.(sou);
  }, []);

  const deliver = useCallback((r: PhotoSearchResult) => {
    setResult(r);
    setError(null);
    propsRef.current.onResults(r);
  }, []);

  const submit = useCallback(
    async (photo: Blob, crop: NormalizedRect | null) => {
      const current = takeTicket();
      setBusy(true);
      setError(null);
      try {
        const r = await propsRef.current.client.searchPhoto(photo, { crop: crop ?? undefined });
        if (!current.wanted()) return;
        setRefineText('');
        deliver(r);
        setOpen(false);
        setIncoming(null);
      } catch (err) {
        if (current.wanted()) fail(err);
      } finally {
        if (current.newest()) setBusy(false);
      }
    },
    [deliver, fail, takeTicket],
  );

  // Paste or drop a picture anywhere: open the dialog at the crop step.
  useEffect(() => {
    if (props.captureDropAndPaste === false) return;
    const onPaste = (e: ClipboardEvent) => {
      const f = imageFrom(e.clipboardData?.items, e.clipboardData?.files);
      if (!f) return;
      e.preventDefault();
      setIncoming(f);
      setError(null);
      setOpen(true);
    };
    const onDragOver = (e: DragEvent) => {
      if (Array.from(e.dataTransfer?.items ?? []).some((i) => i.kind === 'file')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const f = imageFrom(e.dataTransfer?.items, e.dataTransfer?.files);
      if (!f) return;
      e.preventDefault();
      setIncoming(f);
      setError(null);
      setOpen(true);
    };
    window.addEventListener('paste', onPaste);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [props.captureDropAndPaste]);

  const refine = async () => {
    const current = takeTicket();
    setBusy(true);
    try {
      const r = await props.client.refine(refineText);
      if (current.wanted()) deliver(r);
    } catch (err) {
      if (current.wanted()) fail(err);
    } finally {
      if (current.newest()) setBusy(false);
    }
  };

  const clear = () => {
    voidTicket();
    setResult(null);
    setError(null);
    setRefineText('');
    void props.client.forgetPhoto().catch(() => undefined);
    props.onClear?.();
  };

  return (
    <span className="photo-search" data-testid="photo-search" data-state={busy ? 'working' : result ? 'results' : 'idle'}>
      <button
        type="button"
        className="photo-button"
        data-testid="photo-button"
        aria-label={strings.button}
        title={strings.button}
        onClick={() => {
          setIncoming(null);
          setError(null);
          setOpen(true);
        }}
      >
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
          <circle cx="12" cy="13" r="4" />
        </svg>
      </button>
      {open && (
        <CameraDialog
          strings={strings}
          initialPhoto={incoming}
          busy={busy}
          error={error}
          onSubmit={submit}
          onClose={() => {
            voidTicket();
            setOpen(false);
            setIncoming(null);
            setError(null);
          }}
        />
      )}
      {!open && error && (
        <span role="alert" className="photo-error" data-testid="error" data-code={error.code}>
          {error.message}
        </span>
      )}
      {result && !open && (
        <div className="photo-summary" data-testid="photo-summary" data-weak={result.weak ? 'true' : 'false'}>
          <span data-testid="photo-seen">{strings.seen(result.summary.label)}</span>
          {result.weak && <span className="photo-note"> {strings.weak}</span>}
          {result.indexed < result.total && <span className="photo-note"> {strings.partial(result.indexed, result.total)}</span>}
          {!result.usedCnn && <span className="photo-note"> {strings.noCnn}</span>}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void refine();
            }}
          >
            <input
              type="text"
              data-testid="photo-refine"
              aria-label={strings.refine}
              placeholder={strings.refine}
              value={refineText}
              onChange={(e) => setRefineText(e.currentTarget.value)}
            />
            <button type="submit" disabled={busy}>
              {strings.refineButton}
            </button>
          </form>
          <button type="button" data-testid="photo-clear" onClick={clear}>
            {strings.clear}
          </button>
        </div>
      )}
    </span>
  );
}

export interface MoreLikeThisButtonProps {
  client: PhotoSearchApi;
  lang: 'en' | 'zh';
  productId: string;
  onResults(result: PhotoSearchResult): void;
  onError?(error: SouError): void;
}

/** "More like this" on a product page: visually similar catalog items. */
export function MoreLikeThisButton({ client, lang, productId, onResults, onError }: MoreLikeThisButtonProps) {
  const [busy, setBusy] = useState(false);
  // Closing the product page before the answer comes cancels it.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return (
    <button
      type="button"
      data-testid="more-like-this"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const r = await client.moreLikeThis(productId);
          if (mounted.current) onResults(r);
        } catch (err) {
          if (mounted.current) onError?.(asSouError(err));
        } finally {
          if (mounted.current) setBusy(false);
        }
      }}
    >
      {PHOTO_STRINGS[lang].moreLikeThis}
    </button>
  );
}
