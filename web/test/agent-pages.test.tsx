// The agent's extra-moment panel in the DOM: the counter "x van de 3 over",
// a granted request, and the regulation's refusal of the fourth shown with
// its reason and rule (KSF-4.7), against a stubbed fetch.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import { ExtraMomentCounterView, ExtraMomentPanel } from '../src/pages/agent/parts';

const period = { period_start: '2026-05-26T00:00:00Z', period_end: '2027-05-26T00:00:00Z' };

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

beforeEach(() => {
  setLang('nl');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ExtraMomentCounterView', () => {
  it('shows how many of three are left', () => {
    render(<ExtraMomentCounterView extra={{ allowed: 3, requested: 1, left: 2, ...period }} />);
    expect(screen.getByText('2 van de 3 over')).toBeTruthy();
    expect(screen.queryByText(/alle aanvullende momenten/)).toBeNull();
  });

  it('says so when none are left', () => {
    render(<ExtraMomentCounterView extra={{ allowed: 3, requested: 3, left: 0, ...period }} />);
    expect(screen.getByText('0 van de 3 over')).toBeTruthy();
    expect(screen.getByText(/U heeft alle aanvullende momenten van deze periode gebruikt/)).toBeTruthy();
  });

  it('explains when the regulation has no assessment', () => {
    render(<ExtraMomentCounterView extra={{ allowed: 0, requested: 0, left: 0, period_start: null, period_end: null }} />);
    expect(screen.getByText(/niet van toepassing/)).toBeTruthy();
  });
});

describe('ExtraMomentPanel', () => {
  it('sends the reason and reports a granted request', async () => {
    const fetchMock = vi.fn(async () =>
      respond(201, { id: 'req-1', kind: 'extra_moment', status: 'granted' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const onChanged = vi.fn();
    render(<ExtraMomentPanel extra={{ allowed: 3, requested: 0, left: 3, ...period }} onChanged={onChanged} />);
    fireEvent.input(screen.getByLabelText('Waarom wilt u een aanvullend moment?'), {
      target: { value: 'Ik wil mijn groei laten zien.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Aanvullend moment aanvragen' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('ingewilligd'));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/me/requests/extra-moment');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ reason: 'Ik wil mijn groei laten zien.' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows the refusal of the fourth with its reason and rule', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        respond(403, {
          error: 'refused',
          rule: 'KSF-4.7',
          reason_nl: 'U heeft al drie aanvullende monitoringmomenten aangevraagd.',
          reason_en: 'You have already requested three extra monitoring moments.',
        }),
      ),
    );
    render(<ExtraMomentPanel extra={{ allowed: 3, requested: 3, left: 0, ...period }} onChanged={() => undefined} />);
    fireEvent.input(screen.getByLabelText('Waarom wilt u een aanvullend moment?'), {
      target: { value: 'Nog eentje.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Aanvullend moment aanvragen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Niet toegestaan door de regeling');
    expect(alert.textContent).toContain('U heeft al drie aanvullende monitoringmomenten aangevraagd.');
    expect(alert.textContent).toContain('KSF-4.7');
    expect(screen.getByText('0 van de 3 over')).toBeTruthy();
  });
});
