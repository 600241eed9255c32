// The client's own agreements (KSF-6.2, KSF-6.3): under what it receives
// figures, and whether only aggregates.
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import type { ClientContract, Items } from '../../types/api';

export function ClientContractsPage() {
  const { t, date } = useI18n();
  const { data, error, loading } = useApi<Items<ClientContract>>('/api/v1/client/contracts');
  return (
    <Page title={t('client.contracts.title')} intro={<p>{t('client.contracts.intro')}</p>}>
      {loading && <Loading />}
      <ErrorNotice error={error} />
      {data && data.items.length === 0 && <Empty>{t('client.contracts.none')}</Empty>}
      {data?.items.map((c) => (
        <article class="card" key={c.id} aria-labelledby={`contract-${c.id}`}>
          <h2 id={`contract-${c.id}`}>
            {c.client_name} · {c.id}
          </h2>
          <dl class="facts">
            <dt>{t('client.contracts.signed')}</dt>
            <dd>{date(c.signed_at)}</dd>
            <dt>{t('client.contracts.validUntil')}</dt>
            <dd>{date(c.valid_until)}</dd>
            <dt>{t('client.contracts.purpose')}</dt>
            <dd>{t(`common.purpose.${c.purpose}` as MessageKey)}</dd>
            <dt>{t('client.contracts.level')}</dt>
            <dd>
              {c.individual_level
                ? t('client.contracts.individual')
                : t('client.contracts.aggregate')}
            </dd>
            <dt>{t('client.contracts.teams')}</dt>
            <dd>{c.team_ids.length}</dd>
            <dt>{t('client.contracts.informed')}</dt>
            <dd>{date(c.agents_informed_at)}</dd>
            <dt>{t('client.contracts.document')}</dt>
            <dd>
              <code class="hash">{c.document_sha256}</code>
            </dd>
          </dl>
        </article>
      ))}
    </Page>
  );
}
