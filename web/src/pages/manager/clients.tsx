// KSF-6.2, KSF-6.3: the contracts under which a client sees figures (or,
// with a written agreement, listens in): date, scope, purpose, the signed
// document's fingerprint, the legal ground and when agents were informed.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice, Empty, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { kLegalGrounds, toggle, todayInput } from './logic';
import { RuleRef, usePurposeName } from './shared';
import { type ClientContract, type Items, kPurposes, type LegalGround, type Purpose, type Team } from './types';

interface ContractInput {
  client_id: string;
  client_name: string;
  signed_at: string;
  valid_until: string;
  team_ids: string[];
  purpose: Purpose;
  individual_level: boolean;
  document_sha256: string;
  legal_ground: LegalGround;
  agents_informed_at: string;
}

function blank(): ContractInput {
  return {
    client_id: '',
    client_name: '',
    signed_at: todayInput(),
    valid_until: '',
    team_ids: [],
    purpose: 'quality',
    individual_level: false,
    document_sha256: '',
    legal_ground: 'unset',
    agents_informed_at: '',
  };
}

export function contractBody(input: ContractInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    client_id: input.client_id.trim(),
    client_name: input.client_name.trim(),
    signed_at: input.signed_at,
    team_ids: input.team_ids,
    purpose: input.purpose,
    individual_level: input.individual_level,
    document_sha256: input.document_sha256,
    legal_ground: input.legal_ground,
  };
  if (input.valid_until) body.valid_until = input.valid_until;
  if (input.agents_informed_at) body.agents_informed_at = input.agents_informed_at;
  return body;
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function ClientsPage() {
  const { t, date } = useI18n();
  const purposeName = usePurposeName();
  const list = useApi<Items<ClientContract>>('/api/v1/client-contracts');
  const teams = useApi<Items<Team>>('/api/v1/teams');
  const [adding, setAdding] = useState(false);
  const [input, setInput] = useState<ContractInput>(blank());
  const [saved, setSaved] = useState('');
  const [checked, setChecked] = useState(false);
  const [hashing, setHashing] = useState(false);
  const add = useAction(() => api.post<ClientContract>('/api/v1/client-contracts', contractBody(input)));
  const teamName: Record<string, string> = {};
  for (const team of teams.data?.items ?? []) teamName[team.id] = team.name;
  const missingId = !input.client_id.trim();
  const missingName = !input.client_name.trim();

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (missingId || missingName || !input.signed_at) return;
    const contract = await add.run();
    if (contract) {
      setSaved(t('manager.clients.saved', { name: contract.client_name }));
      setAdding(false);
      setInput(blank());
      setChecked(false);
      list.reload();
    }
  };

  return (
    <Page
      title={t('manager.clients.title')}
      intro={
        <p>
          {t('manager.clients.intro')} <RuleRef rule="KSF-6.2" /> <RuleRef rule="KSF-6.3" />
        </p>
      }
      actions={
        !adding && (
          <button type="button" class="primary" onClick={() => { setSaved(''); setAdding(true); }}>
            {t('manager.clients.add')}
          </button>
        )
      }
    >
      {saved && <Success>{saved}</Success>}
      {adding && (
        <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="mgmt-contract-title">
          <h2 id="mgmt-contract-title">{t('manager.clients.addTitle')}</h2>
          <div class="mgmt-row">
            <div class="field">
              <label for="ctr-client-name">{t('manager.clients.clientName')}</label>
              <input
                id="ctr-client-name"
                value={input.client_name}
                aria-invalid={checked && missingName}
                onInput={(e) => setInput({ ...input, client_name: e.currentTarget.value })}
              />
              {checked && missingName && <span class="mgmt-field-error">{t('manager.clients.required')}</span>}
            </div>
            <div class="field">
              <label for="ctr-client-id">{t('manager.clients.clientId')}</label>
              <input
                id="ctr-client-id"
                value={input.client_id}
                aria-invalid={checked && missingId}
                aria-describedby="ctr-client-id-hint"
                onInput={(e) => setInput({ ...input, client_id: e.currentTarget.value })}
              />
              <span id="ctr-client-id-hint" class="hint">{t('manager.clients.clientIdHint')}</span>
              {checked && missingId && <span class="mgmt-field-error">{t('manager.clients.required')}</span>}
            </div>
          </div>
          <div class="mgmt-row">
            <div class="field">
              <label for="ctr-signed">{t('manager.clients.signedAt')}</label>
              <input id="ctr-signed" type="date" value={input.signed_at} onInput={(e) => setInput({ ...input, signed_at: e.currentTarget.value })} />
            </div>
            <div class="field">
              <label for="ctr-until">{t('manager.clients.validUntil')}</label>
              <input id="ctr-until" type="date" value={input.valid_until} onInput={(e) => setInput({ ...input, valid_until: e.currentTarget.value })} />
            </div>
            <div class="field">
              <span>
                <label for="ctr-informed">{t('manager.clients.informedAt')}</label> <RuleRef rule="KSF-6.2" />
              </span>
              <input id="ctr-informed" type="date" value={input.agents_informed_at} onInput={(e) => setInput({ ...input, agents_informed_at: e.currentTarget.value })} />
            </div>
          </div>
          <div class="mgmt-row">
            <div class="field">
              <label for="ctr-purpose">{t('manager.clients.purpose')}</label>
              <select id="ctr-purpose" value={input.purpose} onChange={(e) => setInput({ ...input, purpose: e.currentTarget.value as Purpose })}>
                {kPurposes.map((p) => (
                  <option key={p} value={p}>{purposeName(p)}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <span>
                <label for="ctr-ground">{t('manager.clients.legalGround')}</label> <RuleRef rule="KSF-6.3" />
              </span>
              <select id="ctr-ground" value={input.legal_ground} onChange={(e) => setInput({ ...input, legal_ground: e.currentTarget.value as LegalGround })}>
                {kLegalGrounds.map((g) => (
                  <option key={g} value={g}>{t(`manager.reg.ground.${g}` as MessageKey)}</option>
                ))}
              </select>
            </div>
          </div>
          <fieldset>
            <legend>{t('manager.clients.teams')}</legend>
            <div class="mgmt-checklist">
              {(teams.data?.items ?? []).map((team) => (
                <label class="mgmt-check" key={team.id}>
                  <input
                    type="checkbox"
                    checked={input.team_ids.includes(team.id)}
                    onChange={(e) => setInput({ ...input, team_ids: toggle(input.team_ids, team.id, e.currentTarget.checked) })}
                  />
                  {team.name}
                </label>
              ))}
            </div>
          </fieldset>
          <p class="mgmt-check">
            <label class="mgmt-check">
              <input
                type="checkbox"
                checked={input.individual_level}
                onChange={(e) => setInput({ ...input, individual_level: e.currentTarget.checked })}
              />
              {t('manager.clients.individual')}
            </label>{' '}
            <RuleRef rule="KSF-6.2" />
          </p>
          <div class="field">
            <label for="ctr-document">{t('manager.clients.document')}</label>
            <span id="ctr-document-hint" class="hint">{t('manager.clients.documentHint')}</span>
            <input
              id="ctr-document"
              type="file"
              aria-describedby="ctr-document-hint"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (!file) return;
                setHashing(true);
                void sha256Hex(file)
                  .then((hash) => setInput((prev) => ({ ...prev, document_sha256: hash })))
                  .finally(() => setHashing(false));
              }}
            />
            {hashing && <span role="status">{t('manager.clients.hashing')}</span>}
            {input.document_sha256 && (
              <span class="hint" role="status">
                {t('manager.clients.fingerprint')} <code class="mgmt-hash">{input.document_sha256}</code>
              </span>
            )}
          </div>
          <ErrorNotice error={add.error} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={add.busy || hashing}>
              {add.busy ? t('manager.busy') : t('manager.clients.save')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <Empty>{t('manager.clients.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div class="table-scroll">
          <table class="data">
            <caption class="visually-hidden">{t('manager.clients.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manager.clients.clientName')}</th>
                <th scope="col">{t('manager.clients.col.period')}</th>
                <th scope="col">{t('manager.clients.purpose')}</th>
                <th scope="col">{t('manager.clients.teams')}</th>
                <th scope="col">{t('manager.clients.col.level')}</th>
                <th scope="col">{t('manager.clients.legalGround')}</th>
                <th scope="col">{t('manager.clients.informedAt')}</th>
                <th scope="col">{t('manager.clients.fingerprint')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.client_name}</th>
                  <td>
                    {c.valid_until
                      ? t('manager.auth.fromUntil', { from: date(c.signed_at), until: date(c.valid_until) })
                      : t('manager.auth.fromOpen', { from: date(c.signed_at) })}
                  </td>
                  <td>{purposeName(c.purpose)}</td>
                  <td>
                    <ul class="mgmt-plain">
                      {c.team_ids.map((id) => (
                        <li key={id}>{teamName[id] ?? id}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{c.individual_level ? t('manager.clients.levelIndividual') : t('manager.clients.levelAggregate')}</td>
                  <td>{t(`manager.reg.ground.${c.legal_ground}` as MessageKey)}</td>
                  <td>{c.agents_informed_at ? date(c.agents_informed_at) : t('manager.clients.notInformed')}</td>
                  <td>
                    {c.document_sha256 ? (
                      <code class="mgmt-hash" title={c.document_sha256}>{`${c.document_sha256.slice(0, 12)}…`}</code>
                    ) : (
                      t('manager.clients.noDocument')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
