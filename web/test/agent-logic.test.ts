// The agent pages' logic: the extra-moment counter (KSF-4.7), evaluation
// stages and what the agent may still do, scores beside the form, notes on
// a recording, complaint stages, the access-log filters, consent bodies, and
// the agent catalogue's Dutch and English agreeing on placeholders.
import { describe, expect, it } from 'vitest';
import { en, nl } from '../src/i18n/messages/agent';
import { consentBody } from '../src/pages/agent/consents';
import {
  accessKind,
  activeConsents,
  complaintStage,
  contentUrl,
  evaluationActions,
  evaluationStage,
  extraMomentCounter,
  filterAccess,
  isAudio,
  monitorNames,
  newestFirst,
  notesForRecording,
  recordingState,
  scoreRatio,
  scoreRows,
  stageBadge,
} from '../src/pages/agent/logic';
import type {
  AccessEntry,
  Complaint,
  Consent,
  Evaluation,
  EvaluationForm,
  Recording,
} from '../src/pages/agent/types';

function evaluation(over: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 'eval-1',
    agent_id: 'emp-a',
    monitor_id: 'emp-m',
    purpose: 'assessment',
    form_id: 'form-1',
    form_version: 1,
    recording_ids: ['rec-1'],
    status: 'shared',
    answers: [],
    notes: [],
    score: 80,
    summary: '',
    automated_suggestion: false,
    confirmed_by: '',
    agent_view: '',
    agent_view_at: null,
    created_at: '2026-11-20T10:00:00Z',
    shared_at: '2026-11-21T10:00:00Z',
    acknowledged_at: null,
    feedback: null,
    closed_at: null,
    destroy_at: '2028-11-20T10:00:00Z',
    destroyed_at: null,
    ...over,
  };
}

function complaint(over: Partial<Complaint> = {}): Complaint {
  return {
    id: 'cmp-1',
    complainant_id: 'emp-a',
    subject: 'S',
    text: 'T',
    filed_at: '2026-11-01T00:00:00Z',
    respond_by: '2026-12-01T00:00:00Z',
    taken_up_at: null,
    response: '',
    resolved_at: null,
    appealed_at: null,
    appeal_decision: '',
    appeal_decided_at: null,
    days_left: 3,
    overdue: false,
    appealable: false,
    ...over,
  };
}

describe('extraMomentCounter (KSF-4.7)', () => {
  it('counts what is left of three', () => {
    expect(
      extraMomentCounter({ allowed: 3, requested: 1, left: 2, period_start: null, period_end: null }),
    ).toEqual({ left: 2, allowed: 3, used: 1, available: true, exhausted: false });
  });

  it('is exhausted at zero left, never negative', () => {
    const c = extraMomentCounter({ allowed: 3, requested: 4, left: -1, period_start: null, period_end: null });
    expect(c.left).toBe(0);
    expect(c.used).toBe(3);
    expect(c.exhausted).toBe(true);
  });

  it('is not available without an assessment purpose or data', () => {
    expect(extraMomentCounter({ allowed: 0, requested: 0, left: 0, period_start: null, period_end: null }))
      .toMatchObject({ available: false, exhausted: false });
    expect(extraMomentCounter(undefined)).toMatchObject({ available: false, left: 0 });
  });
});

describe('evaluation stages and actions', () => {
  it('follows draft → shared → acknowledged → closed, and destroyed above all', () => {
    expect(evaluationStage(evaluation({ status: 'draft' }))).toBe('draft');
    expect(evaluationStage(evaluation())).toBe('to_acknowledge');
    expect(evaluationStage(evaluation({ acknowledged_at: '2026-11-22T00:00:00Z' }))).toBe('acknowledged');
    expect(evaluationStage(evaluation({ status: 'closed' }))).toBe('closed');
    expect(evaluationStage(evaluation({ destroyed_at: '2028-01-01T00:00:00Z' }))).toBe('destroyed');
    expect(stageBadge('to_acknowledge')).toBe('badge-warn');
    expect(stageBadge('acknowledged')).toBe('badge-ok');
  });

  it('offers a view and acknowledging only once shared, acknowledging once', () => {
    expect(evaluationActions(evaluation({ status: 'draft' }))).toEqual({
      giveView: false,
      acknowledge: false,
      otherEvaluator: true,
    });
    expect(evaluationActions(evaluation())).toEqual({
      giveView: true,
      acknowledge: true,
      otherEvaluator: true,
    });
    expect(evaluationActions(evaluation({ acknowledged_at: 'x', status: 'closed' }))).toEqual({
      giveView: true,
      acknowledge: false,
      otherEvaluator: false,
    });
    expect(evaluationActions(evaluation({ destroyed_at: 'x' })).giveView).toBe(false);
  });

  it('puts answers beside the form in the form order, unknown questions last', () => {
    const form: EvaluationForm = {
      id: 'form-1',
      name: 'F',
      version: 1,
      purpose: 'assessment',
      published_at: null,
      sections: [
        {
          title: 'Opening',
          questions: [
            { id: 'q1', text: 'Groet', weight: 1, critical: false, allow_na: false, comment_required: false, max_score: 5 },
            { id: 'q2', text: 'Verificatie', weight: 2, critical: true, allow_na: true, comment_required: false, max_score: 1 },
          ],
        },
      ],
    };
    const e = evaluation({
      answers: [
        { question_id: 'q9', score: 3, comment: '' },
        { question_id: 'q2', score: null, comment: 'n.v.t.' },
        { question_id: 'q1', score: 4, comment: 'goed' },
      ],
    });
    const rows = scoreRows(e, form);
    expect(rows.map((r) => r.questionId)).toEqual(['q1', 'q2', 'q9']);
    expect(rows[0]).toMatchObject({ section: 'Opening', question: 'Groet', score: 4, maxScore: 5, comment: 'goed' });
    expect(rows[1]).toMatchObject({ critical: true, notApplicable: true });
    expect(rows[2]).toMatchObject({ section: '', question: 'q9', maxScore: null });
    expect(scoreRows(e, undefined).map((r) => r.questionId)).toEqual(['q9', 'q2', 'q1']);
  });

  it('reads the score as a percentage', () => {
    expect(scoreRatio(78.06)).toBeCloseTo(0.7806);
    expect(scoreRatio(null)).toBeNull();
    expect(scoreRatio(140)).toBe(1);
  });
});

describe('recordings and notes', () => {
  it("collects the evaluators' notes on one recording in time order, with names", () => {
    const evaluations = [
      evaluation({
        id: 'e1',
        notes: [
          { recording_id: 'rec-1', offset_ms: 9000, text: 'later', author_id: 'emp-m', created_at: '' },
          { recording_id: 'rec-2', offset_ms: 1000, text: 'other recording', author_id: 'emp-m', created_at: '' },
        ],
      }),
      evaluation({
        id: 'e2',
        notes: [{ recording_id: 'rec-1', offset_ms: 4000, text: 'first', author_id: 'emp-x', created_at: '' }],
      }),
    ];
    const names = monitorNames([
      { monitor_id: 'emp-m', monitor_name: 'Jeroen de Groot', purposes: ['assessment'], valid_from: '', valid_until: null, client_id: '' },
    ]);
    expect(notesForRecording(evaluations, 'rec-1', names)).toEqual([
      { id: 'e2-0', atMs: 4000, text: 'first', author: 'emp-x' },
      { id: 'e1-0', atMs: 9000, text: 'later', author: 'Jeroen de Groot' },
    ]);
    expect(notesForRecording(evaluations, 'rec-3', names)).toEqual([]);
  });

  it('knows a recording state and its listening address within its purpose', () => {
    const r = { id: 'rec 1', purpose: 'coaching', media_type: 'audio/ogg; codecs=opus' } as Recording;
    expect(contentUrl(r)).toBe('/api/v1/recordings/rec%201/content?purpose=coaching&access=listen');
    expect(isAudio(r)).toBe(true);
    expect(isAudio({ media_type: 'text/plain' })).toBe(false);
    expect(recordingState({ destroyed_at: 'x', evaluated_at: 'y' } as Recording)).toBe('destroyed');
    expect(recordingState({ destroyed_at: null, evaluated_at: 'y' } as Recording)).toBe('evaluated');
    expect(recordingState({ destroyed_at: null, evaluated_at: null } as Recording)).toBe('awaiting');
  });

  it('sorts newest first without changing the input', () => {
    const items = [{ at: '2026-01-02' }, { at: '2026-03-01' }, { at: null }];
    expect(newestFirst(items, (i) => i.at).map((i) => i.at)).toEqual(['2026-03-01', '2026-01-02', null]);
    expect(items[0].at).toBe('2026-01-02');
  });
});

describe('complaints (KSF-3.10)', () => {
  it('names the stage a complaint is in', () => {
    expect(complaintStage(complaint())).toBe('filed');
    expect(complaintStage(complaint({ overdue: true }))).toBe('overdue');
    expect(complaintStage(complaint({ taken_up_at: 'x' }))).toBe('taken_up');
    expect(complaintStage(complaint({ taken_up_at: 'x', response: 'Excuses' }))).toBe('answered');
    expect(complaintStage(complaint({ appealed_at: 'x', response: 'r' }))).toBe('appealed');
    expect(complaintStage(complaint({ appealed_at: 'x', appeal_decided_at: 'y' }))).toBe('appeal_decided');
  });
});

describe('access log and consents', () => {
  const entry = (over: Partial<AccessEntry>): AccessEntry => ({
    seq: 1,
    at: '',
    actor_id: 'emp-me',
    actor_role: 'agent',
    action: 'view.my_recordings',
    subject_kind: 'recordings',
    subject_id: 'emp-me',
    purpose: null,
    allowed: true,
    rule: '',
    ...over,
  });

  it('filters by who and by refusal', () => {
    const entries = [
      entry({ seq: 1 }),
      entry({ seq: 2, actor_id: 'emp-m', actor_role: 'monitor', action: 'recording.listen' }),
      entry({ seq: 3, actor_id: '', actor_role: 'client', allowed: false, rule: 'KSF-6.1' }),
    ];
    expect(filterAccess(entries, 'all', 'emp-me').map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(filterAccess(entries, 'others', 'emp-me').map((e) => e.seq)).toEqual([2, 3]);
    expect(filterAccess(entries, 'refused', 'emp-me').map((e) => e.seq)).toEqual([3]);
  });

  it('groups action codes by what happened', () => {
    expect(accessKind('view.my_recordings')).toBe('viewed');
    expect(accessKind('recording.info')).toBe('viewed');
    expect(accessKind('recording.listen')).toBe('listened');
    expect(accessKind('export.my_data')).toBe('downloaded');
    expect(accessKind('evaluation.share')).toBe('changed');
    expect(accessKind('something.odd')).toBe('other');
  });

  it('keeps only consents not withdrawn', () => {
    const consents = [{ id: 'a', withdrawn_at: null }, { id: 'b', withdrawn_at: 'x' }] as Consent[];
    expect(activeConsents(consents).map((c) => c.id)).toEqual(['a']);
  });

  it('sends each consent kind only its own fields', () => {
    const fields = { reason: ' klacht loopt ', holdUntil: '2026-12-31', requestedBy: ' ', trainingUse: ' cursus ' };
    expect(consentBody('hold', 'rec-1', fields)).toEqual({
      kind: 'hold',
      recording_id: 'rec-1',
      reason: 'klacht loopt',
      hold_until: '2026-12-31',
    });
    expect(consentBody('hold', 'rec-1', { ...fields, requestedBy: 'manager' })).toMatchObject({
      requested_by: 'manager',
    });
    expect(consentBody('training', 'rec-1', fields)).toEqual({
      kind: 'training',
      recording_id: 'rec-1',
      training_use: 'cursus',
    });
  });
});

describe('agent messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has every key in both languages with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
      expect(key.startsWith('agent.'), key).toBe(true);
      expect(en[key].trim(), key).not.toBe('');
    }
  });
});
