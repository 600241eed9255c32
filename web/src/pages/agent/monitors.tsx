// KSF-3.3 SHOW: who may monitor me now, for which purposes, until when.
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { purposeLabel } from './parts';
import type { Items, MonitorListing } from './types';

export function MonitorsPage() {
  const { t, date } = useI18n();
  const monitors = useApi<Items<MonitorListing>>('/api/v1/me/monitors');
  const items = monitors.data?.items ?? [];
  const anyClient = items.some((m) => m.client_id);
  return (
    <Page title={t('agent.monitors.title')} intro={<p>{t('agent.monitors.intro')}</p>}>
      <ErrorNotice error={monitors.error} />
      {monitors.loading && <Loading />}
      {monitors.data &&
        (items.length === 0 ? (
          <Empty>{t('agent.monitors.empty')}</Empty>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('agent.monitors.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agent.monitors.name')}</th>
                  <th scope="col">{t('agent.monitors.purposes')}</th>
                  <th scope="col">{t('agent.monitors.validFrom')}</th>
                  <th scope="col">{t('agent.monitors.validUntil')}</th>
                  {anyClient && <th scope="col">{t('agent.monitors.client')}</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={`${m.monitor_id}-${m.valid_from}`}>
                    <th scope="row">{m.monitor_name || m.monitor_id}</th>
                    <td>{m.purposes.map((p) => purposeLabel(t, p)).join(', ')}</td>
                    <td>{date(m.valid_from)}</td>
                    <td>{m.valid_until ? date(m.valid_until) : t('agent.monitors.noEnd')}</td>
                    {anyClient && <td>{m.client_id || '—'}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  );
}
