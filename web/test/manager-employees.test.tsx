// Medewerkers: the list's filters and counts, the reading of the server's
// import errors, and the import form against a stubbed uploader (progress,
// summary, reload; a 400 names the line and nothing reloads) and against a
// stubbed XMLHttpRequest (the real uploader's multipart POST).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setCsrfToken } from '../src/api';
import { setLang } from '../src/i18n';
import { EmployeesPage, EmployeesView, ImportForm, type Uploader } from '../src/pages/manager/employees';
import {
  countEmployees,
  filterEmployees,
  fold,
  hasLeft,
  importProblem,
  kImportColumns,
  kNoFilter,
  looksLikeCsv,
  matchesText,
  teamOptions,
  type ImportSummary,
} from '../src/pages/manager/employees-logic';
import type { Employee } from '../src/pages/manager/types';

function employee(patch: Partial<Employee> = {}): Employee {
  return {
    id: 'emp-1',
    employee_number: '100001',
    name: 'Anna de Vries',
    function: 'agent',
    contract: 'permanent',
    customer_contact: true,
    team_id: 'team-a',
    team_name: 'Service Noord',
    start_date: '2020-01-06',
    leave_date: null,
    informed_at: '2026-06-01T00:00:00Z',
    monitorable: true,
    ...patch,
  };
}

const kConfidential = {
  rule: 'KSF-2.1-confidential',
  reason_nl: 'Deze persoon heeft een wettelijke geheimhoudingsplicht en wordt nooit gemonitord.',
  reason_en: 'This person has a legal duty of confidentiality and is never monitored.',
};
const kNotInformed = {
  rule: 'KSF-3.7',
  reason_nl: 'Deze medewerker is nog niet over de regeling geïnformeerd.',
  reason_en: 'This agent has not yet been informed of the regulation.',
};

const people: Employee[] = [
  employee(),
  employee({ id: 'emp-2', employee_number: '100002', name: 'Zoë Kuipers', team_id: 'team-b', team_name: 'Zakelijk', contract: 'agency', informed_at: null, monitorable: false, not_monitorable: kNotInformed }),
  employee({ id: 'emp-3', employee_number: '100003', name: 'Sem Mulder', function: 'confidential_adviser', customer_contact: false, team_id: 'team-c', team_name: 'HR & Arbo', monitorable: false, not_monitorable: kConfidential }),
  employee({ id: 'emp-4', employee_number: '100004', name: 'Renée Schouten', leave_date: '2026-11-17', monitorable: false, not_monitorable: { rule: 'KSF-3.2', reason_nl: 'Uit dienst.', reason_en: 'Has left.' } }),
  employee({ id: 'emp-5', employee_number: '100005', name: 'Bram Bakker', team_id: 'team-b', team_name: 'Zakelijk' }),
];

describe('employee list logic', () => {
  it('folds case and accents for searching', () => {
    expect(fold('  Zoë RENÉE ')).toBe('zoe renee');
    expect(matchesText(people[1], 'zoe')).toBe(true);
    expect(matchesText(people[3], 'renee schouten')).toBe(true);
    expect(matchesText(people[3], 'renee bakker')).toBe(false);
    expect(matchesText(people[0], '100001')).toBe(true);
    expect(matchesText(people[0], 'noord')).toBe(true);
    expect(matchesText(people[0], '   ')).toBe(true);
  });

  it('filters by team, text and monitoring, sorted by name', () => {
    expect(filterEmployees(people, kNoFilter).map((e) => e.name)).toEqual([
      'Anna de Vries',
      'Bram Bakker',
      'Renée Schouten',
      'Sem Mulder',
      'Zoë Kuipers',
    ]);
    expect(filterEmployees(people, { ...kNoFilter, teamId: 'team-b' }).map((e) => e.id)).toEqual(['emp-5', 'emp-2']);
    expect(filterEmployees(people, { ...kNoFilter, teamId: 'team-b', text: 'zoe' }).map((e) => e.id)).toEqual(['emp-2']);
    expect(filterEmployees(people, { ...kNoFilter, monitoring: 'monitorable' }).map((e) => e.id)).toEqual(['emp-1', 'emp-5']);
    expect(filterEmployees(people, { ...kNoFilter, monitoring: 'not_monitorable' })).toHaveLength(3);
    expect(filterEmployees(people, { ...kNoFilter, monitoring: 'not_informed' }).map((e) => e.id)).toEqual(['emp-2']);
    expect(filterEmployees(people, { ...kNoFilter, text: 'nobody' })).toEqual([]);
    // The input is not reordered.
    expect(people[0].id).toBe('emp-1');
  });

  it('counts monitorable, confidential, uninformed and departed employees', () => {
    expect(countEmployees(people, '2026-11-28')).toEqual({
      total: 5,
      monitorable: 2,
      notMonitorable: 3,
      confidential: 1,
      notInformed: 1,
      left: 1,
    });
    expect(countEmployees([], '2026-11-28').total).toBe(0);
  });

  it('knows who has left', () => {
    expect(hasLeft(people[3], '2026-11-17')).toBe(true);
    expect(hasLeft(people[3], '2026-11-16')).toBe(false);
    expect(hasLeft(people[0], '2030-01-01')).toBe(false);
  });

  it('lists the teams that have employees, with counts', () => {
    expect(teamOptions(people)).toEqual([
      { id: 'team-c', name: 'HR & Arbo', count: 1 },
      { id: 'team-a', name: 'Service Noord', count: 2 },
      { id: 'team-b', name: 'Zakelijk', count: 2 },
    ]);
  });

  it('reads the line and column out of the server message', () => {
    expect(importProblem("content: line 3: column 'in_dienst': not a date: '31-13-2026'")).toEqual({
      line: 3,
      column: 'in_dienst',
    });
    expect(importProblem('content: line 4: expected 9 fields, found 8')).toEqual({ line: 4, column: null });
    expect(importProblem("content: line 1: unknown column 'geboortedatum'")).toEqual({ line: 1, column: 'geboortedatum' });
    expect(importProblem('content: the file is empty')).toEqual({ line: null, column: null });
  });

  it('accepts CSV files and names the required columns', () => {
    expect(looksLikeCsv({ name: 'export.CSV', type: '' })).toBe(true);
    expect(looksLikeCsv({ name: 'export', type: 'text/csv' })).toBe(true);
    expect(looksLikeCsv({ name: 'foto.png', type: 'image/png' })).toBe(false);
    expect(kImportColumns.filter((c) => c.required).map((c) => c.nl)).toEqual([
      'personeelsnummer',
      'naam',
      'functie',
      'team',
    ]);
  });
});

function chooseFile(name = 'hr.csv', text = 'personeelsnummer;naam;functie;team\n880001;A;medewerker;T\n') {
  const input = screen.getByLabelText('CSV-bestand uit het HR-systeem') as HTMLInputElement;
  const file = new File([text], name, { type: name.endsWith('.csv') ? 'text/csv' : 'image/png' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  return file;
}

const kSummary: ImportSummary = { rows: 2, created: 2, updated: 0, teams_created: 1, lines_created: 2 };

beforeEach(() => setLang('nl'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('import form', () => {
  it('asks for a file before sending anything', async () => {
    const upload = vi.fn<Uploader>();
    render(<ImportForm upload={upload} onImported={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    await screen.findByText('Kies eerst een CSV-bestand.');
    expect(screen.getByLabelText('CSV-bestand uit het HR-systeem').getAttribute('aria-invalid')).toBe('true');
    chooseFile('foto.png');
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    await screen.findByText(/Dit is geen CSV-bestand/);
    expect(upload).not.toHaveBeenCalled();
  });

  it('shows progress while uploading, then the summary, and reloads the list', async () => {
    let finish: (summary: ImportSummary) => void = () => undefined;
    let report: (sent: number, total: number | null) => void = () => undefined;
    const upload = vi.fn<Uploader>(
      (_path, _form, onProgress) =>
        new Promise<ImportSummary>((resolve) => {
          finish = resolve;
          report = onProgress;
        }),
    );
    const onImported = vi.fn();
    render(<ImportForm upload={upload} onImported={onImported} />);
    const file = chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    const busy = await screen.findByRole('button', { name: 'Bezig met importeren…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByLabelText('CSV-bestand uit het HR-systeem') as HTMLInputElement).disabled).toBe(true);
    expect(upload).toHaveBeenCalledTimes(1);
    const [path, form] = upload.mock.calls[0];
    expect(path).toBe('/api/v1/employees/import');
    expect((form.get('content') as File).name).toBe('hr.csv');

    report(10, 40);
    await screen.findByText(/Bestand versturen: 25\s?%/);
    expect(screen.getByRole('progressbar')).toBeTruthy();
    report(40, 40);
    await screen.findByText(/het bestand wordt gecontroleerd en ingelezen/);
    expect(onImported).not.toHaveBeenCalled();

    finish(kSummary);
    const done = await screen.findByText('„hr.csv” is ingelezen: 2 regels.');
    const status = done.closest('[role="status"]') as HTMLElement;
    expect(within(status).getByText('2 nieuw')).toBeTruthy();
    expect(within(status).getByText('0 bijgewerkt')).toBeTruthy();
    expect(within(status).getByText('1 nieuw team')).toBeTruthy();
    expect(within(status).getByText('2 nieuwe toestellen')).toBeTruthy();
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: 'Importeren' })).toBeTruthy();
    expect(file.size).toBeGreaterThan(0);
  });

  it('shows a 400 with the line and column, and does not reload', async () => {
    const upload = vi.fn<Uploader>(async () => {
      throw new ApiError(400, {
        error: 'invalid_input',
        message: "content: line 3: column 'in_dienst': not a date: '2026-13-45'",
      });
    });
    const onImported = vi.fn();
    render(<ImportForm upload={upload} onImported={onImported} />);
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("line 3: column 'in_dienst': not a date");
    await screen.findByText(/De fout zit in regel 3, kolom „in_dienst”\. Er is niets opgeslagen/);
    expect(onImported).not.toHaveBeenCalled();
    expect(screen.queryByText(/is ingelezen/)).toBeNull();
    // Choosing a corrected file clears what was said about the bad one.
    chooseFile('hr-verbeterd.csv');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.queryByText(/De fout zit in regel/)).toBeNull();
  });

  it('shows a refusal with its reason and rule', async () => {
    const upload = vi.fn<Uploader>(async () => {
      throw new ApiError(403, {
        error: 'refused',
        rule: 'AVG-32',
        reason_nl: 'Alleen het management mag medewerkers importeren.',
        reason_en: 'Only management may import employees.',
      });
    });
    render(<ImportForm upload={upload} onImported={() => undefined} />);
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Alleen het management mag medewerkers importeren.');
    expect(within(alert).getByRole('link', { name: 'AVG-32' })).toBeTruthy();
  });
});

function stubList(items: Employee[]) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ items }), { status: 200 });
    }),
  );
  return calls;
}

describe('employees page', () => {
  it('lists employees with counts, reasons and rules, and filters them', async () => {
    stubList(people);
    render(<EmployeesView upload={vi.fn<Uploader>()} />);
    await screen.findByRole('row', { name: /Zoë Kuipers/ });
    expect(screen.getByText('5 van 5 medewerkers getoond')).toBeTruthy();
    const sem = screen.getByRole('row', { name: /Sem Mulder/ });
    expect(sem.textContent).toContain('wordt niet gemonitord');
    expect(sem.textContent).toContain('geheimhoudingsplicht');
    expect(within(sem).getByRole('link', { name: 'KSF-2.1-confidential' })).toBeTruthy();
    expect(sem.textContent).toContain('vertrouwenspersoon');
    const zoe = screen.getByRole('row', { name: /Zoë Kuipers/ });
    expect(zoe.textContent).toContain('nog niet geïnformeerd');
    expect(zoe.textContent).toContain('uitzendkracht');
    expect(within(zoe).getByRole('link', { name: 'KSF-3.7' })).toBeTruthy();
    expect(screen.getByRole('row', { name: /Renée Schouten/ }).textContent).toContain('uit dienst sinds');

    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 'team-b' } });
    await screen.findByText('2 van 5 medewerkers getoond');
    expect(screen.queryByRole('row', { name: /Sem Mulder/ })).toBeNull();
    fireEvent.input(screen.getByLabelText('Zoeken op naam, personeelsnummer of team'), { target: { value: 'bram' } });
    await screen.findByText('1 van 5 medewerkers getoond');
    fireEvent.input(screen.getByLabelText('Zoeken op naam, personeelsnummer of team'), { target: { value: 'niemand' } });
    await screen.findByText('Geen medewerkers gevonden met deze filters.');
    fireEvent.click(screen.getByRole('button', { name: 'Filters wissen' }));
    await screen.findByText('5 van 5 medewerkers getoond');
    fireEvent.change(screen.getByLabelText('Monitoring'), { target: { value: 'monitorable' } });
    await screen.findByText('2 van 5 medewerkers getoond');
  });

  it('reloads the list after an import', async () => {
    const calls = stubList(people);
    const upload = vi.fn<Uploader>(async () => kSummary);
    render(<EmployeesView upload={upload} />);
    await screen.findByText('5 van 5 medewerkers getoond');
    expect(calls).toEqual(['/api/v1/employees']);
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    await screen.findByText('„hr.csv” is ingelezen: 2 regels.');
    await waitFor(() => expect(calls).toHaveLength(2));
  });

  it('shows the list in English', async () => {
    setLang('en');
    stubList(people);
    render(<EmployeesView upload={vi.fn<Uploader>()} />);
    const sem = await screen.findByRole('row', { name: /Sem Mulder/ });
    expect(sem.textContent).toContain('not monitored');
    expect(sem.textContent).toContain('This person has a legal duty of confidentiality');
    expect(screen.getByText('Showing 5 of 5 employees')).toBeTruthy();
  });

  it('sends the file as multipart with the CSRF header through XMLHttpRequest', async () => {
    stubList(people);
    const sent: { method: string; url: string; body: unknown; headers: Record<string, string> }[] = [];
    class FakeXhr {
      status = 0;
      statusText = '';
      responseText = '';
      withCredentials = false;
      upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
        onprogress: null,
      };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private method = '';
      private url = '';
      private headers: Record<string, string> = {};
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      send(body: unknown) {
        sent.push({ method: this.method, url: this.url, body, headers: this.headers });
        setTimeout(() => {
          this.upload.onprogress?.({ loaded: 50, total: 50, lengthComputable: true });
          this.status = 200;
          this.responseText = JSON.stringify(kSummary);
          this.onload?.();
        }, 0);
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    setCsrfToken('token-1');
    render(<EmployeesPage />);
    await screen.findByText('5 van 5 medewerkers getoond');
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Importeren' }));
    await screen.findByText('„hr.csv” is ingelezen: 2 regels.');
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(sent[0].url).toBe('/api/v1/employees/import');
    expect(sent[0].body).toBeInstanceOf(FormData);
    expect(((sent[0].body as FormData).get('content') as File).name).toBe('hr.csv');
    expect(sent[0].headers['X-CSRF-Token']).toBe('token-1');
    setCsrfToken(null);
  });
});
