// The manager pages' logic: authorisation states and limits, regulation
// documents to and from the editor, the form designer's validation, body and
// preview score, complaint order, and the manager's message catalogue.
import { describe, expect, it } from 'vitest';
import * as catalogue from '../src/i18n/messages/manager';
import {
  authorisationState,
  canActivate,
  canEdit,
  canSubmit,
  complaintState,
  draftBody,
  draftFrom,
  draftRangeProblems,
  emptyDraft,
  emptyFormDraft,
  filterAuthorisations,
  formBody,
  grantBody,
  grantProblems,
  kRegulationFieldRules,
  legalReasonNeededUntil,
  monitorCandidates,
  moveItem,
  nextQuestionId,
  previewScore,
  rejectionOf,
  saveRequest,
  serverFieldOf,
  sortAuthorisations,
  sortComplaints,
  toDateInput,
  validateForm,
  widenings,
} from '../src/pages/manager/logic';
import type { Authorisation, Complaint, Regulation } from '../src/pages/manager/types';

const now = Date.parse('2026-11-27T12:00:00Z');

function auth(patch: Partial<Authorisation> = {}): Authorisation {
  return {
    id: 'auth-1',
    monitor_id: 'emp-1',
    purposes: ['coaching', 'assessment'],
    team_ids: ['team-a', 'team-b'],
    agent_ids: ['emp-x'],
    valid_from: '2026-05-26T00:00:00Z',
    valid_until: '2027-05-26T00:00:00Z',
    confidentiality_acknowledged_at: '2026-05-26T00:00:00Z',
    granted_by: 'emp-m',
    granted_at: '2026-05-26T00:00:00Z',
    ended_at: null,
    client_id: '',
    monitor_name: 'Elif de Graaf',
    acknowledged: true,
    active: true,
    ...patch,
  };
}

function regulation(patch: Partial<Regulation> = {}): Regulation {
  return {
    id: 'reg-1',
    version: 1,
    title: 'Reglement',
    status: 'active',
    controller_name: 'KCN B.V.',
    contact_email: 'privacy@example.nl',
    privacy_statement_url: 'https://example.nl/privacy',
    client_min_group_size: 5,
    extra_moments_per_period: 3,
    assessment_period_days: 365,
    complaint_term_days: 30,
    assessment_protocol_reference: 'BP-1',
    assessment_protocol_approved_at: '2026-04-16T00:00:00Z',
    dpia_reference: 'DPIA-1',
    dpia_at: '2026-03-02T00:00:00Z',
    change_legal_reason: '',
    works_council_consent_at: '2026-05-11T00:00:00Z',
    works_council_consent_reference: 'OR-1',
    works_council_rejected_at: null,
    works_council_rejection_reference: '',
    works_council_rejection_reason: '',
    created_at: '2026-03-27T00:00:00Z',
    submitted_at: '2026-04-01T00:00:00Z',
    activated_at: '2026-05-26T00:00:00Z',
    superseded_at: null,
    purposes: [
      {
        purpose: 'coaching',
        enabled: true,
        frequency_quota: 4,
        frequency_period_days: 30,
        recording_retention_days: 30,
        evaluation_retention_days: 365,
        evaluation_term_working_days: 10,
        min_gap_days: 3,
        legitimate_interest: 'Ontwikkeling',
        legal_ground: 'legitimate_interest',
        necessity_justification: 'Nodig',
        proportionality_justification: 'In verhouding',
        channels: ['voice', 'screen'],
      },
    ],
    ...patch,
  };
}

describe('authorisations', () => {
  it('names the state of an authorisation', () => {
    expect(authorisationState(auth(), now)).toBe('active');
    expect(authorisationState(auth({ acknowledged: false }), now)).toBe('awaiting');
    expect(authorisationState(auth({ ended_at: '2026-11-01T00:00:00Z' }), now)).toBe('ended');
    expect(authorisationState(auth({ valid_until: '2026-11-01T00:00:00Z' }), now)).toBe('expired');
    expect(authorisationState(auth({ valid_from: '2026-12-01T00:00:00Z' }), now)).toBe('future');
  });

  it('lists what needs attention first and hides ended ones unless asked', () => {
    const items = [
      auth({ id: 'a', monitor_name: 'Bart' }),
      auth({ id: 'b', monitor_name: 'Anna', ended_at: '2026-11-01T00:00:00Z' }),
      auth({ id: 'c', monitor_name: 'Cor', acknowledged: false }),
    ];
    expect(sortAuthorisations(items, now).map((a) => a.id)).toEqual(['c', 'a', 'b']);
    expect(filterAuthorisations(items, { text: '', showEnded: false }, now).map((a) => a.id)).toEqual(['a', 'c']);
    expect(filterAuthorisations(items, { text: 'ann', showEnded: true }, now).map((a) => a.id)).toEqual(['b']);
  });

  it('accepts a limit only when it narrows', () => {
    const old = auth();
    const narrower = {
      monitor_id: 'emp-1',
      purposes: ['coaching' as const],
      team_ids: ['team-a'],
      agent_ids: [],
      valid_from: '2026-11-27',
      valid_until: '2027-01-01',
    };
    expect(widenings(old, narrower)).toEqual([]);
    expect(widenings(old, { ...narrower, purposes: ['quality'] })).toEqual(['purposes']);
    expect(widenings(old, { ...narrower, team_ids: ['team-c'] })).toEqual(['teams']);
    expect(widenings(old, { ...narrower, valid_until: '2028-01-01' })).toEqual(['until']);
    expect(widenings(old, { ...narrower, valid_until: '' })).toEqual(['until']);
    expect(widenings(old, { ...narrower, valid_from: '2026-01-01' })).toEqual(['from']);
    // An agent in a team the old authorisation covered stays inside it.
    expect(widenings(old, { ...narrower, agent_ids: ['emp-y'] }, { 'emp-y': 'team-b' })).toEqual([]);
    expect(widenings(old, { ...narrower, agent_ids: ['emp-z'] }, { 'emp-z': 'team-q' })).toEqual(['agents']);
    const same = {
      monitor_id: 'emp-1',
      purposes: ['assessment' as const, 'coaching' as const],
      team_ids: ['team-b', 'team-a'],
      agent_ids: ['emp-x'],
      valid_from: '2026-05-26',
      valid_until: '2027-05-26',
    };
    expect(widenings(old, same)).toEqual(['empty']);
  });

  it('checks a grant and leaves out an empty end date', () => {
    const input = { monitor_id: '', purposes: [], team_ids: [], agent_ids: [], valid_from: '2026-11-27', valid_until: '2026-11-01' };
    expect(grantProblems(input)).toEqual(['monitor', 'purposes', 'scope', 'until']);
    const ok = { ...input, monitor_id: 'emp-1', purposes: ['coaching' as const], team_ids: ['t'], valid_until: '' };
    expect(grantProblems(ok)).toEqual([]);
    expect(grantBody(ok)).toEqual({
      monitor_id: 'emp-1',
      purposes: ['coaching'],
      team_ids: ['t'],
      agent_ids: [],
      valid_from: '2026-11-27',
    });
  });

  it('offers team leads, coaches, QA analysts and trainers as monitors', () => {
    const people = [
      { name: 'Zed', function: 'coach', leave_date: null },
      { name: 'Abena', function: 'company_doctor', leave_date: null },
      { name: 'Bo', function: 'agent', leave_date: null },
      { name: 'Ada', function: 'team_lead', leave_date: null },
      { name: 'Left', function: 'trainer', leave_date: '2026-01-01' },
    ];
    expect(monitorCandidates(people).map((p) => p.name)).toEqual(['Ada', 'Zed']);
  });
});

describe('regulation drafts', () => {
  it('turns a version into an editable draft with all three purposes', () => {
    const draft = draftFrom(regulation());
    expect(draft.purposes.map((p) => p.purpose)).toEqual(['coaching', 'assessment', 'quality']);
    expect(draft.purposes[1].enabled).toBe(false);
    expect(draft.dpia_at).toBe('2026-03-02');
    expect(draft.assessment_protocol_approved_at).toBe('2026-04-16');
  });

  it('sends only the fields the server reads, without empty dates or untouched purposes', () => {
    const body = draftBody(draftFrom(regulation()));
    expect(Object.keys(body).sort()).toEqual(
      [
        'assessment_period_days',
        'assessment_protocol_approved_at',
        'assessment_protocol_reference',
        'change_legal_reason',
        'client_min_group_size',
        'complaint_term_days',
        'contact_email',
        'controller_name',
        'dpia_at',
        'dpia_reference',
        'extra_moments_per_period',
        'privacy_statement_url',
        'purposes',
        'title',
      ].sort(),
    );
    expect((body.purposes as unknown[]).length).toBe(1);
    const empty = draftBody(emptyDraft());
    expect(empty.dpia_at).toBeUndefined();
    expect(empty.purposes).toEqual([]);
  });

  it('flags numbers the server would refuse and a missing title', () => {
    const draft = draftFrom(regulation());
    expect(draftRangeProblems(draft)).toEqual([]);
    draft.extra_moments_per_period = 4;
    draft.purposes[0].frequency_quota = Number.NaN;
    draft.title = ' ';
    expect(draftRangeProblems(draft)).toEqual(['extra_moments_per_period', 'coaching.frequency_quota', 'title']);
  });

  it('knows when a version may be submitted or activated', () => {
    expect(canSubmit('draft')).toBe(true);
    expect(canSubmit('rejected')).toBe(true);
    expect(canSubmit('submitted')).toBe(false);
    expect(canActivate(regulation({ status: 'submitted' }))).toBe(true);
    expect(canActivate(regulation({ status: 'submitted', works_council_consent_at: null }))).toBe(false);
  });

  it('edits only a draft in place; anything the works council has seen is revised through a new draft', () => {
    expect(canEdit('draft')).toBe(true);
    for (const status of ['submitted', 'rejected', 'active', 'superseded'] as const) {
      expect(canEdit(status), status).toBe(false);
    }
  });

  it('saves an existing draft with PUT to itself and a new draft with POST', () => {
    const draft = draftFrom(regulation({ status: 'draft' }));
    const update = saveRequest('reg 7', draft);
    expect(update.method).toBe('PUT');
    expect(update.path).toBe('/api/v1/regulations/reg%207');
    expect(update.body).toEqual(draftBody(draft));
    const create = saveRequest(null, draft);
    expect(create.method).toBe('POST');
    expect(create.path).toBe('/api/v1/regulations');
    expect(create.body).toEqual(draftBody(draft));
  });

  it("reads the works council's refusal with date, reference and reason", () => {
    expect(rejectionOf(regulation())).toBeNull();
    expect(
      rejectionOf(
        regulation({
          status: 'rejected',
          works_council_consent_at: null,
          works_council_rejected_at: '2026-11-25T10:00:00Z',
          works_council_rejection_reference: ' OR-2026-15 ',
          works_council_rejection_reason: 'De frequentie is te hoog.\n',
        }),
      ),
    ).toEqual({ at: '2026-11-25T10:00:00Z', reference: 'OR-2026-15', reason: 'De frequentie is te hoog.' });
    // A version refused earlier and submitted again keeps its history.
    expect(
      rejectionOf(regulation({ status: 'submitted', works_council_rejected_at: '2026-11-25T10:00:00Z' }))?.at,
    ).toBe('2026-11-25T10:00:00Z');
    // A refusal recorded without details still shows as one.
    expect(rejectionOf(regulation({ status: 'rejected' }))).toEqual({ at: null, reference: '', reason: '' });
  });

  it('warns that a change within a year needs a legal reason (KSF-3.12)', () => {
    expect(legalReasonNeededUntil(regulation(), now)).toBe('2027-05-26T00:00:00.000Z');
    expect(legalReasonNeededUntil(regulation(), Date.parse('2027-06-01T00:00:00Z'))).toBeNull();
    expect(legalReasonNeededUntil(undefined, now)).toBeNull();
  });

  it('names a rule for every field of the regulation', () => {
    const fields = [...Object.keys(draftFrom(regulation())), ...Object.keys(regulation().purposes[0])].filter(
      (k) => k !== 'purposes' && k !== 'purpose',
    );
    for (const field of fields) expect(kRegulationFieldRules[field], field).toMatch(/^[A-Z]+-/);
  });

  it('reads dates for date inputs', () => {
    expect(toDateInput('2026-03-02T00:00:00Z')).toBe('2026-03-02');
    expect(toDateInput(null)).toBe('');
  });
});

describe('form designer', () => {
  it('reports problems per field, as the server names them', () => {
    const form = emptyFormDraft();
    form.sections.push({ title: 'B', questions: [] });
    form.sections[0].questions.push({ ...form.sections[0].questions[0], text: 'x', weight: 0, max_score: 0 });
    expect(validateForm(form)).toEqual({
      name: 'name',
      'sections[0].title': 'sectionTitle',
      'sections[0].questions[0].text': 'questionText',
      'sections[0].questions[1].id': 'duplicateId',
      'sections[0].questions[1].weight': 'weight',
      'sections[0].questions[1].max_score': 'maxScore',
      'sections[1].questions': 'noQuestions',
    });
  });

  it('builds the publish body and new question codes', () => {
    const form = emptyFormDraft();
    form.name = ' Gesprek ';
    form.sections[0].title = 'Opening';
    form.sections[0].questions[0].text = 'Begroeting?';
    expect(validateForm(form)).toEqual({});
    expect(nextQuestionId(form)).toBe('q2');
    const body = formBody(form);
    expect(body.name).toBe('Gesprek');
    expect(body.id).toBeUndefined();
    expect(formBody({ ...form, id: 'form-1' }).id).toBe('form-1');
  });

  it('finds the field in a server message', () => {
    expect(serverFieldOf('sections[0].questions[0].weight must be greater than zero')).toEqual({
      path: 'sections[0].questions[0].weight',
      text: 'must be greater than zero',
    });
    expect(serverFieldOf('sections must contain at least one question')?.path).toBe('sections');
    expect(serverFieldOf('forbidden')).toBeNull();
  });

  it('scores the preview as the server does', () => {
    const sections = [
      {
        title: 'A',
        questions: [
          { id: 'a', text: 'a', weight: 3, critical: false, allow_na: false, comment_required: false, max_score: 5 },
          { id: 'b', text: 'b', weight: 1, critical: true, allow_na: false, comment_required: false, max_score: 5 },
          { id: 'c', text: 'c', weight: 2, critical: false, allow_na: true, comment_required: false, max_score: 4 },
        ],
      },
    ];
    expect(previewScore(sections, {}).score).toBeNull();
    // (3·5/5 + 1·0... ) — with c N/A: (3·1 + 1·0.6) / 4 = 0.9
    expect(previewScore(sections, { a: 5, b: 3, c: 'na' })).toEqual({
      score: 90,
      autoFailed: false,
      answered: 3,
      total: 3,
    });
    expect(previewScore(sections, { a: 5, b: 0 }).score).toBe(0);
    expect(previewScore(sections, { a: 5, b: 0 }).autoFailed).toBe(true);
  });

  it('moves items within bounds', () => {
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
  });
});

describe('complaints', () => {
  const base: Complaint = {
    id: 'c',
    complainant_id: 'e',
    subject: 's',
    text: 't',
    filed_at: '2026-11-01T00:00:00Z',
    respond_by: '2026-12-01T00:00:00Z',
    taken_up_at: null,
    response: '',
    resolved_at: null,
    appealed_at: null,
    appeal_decision: '',
    appeal_decided_at: null,
    days_left: 4,
    overdue: false,
    appealable: false,
  };

  it('names the state and lists waiting complaints first, soonest deadline first', () => {
    const items = [
      { ...base, id: 'resolved', resolved_at: '2026-11-02T00:00:00Z', days_left: -3 },
      { ...base, id: 'late', days_left: 10 },
      { ...base, id: 'soon', days_left: 2, taken_up_at: '2026-11-02T00:00:00Z' },
      { ...base, id: 'appeal', appealed_at: '2026-11-03T00:00:00Z', days_left: -20 },
    ];
    expect(items.map(complaintState)).toEqual(['resolved', 'open', 'taken_up', 'appealed']);
    expect(sortComplaints(items).map((c) => c.id)).toEqual(['soon', 'late', 'appeal', 'resolved']);
  });
});

describe('manager messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => {
    const nl = catalogue.nl as Record<string, string>;
    const en = catalogue.en as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    const names = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const key of Object.keys(nl)) {
      expect(names(en[key]), key).toBe(names(nl[key]));
      expect(key.startsWith('manager.'), key).toBe(true);
      expect(nl[key].trim(), key).not.toBe('');
    }
  });
});
