// The privacy statement (GDPR art. 13) built by the server from the active
// regulation, in the user's language (the server words it; it is fetched
// again when the language changes).
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import type { PrivacyStatement } from '../../types/api';

function List({ items }: { items: string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function PrivacyPage() {
  const { t, lang } = useI18n();
  const { data, error, loading } = useApi<PrivacyStatement>('/api/v1/privacy-statement', { lang });
  return (
    <Page
      title={t('public.privacy.title')}
      intro={data && <p>{t('public.privacy.intro', { controller: data.controller.name })}</p>}
      actions={
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      }
    >
      {loading && <Loading />}
      <ErrorNotice error={error} />
      {data && (
        <>
          <h2>{t('public.privacy.purposes')}</h2>
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('public.forms.purpose')}</th>
                  <th scope="col">{t('public.regulation.legalGround')}</th>
                  <th scope="col">{t('public.regulation.channels')}</th>
                  <th scope="col">{t('public.regulation.frequency')}</th>
                  <th scope="col">{t('public.regulation.retention')}</th>
                </tr>
              </thead>
              <tbody>
                {data.purposes.map((p) => (
                  <tr key={p.purpose}>
                    <th scope="row">
                      {t(`common.purpose.${p.purpose}` as MessageKey)}
                      <div class="hint">{p.description}</div>
                    </th>
                    <td>{p.legal_ground_text}</td>
                    <td>{p.channels.map((c) => t(`common.channel.${c}` as MessageKey)).join(', ')}</td>
                    <td>
                      {t('public.privacy.frequency', {
                        quota: p.frequency.quota,
                        days: p.frequency.period_days,
                      })}
                    </td>
                    <td>
                      {t('public.privacy.retention', {
                        recording: p.retention.recording_days,
                        evaluation: p.retention.evaluation_days,
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('public.privacy.subjects')}</h2>
          <List items={data.data_subjects} />
          <h2>{t('public.privacy.categories')}</h2>
          <List items={data.data_categories} />
          <h2>{t('public.privacy.recipients')}</h2>
          <List items={data.recipients} />
          <h2>{t('public.privacy.transfers')}</h2>
          <p>{data.transfers}</p>
          <h2>{t('public.privacy.rights')}</h2>
          <dl class="facts">
            {data.rights.map((right) => (
              <div key={right.rule} id={`rule-${right.rule}`}>
                <dt>
                  {right.title} <span class="badge">{right.rule}</span>
                </dt>
                <dd>{right.text}</dd>
              </div>
            ))}
          </dl>
          <h2>{t('public.privacy.answerTerm')}</h2>
          <p>{data.answer_term}</p>
          <h2>{t('public.privacy.whoToAsk')}</h2>
          <p>
            {data.who_to_ask}{' '}
            <a href={`mailto:${data.controller.contact_email}`}>{data.controller.contact_email}</a>
          </p>
          {data.controller.privacy_statement_url && (
            <p>
              <a href={data.controller.privacy_statement_url} rel="noopener noreferrer">
                {t('public.privacy.full')}
              </a>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
