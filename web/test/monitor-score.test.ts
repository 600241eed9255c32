// The running score mirrors the server's policy::ScoreEvaluation: the same
// cases as src/policy/evaluation_test.cc (Score.*), on the same form.
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  answersFrom,
  type Draft,
  draftFrom,
  type EvaluationForm,
  needsComment,
  runningScore,
  scoreEvaluation,
  storedAnswers,
  validateDraft,
} from '../src/pages/monitor/score';

// PublishedForm() of evaluation_test.cc: {id, text, weight, critical, allow_na, comment_required, max}.
function publishedForm(): EvaluationForm {
  return {
    id: 'form-1',
    name: 'Gespreksbeoordeling',
    version: 1,
    purpose: 'assessment',
    published_at: '2026-01-01T00:00:00Z',
    sections: [
      {
        title: 'Gesprek',
        questions: [
          { id: 'q-greet', text: 'Begroeting', weight: 1, critical: false, allow_na: false, comment_required: false, max_score: 5 },
          { id: 'q-verify', text: 'Identiteit gecontroleerd', weight: 2, critical: true, allow_na: false, comment_required: false, max_score: 1 },
          { id: 'q-upsell', text: 'Aanbod gedaan', weight: 1, critical: false, allow_na: true, comment_required: false, max_score: 5 },
          { id: 'q-tone', text: 'Toon', weight: 1, critical: false, allow_na: false, comment_required: true, max_score: 5 },
        ],
      },
    ],
  };
}

function goodAnswers(): Answer[] {
  return [
    { question_id: 'q-greet', score: 5, comment: '' },
    { question_id: 'q-verify', score: 1, comment: '' },
    { question_id: 'q-upsell', score: 5, comment: '' },
    { question_id: 'q-tone', score: 5, comment: '' },
  ];
}

function scored(form: EvaluationForm, answers: Answer[]) {
  const result = scoreEvaluation(form, answers);
  if (!result.ok) throw new Error(`${result.issue.problem} ${result.issue.questionId}`);
  return result.result;
}

describe('scoreEvaluation (as the server)', () => {
  it('full marks is a hundred', () => {
    const r = scored(publishedForm(), goodAnswers());
    expect(r.score).toBe(100);
    expect(r.autoFailed).toBe(false);
    expect(r.countedWeight).toBe(5);
  });

  it('weights count', () => {
    const answers = goodAnswers();
    answers[0].score = 0; // weight 1 of 5
    expect(scored(publishedForm(), answers).score).toBeCloseTo(80, 10);
  });

  it('N/A drops out of the weight', () => {
    const answers = goodAnswers();
    answers[2].score = null;
    answers[0].score = 0;
    const r = scored(publishedForm(), answers);
    expect(r.countedWeight).toBe(4);
    expect(r.score).toBeCloseTo(75, 10);
  });

  it('a zero on a critical question fails the whole evaluation', () => {
    const answers = goodAnswers();
    answers[1].score = 0;
    const r = scored(publishedForm(), answers);
    expect(r.autoFailed).toBe(true);
    expect(r.failedQuestion).toBe('q-verify');
    expect(r.score).toBe(0);
  });

  it('a comment below the maximum is accepted', () => {
    const answers = goodAnswers();
    answers[3].score = 3;
    answers[3].comment = 'Iets kortaf aan het eind.';
    expect(scored(publishedForm(), answers).score).toBeCloseTo((100 * (5 - 0.4)) / 5, 10);
  });

  it('all N/A is an error naming the form', () => {
    const form: EvaluationForm = {
      id: 'form-na',
      name: 'na',
      version: 1,
      purpose: 'quality',
      published_at: null,
      sections: [
        {
          title: '',
          questions: [{ id: 'q-a', text: 'A', weight: 1, critical: false, allow_na: true, comment_required: false, max_score: 5 }],
        },
      ],
    };
    const result = scoreEvaluation(form, [{ question_id: 'q-a', score: null, comment: '' }]);
    expect(result).toEqual({ ok: false, issue: { questionId: 'form-na', problem: 'no_weight' } });
  });

  const rows: [string, (f: EvaluationForm, a: Answer[]) => Answer[], string, string][] = [
    ['missing answer', (_f, a) => a.slice(0, -1), 'q-tone', 'unanswered'],
    ['N/A not allowed', (_f, a) => { a[0].score = null; return a; }, 'q-greet', 'na_not_allowed'],
    ['score above max', (_f, a) => { a[0].score = 6; return a; }, 'q-greet', 'out_of_range'],
    ['negative score', (_f, a) => { a[1].score = -1; return a; }, 'q-verify', 'out_of_range'],
    ['comment required below max', (_f, a) => { a[3].score = 3; return a; }, 'q-tone', 'comment_required'],
    ['blank comment', (_f, a) => { a[3].score = 3; a[3].comment = '   '; return a; }, 'q-tone', 'comment_required'],
    ['unknown question', (_f, a) => [...a, { question_id: 'q-ghost', score: 1, comment: '' }], 'q-ghost', 'unknown_question'],
    ['answered twice', (_f, a) => [...a, { question_id: 'q-greet', score: 1, comment: '' }], 'q-greet', 'answered_twice'],
    ['duplicate on form', (f, a) => { f.sections[0].questions.push({ ...f.sections[0].questions[0] }); return a; }, 'q-greet', 'duplicate_question'],
    ['bad max score', (f, a) => { f.sections[0].questions[0].max_score = 0; return a; }, 'q-greet', 'invalid_question'],
  ];
  for (const [name, mutate, question, problem] of rows) {
    it(`errors name the question: ${name}`, () => {
      const form = publishedForm();
      const answers = mutate(form, goodAnswers());
      const result = scoreEvaluation(form, answers);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issue.questionId).toBe(question);
        expect(result.issue.problem).toBe(problem);
      }
    });
  }
});

describe('the running score', () => {
  it('is empty before any answer and counts answered questions', () => {
    const form = publishedForm();
    const draft = draftFrom(form, []);
    expect(runningScore(form, draft)).toMatchObject({ score: null, answered: 0, total: 4 });
    draft['q-greet'] = { score: 4, na: false, comment: '' };
    expect(runningScore(form, draft)).toMatchObject({ score: 80, answered: 1, countedWeight: 1 });
    draft['q-upsell'] = { score: null, na: true, comment: '' };
    expect(runningScore(form, draft)).toMatchObject({ score: 80, answered: 2, countedWeight: 1 });
  });

  it('equals the server score once the draft is complete', () => {
    const form = publishedForm();
    const draft = draftFrom(form, goodAnswers());
    draft['q-greet'] = { score: 2, na: false, comment: '' };
    draft['q-upsell'] = { score: null, na: true, comment: '' };
    draft['q-tone'] = { score: 4, na: false, comment: 'Kortaf' };
    expect(validateDraft(form, draft)).toEqual([]);
    const server = scored(form, storedAnswers(form, draft));
    expect(runningScore(form, draft).score).toBeCloseTo(server.score, 10);
  });

  it('shows a failed critical question and what it costs', () => {
    const form = publishedForm();
    const draft = draftFrom(form, goodAnswers());
    draft['q-verify'] = { score: 0, na: false, comment: '' };
    const running = runningScore(form, draft);
    expect(running).toMatchObject({ score: 0, autoFailed: true, failedQuestion: 'q-verify' });
    expect(runningScore(form, draft, { ignoreCritical: true }).score).toBeCloseTo(60, 10);
  });
});

describe('validating and sending a draft', () => {
  it('names every question that needs attention', () => {
    const form = publishedForm();
    const draft: Draft = draftFrom(form, []);
    draft['q-greet'] = { score: 5, na: false, comment: '' };
    draft['q-tone'] = { score: 2, na: false, comment: ' ' };
    expect(validateDraft(form, draft)).toEqual([
      { questionId: 'q-verify', problem: 'unanswered' },
      { questionId: 'q-upsell', problem: 'unanswered' },
      { questionId: 'q-tone', problem: 'comment_required' },
    ]);
  });

  it('asks a comment only below the maximum where the form says so', () => {
    const [, , upsell, tone] = publishedForm().sections[0].questions;
    expect(needsComment(tone, { score: 4, na: false, comment: '' })).toBe(true);
    expect(needsComment(tone, { score: 5, na: false, comment: '' })).toBe(false);
    expect(needsComment(tone, { score: null, na: true, comment: '' })).toBe(false);
    expect(needsComment(upsell, { score: 0, na: false, comment: '' })).toBe(false);
  });

  it('sends N/A without a score, as the API wants', () => {
    const form = publishedForm();
    const draft = draftFrom(form, goodAnswers());
    draft['q-upsell'] = { score: null, na: true, comment: 'geen aanbod mogelijk' };
    expect(answersFrom(form, draft)).toEqual([
      { question_id: 'q-greet', score: 5, comment: '' },
      { question_id: 'q-verify', score: 1, comment: '' },
      { question_id: 'q-upsell', not_applicable: true, comment: 'geen aanbod mogelijk' },
      { question_id: 'q-tone', score: 5, comment: '' },
    ]);
  });

  it('reads stored answers back into a draft', () => {
    const form = publishedForm();
    const answers = goodAnswers();
    answers[2] = { question_id: 'q-upsell', score: null, comment: 'x' };
    const draft = draftFrom(form, answers);
    expect(draft['q-upsell']).toEqual({ score: null, na: true, comment: 'x' });
    expect(draft['q-greet']).toEqual({ score: 5, na: false, comment: '' });
  });
});
