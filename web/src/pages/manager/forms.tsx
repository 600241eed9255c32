// KSF-4.2: the evaluation forms (scorecards) are known in advance. The
// manager builds a form — sections, questions, weights, critical questions,
// N/A, required comments — sees beside it how the monitor will see it, and
// publishes it (a change to a published form is a new version).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice, Empty, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import {
  emptyFormDraft,
  type FormDraft,
  type FormProblem,
  formBody,
  formDraftFrom,
  moveItem,
  newQuestion,
  nextQuestionId,
  previewScore,
  serverFieldOf,
  validateForm,
} from './logic';
import { Badge, RuleRef, usePurposeName } from './shared';
import { type EvaluationForm, type FormQuestion, type Items, kPurposes, type Purpose } from './types';

export function FormsPage() {
  const { t, date } = useI18n();
  const purposeName = usePurposeName();
  const forms = useApi<Items<EvaluationForm>>('/api/v1/forms');
  const [draft, setDraft] = useState<FormDraft>(emptyFormDraft());
  const [generation, setGeneration] = useState(0);
  const [published, setPublished] = useState<EvaluationForm | null>(null);

  const start = (next: FormDraft) => {
    setPublished(null);
    setDraft(next);
    setGeneration((g) => g + 1);
    document.getElementById('mgmt-designer-title')?.focus();
  };

  return (
    <Page
      title={t('manager.forms.title')}
      intro={
        <p>
          {t('manager.forms.intro')} <RuleRef rule="KSF-4.2" />
        </p>
      }
    >
      {published && (
        <Success>
          {t('manager.forms.published', { name: published.name, version: published.version })}
        </Success>
      )}
      <section aria-labelledby="mgmt-forms-list">
        <h2 id="mgmt-forms-list">{t('manager.forms.listTitle')}</h2>
        <ErrorNotice error={forms.error} />
        {forms.loading && !forms.data && <Loading />}
        {forms.data && forms.data.items.length === 0 && <Empty>{t('manager.forms.none')}</Empty>}
        {forms.data && forms.data.items.length > 0 && (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('manager.forms.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manager.forms.col.name')}</th>
                  <th scope="col">{t('manager.forms.col.purpose')}</th>
                  <th scope="col">{t('manager.forms.col.version')}</th>
                  <th scope="col">{t('manager.forms.col.published')}</th>
                  <th scope="col">{t('manager.forms.col.questions')}</th>
                  <th scope="col">{t('manager.forms.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {forms.data.items.map((f) => (
                  <tr key={`${f.id}-${f.version}`}>
                    <th scope="row">{f.name}</th>
                    <td>{purposeName(f.purpose)}</td>
                    <td class="num">{f.version}</td>
                    <td>{date(f.published_at)}</td>
                    <td class="num">{f.sections.reduce((n, s) => n + s.questions.length, 0)}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={t('manager.forms.newVersionOf', { name: f.name })}
                        onClick={() => start(formDraftFrom(f))}
                      >
                        {t('manager.forms.newVersion')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="button-row">
          <button type="button" onClick={() => start(emptyFormDraft())}>
            {t('manager.forms.startEmpty')}
          </button>
        </div>
      </section>
      <Designer
        key={generation}
        draft={draft}
        onChange={setDraft}
        onPublished={(form) => {
          setPublished(form);
          forms.reload();
          setDraft(emptyFormDraft());
          setGeneration((g) => g + 1);
          document.querySelector('main h1')?.scrollIntoView?.({ block: 'start' });
        }}
      />
    </Page>
  );
}

function problemText(t: (key: MessageKey) => string, problem: FormProblem): string {
  return t(`manager.forms.problem.${problem}` as MessageKey);
}

function Designer({
  draft,
  onChange,
  onPublished,
}: {
  draft: FormDraft;
  onChange: (draft: FormDraft) => void;
  onPublished: (form: EvaluationForm) => void;
}) {
  const { t } = useI18n();
  const purposeName = usePurposeName();
  const [checked, setChecked] = useState(false);
  const publish = useAction(() => api.post<EvaluationForm>('/api/v1/forms', formBody(draft)));
  const problems = validateForm(draft);
  const server = publish.error && !publish.error.isRefusal ? serverFieldOf(publish.error.message) : null;
  const shown = checked ? problems : {};
  const errorFor = (path: string): string | null => {
    if (shown[path]) return problemText(t, shown[path]);
    if (server && server.path === path) return server.text;
    return null;
  };
  const count = Object.keys(problems).length;

  const setSection = (s: number, patch: Partial<FormDraft['sections'][number]>) =>
    onChange({ ...draft, sections: draft.sections.map((sec, i) => (i === s ? { ...sec, ...patch } : sec)) });
  const setQuestion = (s: number, q: number, patch: Partial<FormQuestion>) =>
    setSection(s, {
      questions: draft.sections[s].questions.map((question, i) => (i === q ? { ...question, ...patch } : question)),
    });

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (count > 0) {
      const first = document.querySelector<HTMLElement>('.mgmt-designer [aria-invalid="true"]');
      first?.focus();
      return;
    }
    const form = await publish.run();
    if (form) onPublished(form);
  };

  return (
    <div class="grid-2 mgmt-designer-grid">
      <form class="card mgmt-designer" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="mgmt-designer-title">
        <h2 id="mgmt-designer-title" tabIndex={-1}>
          {draft.id ? t('manager.forms.designerVersion', { name: draft.name }) : t('manager.forms.designerNew')}
        </h2>
        <p class="hint">{t('manager.forms.designerHelp')}</p>
        <TextField
          id="form-name"
          label={t('manager.forms.name')}
          value={draft.name}
          error={errorFor('name')}
          onChange={(name) => onChange({ ...draft, name })}
        />
        <div class="field">
          <label for="form-purpose">{t('manager.forms.purpose')}</label>
          <select
            id="form-purpose"
            value={draft.purpose}
            disabled={Boolean(draft.id)}
            onChange={(e) => onChange({ ...draft, purpose: e.currentTarget.value as Purpose })}
          >
            {kPurposes.map((p) => (
              <option key={p} value={p}>
                {purposeName(p)}
              </option>
            ))}
          </select>
          {draft.id && <span class="hint">{t('manager.forms.purposeFixed')}</span>}
        </div>
        {errorFor('sections') && <p class="mgmt-field-error" role="alert">{errorFor('sections')}</p>}
        {draft.sections.map((section, s) => (
          <fieldset class="mgmt-section" key={s}>
            <legend>{t('manager.forms.sectionN', { n: s + 1 })}</legend>
            <TextField
              id={`form-s${s}-title`}
              label={t('manager.forms.sectionTitle')}
              value={section.title}
              error={errorFor(`sections[${s}].title`)}
              onChange={(title) => setSection(s, { title })}
            />
            {errorFor(`sections[${s}].questions`) && (
              <p class="mgmt-field-error">{errorFor(`sections[${s}].questions`)}</p>
            )}
            {section.questions.map((q, i) => {
              const path = `sections[${s}].questions[${i}]`;
              const base = `form-s${s}-q${i}`;
              const label = t('manager.forms.questionN', { section: s + 1, n: i + 1 });
              return (
                <fieldset class="mgmt-question" key={i}>
                  <legend>{label}</legend>
                  <TextField
                    id={`${base}-text`}
                    label={t('manager.forms.questionText')}
                    value={q.text}
                    long
                    error={errorFor(`${path}.text`)}
                    onChange={(text) => setQuestion(s, i, { text })}
                  />
                  <div class="mgmt-row">
                    <TextField
                      id={`${base}-id`}
                      label={t('manager.forms.questionId')}
                      hint={t('manager.forms.questionIdHint')}
                      value={q.id}
                      error={errorFor(`${path}.id`)}
                      onChange={(id) => setQuestion(s, i, { id })}
                    />
                    <NumberField
                      id={`${base}-weight`}
                      label={t('manager.forms.weight')}
                      value={q.weight}
                      step="0.5"
                      error={errorFor(`${path}.weight`)}
                      onChange={(weight) => setQuestion(s, i, { weight })}
                    />
                    <NumberField
                      id={`${base}-max`}
                      label={t('manager.forms.maxScore')}
                      value={q.max_score}
                      step="1"
                      error={errorFor(`${path}.max_score`)}
                      onChange={(max_score) => setQuestion(s, i, { max_score })}
                    />
                  </div>
                  <div class="mgmt-flags">
                    <label class="mgmt-check">
                      <input
                        type="checkbox"
                        checked={q.critical}
                        onChange={(e) => setQuestion(s, i, { critical: e.currentTarget.checked })}
                      />
                      {t('manager.forms.critical')}
                    </label>
                    <label class="mgmt-check">
                      <input
                        type="checkbox"
                        checked={q.allow_na}
                        onChange={(e) => setQuestion(s, i, { allow_na: e.currentTarget.checked })}
                      />
                      {t('manager.forms.allowNa')}
                    </label>
                    <label class="mgmt-check">
                      <input
                        type="checkbox"
                        checked={q.comment_required}
                        onChange={(e) => setQuestion(s, i, { comment_required: e.currentTarget.checked })}
                      />
                      {t('manager.forms.commentRequired')}
                    </label>
                  </div>
                  <div class="mgmt-actions">
                    <button
                      type="button"
                      disabled={i === 0}
                      aria-label={t('manager.forms.moveUpLabel', { label })}
                      onClick={() => setSection(s, { questions: moveItem(section.questions, i, -1) })}
                    >
                      {t('manager.forms.moveUp')}
                    </button>
                    <button
                      type="button"
                      disabled={i === section.questions.length - 1}
                      aria-label={t('manager.forms.moveDownLabel', { label })}
                      onClick={() => setSection(s, { questions: moveItem(section.questions, i, 1) })}
                    >
                      {t('manager.forms.moveDown')}
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label={t('manager.forms.removeQuestionLabel', { label })}
                      onClick={() => setSection(s, { questions: section.questions.filter((_, k) => k !== i) })}
                    >
                      {t('manager.forms.removeQuestion')}
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <div class="button-row">
              <button
                type="button"
                onClick={() => setSection(s, { questions: [...section.questions, newQuestion(nextQuestionId(draft))] })}
              >
                {t('manager.forms.addQuestion', { n: s + 1 })}
              </button>
              <button
                type="button"
                disabled={s === 0}
                onClick={() => onChange({ ...draft, sections: moveItem(draft.sections, s, -1) })}
              >
                {t('manager.forms.sectionUp', { n: s + 1 })}
              </button>
              <button
                type="button"
                class="danger"
                onClick={() => onChange({ ...draft, sections: draft.sections.filter((_, k) => k !== s) })}
              >
                {t('manager.forms.removeSection', { n: s + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <div class="button-row">
          <button
            type="button"
            onClick={() =>
              onChange({
                ...draft,
                sections: [...draft.sections, { title: '', questions: [newQuestion(nextQuestionId(draft))] }],
              })
            }
          >
            {t('manager.forms.addSection')}
          </button>
        </div>
        {checked && count > 0 && (
          <div class="notice notice-error" role="alert">
            {t('manager.forms.problems', { count })}
          </div>
        )}
        <ErrorNotice error={publish.error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={publish.busy}>
            {publish.busy ? t('manager.busy') : t('manager.forms.publish')}
          </button>
        </div>
        <p class="hint">{t('manager.forms.publishHint')}</p>
      </form>
      <Preview draft={draft} />
    </div>
  );
}

function TextField({
  id,
  label,
  hint,
  value,
  error,
  long,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error: string | null;
  long?: boolean;
  onChange: (value: string) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {long ? (
        <textarea
          id={id}
          rows={2}
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {error && (
        <span id={`${id}-error`} class="mgmt-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function NumberField({
  id,
  label,
  value,
  step,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  step: string;
  error: string | null;
  onChange: (value: number) => void;
}) {
  return (
    <div class="field mgmt-narrow">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min="0"
        step={step}
        value={Number.isNaN(value) ? '' : String(value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onChange(Number.parseFloat(e.currentTarget.value))}
      />
      {error && (
        <span id={`${id}-error`} class="mgmt-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

// How the monitor will see the form: each question with its score choices,
// N/A where allowed, the comment (marked required where it is), critical
// questions marked in words, and the running score.
function Preview({ draft }: { draft: FormDraft }) {
  const { t, number } = useI18n();
  const purposeName = usePurposeName();
  const [answers, setAnswers] = useState<Record<string, number | 'na' | undefined>>({});
  const score = previewScore(draft.sections, answers);
  return (
    <aside class="card mgmt-preview" aria-labelledby="mgmt-preview-title">
      <h2 id="mgmt-preview-title">{t('manager.forms.previewTitle')}</h2>
      <p class="hint">{t('manager.forms.previewHelp')}</p>
      <h3>{draft.name || t('manager.forms.untitled')}</h3>
      <p>{purposeName(draft.purpose)}</p>
      {draft.sections.map((section, s) => (
        <div key={s} class="mgmt-preview-section">
          <h4>{section.title || t('manager.forms.sectionN', { n: s + 1 })}</h4>
          {section.questions.map((q, i) => {
            const name = `preview-${s}-${i}`;
            const answer = answers[q.id];
            const needsComment = q.comment_required && answer !== undefined && answer !== 'na' && answer < q.max_score;
            return (
              <fieldset key={i} class="mgmt-preview-question">
                <legend>
                  {q.text || t('manager.forms.questionN', { section: s + 1, n: i + 1 })}{' '}
                  {q.critical && <Badge level="bad">{t('manager.forms.criticalBadge')}</Badge>}{' '}
                  <span class="hint">{t('manager.forms.weightShown', { weight: number(q.weight || 0, 1) })}</span>
                </legend>
                <div class="mgmt-scores" role="radiogroup" aria-label={t('manager.forms.scoreFor', { question: q.text || String(i + 1) })}>
                  {Array.from({ length: Math.max(0, Math.min(q.max_score || 0, 100)) + 1 }, (_, v) => (
                    <label key={v} class="mgmt-score">
                      <input
                        type="radio"
                        name={name}
                        checked={answer === v}
                        onChange={() => setAnswers({ ...answers, [q.id]: v })}
                      />
                      {v}
                    </label>
                  ))}
                  {q.allow_na && (
                    <label class="mgmt-score">
                      <input
                        type="radio"
                        name={name}
                        checked={answer === 'na'}
                        onChange={() => setAnswers({ ...answers, [q.id]: 'na' })}
                      />
                      {t('manager.forms.na')}
                    </label>
                  )}
                </div>
                <label class="mgmt-block">
                  <span>
                    {t('manager.forms.comment')}{' '}
                    {q.comment_required && <span class="hint">{t('manager.forms.commentRequiredBelowMax')}</span>}
                  </span>
                  <textarea rows={1} aria-required={needsComment} />
                </label>
              </fieldset>
            );
          })}
        </div>
      ))}
      <p class="mgmt-preview-score" role="status">
        {score.score === null
          ? t('manager.forms.scoreNone')
          : t('manager.forms.score', { score: number(score.score, 1), answered: score.answered, total: score.total })}
        {score.autoFailed && <> {t('manager.forms.autoFailed')}</>}
      </p>
      <button type="button" class="link-button" onClick={() => setAnswers({})}>
        {t('manager.forms.resetPreview')}
      </button>
    </aside>
  );
}
