// Progress for long work (exports, reports, uploads): a real <progress>
// element with a text label that screen readers announce.
import { useI18n } from '../i18n';

export function Progress({
  label,
  value,
  total,
}: {
  label: string;
  value: number;
  // null: unknown length, shows an indeterminate bar with the amount so far.
  total: number | null;
}) {
  const { bytes, percent } = useI18n();
  const known = total !== null && total > 0;
  return (
    <div class="progress" role="status" aria-live="polite">
      <label>
        <span>
          {label}{' '}
          {known ? `${percent(Math.min(1, value / total))} (${bytes(value)})` : bytes(value)}
        </span>
        {known ? <progress max={total} value={value} /> : <progress />}
      </label>
    </div>
  );
}
