// My requests: an extra moment (KSF-4.7, with the counter), the requests for
// another evaluator (KSF-4.6), and requests about my data to the privacy
// officer (AVG-12, AVG-15) with their deadlines.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { DaysLeft } from '../../components/days-left';
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { newestFirst } from './logic';
import { ExtraMomentPanel, label } from './parts';
import type { DataSubjectRequest, DataSubjectRequestKind, MyRequests, Overview } from './types';

const kKinds: DataSubjectRequestKind[] = ['access', 'rectification', 'erasure', 'objection'];

function requestBadge(status: string): string {
  if (status === 'granted' || status === 'fulfilled') return 'badge-ok';
  if (status === 'refused') return 'badge-bad';
  return 'badge-warn';
}

function DataRequestForm({ onDone }: { onDone: () => void }) {
  const { t, date } = useI18n();
  const [kind, setKind] = useState<DataSubjectRequestKind>('access');
  const action = useAction((chosen: DataSubjectRequestKind) =>
    api.post<DataSubjectRequest>('/api/v1/me/requests/data-access', { kind: chosen }),
  );
  const [made, setMade] = useState<DataSubjectRequest | null>(null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await action.run(kind);
        if (result) {
          setMade(result);
          onDone();
        }
      }}
    >
      <div class="field">
        <label for="agent-dsr-kind">{t('agent.dsr.kind')}</label>
        <select
          id="agent-dsr-kind"
          value={kind}
          onChange={(e) => {
            setKind((e.target as HTMLSelectElement).value as DataSubjectRequestKind);
            action.reset();
          }}
        >
          {kKinds.map((k) => (
            <option key={k} value={k}>
              {t(`agent.dsr.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="button-row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? t('agent.busy') : t('agent.dsr.submit')}
        </button>
      </div>
      <ErrorNotice error={action.error} />
      {action.done && made && <Success>{t('agent.dsr.done', { date: date(made.due_at) })}</Success>}
    </form>
  );
}

export function RequestsPage() {
  const { t, date, dateTime } = useI18n();
  const overview = useApi<Overview>('/api/v1/me/overview');
  const requests = useApi<MyRequests>('/api/v1/me/requests');
  const own = newestFirst(requests.data?.items ?? [], (r) => r.created_at);
  const dsr = newestFirst(requests.data?.data_subject_requests ?? [], (r) => r.received_at);
  const reloadAll = () => {
    overview.reload();
    requests.reload();
  };
  return (
    <Page title={t('agent.requests.title')} intro={<p>{t('agent.requests.intro')}</p>}>
      <ErrorNotice error={overview.error} />
      {overview.loading && !overview.data && <Loading />}
      {overview.data && (
        <ExtraMomentPanel extra={overview.data.extra_moments} onChanged={reloadAll} />
      )}
      <section class="card" aria-labelledby="agent-requests-list">
        <h2 id="agent-requests-list">{t('agent.requests.listTitle')}</h2>
        <ErrorNotice error={requests.error} />
        {requests.loading && !requests.data && <Loading />}
        {requests.data &&
          (own.length === 0 ? (
            <Empty>{t('agent.requests.empty')}</Empty>
          ) : (
            <div class="table-scroll">
              <table class="data agent-requests">
                <caption class="visually-hidden">{t('agent.requests.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agent.requests.date')}</th>
                    <th scope="col">{t('agent.requests.kind')}</th>
                    <th scope="col">{t('agent.requests.reason')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('agent.requests.decidedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {own.map((r) => (
                    <tr key={r.id} data-kind={r.kind} data-status={r.status}>
                      <th scope="row">{dateTime(r.created_at)}</th>
                      <td>
                        {label(t, 'agent.requests.kind', r.kind)}
                        {r.evaluation_id && (
                          <>
                            {' '}
                            (
                            <Link href={`/me/evaluations/${encodeURIComponent(r.evaluation_id)}`}>
                              {t('agent.requests.evaluation')}
                            </Link>
                            )
                          </>
                        )}
                      </td>
                      <td>{r.reason || '—'}</td>
                      <td>
                        <span class={`badge ${requestBadge(r.status)}`}>
                          {label(t, 'agent.requests.status', r.status)}
                        </span>
                      </td>
                      <td>{date(r.decided_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
      <section class="card" aria-labelledby="agent-dsr">
        <h2 id="agent-dsr">{t('agent.dsr.title')}</h2>
        <p class="hint">{t('agent.dsr.explain')}</p>
        <DataRequestForm onDone={requests.reload} />
        {requests.data &&
          (dsr.length === 0 ? (
            <Empty>{t('agent.dsr.empty')}</Empty>
          ) : (
            <div class="table-scroll">
              <table class="data">
                <caption class="visually-hidden">{t('agent.dsr.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agent.dsr.received')}</th>
                    <th scope="col">{t('agent.requests.kind')}</th>
                    <th scope="col">{t('agent.dsr.due')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dsr.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{dateTime(r.received_at)}</th>
                      <td>{label(t, 'agent.dsr.kind', r.kind)}</td>
                      <td>
                        {date(r.due_at)}
                        {!r.answered_at && (
                          <>
                            {' '}
                            <DaysLeft deadline={r.due_at} />
                          </>
                        )}
                        {r.extension_told_at && (
                          <span class="hint"> ({t('agent.dsr.extended')})</span>
                        )}
                      </td>
                      <td>
                        {r.answered_at ? (
                          <span class="badge badge-ok">
                            {t('agent.dsr.answered', { date: date(r.answered_at) })}
                          </span>
                        ) : (
                          <span class="badge badge-warn">{t('agent.dsr.open')}</span>
                        )}
                        {r.notes && <p class="hint">{r.notes}</p>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </Page>
  );
}
