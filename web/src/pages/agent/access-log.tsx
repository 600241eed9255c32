// AVG-5-accountability SHOW: who opened my data and when, refused attempts
// included; and who listened in live (KSF-6.4, TRANSPARENCY-live). A
// client's user appears by role only.
import { useState } from 'preact/hooks';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { type AccessFilter, accessKind, filterAccess, monitorNames } from './logic';
import { purposeLabel, roleLabel } from './parts';
import type { AccessEntry, Items, LiveListen, MonitorListing } from './types';

const kFilters: AccessFilter[] = ['all', 'others', 'refused'];
const kPage = 200;
const kMax = 1000;

function LiveListens() {
  const { t, dateTime } = useI18n();
  const listens = useApi<Items<LiveListen>>('/api/v1/me/live-listens');
  const items = listens.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="agent-live">
      <h2 id="agent-live">{t('agent.live.title')}</h2>
      <ErrorNotice error={listens.error} />
      {listens.loading && !listens.data && <Loading />}
      {listens.data &&
        (items.length === 0 ? (
          <Empty>{t('agent.live.empty')}</Empty>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('agent.live.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agent.live.started')}</th>
                  <th scope="col">{t('agent.live.ended')}</th>
                  <th scope="col">{t('agent.access.who')}</th>
                  <th scope="col">{t('agent.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{dateTime(l.started_at)}</th>
                    <td>
                      {l.active ? (
                        <span class="badge badge-bad">{t('agent.live.now')}</span>
                      ) : (
                        dateTime(l.ended_at)
                      )}
                    </td>
                    <td>
                      {l.listener_role === 'client'
                        ? t('agent.live.clientListener', { name: l.client_name })
                        : `${l.listener_name || l.listener_id} (${roleLabel(t, l.listener_role)})`}
                    </td>
                    <td>{purposeLabel(t, l.purpose)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

export function AccessLogPage() {
  const { t, dateTime } = useI18n();
  const { account } = useSession();
  const [limit, setLimit] = useState(kPage);
  const [filter, setFilter] = useState<AccessFilter>('others');
  const monitors = useApi<Items<MonitorListing>>('/api/v1/me/monitors');
  const names = monitorNames(monitors.data?.items);
  const log = useApi<Items<AccessEntry>>('/api/v1/me/access-log', { limit });
  const selfId = account?.employee_id || undefined;
  const all = log.data?.items ?? [];
  const shown = filterAccess(all, filter, selfId);
  const who = (e: AccessEntry) => {
    if ((!e.actor_id && !e.actor_role) || e.actor_role === 'system' || e.actor_id === 'system') {
      return t('agent.access.system');
    }
    if (selfId && e.actor_id === selfId) return t('agent.access.me');
    const role = roleLabel(t, e.actor_role);
    return e.actor_id ? `${names.get(e.actor_id) ?? e.actor_id} (${role})` : role;
  };
  return (
    <Page title={t('agent.access.title')} intro={<p>{t('agent.access.intro')}</p>}>
      <div class="field agent-filter">
        <label for="agent-access-filter">{t('agent.access.filter')}</label>
        <select
          id="agent-access-filter"
          value={filter}
          onChange={(e) => setFilter((e.target as HTMLSelectElement).value as AccessFilter)}
        >
          {kFilters.map((f) => (
            <option key={f} value={f}>
              {t(`agent.access.filter.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={log.error} />
      {log.loading && <Loading />}
      {log.data && (
        <>
          <p role="status" class="hint">
            {t('agent.access.count', { count: shown.length })}
          </p>
          {shown.length === 0 ? (
            <Empty>{t('agent.access.empty')}</Empty>
          ) : (
            <div class="table-scroll">
              <table class="data">
                <caption class="visually-hidden">{t('agent.access.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agent.access.when')}</th>
                    <th scope="col">{t('agent.access.who')}</th>
                    <th scope="col">{t('agent.access.what')}</th>
                    <th scope="col">{t('agent.access.subject')}</th>
                    <th scope="col">{t('agent.purpose')}</th>
                    <th scope="col">{t('agent.access.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.seq} data-allowed={e.allowed}>
                      <th scope="row">{dateTime(e.at)}</th>
                      <td>{who(e)}</td>
                      <td>
                        {t(`agent.access.kind.${accessKind(e.action)}`)} <code>{e.action}</code>
                      </td>
                      <td>
                        {e.subject_kind}
                        {e.subject_id && e.subject_id !== selfId && (
                          <>
                            {' '}
                            <code>{e.subject_id}</code>
                          </>
                        )}
                      </td>
                      <td>{e.purpose ? purposeLabel(t, e.purpose) : '—'}</td>
                      <td>
                        {e.allowed ? (
                          <span class="badge badge-ok">{t('agent.access.allowed')}</span>
                        ) : (
                          <span class="badge badge-bad">{t('agent.access.refused')}</span>
                        )}
                        {e.rule && (
                          <span class="hint"> ({t('agent.rule', { rule: e.rule })})</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {all.length >= limit && limit < kMax && (
            <div class="button-row">
              <button type="button" onClick={() => setLimit(Math.min(kMax, limit + kPage * 2))}>
                {t('agent.access.more')}
              </button>
            </div>
          )}
        </>
      )}
      <LiveListens />
    </Page>
  );
}
