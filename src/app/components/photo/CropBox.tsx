/**
 * Shows the chosen photo and lets the shopper drag a box around the item. Reports the box in
 * fractions of the photo (0..1); a tiny drag (a tap) resets to the whole photo.
 */
import { useRef, useState, type PointerEvent } from 'react';
import type { NormalizedRect } from '../../../photo/types';

export interface CropBoxProps {
  src: string;
  value: NormalizedRect | null;
  onChange(rect: NormalizedRect | null): void;
  hint: string;
}

export function CropBox({ src, value, onChange, hint }: CropBoxProps) {
  const frame = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const [draft, setDraft] = useState<NormalizedRect | null>(null);

  const point = (e: PointerEvent) => {
    const r = frame.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
  };
  const rectOf = (a: { x: number; y: number }, b: { x: number; y: number }): NormalizedRect => ({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  });

  const shown = draft ?? value;
  return (
    <div className="photo-crop">
      <div
        ref={frame}
        className="photo-crop-frame"
        data-testid="photo-crop"
        style={{ position: 'relative', touchAction: 'none', display: 'inline-block', maxWidth: '100%' }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          start.current = point(e);
          setDraft(null);
        }}
        onPointerMove={(e) => {
          if (start.current) setDraft(rectOf(start.current, point(e)));
        }}
        onPointerUp={(e) => {
          if (!start.current) return;
          const r = rectOf(start.current, point(e));
          start.current = null;
          setDraft(null);
          onChange(r.width < 0.05 || r.height < 0.05 ? null : r);
        }}
      >
        <img src={src} alt="" draggable={false} style={{ display: 'block', maxWidth: '100%', maxHeight: '60vh', userSelect: 'none' }} />
        {shown && (
          <div
            data-testid="photo-crop-box"
            aria-hidden="true"
            style={{
              position: 'absolute',
              left: `${shown.x * 100}%`,
              top: `${shown.y * 100}%`,
              width: `${shown.width * 100}%`,
              height: `${shown.height * 100}%`,
              outline: '2px solid #fff',
              boxShadow: '0 0 0 9999px rgba(0,0,0,0.45)',
              pointerEvents: 'none',
            }}
          />
        )}
      </div>
      <p className="photo-hint">{hint}</p>
    </div>
  );
}
