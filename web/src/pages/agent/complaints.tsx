// KSF-3.10: my complaints about how the regulation is applied, the answer,
// and the appeal to the works council when management did not take one up
// in time.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { DaysLeft } from '../../components/days-left';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { complaintStage, newestFirst } from './logic';
import type { Complaint, Items } from './types';

function stageClass(stage: string): string {
  if (stage === 'answered' || stage === 'appeal_decided') return 'badge-ok';
  if (stage === 'overdue') return 'badge-bad';
  return 'badge-warn';
}

function FileComplaint({ onDone }: { onDone: () => void }) {
  const { t, date } = useI18n();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const action = useAction((body: { subject: string; text: string }) =>
    api.post<Complaint>('/api/v1/complaints', body),
  );
  const [made, setMade] = useState<Complaint | null>(null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await action.run({ subject: subject.trim(), text: text.trim() });
        if (result) {
          setMade(result);
          setSubject('');
          setText('');
          onDone();
        }
      }}
    >
      <div class="field">
        <label for="agent-complaint-subject">{t('agent.complaints.subject')}</label>
        <input
          id="agent-complaint-subject"
          required
          maxLength={256}
          value={subject}
          onInput={(e) => setSubject((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="agent-complaint-text">{t('agent.complaints.text')}</label>
        <textarea
          id="agent-complaint-text"
          required
          maxLength={16000}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="button-row">
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? t('agent.busy') : t('agent.complaints.file')}
        </button>
      </div>
      <ErrorNotice error={action.error} />
      {action.done && made && (
        <Success>{t('agent.complaints.filed', { date: date(made.respond_by) })}</Success>
      )}
    </form>
  );
}

function ComplaintCard({ c, onChanged }: { c: Complaint; onChanged: () => void }) {
  const { t, date } = useI18n();
  const stage = complaintStage(c);
  const appeal = useAction(() =>
    api.post<Complaint>(`/api/v1/complaints/${encodeURIComponent(c.id)}/appeal`),
  );
  const answered = stage === 'answered' || stage === 'appeal_decided' || stage === 'appealed';
  return (
    <li class="card" data-complaint={c.id}>
      <h3>
        {c.subject}{' '}
        <span class={`badge ${stageClass(stage)}`}>{t(`agent.complaint.stage.${stage}`)}</span>
      </h3>
      <p class="hint">
        {t('agent.complaints.filedAt', { date: date(c.filed_at) })}
        {c.taken_up_at && <> · {t('agent.complaints.takenUpAt', { date: date(c.taken_up_at) })}</>}
        {c.resolved_at && <> · {t('agent.complaints.resolvedAt', { date: date(c.resolved_at) })}</>}
        {c.appealed_at && <> · {t('agent.complaints.appealedAt', { date: date(c.appealed_at) })}</>}
      </p>
      <p class="agent-prewrap">{c.text}</p>
      {!answered && (
        <p>
          {t('agent.complaints.respondBy')}: {date(c.respond_by)} <DaysLeft deadline={c.respond_by} />
        </p>
      )}
      {c.response && (
        <>
          <h4>{t('agent.complaints.response')}</h4>
          <p class="agent-prewrap">{c.response}</p>
        </>
      )}
      {c.appeal_decided_at && (
        <>
          <h4>{t('agent.complaints.appealDecision', { date: date(c.appeal_decided_at) })}</h4>
          <p class="agent-prewrap">{c.appeal_decision}</p>
        </>
      )}
      {c.appealable && !c.appealed_at && (
        <>
          {c.overdue && <p class="hint">{t('agent.complaints.appealHint')}</p>}
          <div class="button-row">
            <button
              type="button"
              disabled={appeal.busy}
              aria-label={t('agent.complaints.appealLabel', { subject: c.subject })}
              onClick={async () => {
                if (await appeal.run()) onChanged();
              }}
            >
              {appeal.busy ? t('agent.busy') : t('agent.complaints.appeal')}
            </button>
          </div>
        </>
      )}
      <ErrorNotice error={appeal.error} />
      {appeal.done && <Success>{t('agent.complaints.appealed')}</Success>}
    </li>
  );
}

export function ComplaintsPage() {
  const { t } = useI18n();
  const complaints = useApi<Items<Complaint>>('/api/v1/me/complaints');
  const items = newestFirst(complaints.data?.items ?? [], (c) => c.filed_at);
  return (
    <Page title={t('agent.complaints.title')} intro={<p>{t('agent.complaints.intro')}</p>}>
      <section class="card" aria-labelledby="agent-complaint-file">
        <h2 id="agent-complaint-file">{t('agent.complaints.fileTitle')}</h2>
        <FileComplaint onDone={complaints.reload} />
      </section>
      <section aria-labelledby="agent-complaint-list">
        <h2 id="agent-complaint-list">{t('agent.complaints.listTitle')}</h2>
        <ErrorNotice error={complaints.error} />
        {complaints.loading && !complaints.data && <Loading />}
        {complaints.data &&
          (items.length === 0 ? (
            <Empty>{t('agent.complaints.empty')}</Empty>
          ) : (
            <ul class="agent-complaints">
              {items.map((c) => (
                <ComplaintCard key={c.id} c={c} onChanged={complaints.reload} />
              ))}
            </ul>
          ))}
      </section>
    </Page>
  );
}
