// The record of processing activities (AVG-30) and the DPIA record (AVG-35),
// readable on screen and printable (privacy.css has the print layout). The
// works council reads both too; its menu opens the same pages.
import { useState } from 'preact/hooks';
import { downloadWithProgress, saveBlob } from '../../api';
import { ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { Progress } from '../../components/progress';
import { useAction, useApi } from '../../hooks';
import type { I18n, MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import type { Activity, Bilingual, Controller, Dpia, Register } from './types';

function pick(lang: 'nl' | 'en', text: Bilingual | undefined): string {
  if (!text) return '';
  return lang === 'en' ? text.en || text.nl : text.nl || text.en;
}

function legalGround(t: I18n['t'], ground: string): string {
  return t(`privacy.legalGround.${ground}` as MessageKey);
}

function PrintButton() {
  const { t } = useI18n();
  return (
    <button type="button" onClick={() => window.print()}>
      {t('common.print')}
    </button>
  );
}

function ControllerView({ controller }: { controller: Controller }) {
  const { t } = useI18n();
  return (
    <dl class="privacy-facts">
      <dt>{t('privacy.record.controller')}</dt>
      <dd>{controller.name || '—'}</dd>
      <dt>{t('privacy.record.contact')}</dt>
      <dd>
        {controller.contact_email ? (
          <a href={`mailto:${controller.contact_email}`}>{controller.contact_email}</a>
        ) : (
          '—'
        )}
      </dd>
      <dt>{t('privacy.record.statement')}</dt>
      <dd>
        {controller.privacy_statement_url ? (
          <a href={controller.privacy_statement_url} rel="noreferrer">
            {controller.privacy_statement_url}
          </a>
        ) : (
          '—'
        )}
      </dd>
    </dl>
  );
}

export function ActivityView({ activity, full }: { activity: Activity; full: boolean }) {
  const i18n = useI18n();
  const { t, lang, number } = i18n;
  const id = `activity-${activity.purpose}`;
  return (
    <section class="card privacy-activity" aria-labelledby={id}>
      <h3 id={id}>{t(`common.purpose.${activity.purpose}` as MessageKey)}</h3>
      <p>{pick(lang, activity.description)}</p>
      <dl class="privacy-facts">
        <dt>{t('privacy.record.legalGround')}</dt>
        <dd>{legalGround(t, activity.legal_ground)}</dd>
        <dt>{t('privacy.record.interest')}</dt>
        <dd>{activity.legitimate_interest || '—'}</dd>
        <dt>{t('privacy.record.necessity')}</dt>
        <dd>{activity.necessity || '—'}</dd>
        <dt>{t('privacy.record.proportionality')}</dt>
        <dd>{activity.proportionality || '—'}</dd>
        <dt>{t('privacy.record.frequency')}</dt>
        <dd>
          {t('privacy.record.frequencyValue', {
            quota: number(activity.frequency.quota),
            days: number(activity.frequency.period_days),
          })}
        </dd>
        <dt>{t('privacy.record.retention')}</dt>
        <dd>
          {t('privacy.record.retentionValue', {
            recordings: number(activity.retention.recordings_days),
            evaluations: number(activity.retention.evaluations_days),
            term: number(activity.retention.evaluation_term_working_days),
          })}
        </dd>
        {full && activity.transfers && (
          <>
            <dt>{t('privacy.record.transfers')}</dt>
            <dd>{pick(lang, activity.transfers)}</dd>
          </>
        )}
      </dl>
      <h4>{t('privacy.record.subjects')}</h4>
      <ul>
        {activity.data_subjects.map((s) => (
          <li key={s.en}>{pick(lang, s)}</li>
        ))}
      </ul>
      <h4>{t('privacy.record.categories')}</h4>
      <ul>
        {activity.data_categories.map((c) => (
          <li key={c.en}>{pick(lang, c)}</li>
        ))}
      </ul>
      <h4>{t('privacy.record.recipients')}</h4>
      <div class="table-scroll">
        <table class="data">
          <caption class="visually-hidden">
            {t('privacy.record.recipientsOf', { purpose: t(`common.purpose.${activity.purpose}` as MessageKey) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('privacy.record.who')}</th>
              <th scope="col" class="num">
                {t('privacy.record.count')}
              </th>
              <th scope="col">{t('privacy.record.receives')}</th>
            </tr>
          </thead>
          <tbody>
            {activity.recipients.map((r) => (
              <tr key={r.who.en}>
                <th scope="row">{pick(lang, r.who)}</th>
                <td class="num">{r.count === null ? '—' : number(r.count)}</td>
                <td>{pick(lang, r.receives)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Measures({ measures }: { measures: Bilingual[] }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="privacy-measures">
      <h2 id="privacy-measures">{t('privacy.record.measures')}</h2>
      <ul class="privacy-measures">
        {measures.map((m) => (
          <li key={m.en}>{pick(lang, m)}</li>
        ))}
      </ul>
    </section>
  );
}

function Decisions({
  dpia,
  consent,
  protocol,
}: {
  dpia: { reference: string; date: string | null };
  consent: { reference: string; date: string | null };
  protocol: { reference: string; approved_at: string | null };
}) {
  const { t, date } = useI18n();
  const row = (label: MessageKey, reference: string, when: string | null) => (
    <tr>
      <th scope="row">{t(label)}</th>
      <td>{reference || '—'}</td>
      <td>{date(when)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="privacy-decisions">
      <h2 id="privacy-decisions">{t('privacy.record.decisions')}</h2>
      <div class="table-scroll">
        <table class="data">
          <caption class="visually-hidden">{t('privacy.record.decisions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('privacy.record.document')}</th>
              <th scope="col">{t('privacy.record.reference')}</th>
              <th scope="col">{t('common.date')}</th>
            </tr>
          </thead>
          <tbody>
            {row('privacy.record.dpia', dpia.reference, dpia.date)}
            {row('privacy.record.consent', consent.reference, consent.date)}
            {row('privacy.record.protocol', protocol.reference, protocol.approved_at)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RegulationLine({ title, version, activated }: { title: string; version: number; activated: string | null }) {
  const { t, date } = useI18n();
  return (
    <p>
      {t('privacy.record.regulation', { title, version, date: date(activated) })}
    </p>
  );
}

export function RegisterPage() {
  const i18n = useI18n();
  const { t, lang, date, dateTime, number } = i18n;
  const record = useApi<Register>('/api/v1/register');
  const [progress, setProgress] = useState<{ value: number; total: number | null } | null>(null);
  const download = useAction(async () => {
    setProgress({ value: 0, total: null });
    try {
      const { blob, filename } = await downloadWithProgress(
        '/api/v1/register',
        (value, total) => setProgress({ value, total }),
        { format: 'text' },
      );
      saveBlob(blob, filename ?? `fairqm-verwerkingsregister-${lang}.txt`);
    } finally {
      setProgress(null);
    }
  });
  const data = record.data;
  return (
    <Page
      title={t('privacy.register.title')}
      intro={<p>{t('privacy.register.intro')}</p>}
      actions={
        <>
          <PrintButton />
          <button type="button" disabled={download.busy} onClick={() => void download.run()}>
            {download.busy ? t('privacy.register.downloading') : t('privacy.register.download')}
          </button>
        </>
      }
    >
      {progress && (
        <Progress label={t('privacy.register.downloading')} value={progress.value} total={progress.total} />
      )}
      <ErrorNotice error={download.error} />
      {download.done && <Success>{t('privacy.register.downloaded')}</Success>}
      <ErrorNotice error={record.error} />
      {record.loading && <Loading />}
      {data && (
        <div class="privacy-record">
          <RegulationLine
            title={data.regulation.title}
            version={data.regulation.version}
            activated={data.regulation.activated_at}
          />
          <section aria-labelledby="privacy-controller">
            <h2 id="privacy-controller">{t('privacy.record.controllerTitle')}</h2>
            <ControllerView controller={data.controller} />
          </section>
          <section aria-labelledby="privacy-activities">
            <h2 id="privacy-activities">{t('privacy.register.activities')}</h2>
            {data.activities.map((a) => (
              <ActivityView key={a.purpose} activity={a} full />
            ))}
          </section>
          <section aria-labelledby="privacy-clients">
            <h2 id="privacy-clients">{t('privacy.register.clients')}</h2>
            <p>{t('privacy.register.minGroup', { count: number(data.client_min_group_size) })}</p>
            {data.client_contracts.length === 0 ? (
              <p class="empty">{t('privacy.register.noClients')}</p>
            ) : (
              <div class="table-scroll">
                <table class="data">
                  <caption class="visually-hidden">{t('privacy.register.clients')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('privacy.register.client')}</th>
                      <th scope="col">{t('privacy.register.purpose')}</th>
                      <th scope="col">{t('privacy.register.level')}</th>
                      <th scope="col">{t('privacy.record.legalGround')}</th>
                      <th scope="col">{t('privacy.register.valid')}</th>
                      <th scope="col" class="num">
                        {t('privacy.register.teams')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.client_contracts.map((c) => (
                      <tr key={`${c.client_name}-${c.signed_at}`}>
                        <th scope="row">{c.client_name}</th>
                        <td>{t(`common.purpose.${c.purpose}` as MessageKey)}</td>
                        <td>{c.individual_level ? t('privacy.register.individual') : t('privacy.register.aggregate')}</td>
                        <td>{legalGround(t, c.legal_ground)}</td>
                        <td>
                          {date(c.signed_at)} – {c.valid_until ? date(c.valid_until) : t('privacy.register.openEnded')}
                        </td>
                        <td class="num">{number(c.teams)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <Measures measures={data.security_measures} />
          <Decisions dpia={data.dpia} consent={data.works_council_consent} protocol={data.assessment_protocol} />
          <p class="hint">{t('privacy.record.generated', { at: dateTime(data.generated_at) })}</p>
        </div>
      )}
    </Page>
  );
}

export function DpiaPage() {
  const { t, dateTime, date, number } = useI18n();
  const record = useApi<Dpia>('/api/v1/dpia');
  const data = record.data;
  return (
    <Page title={t('privacy.dpia.title')} intro={<p>{t('privacy.dpia.intro')}</p>} actions={<PrintButton />}>
      <ErrorNotice error={record.error} />
      {record.loading && <Loading />}
      {data && (
        <div class="privacy-record">
          <RegulationLine
            title={data.regulation.title}
            version={data.regulation.version}
            activated={data.regulation.activated_at}
          />
          <section class="card" aria-labelledby="privacy-dpia-status">
            <h2 id="privacy-dpia-status">{t('privacy.dpia.status')}</h2>
            <p>
              {data.dpia.recorded ? (
                <span class="badge badge-ok">{t('privacy.dpia.recorded')}</span>
              ) : (
                <span class="badge badge-bad">{t('privacy.dpia.notRecorded')}</span>
              )}
            </p>
            <dl class="privacy-facts">
              <dt>{t('privacy.record.reference')}</dt>
              <dd>{data.dpia.reference || '—'}</dd>
              <dt>{t('common.date')}</dt>
              <dd>{date(data.dpia.date)}</dd>
              <dt>{t('privacy.dpia.minGroup')}</dt>
              <dd>{number(data.client_min_group_size)}</dd>
            </dl>
          </section>
          <section aria-labelledby="privacy-controller">
            <h2 id="privacy-controller">{t('privacy.record.controllerTitle')}</h2>
            <ControllerView controller={data.controller} />
          </section>
          <section aria-labelledby="privacy-processing">
            <h2 id="privacy-processing">{t('privacy.dpia.processing')}</h2>
            {data.processing.map((a) => (
              <ActivityView key={a.purpose} activity={a} full={false} />
            ))}
          </section>
          <Measures measures={data.measures} />
          <Decisions dpia={data.dpia} consent={data.works_council_consent} protocol={data.assessment_protocol} />
          <p class="hint">{t('privacy.record.generated', { at: dateTime(data.generated_at) })}</p>
        </div>
      )}
    </Page>
  );
}
