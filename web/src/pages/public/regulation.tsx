// The active regulation in plain language (KSF-3.10: public to every agent;
// KSF-3.6 SHOW: the frequencies). Each part carries the rule it serves as an
// anchor, so a refusal's "rule" link lands on the part that explains it.
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import type { PurposeRules, Regulation } from '../../types/api';

function Rule({ id }: { id: string }) {
  return (
    <span class="badge" id={`rule-${id}`}>
      {id}
    </span>
  );
}

function PurposeCard({ rules }: { rules: PurposeRules }) {
  const { t } = useI18n();
  return (
    <article class="card" aria-labelledby={`purpose-${rules.purpose}`}>
      <h3 id={`purpose-${rules.purpose}`}>{t(`common.purpose.${rules.purpose}` as MessageKey)}</h3>
      {!rules.enabled ? (
        <p>{t('public.regulation.purposeNotUsed')}</p>
      ) : (
        <dl class="facts">
          <dt>{t('public.regulation.channels')}</dt>
          <dd>{rules.channels.map((c) => t(`common.channel.${c}` as MessageKey)).join(', ')}</dd>
          <dt>
            {t('public.regulation.frequency')} <Rule id="KSF-3.6" />
          </dt>
          <dd>
            {t('public.regulation.frequencyText', {
              quota: rules.frequency_quota,
              days: rules.frequency_period_days,
            })}
            {rules.min_gap_days > 0 && (
              <>
                <br />
                {t('public.regulation.minGap', { days: rules.min_gap_days })}
              </>
            )}
          </dd>
          <dt>
            {t('public.regulation.retention')} <Rule id="AVG-5-storage" />
          </dt>
          <dd>
            {t('public.regulation.retentionText', {
              recording: rules.recording_retention_days,
              evaluation: rules.evaluation_retention_days,
            })}
          </dd>
          <dt>
            {t('public.regulation.evaluationTerm')} <Rule id="KSF-4.4" />
          </dt>
          <dd>
            {t('public.regulation.evaluationTermText', { days: rules.evaluation_term_working_days })}
          </dd>
          <dt>{t('public.regulation.legalGround')}</dt>
          <dd>{t(`public.regulation.legal.${rules.legal_ground}` as MessageKey)}</dd>
          <dt>
            {t('public.regulation.interest')} <Rule id="KSF-2.1-interest" />
          </dt>
          <dd>{rules.legitimate_interest}</dd>
          <dt>
            {t('public.regulation.necessity')} <Rule id="KSF-3.5" />
          </dt>
          <dd>{rules.necessity_justification}</dd>
          <dt>{t('public.regulation.proportionality')}</dt>
          <dd>{rules.proportionality_justification}</dd>
        </dl>
      )}
    </article>
  );
}

export function RegulationPage() {
  const { t, date } = useI18n();
  const { data, error, loading } = useApi<Regulation>('/api/v1/regulations/active');
  const none = error && error.status === 404;
  return (
    <Page title={t('public.regulation.title')} intro={<p>{t('public.regulation.intro')}</p>}>
      {loading && <Loading />}
      {none && (
        <p class="notice notice-warning" id="rule-KSF-3.1">
          {t('public.regulation.none')}
        </p>
      )}
      {!none && <ErrorNotice error={error} />}
      {data && (
        <>
          <div class="card">
            <h2>{data.title}</h2>
            <p>{t('public.regulation.version', { version: data.version, date: date(data.activated_at) })}</p>
            <p id="rule-KSF-3.11">
              {data.works_council_consent_at
                ? t('public.regulation.consent', {
                    date: date(data.works_council_consent_at),
                    reference: data.works_council_consent_reference,
                  })
                : t('public.regulation.consentMissing')}
            </p>
            <p>
              {t('public.regulation.controller')}: {data.controller_name}
            </p>
          </div>
          <h2>{t('public.regulation.purposes')}</h2>
          <div class="cards cards-wide">
            {data.purposes.map((rules) => (
              <PurposeCard key={rules.purpose} rules={rules} />
            ))}
          </div>
          <h2>{t('public.regulation.assessment')}</h2>
          <div class="card">
            <h3>
              {t('public.regulation.extraMoments')} <Rule id="KSF-4.7" />
            </h3>
            <p>
              {t('public.regulation.extraMomentsText', {
                count: data.extra_moments_per_period,
                days: data.assessment_period_days,
              })}
            </p>
            <h3>
              {t('public.regulation.protocol')} <Rule id="KSF-4.1" />
            </h3>
            <p>
              {t('public.regulation.protocolText', {
                reference: data.assessment_protocol_reference || '—',
                date: date(data.assessment_protocol_approved_at),
              })}
            </p>
            <h3>
              {t('public.regulation.complaints')} <Rule id="KSF-3.10" />
            </h3>
            <p>{t('public.regulation.complaintsText', { days: data.complaint_term_days })}</p>
            <h3>
              {t('public.regulation.clients')} <Rule id="KSF-6.1" />
            </h3>
            <p>{t('public.regulation.clientsText', { count: data.client_min_group_size })}</p>
            <h3>
              {t('public.regulation.dpia')} <Rule id="AVG-35" />
            </h3>
            <p>
              {t('public.regulation.dpiaText', {
                reference: data.dpia_reference || '—',
                date: date(data.dpia_at),
              })}
            </p>
          </div>
          <h2>{t('public.regulation.rightsTitle')}</h2>
          <div class="card">
            <p>{t('public.regulation.rightsText')}</p>
          </div>
          <h2>{t('public.regulation.whoToAsk')}</h2>
          <div class="card">
            <p>
              {t('public.regulation.whoToAskText', { email: data.contact_email })}{' '}
              <a href={`mailto:${data.contact_email}`}>{data.contact_email}</a>
            </p>
          </div>
        </>
      )}
    </Page>
  );
}
