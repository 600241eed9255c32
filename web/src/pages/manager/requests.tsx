// KSF-4.6, KSF-4.7: what agents asked for and is still open — an extra
// assessment moment, another evaluator, access to their data.
import { ErrorNotice, Empty, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { RuleRef } from './shared';
import type { AgentRequest, Employee, Items } from './types';

const kKindRule: Record<AgentRequest['kind'], string> = {
  extra_moment: 'KSF-4.7',
  other_evaluator: 'KSF-4.6',
  access: 'AVG-12',
};

export function RequestsPage() {
  const { t, dateTime } = useI18n();
  const list = useApi<Items<AgentRequest>>('/api/v1/requests');
  const employees = useApi<Items<Employee>>('/api/v1/employees');
  const names: Record<string, string> = {};
  for (const e of employees.data?.items ?? []) names[e.id] = e.name;
  const items = list.data ? [...list.data.items].sort((a, b) => a.created_at.localeCompare(b.created_at)) : [];
  return (
    <Page
      title={t('manager.requests.title')}
      intro={
        <p>
          {t('manager.requests.intro')} <RuleRef rule="KSF-4.6" /> <RuleRef rule="KSF-4.7" />
        </p>
      }
    >
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <Empty>{t('manager.requests.none')}</Empty>}
      {items.length > 0 && (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">{t('manager.requests.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manager.requests.col.agent')}</th>
                <th scope="col">{t('manager.requests.col.kind')}</th>
                <th scope="col">{t('manager.requests.col.details')}</th>
                <th scope="col">{t('manager.requests.col.received')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-kind={r.kind}>
                  <th scope="row">{r.agent_name}</th>
                  <td>
                    {t(`manager.requests.kind.${r.kind}` as MessageKey)} <RuleRef rule={kKindRule[r.kind]} />
                  </td>
                  <td>
                    {r.reason && <p class="mgmt-long">{r.reason}</p>}
                    {r.requested_evaluator_id && (
                      <p>
                        {t('manager.requests.evaluator', {
                          name: names[r.requested_evaluator_id] ?? r.requested_evaluator_id,
                        })}
                      </p>
                    )}
                    {r.evaluation_id && <p class="hint">{t('manager.requests.evaluation', { id: r.evaluation_id })}</p>}
                  </td>
                  <td>{dateTime(r.created_at)}</td>
                  <td>{t(`manager.requests.status.${r.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{t('manager.requests.handled')}</p>
    </Page>
  );
}
