// The evaluation page against a fake server: the running score as the
// monitor answers, a failed critical question and its effect, required
// comments validated before saving (aria-invalid and a message), saving
// and sharing, a note at the player's time, and a refusal shown as such.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wavesurfer.js', () => ({
  default: {
    create: vi.fn(() => {
      const handlers: Record<string, ((...a: unknown[]) => void)[]> = {};
      let time = 0;
      const surfer = {
        on: (event: string, handler: (...a: unknown[]) => void) => {
          (handlers[event] ??= []).push(handler);
          return () => undefined;
        },
        loadBlob: async () => handlers.ready?.forEach((h) => h(40)),
        playPause: async () => undefined,
        setTime: (t: number) => {
          time = t;
          handlers.timeupdate?.forEach((h) => h(t));
        },
        getCurrentTime: () => time,
        getDuration: () => 40,
        setPlaybackRate: () => undefined,
        destroy: () => undefined,
      };
      return surfer;
    }),
  },
}));
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({
  default: { create: () => ({ addRegion: vi.fn(), clearRegions: vi.fn(), on: vi.fn() }) },
}));

import { setLang } from '../src/i18n';
import { EvaluationPage } from '../src/pages/monitor/evaluation';
import type { Evaluation } from '../src/pages/monitor/model';

const form = {
  id: 'form-1',
  name: 'Kwaliteitscontrole',
  version: 1,
  purpose: 'quality',
  published_at: '2026-05-26T00:00:00Z',
  sections: [
    {
      title: 'Procesverloop',
      questions: [
        { id: 'first', text: 'Solved at first contact?', weight: 3, critical: false, allow_na: false, comment_required: true, max_score: 5 },
        { id: 'id', text: 'Identity checked?', weight: 1, critical: true, allow_na: false, comment_required: false, max_score: 1 },
      ],
    },
    {
      title: 'Klantbeleving',
      questions: [
        { id: 'wait', text: 'Waiting time acceptable?', weight: 1, critical: false, allow_na: true, comment_required: false, max_score: 5 },
      ],
    },
  ],
};

function evaluation(over: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 'eval-1',
    agent_id: 'emp-a',
    monitor_id: 'emp-m',
    purpose: 'quality',
    form_id: 'form-1',
    form_version: 1,
    recording_ids: ['rec-1'],
    status: 'draft',
    answers: [],
    notes: [],
    score: null,
    summary: '',
    automated_suggestion: false,
    confirmed_by: '',
    agent_view: '',
    agent_view_at: null,
    created_at: '2026-11-27T10:00:00Z',
    shared_at: null,
    acknowledged_at: null,
    feedback: null,
    closed_at: null,
    destroy_at: '2027-11-27T10:00:00Z',
    destroyed_at: null,
    ...over,
  };
}

const details = {
  recording: {
    id: 'rec-1',
    contact_id: 'con-1',
    agent_id: 'emp-a',
    purpose: 'quality',
    channel: 'voice',
    media_type: 'audio/ogg; codecs=opus',
    created_at: '2026-11-26T14:44:00Z',
    duration_ms: 40_000,
    size_bytes: 8,
    evaluate_by: '2026-12-10T14:44:00Z',
    destroy_at: '2026-12-26T14:44:00Z',
    evaluated_at: null,
    destroyed_at: null,
    extra_moment: false,
    may_contain_card_data: false,
  },
  agent_name: 'Sem van Rijn',
  days_left: 12,
  paused: [],
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

interface Call {
  method: string;
  url: string;
  body: unknown;
}

function fakeServer(routes: (call: Call) => Response | undefined) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const call = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const answer = routes(call);
    if (answer) return answer;
    if (url.startsWith('/api/v1/evaluations/eval-1') && call.method === 'GET') return json(evaluation());
    if (url.startsWith('/api/v1/forms/form-1')) return json(form);
    if (url === '/api/v1/recordings/rec-1') return json(details);
    if (url.startsWith('/api/v1/recordings/rec-1/content')) {
      return new Response(new Uint8Array([1, 2, 3, 4]), { headers: { 'Content-Type': 'audio/ogg' } });
    }
    return json({ error: 'not_found', message: `no route ${call.method} ${url}` }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function question(text: string): HTMLElement {
  return screen.getByRole('group', { name: text });
}

describe('the evaluation page', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the running score, a failed critical question and its effect', async () => {
    fakeServer(() => undefined);
    render(<EvaluationPage id="eval-1" />);
    await screen.findByRole('group', { name: 'Solved at first contact?' });
    const score = () => screen.getByTestId('running-score').textContent;
    expect(score()).toBe('—');
    expect(screen.getByText('0 of 3 questions answered')).toBeTruthy();
    fireEvent.click(within(question('Solved at first contact?')).getByLabelText('4'));
    expect(score()).toBe('80.0');
    fireEvent.click(within(question('Identity checked?')).getByLabelText('1'));
    expect(score()).toBe('85.0');
    fireEvent.click(within(question('Waiting time acceptable?')).getByLabelText('n/a'));
    expect(score()).toBe('85.0');
    expect(screen.getByText('3 of 3 questions answered')).toBeTruthy();
    fireEvent.click(within(question('Identity checked?')).getByLabelText('0'));
    expect(score()).toBe('0.0');
    expect(screen.getByText(/The critical question “Identity checked\?” scored 0, so the total score is 0 \(without that rule: 60.0\)/)).toBeTruthy();
    expect(within(question('Identity checked?')).getByText(/Critical question scored 0/)).toBeTruthy();
    expect(within(question('Identity checked?')).getByText('weight 1', { exact: false })).toBeTruthy();
  });

  it('validates required comments before saving, then saves and shares', async () => {
    const calls = fakeServer((call) => {
      if (call.method === 'PUT') return json(evaluation({ answers: [], score: 85, summary: 'Goed gesprek' }));
      if (call.method === 'POST' && call.url.endsWith('/share')) {
        return json(evaluation({ status: 'shared', score: 85, shared_at: '2026-11-28T10:00:00Z' }));
      }
      return undefined;
    });
    render(<EvaluationPage id="eval-1" />);
    await screen.findByRole('group', { name: 'Solved at first contact?' });
    fireEvent.click(within(question('Solved at first contact?')).getByLabelText('4'));
    fireEvent.click(within(question('Identity checked?')).getByLabelText('1'));
    fireEvent.click(within(question('Waiting time acceptable?')).getByLabelText('n/a'));
    fireEvent.click(screen.getByRole('button', { name: 'Save answers' }));
    const comment = within(question('Solved at first contact?')).getByLabelText('Comment (required)');
    expect(comment.getAttribute('aria-invalid')).toBe('true');
    expect(within(question('Solved at first contact?')).getByText('Explain a score below 5.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('1 question needs your attention');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    expect((screen.getByRole('button', { name: 'Share with the agent' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.input(comment, { target: { value: 'Doorverbonden naar de tweede lijn' } });
    fireEvent.input(screen.getByLabelText('Summary for the agent'), { target: { value: 'Goed gesprek' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save answers' }));
    await screen.findByText('The answers have been saved.');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).toBe('/api/v1/evaluations/eval-1/answers');
    expect(put?.body).toEqual({
      answers: [
        { question_id: 'first', score: 4, comment: 'Doorverbonden naar de tweede lijn' },
        { question_id: 'id', score: 1, comment: '' },
        { question_id: 'wait', not_applicable: true, comment: '' },
      ],
      summary: 'Goed gesprek',
    });
    const share = screen.getByRole('button', { name: 'Share with the agent' }) as HTMLButtonElement;
    await waitFor(() => expect(share.disabled).toBe(false));
    fireEvent.click(share);
    await screen.findByText('The evaluation has been shared with the agent.');
    expect(screen.getByTestId('evaluation-status').textContent).toBe('shared with the agent');
    const post = calls.find((c) => c.url.endsWith('/share'));
    expect(post?.method).toBe('POST');
    expect(post?.body).toBeUndefined();
    expect(screen.getByRole('button', { name: 'Record the feedback meeting' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close the evaluation' })).toBeTruthy();
  });

  it('adds a note at the player time with the N key', async () => {
    const calls = fakeServer((call) => {
      if (call.method === 'POST' && call.url.endsWith('/notes')) {
        return json(
          evaluation({ notes: [{ recording_id: 'rec-1', offset_ms: 10_000, text: 'Mooie opening', author_id: 'emp-m', created_at: '2026-11-27T10:00:00Z' }] }),
          201,
        );
      }
      return undefined;
    });
    render(<EvaluationPage id="eval-1" />);
    const slider = await screen.findByRole('slider', { name: /Position in phone of Sem van Rijn/ });
    await waitFor(() => expect(slider.getAttribute('tabindex')).toBe('0'));
    fireEvent.keyDown(slider, { key: 'l' });
    fireEvent.keyDown(slider, { key: 'l' });
    fireEvent.keyDown(slider, { key: 'n' });
    const field = await screen.findByLabelText('Note at 0:10');
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(field, { target: { value: 'Mooie opening' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await screen.findByText('Note at 0:10 saved.');
    expect(calls.find((c) => c.url.endsWith('/notes'))?.body).toEqual({
      recording_id: 'rec-1',
      offset_ms: 10_000,
      text: 'Mooie opening',
    });
    expect(screen.getByText('Mooie opening')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go to 0:10' })).toBeTruthy();
  });

  it('shows a refusal to share as reason and rule', async () => {
    fakeServer((call) => {
      if (call.method === 'GET' && call.url === '/api/v1/evaluations/eval-1') {
        return json(evaluation({ score: 90, answers: [
          { question_id: 'first', score: 5, comment: '' },
          { question_id: 'id', score: 1, comment: '' },
          { question_id: 'wait', score: null, comment: '' },
        ] }));
      }
      if (call.url.endsWith('/share')) {
        return json(
          {
            error: 'refused',
            rule: 'KSF-3.8',
            message: 'Deze evaluatie is al met de medewerker gedeeld.',
            reason_nl: 'Deze evaluatie is al met de medewerker gedeeld.',
            reason_en: 'This evaluation has already been shared with the agent.',
          },
          403,
        );
      }
      return undefined;
    });
    render(<EvaluationPage id="eval-1" />);
    const share = await screen.findByRole('button', { name: 'Share with the agent' });
    await waitFor(() => expect((share as HTMLButtonElement).disabled).toBe(false));
    expect(await screen.findByText('saved score: 90.0')).toBeTruthy();
    fireEvent.click(share);
    const alert = await screen.findByText('This evaluation has already been shared with the agent.');
    expect(alert.closest('[role="alert"]')?.getAttribute('data-rule')).toBe('KSF-3.8');
  });
});
