// The evaluation's score, as the server computes it (policy::ScoreEvaluation
// in src/policy/evaluation.cc): every question answered once (a score, or N/A
// where the form allows it); 0 <= score <= max_score; a comment where the form
// requires one and the score is below the maximum; N/A drops out of the
// weight; a zero on a critical question makes the total 0; otherwise the
// weighted mean of score / max_score, times 100. Pure functions, so the
// running score the monitor sees is the one the server will store.

import type { EvaluationAnswer as Answer, EvaluationForm, FormQuestion } from '../../types/api';

export type { EvaluationAnswer as Answer, EvaluationForm, FormQuestion, FormSection } from '../../types/api';

// An answer as the monitor fills it in: `score` null and `na` false is not
// answered yet.
export interface DraftAnswer {
  score: number | null;
  na: boolean;
  comment: string;
}

export type Draft = Record<string, DraftAnswer>;

export type Problem =
  | 'unanswered'
  | 'na_not_allowed'
  | 'out_of_range'
  | 'comment_required'
  | 'unknown_question'
  | 'answered_twice'
  | 'duplicate_question'
  | 'invalid_question'
  | 'no_weight';

export interface ScoreIssue {
  questionId: string;
  problem: Problem;
}

export interface ScoreResult {
  score: number;
  autoFailed: boolean;
  failedQuestion: string;
  countedWeight: number;
}

export type Scored = { ok: true; result: ScoreResult } | { ok: false; issue: ScoreIssue };

function blank(text: string): boolean {
  return text.trim() === '';
}

function allQuestions(form: EvaluationForm): FormQuestion[] {
  return form.sections.flatMap((section) => section.questions);
}

// The server's check and score, in the server's order; the first problem is
// returned as the server would name it.
export function scoreEvaluation(form: EvaluationForm, answers: Answer[]): Scored {
  const byQuestion = new Map<string, Answer>();
  for (const answer of answers) {
    if (byQuestion.has(answer.question_id)) {
      return { ok: false, issue: { questionId: answer.question_id, problem: 'answered_twice' } };
    }
    byQuestion.set(answer.question_id, answer);
  }
  const onForm = new Set<string>();
  for (const question of allQuestions(form)) {
    if (onForm.has(question.id)) {
      return { ok: false, issue: { questionId: question.id, problem: 'duplicate_question' } };
    }
    onForm.add(question.id);
  }
  for (const id of [...byQuestion.keys()].sort()) {
    if (!onForm.has(id)) return { ok: false, issue: { questionId: id, problem: 'unknown_question' } };
  }
  let weighted = 0;
  const result: ScoreResult = { score: 0, autoFailed: false, failedQuestion: '', countedWeight: 0 };
  for (const question of allQuestions(form)) {
    if (question.max_score <= 0 || question.weight < 0) {
      return { ok: false, issue: { questionId: question.id, problem: 'invalid_question' } };
    }
    const answer = byQuestion.get(question.id);
    if (!answer) return { ok: false, issue: { questionId: question.id, problem: 'unanswered' } };
    if (answer.score === null) {
      if (!question.allow_na) {
        return { ok: false, issue: { questionId: question.id, problem: 'na_not_allowed' } };
      }
      continue;
    }
    const score = answer.score;
    if (!Number.isInteger(score) || score < 0 || score > question.max_score) {
      return { ok: false, issue: { questionId: question.id, problem: 'out_of_range' } };
    }
    if (question.comment_required && score < question.max_score && blank(answer.comment)) {
      return { ok: false, issue: { questionId: question.id, problem: 'comment_required' } };
    }
    if (question.critical && score === 0 && !result.autoFailed) {
      result.autoFailed = true;
      result.failedQuestion = question.id;
    }
    weighted += (question.weight * score) / question.max_score;
    result.countedWeight += question.weight;
  }
  if (result.countedWeight <= 0) {
    return { ok: false, issue: { questionId: form.id, problem: 'no_weight' } };
  }
  result.score = result.autoFailed ? 0 : (100 * weighted) / result.countedWeight;
  return { ok: true, result };
}

// Whether a question needs a comment for this answer (shown before saving).
export function needsComment(question: FormQuestion, answer: DraftAnswer | undefined): boolean {
  return (
    question.comment_required &&
    !!answer &&
    !answer.na &&
    answer.score !== null &&
    answer.score < question.max_score
  );
}

// Every problem in a draft, per question, for the form's own validation
// (aria-invalid and a message beside each question).
export function validateDraft(form: EvaluationForm, draft: Draft): ScoreIssue[] {
  const issues: ScoreIssue[] = [];
  for (const question of allQuestions(form)) {
    const answer = draft[question.id];
    if (!answer || (!answer.na && answer.score === null)) {
      issues.push({ questionId: question.id, problem: 'unanswered' });
    } else if (answer.na && !question.allow_na) {
      issues.push({ questionId: question.id, problem: 'na_not_allowed' });
    } else if (
      !answer.na &&
      answer.score !== null &&
      (answer.score < 0 || answer.score > question.max_score)
    ) {
      issues.push({ questionId: question.id, problem: 'out_of_range' });
    } else if (needsComment(question, answer) && blank(answer.comment)) {
      issues.push({ questionId: question.id, problem: 'comment_required' });
    }
  }
  return issues;
}

export interface RunningScore {
  // null while no question with weight has a score yet.
  score: number | null;
  autoFailed: boolean;
  failedQuestion: string;
  answered: number;
  total: number;
  countedWeight: number;
}

// The score of what has been answered so far (N/A and unanswered questions
// out of the weight), with the same critical rule; equals scoreEvaluation's
// once the draft is complete and valid.
// With `ignoreCritical`, the score the answers would have without the
// critical rule (to show what a failed critical question costs).
export function runningScore(
  form: EvaluationForm,
  draft: Draft,
  options: { ignoreCritical?: boolean } = {},
): RunningScore {
  let weighted = 0;
  const running: RunningScore = {
    score: null,
    autoFailed: false,
    failedQuestion: '',
    answered: 0,
    total: 0,
    countedWeight: 0,
  };
  for (const question of allQuestions(form)) {
    running.total += 1;
    const answer = draft[question.id];
    if (!answer || (!answer.na && answer.score === null)) continue;
    running.answered += 1;
    if (answer.na || answer.score === null || question.max_score <= 0) continue;
    const score = Math.min(Math.max(answer.score, 0), question.max_score);
    if (question.critical && score === 0 && !running.autoFailed && !options.ignoreCritical) {
      running.autoFailed = true;
      running.failedQuestion = question.id;
    }
    weighted += (question.weight * score) / question.max_score;
    running.countedWeight += question.weight;
  }
  if (running.countedWeight > 0) {
    running.score = running.autoFailed ? 0 : (100 * weighted) / running.countedWeight;
  } else if (running.autoFailed) {
    running.score = 0;
  }
  return running;
}

// A draft from the answers the server has (empty for a new evaluation).
export function draftFrom(form: EvaluationForm, answers: Answer[]): Draft {
  const draft: Draft = {};
  for (const question of allQuestions(form)) {
    const answer = answers.find((a) => a.question_id === question.id);
    draft[question.id] = answer
      ? { score: answer.score, na: answer.score === null, comment: answer.comment ?? '' }
      : { score: null, na: false, comment: '' };
  }
  return draft;
}

// The answers to send (scoreEvaluation PUT): N/A leaves the score out.
export function answersFrom(
  form: EvaluationForm,
  draft: Draft,
): { question_id: string; score?: number; not_applicable?: boolean; comment: string }[] {
  return allQuestions(form).map((question) => {
    const answer = draft[question.id] ?? { score: null, na: false, comment: '' };
    return answer.na
      ? { question_id: question.id, not_applicable: true, comment: answer.comment }
      : { question_id: question.id, score: answer.score ?? undefined, comment: answer.comment };
  });
}

// What the answers to send weigh on the server's scale (for the unit test
// and the summary): the same as scoreEvaluation over stored answers.
export function storedAnswers(form: EvaluationForm, draft: Draft): Answer[] {
  return allQuestions(form).map((question) => {
    const answer = draft[question.id] ?? { score: null, na: false, comment: '' };
    return { question_id: question.id, score: answer.na ? null : answer.score, comment: answer.comment };
  });
}
