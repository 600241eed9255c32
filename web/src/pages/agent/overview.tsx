// "Mijn monitoring": what may be recorded of me and how often (KSF-3.6,
// KSF-3.7), my deadlines and reminders, the extra moments left (KSF-4.7),
// and the way to everything else about me.
import { DaysLeft } from '../../components/days-left';
import { Link } from '../../components/link';
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { evaluationStage } from './logic';
import { channelLabel, ExtraMomentCounterView, purposeLabel } from './parts';
import type { Complaint, Evaluation, Items, MyRequests, Overview, Reminder } from './types';

const kMore: { href: string; nav: MessageKey; text: MessageKey }[] = [
  { href: '/me/recordings', nav: 'agent.nav.recordings', text: 'agent.overview.more.recordings' },
  { href: '/me/evaluations', nav: 'agent.nav.evaluations', text: 'agent.overview.more.evaluations' },
  { href: '/me/requests', nav: 'agent.nav.requests', text: 'agent.overview.more.requests' },
  { href: '/me/consents', nav: 'agent.nav.consents', text: 'agent.overview.more.consents' },
  { href: '/me/complaints', nav: 'agent.nav.complaints', text: 'agent.overview.more.complaints' },
  { href: '/me/monitors', nav: 'agent.nav.monitors', text: 'agent.overview.more.monitors' },
  { href: '/me/access-log', nav: 'agent.nav.access', text: 'agent.overview.more.access' },
  { href: '/me/export', nav: 'agent.nav.export', text: 'agent.overview.more.export' },
];

function Deadlines() {
  const { t, lang } = useI18n();
  const reminders = useApi<Items<Reminder>>('/api/v1/me/reminders', { limit: 20 });
  const evaluations = useApi<Items<Evaluation>>('/api/v1/me/evaluations');
  const complaints = useApi<Items<Complaint>>('/api/v1/me/complaints');
  const requests = useApi<MyRequests>('/api/v1/me/requests');
  const loading = reminders.loading || evaluations.loading || complaints.loading || requests.loading;
  const error = reminders.error ?? evaluations.error ?? complaints.error ?? requests.error;
  const toAcknowledge = (evaluations.data?.items ?? []).filter(
    (e) => evaluationStage(e) === 'to_acknowledge',
  ).length;
  const openComplaints = (complaints.data?.items ?? []).filter(
    (c) => !c.resolved_at && !c.response && !c.appeal_decided_at,
  ).length;
  const openDataRequests = (requests.data?.data_subject_requests ?? []).filter(
    (r) => !r.answered_at,
  ).length;
  const list = reminders.data?.items ?? [];
  const nothing = !toAcknowledge && !openComplaints && !openDataRequests && list.length === 0;
  return (
    <section class="card" aria-labelledby="agent-deadlines">
      <h2 id="agent-deadlines">{t('agent.overview.deadlinesTitle')}</h2>
      <ErrorNotice error={error} />
      {loading && !error ? (
        <Loading />
      ) : (
        <>
          {nothing && <p class="empty">{t('agent.overview.noDeadlines')}</p>}
          <ul class="agent-todo">
            {toAcknowledge > 0 && (
              <li>
                <Link href="/me/evaluations">
                  {t('agent.overview.toAcknowledge', { count: toAcknowledge })}
                </Link>
              </li>
            )}
            {openComplaints > 0 && (
              <li>
                <Link href="/me/complaints">
                  {t('agent.overview.openComplaints', { count: openComplaints })}
                </Link>
              </li>
            )}
            {openDataRequests > 0 && (
              <li>
                <Link href="/me/requests">
                  {t('agent.overview.openDataRequests', { count: openDataRequests })}
                </Link>
              </li>
            )}
          </ul>
          {list.length > 0 && (
            <div class="table-scroll">
              <table class="data">
                <caption class="visually-hidden">{t('agent.overview.remindersCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agent.overview.reminder')}</th>
                    <th scope="col">{t('agent.overview.due')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id}>
                      <td>
                        {lang === 'en' ? r.text_en || r.text : r.text_nl || r.text}
                        {r.rule && (
                          <>
                            {' '}
                            <span class="hint">({t('agent.rule', { rule: r.rule })})</span>
                          </>
                        )}
                      </td>
                      <td>
                        <DaysLeft deadline={r.due_at} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function OverviewPage() {
  const { t, date, number } = useI18n();
  const overview = useApi<Overview>('/api/v1/me/overview');
  const o = overview.data;
  return (
    <Page title={t('agent.overview.title')} intro={<p>{t('agent.overview.intro')}</p>}>
      <ErrorNotice error={overview.error} />
      {overview.loading && <Loading />}
      {o && (
        <>
          <div class="grid-2">
            <section class="card" aria-labelledby="agent-regulation">
              <h2 id="agent-regulation">{t('agent.overview.regulation')}</h2>
              {o.regulation_active && o.regulation ? (
                <p>
                  {t('agent.overview.regulationVersion', {
                    title: o.regulation.title,
                    version: o.regulation.version,
                  })}{' '}
                  · <Link href="/regulation">{t('agent.overview.readRegulation')}</Link>
                </p>
              ) : (
                <p class="notice notice-warning">{t('agent.overview.noRegulation')}</p>
              )}
              <p>
                {o.informed
                  ? t('agent.overview.informed', { date: date(o.informed_at) })
                  : t('agent.overview.notInformed')}
              </p>
            </section>
            <section class="card" aria-labelledby="agent-extra-title">
              <h2 id="agent-extra-title">{t('agent.extra.title')}</h2>
              <ExtraMomentCounterView extra={o.extra_moments} />
              {o.extra_moments.allowed > 0 && (
                <p>
                  <Link href="/me/requests">{t('agent.extra.request')}</Link>
                </p>
              )}
            </section>
          </div>
          <section class="card" aria-labelledby="agent-recorded">
            <h2 id="agent-recorded">{t('agent.overview.recordedTitle')}</h2>
            {o.purposes.length === 0 ? (
              <p class="empty">{t('agent.overview.noPurposes')}</p>
            ) : (
              <div class="table-scroll">
                <table class="data">
                  <caption class="visually-hidden">{t('agent.overview.recordedCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agent.purpose')}</th>
                      <th scope="col">{t('agent.channels')}</th>
                      <th scope="col">{t('agent.overview.frequency')}</th>
                      <th scope="col">{t('agent.overview.thisPeriod')}</th>
                      <th scope="col">{t('agent.overview.retention')}</th>
                      <th scope="col">{t('agent.overview.term')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.purposes.map((p) => (
                      <tr key={p.purpose}>
                        <th scope="row">{purposeLabel(t, p.purpose)}</th>
                        <td>{p.channels.map((c) => channelLabel(t, c)).join(', ')}</td>
                        <td>
                          {t('agent.overview.frequencyValue', {
                            count: p.frequency_quota,
                            days: number(p.frequency_period_days),
                          })}
                        </td>
                        <td>
                          {t('agent.overview.periodValue', {
                            used: number(p.recorded_in_period),
                            quota: number(p.frequency_quota),
                            left: number(p.left_in_period),
                            end: date(p.period_end),
                          })}
                        </td>
                        <td>
                          {t('agent.overview.days', { count: p.recording_retention_days })}
                        </td>
                        <td>
                          {t('agent.overview.workingDays', {
                            count: p.evaluation_term_working_days,
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      <Deadlines />
      <section aria-labelledby="agent-more">
        <h2 id="agent-more">{t('agent.overview.moreTitle')}</h2>
        <ul class="cards agent-more">
          {kMore.map((item) => (
            <li class="card" key={item.href}>
              <Link href={item.href}>{t(item.nav)}</Link>
              <p class="hint">{t(item.text)}</p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
