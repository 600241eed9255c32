// Complaints appealed to the works council because management did not take
// them up in time (KSF-3.10): the complaint, management's term and answer,
// and the council's decision.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { DaysLeft } from '../../components/days-left';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import type { Complaint, Items } from './types';

function Appeal({ complaint, onDecided }: { complaint: Complaint; onDecided: (subject: string) => void }) {
  const { t, date } = useI18n();
  const [decision, setDecision] = useState('');
  const decide = useAction(async () => {
    await api.post<Complaint>(`/api/v1/complaints/${encodeURIComponent(complaint.id)}/appeal-decision`, {
      decision: decision.trim(),
    });
    onDecided(complaint.subject);
  });
  const headingId = `appeal-${complaint.id}`;
  const fieldId = `${headingId}-decision`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('council.appeals.heading', { subject: complaint.subject })}</h2>
      <dl class="council-facts">
        <dt>{t('council.appeals.filed')}</dt>
        <dd>{date(complaint.filed_at)}</dd>
        <dt>{t('council.appeals.respondBy')}</dt>
        <dd>
          {date(complaint.respond_by)} <DaysLeft deadline={complaint.respond_by} />
        </dd>
        <dt>{t('council.appeals.appealed')}</dt>
        <dd>{date(complaint.appealed_at)}</dd>
        <dt>{t('council.appeals.takenUp')}</dt>
        <dd>{complaint.taken_up_at ? date(complaint.taken_up_at) : t('council.appeals.notTakenUp')}</dd>
      </dl>
      <h3>{t('council.appeals.text')}</h3>
      <blockquote class="council-quote">{complaint.text}</blockquote>
      <h3>{t('council.appeals.response')}</h3>
      {complaint.response ? (
        <blockquote class="council-quote">{complaint.response}</blockquote>
      ) : (
        <p class="empty">{t('council.appeals.noResponse')}</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void decide.run();
        }}
      >
        <div class="field">
          <label for={fieldId}>{t('council.appeals.decision')}</label>
          <textarea
            id={fieldId}
            required
            aria-describedby={`${fieldId}-hint`}
            value={decision}
            onInput={(event) => setDecision((event.target as HTMLTextAreaElement).value)}
          />
          <span id={`${fieldId}-hint`} class="hint">
            {t('council.appeals.decisionHint')}
          </span>
        </div>
        <ErrorNotice error={decide.error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={decide.busy}>
            {decide.busy ? t('council.appeals.busy') : t('council.appeals.submit')}
          </button>
        </div>
      </form>
    </article>
  );
}

export function AppealsPage() {
  const { t } = useI18n();
  const list = useApi<Items<Complaint>>('/api/v1/complaints');
  const [decided, setDecided] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Page title={t('council.appeals.title')} intro={<p>{t('council.appeals.intro')}</p>}>
      {decided && <Success>{t('council.appeals.done', { subject: decided })}</Success>}
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        list.data &&
        (items.length === 0 ? (
          <Empty>{t('council.appeals.none')}</Empty>
        ) : (
          items.map((complaint) => (
            <Appeal
              key={complaint.id}
              complaint={complaint}
              onDecided={(subject) => {
                setDecided(subject);
                list.reload();
              }}
            />
          ))
        ))
      )}
    </Page>
  );
}
