// KSF-3.3: who may monitor whom, for which purposes, from when until when,
// and whether the monitor has acknowledged the duty of confidentiality
// (an authorisation is inactive until then). The manager grants, limits
// (ends the old one and grants the narrower one: the server has no edit)
// and ends authorisations.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice, Empty, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import {
  type AuthorisationState,
  authorisationState,
  filterAuthorisations,
  grantBody,
  grantProblems,
  isCurrent,
  monitorCandidates,
  sortAuthorisations,
  toDateInput,
  todayInput,
  toggle,
  widenings,
} from './logic';
import { Badge, RuleRef, useFunctionName, usePurposeName } from './shared';
import {
  type Authorisation,
  type AuthorisationInput,
  type Employee,
  type Items,
  kPurposes,
  type Purpose,
  type Team,
} from './types';

const kStateLevel: Record<AuthorisationState, 'ok' | 'warn' | 'bad' | ''> = {
  active: 'ok',
  awaiting: 'warn',
  future: '',
  expired: '',
  ended: 'bad',
};

function blankInput(): AuthorisationInput {
  return { monitor_id: '', purposes: [], team_ids: [], agent_ids: [], valid_from: todayInput(), valid_until: '' };
}

function inputFrom(a: Authorisation): AuthorisationInput {
  const today = todayInput();
  const from = toDateInput(a.valid_from);
  return {
    monitor_id: a.monitor_id,
    purposes: [...a.purposes],
    team_ids: [...a.team_ids],
    agent_ids: [...a.agent_ids],
    valid_from: from > today ? from : today,
    valid_until: toDateInput(a.valid_until),
  };
}

export function AuthorisationsPage() {
  const { t } = useI18n();
  const list = useApi<Items<Authorisation>>('/api/v1/authorisations');
  const employees = useApi<Items<Employee>>('/api/v1/employees');
  const teams = useApi<Items<Team>>('/api/v1/teams');
  const [filter, setFilter] = useState({ text: '', showEnded: false });
  // null: closed; 'new': grant; an authorisation: limit it.
  const [editing, setEditing] = useState<'new' | Authorisation | null>(null);
  const [message, setMessage] = useState<string>('');
  const end = useAction((a: Authorisation) => api.post<Authorisation>(`/api/v1/authorisations/${a.id}/end`));

  const teamName = useMemo(() => {
    const map: Record<string, string> = {};
    for (const team of teams.data?.items ?? []) map[team.id] = team.name;
    return map;
  }, [teams.data]);
  const employeeName = useMemo(() => {
    const map: Record<string, string> = {};
    for (const e of employees.data?.items ?? []) map[e.id] = e.name;
    return map;
  }, [employees.data]);

  const items = list.data
    ? filterAuthorisations(sortAuthorisations(list.data.items), filter)
    : [];

  const onEnd = async (a: Authorisation) => {
    setMessage('');
    if (!window.confirm(t('manager.auth.endConfirm', { name: a.monitor_name }))) return;
    const ended = await end.run(a);
    if (ended) {
      setMessage(t('manager.auth.ended', { name: a.monitor_name }));
      list.reload();
    }
  };

  return (
    <Page
      title={t('manager.auth.title')}
      intro={
        <p>
          {t('manager.auth.intro')} <RuleRef rule="KSF-3.3" />
        </p>
      }
      actions={
        editing === null && (
          <button type="button" class="primary" onClick={() => { setMessage(''); setEditing('new'); }}>
            {t('manager.auth.grant')}
          </button>
        )
      }
    >
      {message && <Success>{message}</Success>}
      <ErrorNotice error={end.error} />
      {editing !== null && (
        <GrantForm
          key={editing === 'new' ? 'new' : editing.id}
          limit={editing === 'new' ? null : editing}
          employees={employees.data?.items ?? []}
          teams={teams.data?.items ?? []}
          onCancel={() => setEditing(null)}
          onChanged={list.reload}
          onDone={(text) => {
            setEditing(null);
            setMessage(text);
            list.reload();
          }}
        />
      )}
      <ErrorNotice error={list.error ?? employees.error ?? teams.error} />
      <section aria-labelledby="mgmt-auth-list">
        <h2 id="mgmt-auth-list">{t('manager.auth.listTitle')}</h2>
        <div class="mgmt-filters">
          <label class="field">
            <span>{t('manager.auth.filter')}</span>
            <input
              type="search"
              value={filter.text}
              onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
            />
          </label>
          <label class="mgmt-check">
            <input
              type="checkbox"
              checked={filter.showEnded}
              onChange={(e) => setFilter({ ...filter, showEnded: e.currentTarget.checked })}
            />
            {t('manager.auth.showEnded')}
          </label>
        </div>
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <Empty>{t('manager.auth.none')}</Empty>}
        {items.length > 0 && (
          <div class="table-scroll">
            <table class="data mgmt-auth-table">
              <caption class="visually-hidden">{t('manager.auth.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manager.auth.col.monitor')}</th>
                  <th scope="col">{t('manager.auth.col.purposes')}</th>
                  <th scope="col">{t('manager.auth.col.scope')}</th>
                  <th scope="col">{t('manager.auth.col.period')}</th>
                  <th scope="col">{t('manager.auth.col.ack')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">{t('manager.auth.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <AuthorisationRow
                    key={a.id}
                    a={a}
                    teamName={teamName}
                    employeeName={employeeName}
                    busy={end.busy}
                    onLimit={() => { setMessage(''); setEditing(a); }}
                    onEnd={() => void onEnd(a)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}

function AuthorisationRow({
  a,
  teamName,
  employeeName,
  busy,
  onLimit,
  onEnd,
}: {
  a: Authorisation;
  teamName: Record<string, string>;
  employeeName: Record<string, string>;
  busy: boolean;
  onLimit: () => void;
  onEnd: () => void;
}) {
  const { t, date } = useI18n();
  const purposeName = usePurposeName();
  const state = authorisationState(a);
  return (
    <tr data-id={a.id}>
      <th scope="row">
        {a.monitor_name || a.monitor_id}
        {a.client_id && <div class="hint">{t('manager.auth.clientListener', { client: a.client_id })}</div>}
      </th>
      <td>
        <ul class="mgmt-plain">
          {a.purposes.map((p) => (
            <li key={p}>{purposeName(p)}</li>
          ))}
        </ul>
      </td>
      <td>
        <ul class="mgmt-plain">
          {a.team_ids.map((id) => (
            <li key={id}>{t('manager.auth.team', { name: teamName[id] ?? id })}</li>
          ))}
          {a.agent_ids.map((id) => (
            <li key={id}>{employeeName[id] ?? id}</li>
          ))}
        </ul>
      </td>
      <td>
        {a.valid_until
          ? t('manager.auth.fromUntil', { from: date(a.valid_from), until: date(a.valid_until) })
          : t('manager.auth.fromOpen', { from: date(a.valid_from) })}
        {a.ended_at && <div class="hint">{t('manager.auth.endedAt', { date: date(a.ended_at) })}</div>}
      </td>
      <td>
        {a.acknowledged ? (
          <Badge level="ok">{t('manager.auth.ackYes', { date: date(a.confidentiality_acknowledged_at) })}</Badge>
        ) : (
          <Badge level="warn">{t('manager.auth.ackNo')}</Badge>
        )}
      </td>
      <td>
        <Badge level={kStateLevel[state]}>{t(`manager.auth.state.${state}` as MessageKey)}</Badge>
      </td>
      <td>
        {isCurrent(state) && (
          <div class="mgmt-actions">
            <button
              type="button"
              onClick={onLimit}
              aria-label={t('manager.auth.limitFor', { name: a.monitor_name })}
            >
              {t('manager.auth.limit')}
            </button>
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={onEnd}
              aria-label={t('manager.auth.endFor', { name: a.monitor_name })}
            >
              {t('manager.auth.end')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

function GrantForm({
  limit,
  employees,
  teams,
  onCancel,
  onChanged,
  onDone,
}: {
  limit: Authorisation | null;
  employees: Employee[];
  teams: Team[];
  onCancel: () => void;
  onChanged: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const purposeName = usePurposeName();
  const functionName = useFunctionName();
  const [input, setInput] = useState<AuthorisationInput>(limit ? inputFrom(limit) : blankInput());
  const [checked, setChecked] = useState(false);
  const [agentFilter, setAgentFilter] = useState('');
  const teamOfAgent = useMemo(() => {
    const map: Record<string, string> = {};
    for (const e of employees) map[e.id] = e.team_id;
    return map;
  }, [employees]);
  const candidates = monitorCandidates(employees);
  const agents = employees
    .filter((e) => e.monitorable || input.agent_ids.includes(e.id))
    .filter((e) => !agentFilter || e.name.toLowerCase().includes(agentFilter.toLowerCase()))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const problems = grantProblems(input);
  const widen = limit ? widenings(limit, input, teamOfAgent) : [];
  const save = useAction(async () => {
    const granted = await api.post<Authorisation>('/api/v1/authorisations', grantBody(input));
    // A limit: the narrower grant exists, now the old one ends. Should that
    // fail, the list shows both and the error says why.
    if (limit) {
      try {
        await api.post<Authorisation>(`/api/v1/authorisations/${limit.id}/end`);
      } catch (error) {
        onChanged();
        throw error;
      }
    }
    return granted;
  });
  const invalid = (key: string) => checked && (problems as string[]).includes(key);
  const name = limit?.monitor_name ?? employees.find((e) => e.id === input.monitor_id)?.name ?? '';

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (problems.length > 0 || widen.length > 0) return;
    const granted = await save.run();
    if (granted) {
      onDone(limit ? t('manager.auth.limited', { name }) : t('manager.auth.granted', { name }));
    }
  };

  const titleId = 'mgmt-grant-title';
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the form that just opened.
  useEffect(() => heading.current?.focus(), []);
  return (
    <form class="card mgmt-grant" aria-labelledby={titleId} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={titleId} tabIndex={-1} ref={heading}>
        {limit ? t('manager.auth.limitTitle', { name: limit.monitor_name }) : t('manager.auth.grantTitle')}</h2>
      <p class="hint">
        {limit ? t('manager.auth.limitHelp') : t('manager.auth.grantHelp')} <RuleRef rule="KSF-3.3" />
      </p>
      {!limit && (
        <div class="field">
          <label for="mgmt-monitor">{t('manager.auth.monitor')}</label>
          <select
            id="mgmt-monitor"
            value={input.monitor_id}
            aria-invalid={invalid('monitor')}
            aria-describedby={invalid('monitor') ? 'mgmt-monitor-error' : undefined}
            onChange={(e) => setInput({ ...input, monitor_id: e.currentTarget.value })}
          >
            <option value="">{t('manager.auth.chooseMonitor')}</option>
            {candidates.map((e) => (
              <option key={e.id} value={e.id}>
                {`${e.name} — ${functionName(e.function)}${e.team_name ? `, ${e.team_name}` : ''}`}
              </option>
            ))}
          </select>
          {invalid('monitor') && (
            <span id="mgmt-monitor-error" class="mgmt-field-error">{t('manager.auth.problem.monitor')}</span>
          )}
        </div>
      )}
      <fieldset>
        <legend>{t('manager.auth.purposes')}</legend>
        {kPurposes
          .filter((p) => !limit || limit.purposes.includes(p))
          .map((p) => (
            <label class="mgmt-check" key={p}>
              <input
                type="checkbox"
                checked={input.purposes.includes(p)}
                onChange={(e) =>
                  setInput({ ...input, purposes: toggle<Purpose>(input.purposes, p, e.currentTarget.checked) })
                }
              />
              {purposeName(p)}
            </label>
          ))}
        {invalid('purposes') && <p class="mgmt-field-error">{t('manager.auth.problem.purposes')}</p>}
      </fieldset>
      <fieldset>
        <legend>{t('manager.auth.scope')}</legend>
        <p class="hint">{t('manager.auth.scopeHelp')}</p>
        <fieldset class="mgmt-subset">
          <legend>{t('manager.auth.teams')}</legend>
          <div class="mgmt-checklist">
            {teams
              .filter((team) => !limit || limit.team_ids.includes(team.id))
              .map((team) => (
                <label class="mgmt-check" key={team.id}>
                  <input
                    type="checkbox"
                    checked={input.team_ids.includes(team.id)}
                    onChange={(e) =>
                      setInput({ ...input, team_ids: toggle(input.team_ids, team.id, e.currentTarget.checked) })
                    }
                  />
                  {t('manager.auth.teamOption', { name: team.name, site: team.site, count: team.members })}
                </label>
              ))}
          </div>
        </fieldset>
        <fieldset class="mgmt-subset">
          <legend>{t('manager.auth.agents')}</legend>
          <label class="field">
            <span>{t('manager.auth.agentFilter')}</span>
            <input type="search" value={agentFilter} onInput={(e) => setAgentFilter(e.currentTarget.value)} />
          </label>
          <div class="mgmt-checklist mgmt-scroll">
            {agents
              .filter(
                (e) =>
                  !limit ||
                  limit.agent_ids.includes(e.id) ||
                  limit.team_ids.includes(e.team_id),
              )
              .map((e) => (
                <label class="mgmt-check" key={e.id}>
                  <input
                    type="checkbox"
                    checked={input.agent_ids.includes(e.id)}
                    onChange={(ev) =>
                      setInput({ ...input, agent_ids: toggle(input.agent_ids, e.id, ev.currentTarget.checked) })
                    }
                  />
                  {`${e.name} (${e.team_name})`}
                </label>
              ))}
          </div>
        </fieldset>
        {invalid('scope') && <p class="mgmt-field-error">{t('manager.auth.problem.scope')}</p>}
      </fieldset>
      <div class="mgmt-row">
        <div class="field">
          <label for="mgmt-from">{t('manager.auth.validFrom')}</label>
          <input
            id="mgmt-from"
            type="date"
            value={input.valid_from}
            aria-invalid={invalid('from')}
            onInput={(e) => setInput({ ...input, valid_from: e.currentTarget.value })}
          />
          {invalid('from') && <span class="mgmt-field-error">{t('manager.auth.problem.from')}</span>}
        </div>
        <div class="field">
          <label for="mgmt-until">
            {t('manager.auth.validUntil')} <span class="hint">{t('manager.auth.validUntilHint')}</span>
          </label>
          <input
            id="mgmt-until"
            type="date"
            value={input.valid_until ?? ''}
            aria-invalid={invalid('until') || (checked && widen.includes('until'))}
            onInput={(e) => setInput({ ...input, valid_until: e.currentTarget.value })}
          />
          {invalid('until') && <span class="mgmt-field-error">{t('manager.auth.problem.until')}</span>}
        </div>
      </div>
      {checked && widen.length > 0 && (
        <div class="notice notice-warning" role="alert">
          <ul class="mgmt-plain">
            {widen.map((w) => (
              <li key={w}>{t(`manager.auth.widen.${w}` as MessageKey)}</li>
            ))}
          </ul>
        </div>
      )}
      {limit && <p class="hint">{t('manager.auth.limitAck')}</p>}
      <ErrorNotice error={save.error} />
      <div class="button-row">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? t('manager.busy') : limit ? t('manager.auth.limitSubmit') : t('manager.auth.grantSubmit')}
        </button>
        <button type="button" onClick={onCancel} disabled={save.busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
