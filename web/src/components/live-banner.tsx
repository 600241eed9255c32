// TRANSPARENCY-live, KSF-6.4: the agent sees, while it happens, that a
// contact is being recorded or that someone listens in live, and by whom
// (by role for a client). Reminders of deadlines arrive on the same feed.
// The feed is the server's SSE stream /api/v1/me/notices; the browser's
// EventSource reconnects by itself and resumes with Last-Event-ID.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface Notice {
  seq: number;
  kind: 'recording_started' | 'live_listen_started' | 'live_listen_stopped' | 'reminder';
  who_role: string | null;
  who_name: string;
  subject_id: string;
  purpose: string | null;
  at: string;
  text_nl: string;
  text_en: string;
}

// What the banner shows for a list of notices in arrival order: live listens
// that have not stopped, and the latest recordings and reminders.
export function activeNotices(notices: Notice[]): Notice[] {
  const stopped = new Set(
    notices.filter((n) => n.kind === 'live_listen_stopped').map((n) => n.subject_id),
  );
  const shown = notices.filter(
    (n) =>
      (n.kind === 'live_listen_started' && !stopped.has(n.subject_id)) ||
      n.kind === 'recording_started' ||
      n.kind === 'reminder',
  );
  return shown.slice(-5).reverse();
}

export function LiveBanner() {
  const { t, lang, dateTime } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [dismissed, setDismissed] = useState<Set<number>>(new Set());
  const [missed, setMissed] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/v1/me/notices');
    const add = (event: MessageEvent<string>) => {
      try {
        const notice = JSON.parse(event.data) as Notice;
        setNotices((list) => [...list.slice(-50), notice]);
      } catch {
        // A malformed event is skipped; the audit view has the record.
      }
    };
    for (const kind of ['recording_started', 'live_listen_started', 'live_listen_stopped', 'reminder']) {
      source.addEventListener(kind, add as EventListener);
    }
    source.addEventListener('notices_missed', () => setMissed(true));
    return () => source.close();
  }, []);
  const shown = activeNotices(notices).filter((n) => !dismissed.has(n.seq));
  if (shown.length === 0 && !missed) return null;
  return (
    <div class="live-banner" role="status" aria-live="assertive" aria-atomic="false">
      {missed && <p>{t('common.live.missed')}</p>}
      <ul>
        {shown.map((n) => (
          <li key={n.seq} class={`live live-${n.kind}`} data-kind={n.kind}>
            <span class="live-dot" aria-hidden="true" />
            <strong>{t(`common.live.${n.kind}`)}</strong>{' '}
            <span>{lang === 'en' ? n.text_en : n.text_nl}</span>{' '}
            <time dateTime={n.at}>{dateTime(n.at)}</time>
            {n.kind !== 'live_listen_started' && (
              <button
                type="button"
                class="link-button"
                onClick={() => setDismissed(new Set([...dismissed, n.seq]))}
              >
                {t('common.dismiss')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
