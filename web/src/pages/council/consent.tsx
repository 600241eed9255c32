// The works council's first page: versions of the regulation submitted for
// its consent (KSF-3.11), each with what it changes against the active
// version, what is still missing, and the decision — consent with date and
// reference, or refusal with a reference and a reason. The versions table
// shows every decision, a refusal with its date, reference and reason.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { dateInputValue } from '../../i18n/format';
import { awaiting, baseline, consentTimestamp, diffRegulation } from './diff';
import { DiffView } from './diff-view';
import type { Items, Regulation, RegulationMissing } from './types';

function MissingList({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const missing = useApi<RegulationMissing>(`/api/v1/regulations/${encodeURIComponent(id)}/missing`);
  if (missing.loading) return <Loading />;
  if (missing.error) return <ErrorNotice error={missing.error} />;
  const data = missing.data;
  if (!data) return null;
  if (data.complete || data.missing.length === 0) {
    return <p class="council-complete">{t('council.missing.complete')}</p>;
  }
  return (
    <div class="notice notice-warning">
      <p>{t('council.missing.intro', { count: data.missing.length })}</p>
      <ul>
        {data.missing.map((item) => (
          <li key={`${item.rule}-${item.reason_en}`}>
            {lang === 'en' ? item.reason_en : item.reason_nl} (<code>{item.rule}</code>)
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface Decided {
  kind: 'consent' | 'reject';
  version: number;
  reference: string;
}

function DecisionForm({
  regulation,
  onDecided,
}: {
  regulation: Regulation;
  onDecided: (decided: Decided) => void;
}) {
  const { t } = useI18n();
  const today = dateInputValue(new Date());
  const [day, setDay] = useState(today);
  const [consentRef, setConsentRef] = useState('');
  const [rejectRef, setRejectRef] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const id = regulation.id;
  const consent = useAction(async () => {
    const at = consentTimestamp(day);
    await api.post<Regulation>(`/api/v1/regulations/${encodeURIComponent(id)}/consent`, {
      consent_at: at ?? day,
      reference: consentRef.trim(),
    });
    onDecided({ kind: 'consent', version: regulation.version, reference: consentRef.trim() });
  });
  const reject = useAction(async () => {
    await api.post<Regulation>(`/api/v1/regulations/${encodeURIComponent(id)}/reject`, {
      reference: rejectRef.trim(),
      reason: rejectReason.trim(),
    });
    onDecided({ kind: 'reject', version: regulation.version, reference: rejectRef.trim() });
  });
  return (
    <div class="grid-2 council-decide">
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void consent.run();
        }}
      >
        <h4>{t('council.consent.title')}</h4>
        <p class="hint">{t('council.consent.hint')}</p>
        <div class="field">
          <label for={`${id}-consent-date`}>{t('council.consent.date')}</label>
          <input
            id={`${id}-consent-date`}
            type="date"
            required
            max={today}
            value={day}
            onInput={(event) => setDay((event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-consent-ref`}>{t('council.consent.reference')}</label>
          <input
            id={`${id}-consent-ref`}
            type="text"
            required
            aria-describedby={`${id}-consent-ref-hint`}
            value={consentRef}
            onInput={(event) => setConsentRef((event.target as HTMLInputElement).value)}
          />
          <span id={`${id}-consent-ref-hint`} class="hint">
            {t('council.consent.referenceHint')}
          </span>
        </div>
        <ErrorNotice error={consent.error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={consent.busy || reject.busy}>
            {consent.busy ? t('council.consent.busy') : t('council.consent.submit')}
          </button>
        </div>
      </form>
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void reject.run();
        }}
      >
        <h4>{t('council.reject.title')}</h4>
        <p class="hint">{t('council.reject.hint')}</p>
        <div class="field">
          <label for={`${id}-reject-ref`}>{t('council.reject.reference')}</label>
          <input
            id={`${id}-reject-ref`}
            type="text"
            required
            aria-describedby={`${id}-reject-ref-hint`}
            value={rejectRef}
            onInput={(event) => setRejectRef((event.target as HTMLInputElement).value)}
          />
          <span id={`${id}-reject-ref-hint`} class="hint">
            {t('council.reject.referenceHint')}
          </span>
        </div>
        <div class="field">
          <label for={`${id}-reject-reason`}>{t('council.reject.reason')}</label>
          <textarea
            id={`${id}-reject-reason`}
            rows={4}
            aria-describedby={`${id}-reject-reason-hint`}
            value={rejectReason}
            onInput={(event) => setRejectReason((event.target as HTMLTextAreaElement).value)}
          />
          <span id={`${id}-reject-reason-hint`} class="hint">
            {t('council.reject.reasonHint')}
          </span>
        </div>
        <ErrorNotice error={reject.error} />
        <div class="button-row">
          <button type="submit" class="danger" disabled={consent.busy || reject.busy}>
            {reject.busy ? t('council.reject.busy') : t('council.reject.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

function Submitted({
  regulation,
  base,
  onDecided,
}: {
  regulation: Regulation;
  base: Regulation | null;
  onDecided: (decided: Decided) => void;
}) {
  const { t, date } = useI18n();
  const diff = useMemo(() => diffRegulation(base, regulation), [base, regulation]);
  const headingId = `reg-${regulation.id}-title`;
  return (
    <article class="card council-regulation" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('council.regulation.heading', { version: regulation.version, title: regulation.title })}
      </h2>
      <p>
        {t('council.regulation.submitted', { date: date(regulation.submitted_at) })}
      </p>
      <h3>{t('council.missing.title')}</h3>
      <MissingList id={regulation.id} />
      <h3>{t('council.diff.title')}</h3>
      <DiffView diff={diff} baseVersion={base ? base.version : null} idPrefix={regulation.id} />
      <h3>{t('council.decide.title')}</h3>
      <DecisionForm regulation={regulation} onDecided={onDecided} />
    </article>
  );
}

const kStatusBadge: Record<string, string> = {
  draft: 'badge',
  submitted: 'badge badge-warn',
  rejected: 'badge badge-bad',
  active: 'badge badge-ok',
  superseded: 'badge',
};

export function statusLabel(regulation: Regulation): MessageKey {
  if (regulation.status === 'submitted' && regulation.works_council_consent_at) {
    return 'council.status.consented';
  }
  return `council.status.${regulation.status}` as MessageKey;
}

// The council's decision on a version: consent with date and reference, a
// refusal with date, reference and reason (KSF-3.11); '—' when undecided.
export function CouncilDecision({ regulation: r }: { regulation: Regulation }) {
  const { t, date } = useI18n();
  const refused = r.status === 'rejected' || Boolean(r.works_council_rejected_at);
  if (!r.works_council_consent_at && !refused) return <>—</>;
  const reason = (r.works_council_rejection_reason ?? '').trim();
  const rejectionReference = (r.works_council_rejection_reference ?? '').trim();
  return (
    <div class="council-decision">
      {refused && (
        <p class="council-rejection">
          {r.works_council_rejected_at
            ? t('council.versions.rejectedOn', { date: date(r.works_council_rejected_at) })
            : t('council.versions.rejected')}
          {rejectionReference && (
            <>
              <br />
              <span class="hint">{rejectionReference}</span>
            </>
          )}
          <br />
          {reason ? (
            <span class="council-reason">{t('council.versions.reason', { reason })}</span>
          ) : (
            <span class="hint">{t('council.versions.noReason')}</span>
          )}
        </p>
      )}
      {r.works_council_consent_at && (
        <p>
          {t('council.versions.consentOn', { date: date(r.works_council_consent_at) })}
          <br />
          <span class="hint">{r.works_council_consent_reference}</span>
        </p>
      )}
    </div>
  );
}

function Versions({ regulations }: { regulations: Regulation[] }) {
  const { t, date } = useI18n();
  const shown = regulations
    .filter((r) => r.status !== 'draft')
    .sort((a, b) => b.version - a.version);
  return (
    <section aria-labelledby="council-versions">
      <h2 id="council-versions">{t('council.versions.title')}</h2>
      <p class="hint">{t('council.versions.hint')}</p>
      {shown.length === 0 ? (
        <Empty>{t('council.versions.none')}</Empty>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">{t('council.versions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('council.versions.version')}</th>
                <th scope="col">{t('council.versions.regulation')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('council.versions.submitted')}</th>
                <th scope="col">{t('council.versions.consent')}</th>
                <th scope="col">{t('council.versions.active')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-version={r.version}>
                  <th scope="row">{r.version}</th>
                  <td>{r.title}</td>
                  <td>
                    <span class={kStatusBadge[r.status] ?? 'badge'}>{t(statusLabel(r))}</span>
                  </td>
                  <td>{date(r.submitted_at)}</td>
                  <td>
                    <CouncilDecision regulation={r} />
                  </td>
                  <td>
                    {r.activated_at ? date(r.activated_at) : '—'}
                    {r.superseded_at ? ` – ${date(r.superseded_at)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ConsentPage() {
  const { t } = useI18n();
  const list = useApi<Items<Regulation>>('/api/v1/regulations');
  const [decided, setDecided] = useState<Decided | null>(null);
  const regulations = list.data?.items ?? [];
  const base = baseline(regulations);
  const groups = awaiting(regulations);
  return (
    <Page title={t('council.consent.pageTitle')} intro={<p>{t('council.consent.intro')}</p>}>
      {decided && (
        <Success>
          {decided.kind === 'consent'
            ? t('council.consent.done', { version: decided.version, reference: decided.reference })
            : t('council.reject.done', { version: decided.version, reference: decided.reference })}
        </Success>
      )}
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        list.data && (
          <>
            {groups.open.length === 0 ? (
              <Empty>{t('council.consent.none')}</Empty>
            ) : (
              groups.open.map((regulation) => (
                <Submitted
                  key={regulation.id}
                  regulation={regulation}
                  base={base}
                  onDecided={(d) => {
                    setDecided(d);
                    list.reload();
                  }}
                />
              ))
            )}
            <Versions regulations={regulations} />
          </>
        )
      )}
    </Page>
  );
}
