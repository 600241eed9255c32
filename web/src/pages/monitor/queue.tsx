// The monitor's queue (KSF-4.4): recordings to evaluate, soonest deadline
// first with the days left; an evaluation starts from here. Above it, a
// notice while an authorisation waits for the monitor's acknowledgement of
// confidentiality (KSF-3.3).
import { useState } from 'preact/hooks';
import { DaysLeft } from '../../components/days-left';
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { PendingAuthorisationsNotice } from './confidentiality';
import {
  channelKey,
  filterQueue,
  formFor,
  type Items,
  purposeKey,
  type QueueItem,
  startEvaluation,
} from './model';
import type { EvaluationForm } from './score';

export function QueuePage() {
  const { t, date, duration } = useI18n();
  const queue = useApi<Items<QueueItem>>('/api/v1/queue');
  const forms = useApi<Items<EvaluationForm>>('/api/v1/forms');
  const [purpose, setPurpose] = useState('');
  const [channel, setChannel] = useState('');
  const [starting, setStarting] = useState<string | null>(null);
  const start = useAction(async (item: QueueItem, formId: string) => {
    setStarting(item.recording.id);
    try {
      const evaluation = await startEvaluation(item.recording, formId);
      navigate(`/monitor/evaluations/${encodeURIComponent(evaluation.id)}`);
      return evaluation;
    } finally {
      setStarting(null);
    }
  });

  const items = queue.data?.items ?? [];
  const purposes = [...new Set(items.map((i) => i.recording.purpose))].sort();
  const channels = [...new Set(items.map((i) => i.recording.channel))].sort();
  const shown = filterQueue(items, { purpose, channel });
  const dueSoon = items.filter((i) => i.due_soon || i.overdue).length;

  return (
    <Page title={t('monitor.queue.title')} intro={<p>{t('monitor.queue.intro')}</p>}>
      <PendingAuthorisationsNotice />
      <ErrorNotice error={queue.error} />
      <ErrorNotice error={forms.error} />
      <ErrorNotice error={start.error} />
      {queue.loading && <Loading />}
      {queue.data && (
        <>
          <p role="status">
            {t('monitor.queue.count', { count: items.length })}{' '}
            {dueSoon > 0 && <strong>{t('monitor.queue.dueSoon', { count: dueSoon })}</strong>}
          </p>
          <div class="monitor-filters">
            <div class="field">
              <label for="queue-purpose">{t('monitor.filter.purpose')}</label>
              <select
                id="queue-purpose"
                value={purpose}
                onChange={(e) => setPurpose((e.target as HTMLSelectElement).value)}
              >
                <option value="">{t('monitor.filter.all')}</option>
                {purposes.map((p) => (
                  <option key={p} value={p}>
                    {t(purposeKey(p))}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="queue-channel">{t('monitor.filter.channel')}</label>
              <select
                id="queue-channel"
                value={channel}
                onChange={(e) => setChannel((e.target as HTMLSelectElement).value)}
              >
                <option value="">{t('monitor.filter.all')}</option>
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {t(channelKey(c))}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {shown.length === 0 ? (
            <Empty>{t('monitor.queue.empty')}</Empty>
          ) : (
            <div class="table-scroll">
              <table class="data">
                <caption class="visually-hidden">{t('monitor.queue.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitor.queue.deadline')}</th>
                    <th scope="col">{t('monitor.queue.agent')}</th>
                    <th scope="col">{t('monitor.queue.purpose')}</th>
                    <th scope="col">{t('monitor.queue.channel')}</th>
                    <th scope="col">{t('monitor.queue.recorded')}</th>
                    <th scope="col">{t('monitor.queue.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((item) => {
                    const r = item.recording;
                    const form = forms.data ? formFor(forms.data.items, r.purpose) : undefined;
                    const busy = starting === r.id;
                    return (
                      <tr key={r.id} data-recording={r.id}>
                        <td>
                          <DaysLeft deadline={item.deadline} days={item.days_left} />
                          <br />
                          <span class="hint">{date(item.deadline)}</span>
                        </td>
                        <th scope="row">{item.agent_name}</th>
                        <td>{t(purposeKey(r.purpose))}</td>
                        <td>
                          {t(channelKey(r.channel))}
                          {r.duration_ms > 0 && (
                            <span class="hint"> · {duration(r.duration_ms / 1000)}</span>
                          )}
                          {r.extra_moment && (
                            <>
                              {' '}
                              <span class="badge badge-warn">{t('monitor.queue.extraMoment')}</span>
                            </>
                          )}
                        </td>
                        <td>{date(r.created_at)}</td>
                        <td>
                          <div class="button-row">
                            <Link
                              href={`/monitor/recordings/${encodeURIComponent(r.id)}?purpose=${r.purpose}`}
                              aria-label={t('monitor.queue.openLabel', { agent: item.agent_name, date: date(r.created_at) })}
                            >
                              {t('monitor.queue.open')}
                            </Link>
                            <button
                              type="button"
                              class="primary"
                              disabled={!form || start.busy}
                              aria-busy={busy}
                              aria-label={t('monitor.queue.startLabel', { agent: item.agent_name, date: date(r.created_at) })}
                              onClick={() => form && void start.run(item, form.id)}
                            >
                              {busy ? t('monitor.queue.starting') : t('monitor.queue.start')}
                            </button>
                          </div>
                          {forms.data && !form && <p class="hint">{t('monitor.queue.noForm')}</p>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
