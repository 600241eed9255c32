// KSF-3.10: complaints about how the regulation is applied, with the term
// within which management must take them up, and the answer.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { DaysLeft } from '../../components/days-left';
import { ErrorNotice, Empty, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { complaintState, sortComplaints } from './logic';
import { Badge, RuleRef } from './shared';
import type { Complaint, Employee, Items } from './types';

export function ComplaintsPage() {
  const { t } = useI18n();
  const list = useApi<Items<Complaint>>('/api/v1/complaints');
  const employees = useApi<Items<Employee>>('/api/v1/employees');
  const names: Record<string, string> = {};
  for (const e of employees.data?.items ?? []) names[e.id] = e.name;
  const items = list.data ? sortComplaints(list.data.items) : [];
  return (
    <Page
      title={t('manager.complaints.title')}
      intro={
        <p>
          {t('manager.complaints.intro')} <RuleRef rule="KSF-3.10" />
        </p>
      }
    >
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <Empty>{t('manager.complaints.none')}</Empty>}
      {items.map((c) => (
        <ComplaintCard key={c.id} complaint={c} who={names[c.complainant_id] ?? ''} onAnswered={list.reload} />
      ))}
    </Page>
  );
}

const kLevel = { open: 'warn', taken_up: 'warn', resolved: 'ok', appealed: 'bad', decided: '' } as const;

function ComplaintCard({
  complaint: c,
  who,
  onAnswered,
}: {
  complaint: Complaint;
  who: string;
  onAnswered: () => void;
}) {
  const { t, date } = useI18n();
  const state = complaintState(c);
  const [response, setResponse] = useState(c.response);
  const [resolved, setResolved] = useState(Boolean(c.resolved_at));
  const [missing, setMissing] = useState(false);
  const answer = useAction(() =>
    api.post<Complaint>(`/api/v1/complaints/${c.id}/answer`, { response: response.trim(), resolved }),
  );
  const headingId = `complaint-${c.id}`;
  const responseId = `complaint-${c.id}-response`;
  // KSF-3.10: the term runs until management takes the complaint up.
  const waiting = !c.taken_up_at;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!response.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (await answer.run()) onAnswered();
  };
  return (
    <article class="card mgmt-complaint" aria-labelledby={headingId} data-state={state}>
      <h2 id={headingId}>{c.subject || t('manager.complaints.noSubject')}</h2>
      <p class="mgmt-status-line">
        <Badge level={kLevel[state]}>{t(`manager.complaints.state.${state}` as MessageKey)}</Badge>{' '}
        {waiting && (
          <>
            {t('manager.complaints.respondBy', { date: date(c.respond_by) })} <DaysLeft deadline={c.respond_by} />
          </>
        )}
      </p>
      <dl class="mgmt-dl mgmt-dl-inline">
        <div>
          <dt>{t('manager.complaints.from')}</dt>
          <dd>{who || c.complainant_id}</dd>
        </div>
        <div>
          <dt>{t('manager.complaints.filed')}</dt>
          <dd>{date(c.filed_at)}</dd>
        </div>
        {c.taken_up_at && (
          <div>
            <dt>{t('manager.complaints.takenUp')}</dt>
            <dd>{date(c.taken_up_at)}</dd>
          </div>
        )}
        {c.resolved_at && (
          <div>
            <dt>{t('manager.complaints.resolvedAt')}</dt>
            <dd>{date(c.resolved_at)}</dd>
          </div>
        )}
        {c.appealed_at && (
          <div>
            <dt>{t('manager.complaints.appealed')}</dt>
            <dd>{date(c.appealed_at)}</dd>
          </div>
        )}
      </dl>
      <blockquote class="mgmt-quote">{c.text}</blockquote>
      {c.appeal_decided_at && (
        <p>
          <strong>{t('manager.complaints.appealDecision')}</strong> {c.appeal_decision} ({date(c.appeal_decided_at)})
        </p>
      )}
      {c.appealed_at && !c.appeal_decided_at && <p class="hint">{t('manager.complaints.appealPending')}</p>}
      {answer.done && <Success>{t('manager.complaints.answered')}</Success>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for={responseId}>{t('manager.complaints.response')}</label>
          <textarea
            id={responseId}
            rows={3}
            value={response}
            aria-invalid={missing}
            aria-describedby={missing ? `${responseId}-error` : undefined}
            onInput={(e) => setResponse(e.currentTarget.value)}
          />
          {missing && (
            <span id={`${responseId}-error`} class="mgmt-field-error">
              {t('manager.complaints.responseMissing')}
            </span>
          )}
        </div>
        <label class="mgmt-check">
          <input type="checkbox" checked={resolved} onChange={(e) => setResolved(e.currentTarget.checked)} />
          {t('manager.complaints.resolved')}
        </label>
        <ErrorNotice error={answer.error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={answer.busy}>
            {answer.busy ? t('manager.busy') : c.response ? t('manager.complaints.update') : t('manager.complaints.answer')}
          </button>
        </div>
      </form>
    </article>
  );
}
