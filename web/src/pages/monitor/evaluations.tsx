// The evaluations this monitor wrote, filtered by status (draft, shared with
// the agent, closed), newest first.
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { countByStatus, type Evaluation, type Items, kStatuses, purposeKey, statusKey } from './model';

export function statusBadge(status: string): string {
  if (status === 'closed') return 'badge badge-ok';
  if (status === 'shared') return 'badge badge-warn';
  return 'badge';
}

export function EvaluationsPage() {
  const { t, date, number } = useI18n();
  const { search } = useLocation();
  const status = search.get('status') ?? '';
  const all = useApi<Items<Evaluation>>('/api/v1/evaluations');
  const list = useApi<Items<Evaluation>>('/api/v1/evaluations', { status });
  const counts = all.data ? countByStatus(all.data.items) : null;
  const items = list.data?.items ?? [];
  const setStatus = (next: string) =>
    navigate(next ? `/monitor/evaluations?status=${next}` : '/monitor/evaluations', { replace: true });
  return (
    <Page
      title={t('monitor.evaluations.title')}
      intro={<p>{t('monitor.evaluations.intro')}</p>}
      actions={<Link href="/monitor">{t('monitor.backToQueue')}</Link>}
    >
      <div class="monitor-filters">
        <div class="field">
          <label for="evaluation-status">{t('monitor.evaluations.filter')}</label>
          <select
            id="evaluation-status"
            value={status}
            onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
          >
            <option value="">
              {t('monitor.filter.all')}
              {all.data ? ` (${all.data.items.length})` : ''}
            </option>
            {kStatuses.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s))}
                {counts ? ` (${counts[s]})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && <Loading />}
      {list.data &&
        (items.length === 0 ? (
          <Empty>{t('monitor.evaluations.empty')}</Empty>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('monitor.evaluations.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitor.evaluations.created')}</th>
                  <th scope="col">{t('monitor.evaluations.evaluation')}</th>
                  <th scope="col">{t('monitor.queue.purpose')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col" class="num">
                    {t('monitor.evaluations.score')}
                  </th>
                  <th scope="col">{t('monitor.evaluations.agentView')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-evaluation={e.id}>
                    <td>{date(e.created_at)}</td>
                    <th scope="row">
                      <Link href={`/monitor/evaluations/${encodeURIComponent(e.id)}`}>
                        {t('monitor.evaluations.open', { id: e.id })}
                      </Link>
                    </th>
                    <td>{t(purposeKey(e.purpose))}</td>
                    <td>
                      <span class={statusBadge(e.status)}>{t(statusKey(e.status))}</span>
                    </td>
                    <td class="num">{e.score === null ? '—' : number(e.score, 1)}</td>
                    <td>{e.agent_view ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  );
}
