// One evaluation (monitoring moment) from draft to close: the recording in
// the player beside the form (weights, critical questions, N/A, required
// comments, the running score), notes at the player's current time, saving
// the answers, sharing the written outcome with the agent (KSF-3.8), the
// feedback meeting (KSF-4.5), closing, and the printable written evaluation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, toApiTime } from '../../api';
import { Link } from '../../components/link';
import { ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import type { PlayerNote } from '../../components/player';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { dateTimeInputValue, formatClock, parseDateTimeInput } from '../../i18n/format';
import { PausedList, RecordingContent } from './content';
import {
  channelKey,
  type Evaluation,
  purposeKey,
  type RecordingDetails,
  statusKey,
} from './model';
import { statusBadge } from './evaluations';
import {
  answersFrom,
  type Draft,
  type DraftAnswer,
  draftFrom,
  type EvaluationForm,
  type FormQuestion,
  needsComment,
  type Problem,
  runningScore,
  type ScoreIssue,
  validateDraft,
} from './score';

const kProblemKey: Record<Problem, MessageKey> = {
  unanswered: 'monitor.form.error.unanswered',
  na_not_allowed: 'monitor.form.error.naNotAllowed',
  out_of_range: 'monitor.form.error.outOfRange',
  comment_required: 'monitor.form.error.commentRequired',
  unknown_question: 'monitor.form.error.unanswered',
  answered_twice: 'monitor.form.error.unanswered',
  duplicate_question: 'monitor.form.error.unanswered',
  invalid_question: 'monitor.form.error.unanswered',
  no_weight: 'monitor.form.error.noWeight',
};

function questionDomId(question: FormQuestion, part: string): string {
  return `q-${question.id.replace(/[^\w-]/g, '_')}-${part}`;
}

function QuestionField({
  question,
  answer,
  issue,
  disabled,
  onChange,
}: {
  question: FormQuestion;
  answer: DraftAnswer;
  issue: ScoreIssue | undefined;
  disabled: boolean;
  onChange: (next: DraftAnswer) => void;
}) {
  const { t, number } = useI18n();
  const failedCritical = question.critical && !answer.na && answer.score === 0;
  const commentNeeded = needsComment(question, answer);
  const errorId = questionDomId(question, 'error');
  const commentId = questionDomId(question, 'comment');
  const scores = Array.from({ length: question.max_score + 1 }, (_, i) => i);
  const answerInvalid = issue && issue.problem !== 'comment_required';
  const commentInvalid = issue?.problem === 'comment_required';
  return (
    <fieldset
      class={`question${failedCritical ? ' question-failed-critical' : ''}`}
      data-question={question.id}
      disabled={disabled}
    >
      <legend>{question.text}</legend>
      <p class="question-meta">
        {t('monitor.form.weight', { weight: number(question.weight, Number.isInteger(question.weight) ? 0 : 1) })}
        {' · '}
        {t('monitor.form.max', { max: question.max_score })}
        {question.critical && (
          <>
            {' · '}
            <strong class="badge badge-bad">{t('monitor.form.critical')}</strong>
          </>
        )}
        {question.comment_required && (
          <>
            {' · '}
            {t('monitor.form.commentRule', { max: question.max_score })}
          </>
        )}
      </p>
      <div class="question-answers">
        {scores.map((score) => (
          <label key={score}>
            <input
              type="radio"
              name={questionDomId(question, 'score')}
              id={score === 0 ? questionDomId(question, 'first') : undefined}
              value={String(score)}
              checked={!answer.na && answer.score === score}
              aria-invalid={answerInvalid ? true : undefined}
              aria-describedby={answerInvalid ? errorId : undefined}
              onChange={() => onChange({ ...answer, score, na: false })}
            />
            {score}
          </label>
        ))}
        {question.allow_na && (
          <label>
            <input
              type="radio"
              name={questionDomId(question, 'score')}
              value="na"
              checked={answer.na}
              onChange={() => onChange({ ...answer, score: null, na: true })}
            />
            {t('monitor.form.na')}
          </label>
        )}
      </div>
      {failedCritical && (
        <p class="field-error">{t('monitor.form.criticalFailed')}</p>
      )}
      <div class="field">
        <label for={commentId}>
          {t('monitor.form.comment')}
          {commentNeeded && <> ({t('common.required')})</>}
        </label>
        <textarea
          id={commentId}
          rows={2}
          value={answer.comment}
          required={commentNeeded}
          aria-invalid={commentInvalid ? true : undefined}
          aria-describedby={commentInvalid ? errorId : undefined}
          onInput={(e) => onChange({ ...answer, comment: (e.target as HTMLTextAreaElement).value })}
        />
      </div>
      {issue && (
        <p class="field-error" id={errorId}>
          {t(kProblemKey[issue.problem], { max: question.max_score })}
        </p>
      )}
    </fieldset>
  );
}

function ScorePanel({ form, draft, saved }: { form: EvaluationForm; draft: Draft; saved: number | null }) {
  const { t, number } = useI18n();
  const running = runningScore(form, draft);
  const uncapped = runningScore(form, draft, { ignoreCritical: true });
  const failed = running.autoFailed
    ? form.sections.flatMap((s) => s.questions).find((q) => q.id === running.failedQuestion)
    : undefined;
  return (
    <div class={`score-panel${failed ? ' score-capped' : ''}`} role="status" aria-live="polite" aria-atomic="true">
      <div>
        <span>{t('monitor.score.running')} </span>
        <span class="score-value" data-testid="running-score">
          {running.score === null ? '—' : number(running.score, 1)}
        </span>
        <span> / 100</span>
      </div>
      <div>{t('monitor.score.answered', { answered: running.answered, total: running.total })}</div>
      {saved !== null && <div>{t('monitor.score.saved', { score: number(saved, 1) })}</div>}
      {failed && (
        <p class="field-error">
          {t('monitor.score.criticalEffect', {
            question: failed.text,
            without: uncapped.score === null ? '—' : number(uncapped.score, 1),
          })}
        </p>
      )}
    </div>
  );
}

function RecordingPanel({
  evaluation,
  recordingId,
  onChanged,
}: {
  evaluation: Evaluation;
  recordingId: string;
  onChanged: (next: Evaluation) => void;
}) {
  const { t, date, duration } = useI18n();
  const info = useApi<RecordingDetails>(`/api/v1/recordings/${encodeURIComponent(recordingId)}`);
  const [noteAt, setNoteAt] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [lastNote, setLastNote] = useState<number | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const addNote = useAction((atMs: number, note: string) =>
    api.post<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(evaluation.id)}/notes`, {
      recording_id: recordingId,
      offset_ms: atMs,
      text: note,
    }),
  );
  useEffect(() => {
    if (noteAt !== null) field.current?.focus();
  }, [noteAt]);
  const notes: PlayerNote[] = evaluation.notes
    .filter((n) => n.recording_id === recordingId)
    .map((n, i) => ({
      id: `${i}-${n.offset_ms}`,
      atMs: n.offset_ms,
      text: n.text,
      author: n.author_id === evaluation.monitor_id ? t('monitor.note.you') : undefined,
    }));
  const canNote = evaluation.status === 'draft';
  const save = async (event: Event) => {
    event.preventDefault();
    if (noteAt === null) return;
    if (!text.trim()) {
      setEmpty(true);
      field.current?.focus();
      return;
    }
    setEmpty(false);
    const updated = await addNote.run(noteAt, text.trim());
    if (updated) {
      onChanged(updated);
      setLastNote(noteAt);
      setNoteAt(null);
      setText('');
    }
  };
  const details = info.data;
  return (
    <section class="card" aria-labelledby={`rec-${recordingId}`}>
      <h2 id={`rec-${recordingId}`}>
        {details ? details.agent_name : t('monitor.evaluation.recording')}
      </h2>
      {info.loading && <Loading />}
      <ErrorNotice error={info.error} />
      {details && (
        <>
          <p class="hint">
            {t(purposeKey(details.recording.purpose))} · {t(channelKey(details.recording.channel))} ·{' '}
            {date(details.recording.created_at)}
            {details.recording.duration_ms > 0 && <> · {duration(details.recording.duration_ms / 1000)}</>}
          </p>
          <RecordingContent
            details={details}
            purpose={evaluation.purpose}
            notes={notes}
            onAddNote={
              canNote
                ? (atMs) => {
                    addNote.reset();
                    setLastNote(null);
                    setNoteAt(atMs);
                  }
                : undefined
            }
          />
          <PausedList details={details} />
        </>
      )}
      {noteAt !== null && (
        <form class="note-form" onSubmit={(e) => void save(e)} noValidate>
          <div class="field">
            <label for={`note-${recordingId}`}>
              {t('monitor.note.label', { time: formatClock(noteAt / 1000) })}
            </label>
            <textarea
              id={`note-${recordingId}`}
              ref={field}
              rows={3}
              value={text}
              aria-invalid={empty ? true : undefined}
              aria-describedby={empty ? `note-${recordingId}-error` : undefined}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
            {empty && (
              <p class="field-error" id={`note-${recordingId}-error`} role="alert">
                {t('monitor.note.empty')}
              </p>
            )}
          </div>
          <div class="button-row">
            <button type="submit" class="primary" disabled={addNote.busy} aria-busy={addNote.busy}>
              {addNote.busy ? t('monitor.busy') : t('monitor.note.save')}
            </button>
            <button type="button" onClick={() => setNoteAt(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={addNote.error} />
      {lastNote !== null && addNote.done && (
        <Success>{t('monitor.note.saved', { time: formatClock(lastNote / 1000) })}</Success>
      )}
    </section>
  );
}

function FeedbackForm({ evaluation, onChanged }: { evaluation: Evaluation; onChanged: (e: Evaluation) => void }) {
  const { t } = useI18n();
  // The field shows minutes; left as offered it means "just now", sent to
  // the second so that it is never before the moment of sharing.
  const [offered] = useState(() => dateTimeInputValue(new Date()));
  const [heldAt, setHeldAt] = useState(offered);
  const [summary, setSummary] = useState('');
  const [invalid, setInvalid] = useState(false);
  const record = useAction((held: string, text: string) =>
    api.post<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(evaluation.id)}/feedback`, {
      held_at: held,
      summary: text,
    }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const moment = heldAt === offered ? new Date() : parseDateTimeInput(heldAt);
    const held = moment ? toApiTime(moment) : '';
    if (!held || !summary.trim()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const updated = await record.run(held, summary.trim());
    if (updated) onChanged(updated);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="feedback-title">
      <h3 id="feedback-title">{t('monitor.feedback.title')}</h3>
      <p class="hint">{t('monitor.feedback.intro')}</p>
      <div class="field">
        <label for="feedback-held">{t('monitor.feedback.heldAt')}</label>
        <input
          id="feedback-held"
          type="datetime-local"
          value={heldAt}
          max={dateTimeInputValue(new Date())}
          aria-invalid={invalid && !parseDateTimeInput(heldAt) ? true : undefined}
          onInput={(e) => setHeldAt((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="feedback-summary">
          {t('monitor.feedback.summary')} ({t('common.required')})
        </label>
        <textarea
          id="feedback-summary"
          rows={3}
          value={summary}
          required
          aria-invalid={invalid && !summary.trim() ? true : undefined}
          aria-describedby={invalid ? 'feedback-error' : undefined}
          onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      {invalid && (
        <p class="field-error" id="feedback-error" role="alert">
          {t('monitor.feedback.missing')}
        </p>
      )}
      <div class="button-row">
        <button type="submit" class="primary" disabled={record.busy} aria-busy={record.busy}>
          {record.busy ? t('monitor.busy') : t('monitor.feedback.submit')}
        </button>
      </div>
      <ErrorNotice error={record.error} />
    </form>
  );
}

function PrintButton({ evaluation }: { evaluation: Evaluation }) {
  const { t, lang } = useI18n();
  const [fallback, setFallback] = useState<string | null>(null);
  const open = useAction(async () => {
    const response = await api.raw('GET', `/api/v1/evaluations/${encodeURIComponent(evaluation.id)}/document`, {
      query: { lang },
    });
    const html = await response.text();
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const opened = window.open(url, '_blank');
    if (!opened) setFallback(url);
    else setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return url;
  });
  return (
    <div>
      <div class="button-row">
        <button type="button" disabled={open.busy} aria-busy={open.busy} onClick={() => void open.run()}>
          {open.busy ? t('monitor.busy') : t('monitor.print.open')}
        </button>
      </div>
      <p class="hint">{t('monitor.print.hint')}</p>
      <ErrorNotice error={open.error} />
      {fallback && (
        <p role="status">
          <a href={fallback} target="_blank" rel="noopener">
            {t('monitor.print.fallback')}
          </a>
        </p>
      )}
    </div>
  );
}

export function EvaluationPage({ id }: { id: string }) {
  const { t, date, dateTime } = useI18n();
  const loaded = useApi<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(id)}`);
  const [current, setCurrent] = useState<Evaluation | null>(null);
  const evaluation = current && current.id === id ? current : loaded.data;
  const formPath = evaluation?.form_id ? `/api/v1/forms/${encodeURIComponent(evaluation.form_id)}` : null;
  const form = useApi<EvaluationForm>(formPath, { version: evaluation?.form_version });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [summary, setSummary] = useState('');
  const [savedKey, setSavedKey] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [lastAction, setLastAction] = useState<MessageKey | null>(null);

  // The draft starts from what the server has, once per evaluation.
  useEffect(() => {
    if (!evaluation || (evaluation.form_id && !form.data)) return;
    const initial = form.data ? draftFrom(form.data, evaluation.answers) : {};
    setDraft(initial);
    setSummary(evaluation.summary);
    setSavedKey(JSON.stringify([form.data ? answersFrom(form.data, initial) : [], evaluation.summary]));
    setShowErrors(false);
  }, [evaluation?.id, form.data]);

  const onChanged = (next: Evaluation) => setCurrent(next);
  const post = (action: string) =>
    api.post<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(id)}/${action}`);
  const save = useAction(async (answers: unknown[], text: string) =>
    api.put<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(id)}/answers`, { answers, summary: text }),
  );
  const share = useAction(() => post('share'));
  const close = useAction(() => post('close'));

  if (loaded.loading && !evaluation) return <Page title={t('monitor.evaluation.title')}><Loading /></Page>;
  if (!evaluation) {
    return (
      <Page title={t('monitor.evaluation.title')}>
        <ErrorNotice error={loaded.error} />
      </Page>
    );
  }
  const draftReady = draft !== null && (!evaluation.form_id || form.data !== undefined);
  const editable = evaluation.status === 'draft';
  const issues = form.data && draft ? validateDraft(form.data, draft) : [];
  const issueFor = (questionId: string) =>
    showErrors ? issues.find((issue) => issue.questionId === questionId) : undefined;
  const answers = form.data && draft ? answersFrom(form.data, draft) : [];
  const dirty = draftReady && JSON.stringify([answers, summary]) !== savedKey;

  const onSave = async (event: Event) => {
    event.preventDefault();
    setLastAction(null);
    if (issues.length > 0 && form.data) {
      setShowErrors(true);
      const first = form.data.sections.flatMap((s) => s.questions).find((q) => q.id === issues[0].questionId);
      if (first) {
        const target =
          issues[0].problem === 'comment_required'
            ? document.getElementById(questionDomId(first, 'comment'))
            : document.querySelector<HTMLInputElement>(`input[name="${questionDomId(first, 'score')}"]`);
        target?.focus();
      }
      return;
    }
    setShowErrors(false);
    const updated = await save.run(answers, summary);
    if (updated) {
      setCurrent(updated);
      setSavedKey(JSON.stringify([answers, summary]));
      setLastAction('monitor.evaluation.savedDone');
    }
  };
  const act = async (action: typeof share, done: MessageKey) => {
    setLastAction(null);
    const updated = await action.run();
    if (updated) {
      setCurrent(updated);
      setLastAction(done);
    }
  };

  return (
    <Page
      title={t('monitor.evaluation.title')}
      actions={<Link href="/monitor/evaluations">{t('monitor.backToEvaluations')}</Link>}
    >
      <section class="card" aria-labelledby="evaluation-status">
        <h2 id="evaluation-status" class="visually-hidden">
          {t('monitor.evaluation.facts')}
        </h2>
        <dl class="facts">
          <dt>{t('common.status')}</dt>
          <dd>
            <span class={statusBadge(evaluation.status)} data-testid="evaluation-status">
              {t(statusKey(evaluation.status))}
            </span>
          </dd>
          <dt>{t('monitor.queue.purpose')}</dt>
          <dd>{t(purposeKey(evaluation.purpose))}</dd>
          <dt>{t('monitor.evaluations.created')}</dt>
          <dd>{dateTime(evaluation.created_at)}</dd>
          {evaluation.shared_at && (
            <>
              <dt>{t('monitor.evaluation.sharedAt')}</dt>
              <dd>{dateTime(evaluation.shared_at)}</dd>
            </>
          )}
          {evaluation.acknowledged_at && (
            <>
              <dt>{t('monitor.evaluation.acknowledgedAt')}</dt>
              <dd>{dateTime(evaluation.acknowledged_at)}</dd>
            </>
          )}
          {evaluation.closed_at && (
            <>
              <dt>{t('monitor.evaluation.closedAt')}</dt>
              <dd>{dateTime(evaluation.closed_at)}</dd>
            </>
          )}
          {evaluation.destroy_at && (
            <>
              <dt>{t('monitor.recording.destroyAt')}</dt>
              <dd>{date(evaluation.destroy_at)}</dd>
            </>
          )}
        </dl>
        {evaluation.purpose === 'assessment' && <p class="hint">{t('monitor.evaluation.oneInput')}</p>}
      </section>

      <div class="evaluation-layout">
        <div class="evaluation-media">
          {evaluation.recording_ids.map((recordingId) => (
            <RecordingPanel
              key={recordingId}
              evaluation={evaluation}
              recordingId={recordingId}
              onChanged={onChanged}
            />
          ))}
        </div>

        <div class="evaluation-steps">
          <section class="card" aria-labelledby="evaluation-form">
            <h2 id="evaluation-form">
              {form.data
                ? t('monitor.form.title', { name: form.data.name, version: form.data.version })
                : t('monitor.form.titleFree')}
            </h2>
            <ErrorNotice error={form.error} />
            {formPath && form.loading && <Loading />}
            {draftReady && draft && (
              <form onSubmit={(e) => void onSave(e)} noValidate>
                {form.data && <ScorePanel form={form.data} draft={draft} saved={evaluation.score} />}
                {form.data?.sections.map((section, index) => (
                  <div key={index}>
                    <h3>{section.title}</h3>
                    {section.questions.map((question) => (
                      <QuestionField
                        key={question.id}
                        question={question}
                        answer={draft[question.id] ?? { score: null, na: false, comment: '' }}
                        issue={issueFor(question.id)}
                        disabled={!editable}
                        onChange={(next) => setDraft({ ...draft, [question.id]: next })}
                      />
                    ))}
                  </div>
                ))}
                <div class="field">
                  <label for="evaluation-summary">{t('monitor.form.summary')}</label>
                  <textarea
                    id="evaluation-summary"
                    rows={4}
                    value={summary}
                    disabled={!editable}
                    onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)}
                  />
                </div>
                {showErrors && issues.length > 0 && (
                  <div class="notice notice-error" role="alert">
                    {t('monitor.form.invalid', { count: issues.length })}
                  </div>
                )}
                {editable && (
                  <div class="button-row">
                    <button type="submit" class="primary" disabled={save.busy} aria-busy={save.busy}>
                      {save.busy ? t('monitor.busy') : t('monitor.form.save')}
                    </button>
                    {dirty && <span class="hint">{t('monitor.form.unsaved')}</span>}
                  </div>
                )}
                <ErrorNotice error={save.error} />
              </form>
            )}
          </section>

          <section class="card" aria-labelledby="evaluation-finish">
            <h2 id="evaluation-finish">{t('monitor.finish.title')}</h2>
            {lastAction && <Success>{t(lastAction)}</Success>}
            {evaluation.status === 'draft' && (
              <div>
                <h3>{t('monitor.share.title')}</h3>
                <p class="hint">{t('monitor.share.intro')}</p>
                <div class="button-row">
                  <button
                    type="button"
                    class="primary"
                    disabled={share.busy || dirty}
                    aria-busy={share.busy}
                    aria-describedby={dirty ? 'share-dirty' : undefined}
                    onClick={() => void act(share, 'monitor.share.done')}
                  >
                    {share.busy ? t('monitor.busy') : t('monitor.share.submit')}
                  </button>
                </div>
                {dirty && (
                  <p class="hint" id="share-dirty">
                    {t('monitor.share.saveFirst')}
                  </p>
                )}
                <ErrorNotice error={share.error} />
              </div>
            )}
            {evaluation.status !== 'draft' && evaluation.agent_view && (
              <div>
                <h3>{t('monitor.evaluation.agentView')}</h3>
                <p>{evaluation.agent_view}</p>
              </div>
            )}
            {evaluation.feedback ? (
              <div>
                <h3>{t('monitor.feedback.title')}</h3>
                <p>{t('monitor.feedback.heldOn', { at: dateTime(evaluation.feedback.held_at) })}</p>
                <p>{evaluation.feedback.summary}</p>
              </div>
            ) : (
              evaluation.status === 'shared' && (
                <FeedbackForm
                  evaluation={evaluation}
                  onChanged={(next) => {
                    setCurrent(next);
                    setLastAction('monitor.feedback.done');
                  }}
                />
              )
            )}
            {evaluation.status === 'shared' && (
              <div>
                <h3>{t('monitor.close.title')}</h3>
                <p class="hint">
                  {evaluation.purpose === 'assessment' ? t('monitor.close.introAssessment') : t('monitor.close.intro')}
                </p>
                <div class="button-row">
                  <button
                    type="button"
                    disabled={close.busy}
                    aria-busy={close.busy}
                    onClick={() => void act(close, 'monitor.close.done')}
                  >
                    {close.busy ? t('monitor.busy') : t('monitor.close.submit')}
                  </button>
                </div>
                <ErrorNotice error={close.error} />
              </div>
            )}
            <div>
              <h3>{t('monitor.print.title')}</h3>
              <PrintButton evaluation={evaluation} />
            </div>
          </section>
        </div>
      </div>
    </Page>
  );
}
