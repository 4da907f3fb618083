/** Accessible progress bar; indeterminate (no aria-valuenow) while the total is unknown. */
export function ProgressBar(props: { label: string; value: number; max: number; detail?: string }) {
  const known = props.max > 0;
  const pct = known ? Math.min(100, Math.round((props.value / props.max) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{props.label}</span>
        <span className="progress-detail">{props.detail ?? (known ? `${pct}%` : '')}</span>
      </div>
      <div
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? pct : undefined}
        className={known ? 'progress-track' : 'progress-track indeterminate'}
      >
        <div className="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
      </div>
    </div>
  );
}
