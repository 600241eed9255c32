// The works council's pages against a stubbed /api/v1: what the reader sees
// and what the buttons send.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import { AppealsPage } from '../src/pages/council/appeals';
import { ConsentPage } from '../src/pages/council/consent';
import { DashboardPage } from '../src/pages/council/dashboard';
import { purpose, regulation, report } from './council-fixtures';

type Handler = (init: RequestInit | undefined, url: URL) => { status?: number; body: unknown };

let routes: Record<string, Handler>;
let calls: { method: string; url: string; body: unknown }[];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  setLang('nl');
  // jsdom has no canvas; Chart.js then draws nothing, the tables remain.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  calls = [];
  routes = {};
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const method = init?.method ?? 'GET';
      calls.push({ method, url: url.pathname + url.search, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const handler = routes[`${method} ${url.pathname}`];
      if (!handler) return json(404, { error: 'not_found', message: 'no such resource' });
      const { status, body } = handler(init, url);
      return json(status ?? 200, body);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const active = regulation();
const submitted = regulation({
  id: 'reg-2',
  version: 2,
  status: 'submitted',
  submitted_at: '2026-11-20T00:00:00Z',
  works_council_consent_at: null,
  works_council_consent_reference: '',
  activated_at: null,
  complaint_term_days: 20,
  purposes: [
    purpose('coaching', { frequency_quota: 3, proportionality_justification: 'Ten hoogste drie gesprekken per 30 dagen, willekeurig gekozen.' }),
    active.purposes[1],
  ],
});

describe('ConsentPage', () => {
  beforeEach(() => {
    routes['GET /api/v1/regulations'] = () => ({ body: { items: [active, submitted] } });
    routes['GET /api/v1/regulations/reg-2/missing'] = () => ({
      body: { regulation_id: 'reg-2', version: 2, status: 'submitted', complete: true, missing: [] },
    });
  });

  it('shows the submitted version with its changes and what is missing', async () => {
    render(<ConsentPage />);
    const card = await screen.findByRole('article', { name: /Versie 2/ });
    expect(within(card).getByText(/3 wijzigingen ten opzichte van versie 1/)).toBeTruthy();
    const row = within(card).getByRole('rowheader', { name: /Hoe vaak een medewerker gemonitord mag worden/ });
    expect(row.textContent).toContain('gewijzigd');
    expect(row.closest('tr')?.textContent).toContain('4');
    expect(await within(card).findByText(/Niets: alles wat de regeling/)).toBeTruthy();
    // The long text is diffed word by word.
    expect(card.querySelector('del')?.textContent).toBeTruthy();
    expect(within(card).getAllByText('drie').some((el) => el.closest('ins'))).toBe(true);
    // The versions table lists the active one.
    expect(screen.getByRole('table', { name: 'Alle versies van de regeling' }).textContent).toContain('actief');
  });

  it('records consent with date and reference, then says so', async () => {
    let consented = false;
    routes['POST /api/v1/regulations/reg-2/consent'] = () => {
      consented = true;
      return { body: { ...submitted, works_council_consent_at: '2026-11-28T00:00:00Z' } };
    };
    routes['GET /api/v1/regulations'] = () => ({
      body: { items: consented ? [active, { ...submitted, works_council_consent_at: '2026-11-28T00:00:00Z', works_council_consent_reference: 'OR-2026-14' }] : [active, submitted] },
    });
    render(<ConsentPage />);
    const card = await screen.findByRole('article', { name: /Versie 2/ });
    fireEvent.input(within(card).getByLabelText('Kenmerk van het instemmingsbesluit'), { target: { value: 'OR-2026-14' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Instemming vastleggen' }));
    expect(await screen.findByText(/De instemming met versie 2 is vastgelegd \(kenmerk: OR-2026-14\)/)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/v1/regulations/reg-2/consent');
    expect(post?.body).toMatchObject({ reference: 'OR-2026-14' });
    expect(String((post?.body as { consent_at: string }).consent_at)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await waitFor(() => expect(screen.queryByRole('article', { name: /Versie 2/ })).toBeNull());
    expect(screen.getByText('ingestemd, nog niet actief')).toBeTruthy();
  });

  it('refuses consent with a reference and a reason, then lists both with the date', async () => {
    let refused = false;
    const rejected = {
      ...submitted,
      status: 'rejected' as const,
      works_council_rejected_at: '2026-11-25T10:00:00Z',
      works_council_rejection_reference: 'OR-2026-15',
      works_council_rejection_reason: 'Drie gesprekken per maand is te veel voor nieuwe medewerkers.',
    };
    routes['POST /api/v1/regulations/reg-2/reject'] = () => {
      refused = true;
      return { body: rejected };
    };
    routes['GET /api/v1/regulations'] = () => ({ body: { items: refused ? [active, rejected] : [active, submitted] } });
    render(<ConsentPage />);
    const card = await screen.findByRole('article', { name: /Versie 2/ });
    fireEvent.input(within(card).getByLabelText('Kenmerk van het weigeringsbesluit'), { target: { value: ' OR-2026-15 ' } });
    const reason = within(card).getByLabelText('Reden van de weigering');
    expect(reason.tagName).toBe('TEXTAREA');
    fireEvent.input(reason, { target: { value: 'Drie gesprekken per maand is te veel voor nieuwe medewerkers.\n' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Instemming weigeren' }));
    expect(await screen.findByText(/De instemming met versie 2 is geweigerd \(kenmerk: OR-2026-15\)/)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/v1/regulations/reg-2/reject');
    expect(post?.body).toEqual({
      reference: 'OR-2026-15',
      reason: 'Drie gesprekken per maand is te veel voor nieuwe medewerkers.',
    });
    await waitFor(() => expect(screen.queryByRole('article', { name: /Versie 2/ })).toBeNull());
    const row = screen.getByRole('table', { name: 'Alle versies van de regeling' }).querySelector('tr[data-version="2"]');
    expect(row?.textContent).toContain('instemming geweigerd');
    expect(row?.textContent).toContain('Geweigerd op 25 nov 2026');
    expect(row?.textContent).toContain('OR-2026-15');
    expect(row?.textContent).toContain('Reden: Drie gesprekken per maand is te veel voor nieuwe medewerkers.');
  });

  it('shows a refusal with its reason and rule', async () => {
    routes['POST /api/v1/regulations/reg-2/reject'] = () => ({
      status: 403,
      body: {
        error: 'refused',
        rule: 'KSF-3.11',
        reason_nl: 'De kenmerk/verwijzing ontbreekt.',
        reason_en: 'The reference is missing.',
        message: 'refused',
      },
    });
    render(<ConsentPage />);
    const card = await screen.findByRole('article', { name: /Versie 2/ });
    fireEvent.input(within(card).getByLabelText('Kenmerk van het weigeringsbesluit'), { target: { value: 'x' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Instemming weigeren' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('De kenmerk/verwijzing ontbreekt.');
    expect(alert.textContent).toContain('KSF-3.11');
  });

  it('lists what is missing', async () => {
    routes['GET /api/v1/regulations/reg-2/missing'] = () => ({
      body: {
        regulation_id: 'reg-2',
        version: 2,
        status: 'submitted',
        complete: false,
        missing: [{ rule: 'AVG-35', reason_nl: 'De DPIA ontbreekt.', reason_en: 'The DPIA is missing.' }],
      },
    });
    render(<ConsentPage />);
    expect(await screen.findByText(/De DPIA ontbreekt\./)).toBeTruthy();
    expect(screen.getByText('Er ontbreekt nog 1 onderdeel:')).toBeTruthy();
  });

  it('says when nothing awaits consent', async () => {
    routes['GET /api/v1/regulations'] = () => ({ body: { items: [active] } });
    render(<ConsentPage />);
    expect(await screen.findByText(/geen versie van de regeling ter instemming/)).toBeTruthy();
  });
});

describe('AppealsPage', () => {
  const appeal = {
    id: 'cmp-1',
    complainant_id: 'emp-9',
    subject: 'Steekproef',
    text: 'Ik ben vaker opgenomen dan collega’s.',
    filed_at: '2026-10-13T00:00:00Z',
    respond_by: '2026-11-12T00:00:00Z',
    taken_up_at: null,
    response: '',
    resolved_at: null,
    appealed_at: '2026-11-24T00:00:00Z',
    appeal_decision: '',
    appeal_decided_at: null,
    days_left: -17,
    overdue: true,
    appealable: false,
  };

  it('decides an appeal and takes it off the list', async () => {
    let decided = false;
    routes['GET /api/v1/complaints'] = () => ({ body: { items: decided ? [] : [appeal] } });
    routes['POST /api/v1/complaints/cmp-1/appeal-decision'] = () => {
      decided = true;
      return { body: { ...appeal, appeal_decision: 'Gegrond.' } };
    };
    render(<AppealsPage />);
    const card = await screen.findByRole('article', { name: 'Beroep: Steekproef' });
    expect(within(card).getByText(/dagen te laat/)).toBeTruthy();
    expect(within(card).getByText(/niet gereageerd/)).toBeTruthy();
    fireEvent.input(within(card).getByLabelText('Besluit van de ondernemingsraad'), { target: { value: 'Gegrond.' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Besluit vastleggen' }));
    expect(await screen.findByText(/Het besluit over het beroep "Steekproef" is vastgelegd/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'Gegrond.' });
    expect(await screen.findByText('Er wachten geen beroepen op een besluit.')).toBeTruthy();
  });
});

describe('DashboardPage', () => {
  it('asks for the last 30 days and shows figures and charts with tables', async () => {
    routes['GET /api/v1/reports/compliance'] = () => ({ body: report() });
    render(<DashboardPage />);
    expect(await screen.findByRole('figure', { name: 'Toegestane tegenover werkelijke frequentie per doel' })).toBeTruthy();
    const request = calls.find((c) => c.url.startsWith('/api/v1/reports/compliance'));
    expect(request?.url).toMatch(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    expect(screen.getByText('92%')).toBeTruthy();
    expect(screen.getByText(/2 periodes boven het maximum/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Vernietigde opnames per regel' });
    expect(within(table).getByRole('rowheader', { name: 'KSF-4.10' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Laatste 30 dagen' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('refuses a period in the wrong order without asking the server', async () => {
    routes['GET /api/v1/reports/compliance'] = () => ({ body: report() });
    render(<DashboardPage />);
    await screen.findByText('Kerncijfers');
    const before = calls.length;
    fireEvent.input(screen.getByLabelText('Van'), { target: { value: '2026-11-20' } });
    fireEvent.input(screen.getByLabelText('Tot en met'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toon' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Kies twee geldige datums');
    expect(calls.length).toBe(before);
  });
});
