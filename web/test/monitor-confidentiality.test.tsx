// The monitor's own authorisations (KSF-3.3): their states, which wait for
// the acknowledgement, the list's order and scope; the confidentiality page
// against a fake server (acknowledge → shown acknowledged and active, a
// refusal shown with reason and rule) and the queue's notice.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import { en, nl } from '../src/i18n/messages/monitor';
import {
  authorisationState,
  awaitingAcknowledgement,
  type MyAuthorisation,
  scopeParts,
  sortAuthorisations,
  stateBadge,
  stateKey,
} from '../src/pages/monitor/authorisations';
import { ConfidentialityPage, PendingAuthorisationsNotice } from '../src/pages/monitor/confidentiality';

const now = Date.parse('2026-11-28T12:00:00Z');

function auth(id: string, over: Partial<MyAuthorisation> = {}): MyAuthorisation {
  return {
    id,
    monitor_id: 'emp-m',
    purposes: ['quality'],
    team_ids: ['team-1', 'team-2'],
    agent_ids: [],
    valid_from: '2026-11-01T00:00:00Z',
    valid_until: '2027-11-01T00:00:00Z',
    confidentiality_acknowledged_at: '2026-11-01T09:00:00Z',
    granted_by: 'emp-boss',
    granted_at: '2026-11-01T08:00:00Z',
    ended_at: null,
    client_id: '',
    monitor_name: '',
    acknowledged: true,
    active: true,
    ...over,
  };
}

const pending = (id: string, over: Partial<MyAuthorisation> = {}) =>
  auth(id, { confidentiality_acknowledged_at: null, acknowledged: false, active: false, ...over });

describe('authorisation states', () => {
  it('takes the server’s word for active', () => {
    expect(authorisationState(auth('a'), now)).toBe('active');
  });

  it('waits for the acknowledgement while not acknowledged, also before it starts', () => {
    expect(authorisationState(pending('a'), now)).toBe('pending');
    expect(authorisationState(pending('a', { valid_from: '2027-01-01T00:00:00Z' }), now)).toBe('pending');
  });

  it('is upcoming once acknowledged but not yet started', () => {
    expect(authorisationState(auth('a', { active: false, valid_from: '2027-01-01T00:00:00Z' }), now)).toBe('upcoming');
  });

  it('is expired or ended, acknowledged or not, and then no longer waits', () => {
    expect(authorisationState(auth('a', { active: false, valid_until: '2026-11-20T00:00:00Z' }), now)).toBe('expired');
    expect(authorisationState(pending('a', { valid_until: '2026-11-20T00:00:00Z' }), now)).toBe('expired');
    expect(authorisationState(pending('a', { ended_at: '2026-11-27T00:00:00Z' }), now)).toBe('ended');
    expect(authorisationState(auth('a', { active: false, ended_at: '2026-11-27T00:00:00Z' }), now)).toBe('ended');
  });

  it('has a message and a badge for every state, not colour alone', () => {
    for (const state of ['pending', 'active', 'upcoming', 'expired', 'ended'] as const) {
      expect(nl[stateKey(state) as keyof typeof nl]).toBeTruthy();
      expect(en[stateKey(state) as keyof typeof en]).toBeTruthy();
      expect(stateBadge(state)).toMatch(/^badge/);
    }
    expect(stateBadge('active')).toContain('badge-ok');
    expect(stateBadge('pending')).toContain('badge-warn');
  });
});

describe('which wait and in what order', () => {
  const items = [
    auth('old', { active: false, valid_until: '2026-11-01T00:00:00Z', valid_from: '2026-01-01T00:00:00Z' }),
    pending('later', { valid_from: '2026-12-15T00:00:00Z' }),
    auth('current'),
    pending('gone', { ended_at: '2026-11-20T00:00:00Z' }),
    pending('soon', { valid_from: '2026-11-28T00:00:00Z' }),
  ];

  it('lists only those still to acknowledge, soonest start first', () => {
    expect(awaitingAcknowledgement(items, now).map((a) => a.id)).toEqual(['soon', 'later']);
    expect(awaitingAcknowledgement([auth('x')], now)).toEqual([]);
  });

  it('sorts waiting first, then active, then the past', () => {
    expect(sortAuthorisations(items, now).map((a) => a.id)).toEqual(['later', 'soon', 'current', 'old', 'gone']);
  });

  it('counts teams and agents in scope', () => {
    expect(scopeParts(auth('a'))).toEqual([{ key: 'monitor.auth.teams', count: 2 }]);
    expect(scopeParts(auth('a', { team_ids: [], agent_ids: ['emp-1'] }))).toEqual([
      { key: 'monitor.auth.agents', count: 1 },
    ]);
    expect(scopeParts(auth('a', { team_ids: [], agent_ids: [] }))).toEqual([]);
  });
});

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

// A server with one active and one waiting authorisation; acknowledging
// makes the waiting one acknowledged and active.
function fakeServer(options: { refuse?: boolean } = {}) {
  let items = [auth('auth-old'), pending('auth-new', { purposes: ['coaching', 'quality'], agent_ids: ['emp-1'] })];
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url, body: init.body });
      if (url === '/api/v1/me/authorisations' && method === 'GET') return json({ items });
      if (url === '/api/v1/authorisations/auth-new/acknowledge' && method === 'POST') {
        if (options.refuse) {
          return json(
            {
              error: 'refused',
              rule: 'KSF-3.3',
              message: 'Alleen de monitor zelf kan de geheimhoudingsplicht bij deze autorisatie bevestigen.',
              reason_nl: 'Alleen de monitor zelf kan de geheimhoudingsplicht bij deze autorisatie bevestigen.',
              reason_en: 'Only the monitor can acknowledge the duty of confidentiality of this authorisation.',
            },
            403,
          );
        }
        const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
        items = items.map((a) =>
          a.id === 'auth-new' ? { ...a, confidentiality_acknowledged_at: at, acknowledged: true, active: true } : a,
        );
        const { acknowledged: _a, active: _b, monitor_name: _c, ...plain } = items[1];
        return json(plain);
      }
      return json({ error: 'not_found', message: `no route ${method} ${url}` }, 404);
    }),
  );
  return calls;
}

describe('the confidentiality page', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the authorisations and acknowledges the waiting one: then acknowledged and active', async () => {
    const calls = fakeServer();
    render(<ConfidentialityPage />);
    const table = await screen.findByRole('table', { name: 'My authorisations to monitor' });
    const row = () => within(table).getByRole('row', { name: /coaching; process improvement and quality control/ });
    expect(within(row()).getByText('waiting for your acknowledgement')).toBeTruthy();
    expect(within(row()).getByText('not yet acknowledged')).toBeTruthy();
    expect(row().textContent).toContain('2 teams, 1 agent');
    expect(within(table).getByRole('row', { name: /auth-old/ }).textContent).toContain('2 teams');

    const card = screen.getByRole('article', { name: 'Authorisation for coaching; process improvement and quality control' });
    expect(within(card).getByText('You keep confidential what you hear, see or read while monitoring.')).toBeTruthy();
    const button = within(card).getByRole('button', { name: /^I acknowledge my duty of confidentiality/ });
    fireEvent.click(button);
    await screen.findByText(/You acknowledged your duty of confidentiality for the authorisation for coaching; process improvement and quality control on/);
    expect(screen.getByRole('status').textContent).toContain('The authorisation is now active.');
    // The button went with its card; the keyboard focus is on the outcome.
    await waitFor(() => expect(document.activeElement?.textContent).toContain('The authorisation is now active.'));
    // A POST with no body, then the list again.
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/v1/authorisations/auth-new/acknowledge');
    expect(post?.body).toBeUndefined();
    await waitFor(() => expect(within(row()).getByText('active')).toBeTruthy());
    expect(within(row()).queryByText('not yet acknowledged')).toBeNull();
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.getByText('No authorisation is waiting for your acknowledgement.')).toBeTruthy();
  });

  it('shows a refusal with its reason and rule, and the authorisation still waiting', async () => {
    fakeServer({ refuse: true });
    render(<ConfidentialityPage />);
    const card = await screen.findByRole('article', { name: 'Authorisation for coaching; process improvement and quality control' });
    fireEvent.click(within(card).getByRole('button', { name: /^I acknowledge/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Only the monitor can acknowledge the duty of confidentiality');
    expect(alert.textContent).toContain('KSF-3.3');
    expect(screen.getByRole('article', { name: 'Authorisation for coaching; process improvement and quality control' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('highlights the authorisation named in the address', async () => {
    fakeServer();
    window.history.replaceState(null, '', '/monitor/confidentiality?authorisation=auth-old');
    try {
      render(<ConfidentialityPage />);
      const table = await screen.findByRole('table', { name: 'My authorisations to monitor' });
      const row = within(table).getByRole('row', { name: /auth-old/ });
      expect(row.getAttribute('aria-current')).toBe('true');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});

describe('the queue’s notice', () => {
  beforeEach(() => setLang('nl'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('tells the monitor an authorisation waits, with a link to it', async () => {
    fakeServer();
    render(<PendingAuthorisationsNotice />);
    const notice = await screen.findByTestId('pending-authorisations');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('Er wacht een autorisatie op uw bevestiging.');
    expect(notice.textContent).toContain('KSF-3.3');
    const link = within(notice).getByRole('link', { name: 'Geheimhoudingsplicht lezen en bevestigen' });
    expect(link.getAttribute('href')).toBe('/monitor/confidentiality?authorisation=auth-new');
  });

  it('says nothing when none waits', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ items: [auth('a')] })));
    const { container } = render(<PendingAuthorisationsNotice />);
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(container.textContent).toBe('');
  });
});
