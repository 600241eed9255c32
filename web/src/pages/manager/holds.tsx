// KSF-4.9: recordings kept longer than the evaluation needs, only with the
// agent's consent, for an urgent reason and for a set time.
import { ErrorNotice, Empty, Loading } from '../../components/notice';
import { DaysLeft } from '../../components/days-left';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { RuleRef, useChannelName, usePurposeName } from './shared';
import type { Hold, Items } from './types';

export function HoldsPage() {
  const { t, date } = useI18n();
  const purposeName = usePurposeName();
  const channelName = useChannelName();
  const list = useApi<Items<Hold>>('/api/v1/holds');
  const items = list.data ? [...list.data.items].sort((a, b) => a.days_left - b.days_left) : [];
  return (
    <Page
      title={t('manager.holds.title')}
      intro={
        <p>
          {t('manager.holds.intro')} <RuleRef rule="KSF-4.9" />
        </p>
      }
    >
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <Empty>{t('manager.holds.none')}</Empty>}
      {items.length > 0 && (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">{t('manager.holds.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manager.holds.col.agent')}</th>
                <th scope="col">{t('manager.holds.col.recording')}</th>
                <th scope="col">{t('manager.holds.col.reason')}</th>
                <th scope="col">{t('manager.holds.col.consent')}</th>
                <th scope="col">{t('manager.holds.col.until')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.consent.id}>
                  <th scope="row">{h.agent_name}</th>
                  <td>
                    {t('manager.holds.recording', {
                      purpose: purposeName(h.recording.purpose),
                      channel: channelName(h.recording.channel),
                      date: date(h.recording.created_at),
                    })}
                  </td>
                  <td>{h.consent.reason || '—'}</td>
                  <td>{t('manager.holds.consentGiven', { date: date(h.consent.given_at) })}</td>
                  <td>
                    {h.consent.hold_until ? (
                      <>
                        {date(h.consent.hold_until)} <DaysLeft deadline={h.consent.hold_until} />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
