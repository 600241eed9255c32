// The manager pages rendered against a stubbed server: the form designer
// shows problems per field before anything is sent and publishes the form
// it shows; the regulation page lists what is missing with its rules and
// keeps "submit" off until it is complete, saves a draft in place (PUT, same
// version), and shows the works council's refusal with reference and reason.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import { FormsPage } from '../src/pages/manager/forms';
import { RegulationPage } from '../src/pages/manager/regulation';
import { RegulationsPage } from '../src/pages/manager/regulations';

type Handler = (url: string, init?: RequestInit) => unknown;

function stubServer(handler: Handler) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const body = handler(url, init);
      return new Response(JSON.stringify(body), { status: method === 'POST' ? 201 : 200 });
    }),
  );
  return calls;
}

function draftRegulation(patch: Record<string, unknown> = {}) {
  return {
    id: 'reg-2',
    version: 2,
    title: 'Reglement',
    status: 'draft',
    controller_name: 'KCN',
    contact_email: 'privacy@example.nl',
    privacy_statement_url: 'https://example.nl',
    client_min_group_size: 5,
    extra_moments_per_period: 3,
    assessment_period_days: 365,
    complaint_term_days: 30,
    assessment_protocol_reference: '',
    assessment_protocol_approved_at: null,
    dpia_reference: '',
    dpia_at: null,
    change_legal_reason: '',
    works_council_consent_at: null,
    works_council_consent_reference: '',
    works_council_rejected_at: null,
    works_council_rejection_reference: '',
    works_council_rejection_reason: '',
    created_at: '2026-11-27T00:00:00Z',
    submitted_at: null,
    activated_at: null,
    superseded_at: null,
    purposes: [],
    ...patch,
  };
}

const kComplete = { regulation_id: 'reg-2', version: 2, status: 'draft', complete: true, missing: [] };

beforeEach(() => setLang('nl'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('form designer', () => {
  it('shows problems per field and publishes only a valid form', async () => {
    const calls = stubServer((url, init) => {
      if (init?.method === 'POST') {
        return { id: 'form-9', name: 'Gesprek', version: 1, purpose: 'coaching', published_at: '2026-11-27T00:00:00Z', sections: [] };
      }
      if (url.startsWith('/api/v1/forms')) return { items: [] };
      return {};
    });
    render(<FormsPage />);
    await screen.findByText('Er is nog geen formulier gepubliceerd.');
    fireEvent.click(screen.getByRole('button', { name: 'Publiceren' }));
    expect(await screen.findByText('Geef het formulier een naam.')).toBeTruthy();
    expect(screen.getByLabelText('Naam van het formulier').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Vul de vraag in.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.input(screen.getByLabelText('Naam van het formulier'), { target: { value: 'Gesprek' } });
    fireEvent.input(screen.getByLabelText('Titel van het onderdeel'), { target: { value: 'Opening' } });
    fireEvent.input(screen.getByLabelText('Vraag'), { target: { value: 'Stelt de medewerker zich voor?' } });
    fireEvent.click(screen.getByLabelText('Kritieke vraag (een 0 maakt de hele score 0)'));
    // The preview shows the question as the monitor will see it.
    expect(screen.getAllByText(/Stelt de medewerker zich voor\?/).length).toBeGreaterThan(0);
    expect(screen.getByText('kritiek')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Publiceren' }));
    await screen.findByText('Formulier „Gesprek” is gepubliceerd als versie 1.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/v1/forms');
    expect(post?.body).toEqual({
      name: 'Gesprek',
      purpose: 'coaching',
      sections: [
        {
          title: 'Opening',
          questions: [
            {
              id: 'q1',
              text: 'Stelt de medewerker zich voor?',
              weight: 1,
              critical: true,
              allow_na: false,
              comment_required: false,
              max_score: 5,
            },
          ],
        },
      ],
    });
  });
});

describe('regulation page', () => {
  it('lists what is missing with its rule and keeps submit off', async () => {
    stubServer((url) => {
      if (url.endsWith('/missing')) {
        return {
          regulation_id: 'reg-2',
          version: 2,
          status: 'draft',
          complete: false,
          missing: [
            {
              rule: 'KSF-3.5',
              reason_nl: "Doel 'coaching': er staat niet waarom de frequentie in verhouding staat (proportionaliteit).",
              reason_en: "Purpose 'coaching': it does not say why the frequency is proportionate (proportionality).",
            },
          ],
        };
      }
      if (url === '/api/v1/regulations') return { items: [] };
      return draftRegulation({ contact_email: '' });
    });
    render(<RegulationPage id="reg-2" />);
    expect(await screen.findByText('Nog 1 punt ontbreekt:')).toBeTruthy();
    const item = screen.getByText(/proportionaliteit/).closest('li');
    expect(item?.getAttribute('data-rule')).toBe('KSF-3.5');
    const submit = screen.getByRole('button', { name: 'Voorleggen aan de ondernemingsraad' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    // The editor offers every field, labelled, with its rule nearby.
    expect(screen.getByLabelText('Kenmerk van de DPIA')).toBeTruthy();
    expect(screen.getByLabelText('Wettelijke reden voor een tussentijdse wijziging')).toBeTruthy();
    await waitFor(() => expect(document.title).toContain('Regeling, versie 2'));
  });

  it('saves a draft in place: PUT to the same version, no new draft, submit waits for the save', async () => {
    let stored = draftRegulation();
    const calls = stubServer((url, init) => {
      if (url.endsWith('/missing')) return kComplete;
      if (url === '/api/v1/regulations') return { items: [stored] };
      if (init?.method === 'PUT') {
        stored = { ...stored, ...(JSON.parse(String(init.body)) as object) };
        return stored;
      }
      return stored;
    });
    render(<RegulationPage id="reg-2" />);
    await screen.findByRole('heading', { name: 'Concept aanpassen (versie 2)' });
    expect(screen.queryByText(/nieuw versienummer/)).toBeNull();
    const submit = (await screen.findByRole('button', { name: 'Voorleggen aan de ondernemingsraad' })) as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));

    // A change not yet saved: submitting would send the old text, so it waits.
    fireEvent.input(screen.getByLabelText('Termijn voor het behandelen van klachten (dagen)'), {
      target: { value: '45' },
    });
    expect(submit.disabled).toBe(true);
    expect(screen.getByText('Sla eerst uw wijzigingen op: voorgelegd wordt wat is opgeslagen.')).toBeTruthy();
    expect(screen.getByText('Er zijn wijzigingen die nog niet zijn opgeslagen.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Concept opslaan' }));
    const saved = await screen.findByText('De wijzigingen zijn opgeslagen; het concept blijft versie 2.');
    expect(saved.closest('[role="status"]')).toBeTruthy();
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes).toHaveLength(1);
    expect(writes[0].method).toBe('PUT');
    expect(writes[0].url).toBe('/api/v1/regulations/reg-2');
    expect(writes[0].body).toMatchObject({ complaint_term_days: 45, title: 'Reglement' });
    await waitFor(() => expect(submit.disabled).toBe(false));
    expect(screen.queryByText('Er zijn wijzigingen die nog niet zijn opgeslagen.')).toBeNull();

    // Saving again still changes the same draft.
    fireEvent.input(screen.getByLabelText('Titel van de regeling'), { target: { value: 'Reglement 2027' } });
    fireEvent.click(screen.getByRole('button', { name: 'Concept opslaan' }));
    await waitFor(() => expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.url)).toEqual([
      '/api/v1/regulations/reg-2',
      '/api/v1/regulations/reg-2',
    ]);
  });

  it("shows a rejected version read-only with the works council's date, reference and reason", async () => {
    const rejected = draftRegulation({
      status: 'rejected',
      submitted_at: '2026-11-20T00:00:00Z',
      works_council_rejected_at: '2026-11-25T10:00:00Z',
      works_council_rejection_reference: 'OR-2026-15',
      works_council_rejection_reason: 'De frequentie voor coaching is te hoog.',
    });
    stubServer((url) => {
      if (url.endsWith('/missing')) return { ...kComplete, status: 'rejected' };
      if (url === '/api/v1/regulations') return { items: [rejected] };
      return rejected;
    });
    render(<RegulationPage id="reg-2" />);
    expect(await screen.findByText('Instemming geweigerd op 25 nov 2026')).toBeTruthy();
    expect(screen.getByText('Kenmerk: OR-2026-15')).toBeTruthy();
    expect(screen.getByText('Reden: De frequentie voor coaching is te hoog.')).toBeTruthy();
    expect(screen.queryByText(/logboek/)).toBeNull();
    // What the council saw is not edited; a new draft starts from it.
    expect(screen.queryByRole('button', { name: /opslaan/i })).toBeNull();
    expect(screen.getByRole('link', { name: 'Nieuw concept op basis van deze versie' }).getAttribute('href')).toBe(
      '/manager/regulations/new?from=reg-2',
    );
  });

  it("lists a rejected version with the works council's reference and reason", async () => {
    stubServer(() => ({
      items: [
        draftRegulation({
          status: 'rejected',
          works_council_rejected_at: '2026-11-25T10:00:00Z',
          works_council_rejection_reference: 'OR-2026-15',
          works_council_rejection_reason: '',
        }),
      ],
    }));
    render(<RegulationsPage />);
    const table = await screen.findByRole('table', { name: 'Versies van de regeling' });
    const row = table.querySelector('tr[data-version="2"]');
    expect(row?.textContent).toContain('Instemming geweigerd op 25 nov 2026');
    expect(row?.textContent).toContain('Kenmerk: OR-2026-15');
    expect(row?.textContent).toContain('De ondernemingsraad heeft geen reden opgegeven.');
    expect(screen.getByRole('columnheader', { name: 'Besluit OR' })).toBeTruthy();
  });
});
