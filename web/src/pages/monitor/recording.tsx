// One recording: what it is, its content in the player (decided and audited
// per request by the server), and an evaluation to start from it. A
// recording the monitor may not open (another purpose, KSF-3.4; no
// authorisation, KSF-3.3) shows the refusal and nothing plays.
import { DaysLeft } from '../../components/days-left';
import { Link } from '../../components/link';
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { PausedList, RecordingContent } from './content';
import {
  channelKey,
  formFor,
  type Items,
  purposeKey,
  type RecordingDetails,
  startEvaluation,
} from './model';
import type { EvaluationForm } from './score';

export function RecordingPage({ id }: { id: string }) {
  const { t, date, duration } = useI18n();
  const { search } = useLocation();
  const info = useApi<RecordingDetails>(`/api/v1/recordings/${encodeURIComponent(id)}`);
  const forms = useApi<Items<EvaluationForm>>('/api/v1/forms');
  const start = useAction(async (formId: string) => {
    const r = info.data!.recording;
    const evaluation = await startEvaluation(r, formId);
    navigate(`/monitor/evaluations/${encodeURIComponent(evaluation.id)}`);
    return evaluation;
  });
  const details = info.data;
  const purpose = search.get('purpose') ?? details?.recording.purpose ?? '';
  const form = details && forms.data ? formFor(forms.data.items, details.recording.purpose) : undefined;
  return (
    <Page
      title={t('monitor.recording.title')}
      actions={<Link href="/monitor">{t('monitor.backToQueue')}</Link>}
    >
      {info.loading && <Loading />}
      <ErrorNotice error={info.error} />
      {details && (
        <div class="grid-2">
          <section class="card" aria-labelledby="recording-facts">
            <h2 id="recording-facts">{details.agent_name}</h2>
            <dl class="facts">
              <dt>{t('monitor.queue.purpose')}</dt>
              <dd>{t(purposeKey(details.recording.purpose))}</dd>
              <dt>{t('monitor.queue.channel')}</dt>
              <dd>{t(channelKey(details.recording.channel))}</dd>
              <dt>{t('monitor.queue.recorded')}</dt>
              <dd>{date(details.recording.created_at)}</dd>
              {details.recording.duration_ms > 0 && (
                <>
                  <dt>{t('monitor.recording.length')}</dt>
                  <dd>{duration(details.recording.duration_ms / 1000)}</dd>
                </>
              )}
              <dt>{t('monitor.queue.deadline')}</dt>
              <dd>
                {details.days_left === null ? (
                  t('monitor.recording.evaluated')
                ) : (
                  <DaysLeft deadline={details.recording.evaluate_by} />
                )}
              </dd>
              <dt>{t('monitor.recording.destroyAt')}</dt>
              <dd>{date(details.recording.destroy_at)}</dd>
            </dl>
            <PausedList details={details} />
            {details.days_left !== null && (
              <div class="button-row">
                <button
                  type="button"
                  class="primary"
                  disabled={!form || start.busy}
                  aria-busy={start.busy}
                  onClick={() => form && void start.run(form.id)}
                >
                  {start.busy ? t('monitor.queue.starting') : t('monitor.queue.start')}
                </button>
              </div>
            )}
            {forms.data && !form && <p class="hint">{t('monitor.queue.noForm')}</p>}
            <ErrorNotice error={start.error} />
            <ErrorNotice error={forms.error} />
          </section>
          <section class="card" aria-labelledby="recording-content">
            <h2 id="recording-content">{t('monitor.recording.content')}</h2>
            <RecordingContent details={details} purpose={purpose} />
          </section>
        </div>
      )}
    </Page>
  );
}
