// KSF-3.11, KSF-3.12: every version of the regulation with its status
// (draft, submitted, rejected, active, superseded), the works council's
// decision (consent, or refusal with reference and reason), and where a new
// draft starts: from the active version or from scratch.
import { Link } from '../../components/link';
import { ErrorNotice, Empty, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { activeOf, rejectionOf, sortRegulations, statusLevel } from './logic';
import { Badge, RejectionText, RuleRef } from './shared';
import type { Items, Regulation } from './types';

// The works council's decision on a version: its consent with reference
// and date, or its refusal with date, reference and reason.
function CouncilDecision({ regulation }: { regulation: Regulation }) {
  const { date } = useI18n();
  const rejection = rejectionOf(regulation);
  if (!regulation.works_council_consent_reference && !rejection) return <>—</>;
  return (
    <>
      {regulation.works_council_consent_reference && (
        <>
          {regulation.works_council_consent_reference}
          {regulation.works_council_consent_at && (
            <div class="hint">{date(regulation.works_council_consent_at)}</div>
          )}
        </>
      )}
      {rejection && <RejectionText rejection={rejection} />}
    </>
  );
}

export function RegulationsPage() {
  const { t, date } = useI18n();
  const list = useApi<Items<Regulation>>('/api/v1/regulations');
  const items = list.data ? sortRegulations(list.data.items) : [];
  const active = list.data ? activeOf(list.data.items) : undefined;
  return (
    <Page
      title={t('manager.reg.title')}
      intro={
        <p>
          {t('manager.reg.intro')} <RuleRef rule="KSF-3.11" /> <RuleRef rule="KSF-3.12" />
        </p>
      }
      actions={
        <>
          {active && (
            <Link class="button primary" href={`/manager/regulations/new?from=${active.id}`}>
              {t('manager.reg.newFromActive')}
            </Link>
          )}
          <Link class="button" href="/manager/regulations/new">
            {t('manager.reg.newEmpty')}
          </Link>
        </>
      }
    >
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <Empty>{t('manager.reg.none')}</Empty>}
      {items.length > 0 && (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">{t('manager.reg.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manager.reg.col.version')}</th>
                <th scope="col">{t('manager.reg.col.title')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('manager.reg.col.dates')}</th>
                <th scope="col">{t('manager.reg.col.consent')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-status={r.status} data-version={r.version}>
                  <th scope="row">
                    <Link href={`/manager/regulations/${r.id}`}>
                      {t('manager.reg.versionLink', { version: r.version })}
                    </Link>
                  </th>
                  <td>{r.title || <span class="empty">{t('manager.reg.noTitle')}</span>}</td>
                  <td>
                    <Badge level={statusLevel(r.status)}>{t(`manager.reg.status.${r.status}` as MessageKey)}</Badge>
                  </td>
                  <td>
                    <ul class="mgmt-plain">
                      <li>{t('manager.reg.createdAt', { date: date(r.created_at) })}</li>
                      {r.submitted_at && <li>{t('manager.reg.submittedAt', { date: date(r.submitted_at) })}</li>}
                      {r.activated_at && <li>{t('manager.reg.activatedAt', { date: date(r.activated_at) })}</li>}
                      {r.superseded_at && <li>{t('manager.reg.supersededAt', { date: date(r.superseded_at) })}</li>}
                    </ul>
                  </td>
                  <td>
                    <CouncilDecision regulation={r} />
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
