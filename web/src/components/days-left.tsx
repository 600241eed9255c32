// A deadline as days left, coloured by urgency and spelled out for screen
// readers; the exact date is in the title.
import { useI18n } from '../i18n';
import { daysUntil } from '../i18n/format';

export function DaysLeft({
  deadline,
  now,
  days: given,
}: {
  deadline: string | null | undefined;
  now?: number;
  // The server's own count when it sends one (it counts as the rule does).
  days?: number;
}) {
  const { t, date } = useI18n();
  if (!deadline) return <span>—</span>;
  const days = given ?? daysUntil(deadline, now);
  let level = 'ok';
  let text: string;
  if (Number.isNaN(days)) return <span>{deadline}</span>;
  if (days < 0) {
    level = 'late';
    text = t('common.days.late', { count: -days });
  } else if (days === 0) {
    level = 'urgent';
    text = t('common.days.today');
  } else {
    level = days <= 3 ? 'urgent' : 'ok';
    text = t('common.days.left', { count: days });
  }
  return (
    <span class={`days days-${level}`} title={date(deadline)} data-days={days}>
      {text}
    </span>
  );
}
