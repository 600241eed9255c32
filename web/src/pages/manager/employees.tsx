// Medewerkers: everyone the HR system knows, with whether they may be
// monitored and, when not, why and by which rule (KSF-3.2: every agent with
// customer contact, whatever the contract; KSF-2.1-confidential: company
// doctor, confidential adviser and works council members never; KSF-3.7:
// only once informed). The manager imports the HR system's CSV export here:
// the server checks the whole file before it stores anything.
import { useMemo, useRef, useState } from 'preact/hooks';
import { type ApiError, uploadWithProgress } from '../../api';
import { ErrorNotice, Empty, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { Progress } from '../../components/progress';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import {
  countEmployees,
  type EmployeeFilter,
  filterEmployees,
  hasLeft,
  importProblem,
  type ImportSummary,
  kImportColumns,
  kNoFilter,
  looksLikeCsv,
  type MonitoringFilter,
  teamOptions,
} from './employees-logic';
import { Badge, RuleRef, useFunctionName } from './shared';
import type { Employee, Items } from './types';

export const kImportPath = '/api/v1/employees/import';
// The one file part of an upload is always named "content" (api/upload.h).
export const kImportField = 'content';

// Sends the form and reports how much has gone up; uploadWithProgress in the
// app, a stub in tests.
export type Uploader = (
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number | null) => void,
) => Promise<ImportSummary>;

const defaultUploader: Uploader = (path, form, onProgress) =>
  uploadWithProgress<ImportSummary>(path, form, onProgress);

const kMonitoringFilters: MonitoringFilter[] = ['all', 'monitorable', 'not_monitorable', 'not_informed'];

export function EmployeesPage() {
  return <EmployeesView upload={defaultUploader} />;
}

export function EmployeesView({ upload }: { upload: Uploader }) {
  const { t } = useI18n();
  const list = useApi<Items<Employee>>('/api/v1/employees');
  return (
    <Page
      title={t('manager.employees.title')}
      intro={
        <p>
          {t('manager.employees.intro')} <RuleRef rule="KSF-3.2" /> <RuleRef rule="KSF-2.1-confidential" />{' '}
          <RuleRef rule="KSF-3.7" />
        </p>
      }
    >
      <ImportForm upload={upload} onImported={list.reload} />
      <EmployeeList items={list.data?.items} loading={list.loading} error={list.error} />
    </Page>
  );
}

export function ImportForm({ upload, onImported }: { upload: Uploader; onImported: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<'' | 'noFile' | 'notCsv'>('');
  const [progress, setProgress] = useState<{ sent: number; total: number | null } | null>(null);
  const [result, setResult] = useState<{ name: string; summary: ImportSummary } | null>(null);
  const send = useAction(async (chosen: File) => {
    const form = new FormData();
    form.append(kImportField, chosen, chosen.name);
    return upload(kImportPath, form, (sent, total) => setProgress({ sent, total }));
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    setResult(null);
    send.reset();
    if (!file) {
      setFieldError('noFile');
      return;
    }
    if (!looksLikeCsv(file)) {
      setFieldError('notCsv');
      return;
    }
    setFieldError('');
    setProgress({ sent: 0, total: file.size });
    const summary = await send.run(file);
    setProgress(null);
    if (summary) {
      setResult({ name: file.name, summary });
      setFile(null);
      if (input.current) input.current.value = '';
      onImported();
    }
  };

  const problem = send.error && send.error.status === 400 ? importProblem(send.error.message) : null;
  const uploaded = progress !== null && progress.total !== null && progress.sent >= progress.total;
  return (
    <section class="card mgmt-import" aria-labelledby="mgmt-import-title">
      <h2 id="mgmt-import-title">{t('manager.employees.import.title')}</h2>
      <p>{t('manager.employees.import.intro')}</p>
      <ImportColumns />
      <form
        aria-labelledby="mgmt-import-title"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-busy={send.busy}
      >
        <div class="field">
          <label for="mgmt-import-file">{t('manager.employees.import.file')}</label>
          <input
            id="mgmt-import-file"
            ref={input}
            type="file"
            accept=".csv,text/csv"
            disabled={send.busy}
            aria-invalid={fieldError !== ''}
            aria-describedby={fieldError ? 'mgmt-import-file-error mgmt-import-file-hint' : 'mgmt-import-file-hint'}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setFieldError('');
              // A new file: what was said about the previous one no longer applies.
              setResult(null);
              send.reset();
            }}
          />
          <span id="mgmt-import-file-hint" class="hint">
            {t('manager.employees.import.fileHint')}
          </span>
          {fieldError && (
            <span id="mgmt-import-file-error" class="mgmt-field-error">
              {t(`manager.employees.import.problem.${fieldError}` as MessageKey)}
            </span>
          )}
        </div>
        {progress && (
          <Progress
            label={uploaded ? t('manager.employees.import.processing') : t('manager.employees.import.sending')}
            value={progress.sent}
            total={progress.total}
          />
        )}
        {send.error && (
          <div class="mgmt-import-error">
            <ErrorNotice error={send.error} />
            {problem && (
              <p class="hint">
                {problem.line !== null && problem.column !== null
                  ? t('manager.employees.import.failedAt', { line: problem.line, column: problem.column })
                  : problem.line !== null
                    ? t('manager.employees.import.failedLine', { line: problem.line })
                    : ''}{' '}
                {t('manager.employees.import.nothingStored')}
              </p>
            )}
          </div>
        )}
        {result && <ImportResult name={result.name} summary={result.summary} />}
        <div class="button-row">
          <button type="submit" class="primary" disabled={send.busy}>
            {send.busy ? t('manager.employees.import.busy') : t('manager.employees.import.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ImportResult({ name, summary }: { name: string; summary: ImportSummary }) {
  const { t } = useI18n();
  return (
    <Success>
      <strong>{t('manager.employees.import.done', { name, count: summary.rows })}</strong>
      <ul class="mgmt-import-summary">
        <li>{t('manager.employees.import.created', { count: summary.created })}</li>
        <li>{t('manager.employees.import.updated', { count: summary.updated })}</li>
        <li>{t('manager.employees.import.teams', { count: summary.teams_created })}</li>
        <li>{t('manager.employees.import.lines', { count: summary.lines_created })}</li>
      </ul>
      <p class="hint">
        {summary.created > 0 ? t('manager.employees.import.newInformed') : t('manager.employees.import.reloaded')}
      </p>
    </Success>
  );
}

// What the HR export may hold: the accepted headers with their meaning.
function ImportColumns() {
  const { t } = useI18n();
  return (
    <details class="mgmt-import-help">
      <summary>{t('manager.employees.import.help')}</summary>
      <ul>
        <li>{t('manager.employees.import.help.format')}</li>
        <li>{t('manager.employees.import.help.dates')}</li>
        <li>{t('manager.employees.import.help.values')}</li>
        <li>{t('manager.employees.import.help.match')}</li>
        <li>{t('manager.employees.import.help.whole')}</li>
      </ul>
      <p>
        {t('manager.employees.import.help.example')}{' '}
        <code class="mgmt-code">{kImportColumns.filter((c) => c.required).map((c) => c.nl).join(';')};in_dienst;geinformeerd_op</code>
      </p>
      <div class="table-scroll">
        <table class="data">
          <caption>{t('manager.employees.import.help.columns')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manager.employees.import.col.nl')}</th>
              <th scope="col">{t('manager.employees.import.col.en')}</th>
              <th scope="col">{t('manager.employees.import.col.required')}</th>
              <th scope="col">{t('manager.employees.import.col.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {kImportColumns.map((c) => (
              <tr key={c.nl}>
                <th scope="row">
                  <code>{c.nl}</code>
                </th>
                <td>
                  <code>{c.en}</code>
                </td>
                <td>{c.required ? t('common.yes') : t('common.no')}</td>
                <td>{t(`manager.employees.column.${c.nl}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function EmployeeList({
  items,
  loading,
  error,
}: {
  items: Employee[] | undefined;
  loading: boolean;
  error: ApiError | null;
}) {
  const { t, number } = useI18n();
  const [filter, setFilter] = useState<EmployeeFilter>(kNoFilter);
  const all = items ?? [];
  const counts = useMemo(() => countEmployees(all), [items]);
  const teams = useMemo(() => teamOptions(all), [items]);
  const shown = useMemo(() => filterEmployees(all, filter), [items, filter]);
  const filtered = filter.text !== '' || filter.teamId !== '' || filter.monitoring !== 'all';
  return (
    <section aria-labelledby="mgmt-employees-list">
      <h2 id="mgmt-employees-list">{t('manager.employees.listTitle')}</h2>
      <ErrorNotice error={error} />
      {loading && !items && <Loading />}
      {items && (
        <>
          <dl class="mgmt-counts">
            <div>
              <dt>{t('manager.employees.count.total')}</dt>
              <dd class="stat">{number(counts.total)}</dd>
            </div>
            <div>
              <dt>{t('manager.employees.count.monitorable')}</dt>
              <dd class="stat">{number(counts.monitorable)}</dd>
            </div>
            <div>
              <dt>{t('manager.employees.count.notMonitorable')}</dt>
              <dd class="stat">{number(counts.notMonitorable)}</dd>
            </div>
            <div>
              <dt>{t('manager.employees.count.confidential')}</dt>
              <dd class="stat">{number(counts.confidential)}</dd>
            </div>
            <div>
              <dt>{t('manager.employees.count.notInformed')}</dt>
              <dd class="stat">{number(counts.notInformed)}</dd>
            </div>
          </dl>
          <div class="mgmt-filters" role="search" aria-label={t('manager.employees.filters')}>
            <div class="field">
              <label for="mgmt-emp-text">{t('manager.employees.filter.text')}</label>
              <input
                id="mgmt-emp-text"
                type="search"
                value={filter.text}
                onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
              />
            </div>
            <div class="field">
              <label for="mgmt-emp-team">{t('manager.employees.filter.team')}</label>
              <select id="mgmt-emp-team" value={filter.teamId} onChange={(e) => setFilter({ ...filter, teamId: e.currentTarget.value })}>
                <option value="">{t('manager.employees.filter.allTeams')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {t('manager.employees.filter.teamOption', { name: team.name, count: team.count })}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="mgmt-emp-monitoring">{t('manager.employees.filter.monitoring')}</label>
              <select
                id="mgmt-emp-monitoring"
                value={filter.monitoring}
                onChange={(e) => setFilter({ ...filter, monitoring: e.currentTarget.value as MonitoringFilter })}
              >
                {kMonitoringFilters.map((m) => (
                  <option key={m} value={m}>
                    {t(`manager.employees.filter.${m}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            {filtered && (
              <div class="field">
                <button type="button" class="link-button" onClick={() => setFilter(kNoFilter)}>
                  {t('manager.employees.filter.clear')}
                </button>
              </div>
            )}
          </div>
          <p role="status" class="mgmt-shown">
            {t('manager.employees.shown', { shown: number(shown.length), count: counts.total })}
          </p>
          {shown.length === 0 ? (
            <Empty>{t(all.length === 0 ? 'manager.employees.none' : 'manager.employees.noneMatch')}</Empty>
          ) : (
            <div class="table-scroll">
              <table class="data mgmt-employees">
                <caption class="visually-hidden">{t('manager.employees.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('manager.employees.col.name')}</th>
                    <th scope="col">{t('manager.employees.col.monitoring')}</th>
                    <th scope="col">{t('manager.employees.col.function')}</th>
                    <th scope="col">{t('manager.employees.col.team')}</th>
                    <th scope="col">{t('manager.employees.col.employment')}</th>
                    <th scope="col">{t('manager.employees.col.informed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <EmployeeRow key={e.id} e={e} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function EmployeeRow({ e }: { e: Employee }) {
  const { t, lang, date } = useI18n();
  const functionName = useFunctionName();
  const contractKey = `manager.employees.contract.${e.contract}` as MessageKey;
  const contract = t(contractKey) === contractKey ? e.contract : t(contractKey);
  const left = hasLeft(e);
  return (
    <tr data-id={e.id}>
      <th scope="row">
        {e.name}
        <span class="mgmt-block hint">{t('manager.employees.number', { number: e.employee_number })}</span>
      </th>
      <td>
        {e.monitorable ? (
          <Badge level="ok">{t('manager.employees.monitorable')}</Badge>
        ) : (
          <>
            <Badge level="bad">{t('manager.employees.notMonitorable')}</Badge>
            {e.not_monitorable && (
              <span class="mgmt-block mgmt-reason">
                {lang === 'en' ? e.not_monitorable.reason_en : e.not_monitorable.reason_nl}{' '}
                <RuleRef rule={e.not_monitorable.rule} />
              </span>
            )}
          </>
        )}
      </td>
      <td>
        {functionName(e.function)}
        <span class="mgmt-block hint">{t('manager.employees.contractLabel', { contract })}</span>
        {!e.customer_contact && <span class="mgmt-block hint">{t('manager.employees.noCustomerContact')}</span>}
      </td>
      <td>{e.team_name}</td>
      <td>
        <span class="mgmt-block">{t('manager.employees.since', { date: date(e.start_date) })}</span>
        {e.leave_date && (
          <span class="mgmt-block">
            {left ? (
              <Badge level="">{t('manager.employees.left', { date: date(e.leave_date) })}</Badge>
            ) : (
              t('manager.employees.leaving', { date: date(e.leave_date) })
            )}
          </span>
        )}
      </td>
      <td>
        {e.informed_at ? (
          date(e.informed_at)
        ) : (
          <Badge level="warn">{t('manager.employees.notInformed')}</Badge>
        )}
      </td>
    </tr>
  );
}
