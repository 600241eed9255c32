// Data-subject requests (AVG-12): each with its deadline counting down, one
// month after receipt, extendable once by two months if the person is told
// within the first month; record a new request, extend, answer.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { DaysLeft } from '../../components/days-left';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { dateInputValue } from '../../i18n/format';
import { requestTitleParts, sortByDeadline } from './requests-data';
import type {
  DataSubjectKind,
  DataSubjectRequest,
  DataSubjectRequestItem,
  DataSubjectRequestKind,
  Items,
} from './types';

const kKinds: DataSubjectRequestKind[] = ['access', 'erasure', 'objection', 'rectification'];
const kSubjects: DataSubjectKind[] = ['agent', 'customer'];

function NewRequest({ onOpened }: { onOpened: (request: DataSubjectRequest) => void }) {
  const { t } = useI18n();
  const today = dateInputValue(new Date());
  const [subjectKind, setSubjectKind] = useState<DataSubjectKind>('agent');
  const [subjectRef, setSubjectRef] = useState('');
  const [kind, setKind] = useState<DataSubjectRequestKind>('access');
  const [received, setReceived] = useState(today);
  const open = useAction(async () => {
    const created = await api.post<DataSubjectRequest>('/api/v1/data-subject-requests', {
      subject_kind: subjectKind,
      subject_ref: subjectRef.trim(),
      kind,
      received_at: received,
    });
    setSubjectRef('');
    onOpened(created);
    return created;
  });
  return (
    <form
      class="card"
      aria-labelledby="privacy-new"
      onSubmit={(event) => {
        event.preventDefault();
        void open.run();
      }}
    >
      <h2 id="privacy-new">{t('privacy.requests.new')}</h2>
      <div class="privacy-filter-grid">
        <div class="field">
          <label for="dsr-kind">{t('privacy.requests.kind')}</label>
          <select id="dsr-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as DataSubjectRequestKind)}>
            {kKinds.map((k) => (
              <option key={k} value={k}>
                {t(`privacy.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="dsr-subject-kind">{t('privacy.requests.subjectKind')}</label>
          <select
            id="dsr-subject-kind"
            value={subjectKind}
            onChange={(e) => setSubjectKind((e.target as HTMLSelectElement).value as DataSubjectKind)}
          >
            {kSubjects.map((k) => (
              <option key={k} value={k}>
                {t(`privacy.subject.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="dsr-ref">{t('privacy.requests.subjectRef')}</label>
          <input
            id="dsr-ref"
            type="text"
            required
            aria-describedby="dsr-ref-hint"
            value={subjectRef}
            onInput={(e) => setSubjectRef((e.target as HTMLInputElement).value)}
          />
          <span id="dsr-ref-hint" class="hint">
            {t('privacy.requests.subjectRefHint')}
          </span>
        </div>
        <div class="field">
          <label for="dsr-received">{t('privacy.requests.received')}</label>
          <input
            id="dsr-received"
            type="date"
            required
            max={today}
            value={received}
            onInput={(e) => setReceived((e.target as HTMLInputElement).value)}
          />
        </div>
      </div>
      <ErrorNotice error={open.error} />
      <div class="button-row">
        <button type="submit" class="primary" disabled={open.busy}>
          {open.busy ? t('privacy.requests.opening') : t('privacy.requests.open')}
        </button>
      </div>
    </form>
  );
}

function RequestCard({
  request,
  onChanged,
}: {
  request: DataSubjectRequestItem;
  onChanged: (message: string) => void;
}) {
  const { t, date } = useI18n();
  const [notes, setNotes] = useState('');
  const parts = requestTitleParts(request);
  const title = t('privacy.requests.heading', {
    kind: t(parts.kind),
    subject: t(parts.subject),
    ref: request.subject_ref,
  });
  const extend = useAction(async () => {
    const updated = await api.post<DataSubjectRequest>(
      `/api/v1/data-subject-requests/${encodeURIComponent(request.id)}/extend`,
    );
    onChanged(t('privacy.requests.extended', { title, date: date(updated.due_at) }));
  });
  const answer = useAction(async () => {
    await api.post<DataSubjectRequest>(
      `/api/v1/data-subject-requests/${encodeURIComponent(request.id)}/answer`,
      { notes: notes.trim() },
    );
    onChanged(t('privacy.requests.answered', { title }));
  });
  const headingId = `dsr-${request.id}`;
  const answered = Boolean(request.answered_at);
  return (
    <article class="card" aria-labelledby={headingId} data-request={request.id}>
      <h3 id={headingId}>{title}</h3>
      <dl class="privacy-facts">
        <dt>{t('privacy.requests.received')}</dt>
        <dd>{date(request.received_at)}</dd>
        <dt>{t('privacy.requests.due')}</dt>
        <dd>
          {date(request.due_at)} {!answered && <DaysLeft deadline={request.due_at} />}
        </dd>
        <dt>{t('privacy.requests.extension')}</dt>
        <dd>
          {request.extension_told_at
            ? t('privacy.requests.extendedOn', { date: date(request.extension_told_at) })
            : t('privacy.requests.notExtended')}
        </dd>
        <dt>{t('common.status')}</dt>
        <dd>
          {answered ? (
            <span class="badge badge-ok">
              {t('privacy.requests.answeredOn', { date: date(request.answered_at) })}
            </span>
          ) : request.overdue ? (
            <span class="badge badge-bad">{t('privacy.requests.overdue')}</span>
          ) : (
            <span class="badge badge-warn">{t('privacy.requests.open.status')}</span>
          )}
        </dd>
      </dl>
      {answered && request.notes && (
        <>
          <h4>{t('privacy.requests.answer')}</h4>
          <p class="privacy-notes">{request.notes}</p>
        </>
      )}
      {!answered && (
        <>
          <h4>{t('privacy.requests.extendTitle')}</h4>
          <p class="hint">{t('privacy.requests.extendHint')}</p>
          <ErrorNotice error={extend.error} />
          <div class="button-row">
            <button
              type="button"
              disabled={extend.busy || answer.busy || Boolean(request.extension_told_at)}
              onClick={() => void extend.run()}
              aria-describedby={headingId}
            >
              {extend.busy ? t('privacy.requests.extending') : t('privacy.requests.extend')}
            </button>
          </div>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void answer.run();
            }}
          >
            <h4>{t('privacy.requests.answer')}</h4>
            <div class="field">
              <label for={`${headingId}-notes`}>{t('privacy.requests.notes')}</label>
              <textarea
                id={`${headingId}-notes`}
                required
                aria-describedby={`${headingId}-notes-hint`}
                value={notes}
                onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)}
              />
              <span id={`${headingId}-notes-hint`} class="hint">
                {t('privacy.requests.notesHint')}
              </span>
            </div>
            <ErrorNotice error={answer.error} />
            <div class="button-row">
              <button type="submit" class="primary" disabled={answer.busy || extend.busy}>
                {answer.busy ? t('privacy.requests.answering') : t('privacy.requests.answerSubmit')}
              </button>
            </div>
          </form>
        </>
      )}
    </article>
  );
}

export function RequestsPage() {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const list = useApi<Items<DataSubjectRequestItem>>('/api/v1/data-subject-requests', { all: all ? 'true' : 'false' });
  const [message, setMessage] = useState<string | null>(null);
  const items = sortByDeadline(list.data?.items ?? [], all);
  return (
    <Page title={t('privacy.requests.title')} intro={<p>{t('privacy.requests.intro')}</p>}>
      {message && <Success>{message}</Success>}
      <NewRequest
        onOpened={(created) => {
          const parts = requestTitleParts(created);
          setMessage(
            t('privacy.requests.opened', {
              title: t('privacy.requests.heading', {
                kind: t(parts.kind),
                subject: t(parts.subject),
                ref: created.subject_ref,
              }),
            }),
          );
          list.reload();
        }}
      />
      <section aria-labelledby="privacy-list">
        <h2 id="privacy-list">{all ? t('privacy.requests.listAll') : t('privacy.requests.listOpen')}</h2>
        <div class="field privacy-inline">
          <input
            id="dsr-all"
            type="checkbox"
            checked={all}
            onChange={(e) => setAll((e.target as HTMLInputElement).checked)}
          />
          <label for="dsr-all">{t('privacy.requests.showAll')}</label>
        </div>
        <ErrorNotice error={list.error} />
        {list.loading && !list.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>{all ? t('privacy.requests.noneAll') : t('privacy.requests.none')}</Empty>
        ) : (
          items.map((request) => (
            <RequestCard
              key={request.id}
              request={request}
              onChanged={(text) => {
                setMessage(text);
                list.reload();
              }}
            />
          ))
        )}
      </section>
    </Page>
  );
}
