// The privacy officer's pages against a stubbed /api/v1.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import { AuditPage } from '../src/pages/privacy/audit';
import { DpiaPage, RegisterPage } from '../src/pages/privacy/records';
import { RequestsPage } from '../src/pages/privacy/requests';
import type { DataSubjectRequestItem } from '../src/pages/privacy/types';

type Handler = (url: URL) => { status?: number; body: unknown };
let routes: Record<string, Handler>;
let calls: { method: string; url: URL; body: unknown }[];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  setLang('nl');
  calls = [];
  routes = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const handler = routes[`${method} ${url.pathname}`];
      if (!handler) return json(404, { error: 'not_found', message: 'no such resource' });
      const { status, body } = handler(url);
      return json(status ?? 200, body);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function entries(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    seq: from - i,
    at: '2026-11-28T06:09:45Z',
    actor_id: 'emp-f368',
    actor_role: i % 2 ? 'system' : 'privacy_officer',
    action: i % 2 ? 'reminder.send' : 'register.read',
    subject_kind: 'register',
    subject_id: 'reg-1',
    subject_agent_id: '',
    purpose: null,
    decision: i === 0 ? 'refused' : 'allowed',
    rule: i === 0 ? 'AVG-32' : '',
    detail: { from: '2026-10-29' },
    hash: 'h',
  }));
}

describe('AuditPage', () => {
  it('searches with filters, pages to older entries and verifies the chain', async () => {
    routes['GET /api/v1/audit'] = (url) => {
      const before = Number(url.searchParams.get('before') ?? 1001);
      const limit = Number(url.searchParams.get('limit'));
      return { body: { items: entries(before - 1, Math.min(limit, before - 1)) } };
    };
    routes['POST /api/v1/audit/verify'] = () => ({ body: { ok: true, entries: 1009, first_bad_seq: null, problem: '' } });
    render(<AuditPage />);
    expect(await screen.findByText('Pagina 1: 50 vermeldingen, nummer 1000 tot en met 951.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Vermeldingen' });
    expect(within(table).getAllByText('geweigerd')).toHaveLength(1);
    expect(within(table).getByText('AVG-32')).toBeTruthy();
    expect(within(table).getAllByText('systeem').length).toBeGreaterThan(0);

    fireEvent.input(screen.getByLabelText('Handeling'), { target: { value: 'register.read' } });
    fireEvent.change(screen.getByLabelText('Uitkomst'), { target: { value: 'refused' } });
    fireEvent.change(screen.getByLabelText('Vermeldingen per pagina'), { target: { value: '25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }));
    await screen.findByText('Pagina 1: 25 vermeldingen, nummer 1000 tot en met 976.');
    const last = calls.filter((c) => c.url.pathname === '/api/v1/audit').at(-1)!;
    expect(Object.fromEntries(last.url.searchParams)).toEqual({ action: 'register.read', decision: 'refused', limit: '25' });

    fireEvent.click(screen.getByRole('button', { name: 'Oudere' }));
    await screen.findByText('Pagina 2: 25 vermeldingen, nummer 975 tot en met 951.');
    expect(calls.filter((c) => c.url.pathname === '/api/v1/audit').at(-1)!.url.searchParams.get('before')).toBe('976');
    fireEvent.click(screen.getByRole('button', { name: 'Nieuwere' }));
    await screen.findByText('Pagina 1: 25 vermeldingen, nummer 1000 tot en met 976.');

    fireEvent.click(screen.getByRole('button', { name: 'Keten controleren' }));
    expect(await screen.findByText('De keten is intact.')).toBeTruthy();
    expect(screen.getByText(/1\.009 vermeldingen nagerekend/)).toBeTruthy();
  });

  it('reports a broken chain as an alert with the first bad entry', async () => {
    routes['GET /api/v1/audit'] = () => ({ body: { items: [] } });
    routes['POST /api/v1/audit/verify'] = () => ({
      body: { ok: false, entries: 12, first_bad_seq: 7, problem: 'hash mismatch' },
    });
    render(<AuditPage />);
    await screen.findByText('Geen vermeldingen gevonden.');
    fireEvent.click(screen.getByRole('button', { name: 'Keten controleren' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('De keten is verbroken.');
    expect(alert.textContent).toContain('Vanaf vermelding 7');
    expect(alert.textContent).toContain('hash mismatch');
  });
});

describe('RequestsPage', () => {
  const open: DataSubjectRequestItem = {
    id: 'dsr-1',
    subject_kind: 'customer',
    subject_ref: 'cref-7ec4',
    kind: 'access',
    received_at: '2026-11-19T00:00:00Z',
    due_at: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    extension_told_at: null,
    answered_at: null,
    notes: '',
    days_left: 20,
    overdue: false,
  };

  it('shows the countdown, extends without a body and answers with notes', async () => {
    let state = { ...open };
    routes['GET /api/v1/data-subject-requests'] = () => ({ body: { items: state.answered_at ? [] : [state] } });
    routes['POST /api/v1/data-subject-requests/dsr-1/extend'] = () => {
      state = { ...state, extension_told_at: '2026-11-28T00:00:00Z', due_at: '2027-02-19T00:00:00Z' };
      return { body: state };
    };
    routes['POST /api/v1/data-subject-requests/dsr-1/answer'] = () => {
      state = { ...state, answered_at: '2026-11-28T00:00:00Z', notes: 'Kopie gestuurd.' };
      return { body: state };
    };
    render(<RequestsPage />);
    const card = await screen.findByRole('article', { name: 'Verzoek om inzage — klant cref-7ec4' });
    expect(within(card).getByText('nog 20 dagen')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Met twee maanden verlengen' }));
    expect(await screen.findByText(/Verlengd: Verzoek om inzage — klant cref-7ec4\. Nieuwe uiterste datum: 19 feb 2027/)).toBeTruthy();
    const extend = calls.find((c) => c.url.pathname.endsWith('/extend'));
    expect(extend?.method).toBe('POST');
    expect(extend?.body).toBeUndefined();
    const again = await screen.findByRole('article', { name: 'Verzoek om inzage — klant cref-7ec4' });
    await waitFor(() => expect(within(again).getByRole('button', { name: 'Met twee maanden verlengen' }).hasAttribute('disabled')).toBe(true));
    fireEvent.input(within(again).getByLabelText('Wat is er geantwoord?'), { target: { value: 'Kopie gestuurd.' } });
    fireEvent.click(within(again).getByRole('button', { name: 'Antwoord vastleggen' }));
    expect(await screen.findByText('Beantwoord: Verzoek om inzage — klant cref-7ec4.')).toBeTruthy();
    expect(calls.find((c) => c.url.pathname.endsWith('/answer'))?.body).toEqual({ notes: 'Kopie gestuurd.' });
    expect(await screen.findByText('Er staan geen verzoeken open.')).toBeTruthy();
  });

  it('records a new request and shows a refusal by the server', async () => {
    routes['GET /api/v1/data-subject-requests'] = () => ({ body: { items: [] } });
    routes['POST /api/v1/data-subject-requests'] = () => ({
      status: 403,
      body: { error: 'refused', rule: 'AVG-12', reason_nl: 'Niet toegestaan.', reason_en: 'Not allowed.', message: 'refused' },
    });
    render(<RequestsPage />);
    await screen.findByText('Er staan geen verzoeken open.');
    fireEvent.change(screen.getByLabelText('Soort verzoek'), { target: { value: 'erasure' } });
    fireEvent.input(screen.getByLabelText('Wie (id of kenmerk)'), { target: { value: 'emp-12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verzoek vastleggen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Niet toegestaan.');
    expect(alert.textContent).toContain('AVG-12');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ subject_kind: 'agent', subject_ref: 'emp-12', kind: 'erasure' });
    expect(String((post?.body as { received_at: string }).received_at)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

const activity = {
  purpose: 'coaching',
  description: { nl: 'Coaching van medewerkers.', en: 'Coaching of agents.' },
  legal_ground: 'legitimate_interest',
  legitimate_interest: 'Ontwikkeling.',
  necessity: 'Noodzakelijk.',
  proportionality: 'Beperkt.',
  data_subjects: [{ nl: 'Medewerkers', en: 'Agents' }],
  data_categories: [{ nl: 'Spraakopnames', en: 'Voice recordings' }],
  recipients: [{ who: { nl: 'Coaches', en: 'Coaches' }, count: 3, receives: { nl: 'Opnames', en: 'Recordings' } }],
  transfers: { nl: 'Geen doorgifte.', en: 'No transfers.' },
  frequency: { quota: 4, period_days: 30 },
  retention: { recordings_days: 30, evaluations_days: 365, evaluation_term_working_days: 10 },
};
const common = {
  controller: { name: 'Klantcontact B.V.', contact_email: 'privacy@example.nl', privacy_statement_url: 'https://example.nl/p' },
  regulation: { id: 'reg-1', version: 1, title: 'Reglement', activated_at: '2026-05-26' },
  client_min_group_size: 5,
  works_council_consent: { reference: 'OR-besluit', date: '2026-05-11' },
  assessment_protocol: { reference: 'BP-1', approved_at: '2026-04-16' },
  generated_at: '2026-11-28T06:09:45Z',
};

describe('RegisterPage and DpiaPage', () => {
  it('shows the register per purpose with recipients and can be printed', async () => {
    routes['GET /api/v1/register'] = () => ({
      body: {
        record: 'art30',
        ...common,
        activities: [activity],
        client_contracts: [
          { client_name: 'Polderstroom', purpose: 'quality', individual_level: false, legal_ground: 'legitimate_interest', signed_at: '2026-07-30', valid_until: null, teams: 6 },
        ],
        security_measures: [{ nl: 'Versleuteld opgeslagen.', en: 'Encrypted at rest.' }],
        dpia: { reference: 'DPIA-1', date: '2026-03-02' },
      },
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    render(<RegisterPage />);
    expect(await screen.findByRole('heading', { level: 3, name: 'coaching, training en begeleiding' })).toBeTruthy();
    expect(screen.getByText('ten hoogste 4 per medewerker per 30 dagen')).toBeTruthy();
    const recipients = screen.getByRole('table', { name: 'Ontvangers bij coaching, training en begeleiding' });
    expect(within(recipients).getByRole('rowheader', { name: 'Coaches' })).toBeTruthy();
    expect(screen.getByText('Versleuteld opgeslagen.')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Polderstroom' }).closest('tr')?.textContent).toContain('onbepaald');
    fireEvent.click(screen.getByRole('button', { name: 'Afdrukken' }));
    expect(print).toHaveBeenCalled();
  });

  it('shows whether the DPIA is recorded', async () => {
    routes['GET /api/v1/dpia'] = () => ({
      body: {
        record: 'dpia',
        ...common,
        dpia: { reference: 'DPIA-1', date: '2026-03-02T00:00:00Z', recorded: true },
        processing: [activity],
        measures: [{ nl: 'Versleuteld opgeslagen.', en: 'Encrypted at rest.' }],
      },
    });
    render(<DpiaPage />);
    expect(await screen.findByText('DPIA vastgelegd')).toBeTruthy();
    expect(screen.getAllByText('DPIA-1').length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { level: 2, name: 'Beoordeelde verwerkingen' })).toBeTruthy();
  });
});
