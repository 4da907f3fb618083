/**
 * The photo dialog: live rear-camera preview with a shutter, or a picked / dropped / pasted
 * picture; then a crop step. Submits the photo blob and the crop box; the camera is stopped as
 * soon as a photo is taken or the dialog closes. Camera failures show a message and leave
 * "Choose photo" working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { SouError } from '../../../core/types';
import { captureFrame, openRearCamera, stopStream } from '../../../photo/camera';
import type { NormalizedRect } from '../../../photo/types';
import { CropBox } from './CropBox';
import type { PhotoStrings } from './photoStrings';

export interface CameraDialogProps {
  strings: PhotoStrings;
  /** A photo handed in from outside (dropped or pasted): skip the camera, go to cropping. */
  initialPhoto?: Blob | null;
  busy: boolean;
  error: SouError | null;
  onSubmit(photo: Blob, crop: NormalizedRect | null): void;
  onClose(): void;
}

export function CameraDialog({ strings, initialPhoto, busy, error, onSubmit, onClose }: CameraDialogProps) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [photo, setPhoto] = useState<Blob | null>(initialPhoto ?? null);
  const [photoUrl, setPhotoUrl] = useState<string | null>(null);
  const [crop, setCrop] = useState<NormalizedRect | null>(null);
  const [cameraError, setCameraError] = useState<SouError | null>(null);
  const [cameraState, setCameraState] = useState<'off' | 'starting' | 'live'>('off');

  const stopCamera = useCallback(() => {
    stopStream(stream.current);
    stream.current = null;
    setCameraState('off');
  }, []);

  // Live camera while no photo is chosen.
  useEffect(() => {
    if (photo) return;
    let cancelled = false;
    setCameraState('starting');
    openRearCamera()
      .then((s) => {
        if (cancelled) {
          stopStream(s);
          return;
        }
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
        setCameraState('live');
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        setCameraState('off');
        setCameraError(err instanceof SouError ? err : new SouError('CAMERA_UNAVAILABLE', 'The camera could not start. Choose a photo instead.'));
      });
    return () => {
      cancelled = true;
      stopCamera();
    };
  }, [photo, stopCamera]);

  // Preview URL of the chosen photo; revoked when replaced or closed (nothing is kept).
  useEffect(() => {
    if (!photo) {
      setPhotoUrl(null);
      return;
    }
    const url = URL.createObjectURL(photo);
    setPhotoUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const choose = (file: File | undefined | null) => {
    if (!file) return;
    setCrop(null);
    setPhoto(file);
  };

  const shown = error ?? cameraError;
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={strings.dialogTitle}
      className="photo-dialog"
      data-testid="photo-dialog"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        stopCamera();
        onClose();
      }}
    >
      <div className="photo-dialog-body">
        <h2>{strings.dialogTitle}</h2>
        {!photo && (
          <div className="photo-camera">
            <video ref={video} data-testid="photo-video" data-state={cameraState} playsInline muted autoPlay style={{ maxWidth: '100%', maxHeight: '60vh', display: cameraState === 'off' ? 'none' : 'block' }} />
            {cameraState === 'starting' && <p>{strings.startingCamera}</p>}
            <button
              type="button"
              data-testid="photo-shutter"
              disabled={cameraState !== 'live'}
              onClick={async () => {
                try {
                  const blob = await captureFrame(video.current!);
                  stopCamera();
                  setCrop(null);
                  setPhoto(blob);
                } catch (err) {
                  setCameraError(err as SouError);
                }
              }}
            >
              {strings.shutter}
            </button>
          </div>
        )}
        {photo && photoUrl && <CropBox src={photoUrl} value={crop} onChange={setCrop} hint={strings.cropHint} />}
        {shown && (
          <p role="alert" className="photo-error" data-testid="error" data-code={shown.code}>
            {shown.message}
          </p>
        )}
        <div className="photo-actions">
          <button type="button" data-testid="photo-choose" onClick={() => fileInput.current?.click()}>
            {strings.choose}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            data-testid="photo-file"
            hidden
            onChange={(e) => {
              choose(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
          {photo && (
            <>
              <button type="button" data-testid="photo-back" onClick={() => setPhoto(null)} disabled={busy}>
                {strings.retake}
              </button>
              <button type="button" data-testid="photo-submit" disabled={busy} onClick={() => onSubmit(photo, crop)}>
                {busy ? strings.working : strings.search}
              </button>
            </>
          )}
          <button
            type="button"
            data-testid="photo-close"
            onClick={() => {
              stopCamera();
              onClose();
            }}
          >
            {strings.close}
          </button>
        </div>
      </div>
    </div>
  );
}
