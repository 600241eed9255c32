// One version of the regulation. A draft shows what is still missing before
// it may go to the works council (each item with its rule), the editor with
// every field the regulation has, and "submit"; saving a draft changes it in
// place (same id, same version). What the works council has seen stays as it
// was: a rejected version shows the council's reference and reason and can
// be submitted again or be the start of a new draft; a submitted version
// with the works council's consent can be activated; any version can be the
// start of a new draft.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/link';
import { ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { navigate, useLocation } from '../../router';
import {
  activeOf,
  canActivate,
  canEdit,
  canSubmit,
  draftBody,
  draftFrom,
  draftRangeProblems,
  kLegalGrounds,
  kRegulationFieldRules,
  legalReasonNeededUntil,
  type RegulationDraft,
  rejectionOf,
  saveRequest,
  sortChannels,
  statusLevel,
  toggle,
} from './logic';
import { Badge, RejectionText, RuleRef, useChannelName, usePurposeName } from './shared';
import {
  type Channel,
  type Items,
  kChannels,
  type LegalGround,
  type PurposeRules,
  type Regulation,
  type RegulationMissing,
} from './types';

type TopKey = Exclude<keyof RegulationDraft, 'purposes'>;
type PurposeKey = Exclude<keyof PurposeRules, 'purpose' | 'enabled' | 'channels' | 'legal_ground'>;
type Kind = 'text' | 'long' | 'number' | 'date' | 'email' | 'url';

interface FieldDef<K> {
  key: K;
  kind: Kind;
}

// The regulation's fields in plain-language groups.
const kGroups: { id: string; fields: FieldDef<TopKey>[] }[] = [
  {
    id: 'general',
    fields: [
      { key: 'title', kind: 'text' },
      { key: 'controller_name', kind: 'text' },
      { key: 'contact_email', kind: 'email' },
      { key: 'privacy_statement_url', kind: 'url' },
    ],
  },
  {
    id: 'assessment',
    fields: [
      { key: 'assessment_protocol_reference', kind: 'text' },
      { key: 'assessment_protocol_approved_at', kind: 'date' },
      { key: 'extra_moments_per_period', kind: 'number' },
      { key: 'assessment_period_days', kind: 'number' },
    ],
  },
  {
    id: 'people',
    fields: [
      { key: 'complaint_term_days', kind: 'number' },
      { key: 'client_min_group_size', kind: 'number' },
    ],
  },
  {
    id: 'dpia',
    fields: [
      { key: 'dpia_reference', kind: 'text' },
      { key: 'dpia_at', kind: 'date' },
    ],
  },
  {
    id: 'change',
    fields: [{ key: 'change_legal_reason', kind: 'long' }],
  },
];

const kPurposeGroups: { id: string; fields: FieldDef<PurposeKey>[] }[] = [
  {
    id: 'frequency',
    fields: [
      { key: 'frequency_quota', kind: 'number' },
      { key: 'frequency_period_days', kind: 'number' },
      { key: 'min_gap_days', kind: 'number' },
    ],
  },
  {
    id: 'terms',
    fields: [
      { key: 'evaluation_term_working_days', kind: 'number' },
      { key: 'recording_retention_days', kind: 'number' },
      { key: 'evaluation_retention_days', kind: 'number' },
    ],
  },
  {
    id: 'necessity',
    fields: [
      { key: 'legitimate_interest', kind: 'long' },
      { key: 'necessity_justification', kind: 'long' },
      { key: 'proportionality_justification', kind: 'long' },
    ],
  },
];

function inputType(kind: Kind): string {
  if (kind === 'number') return 'number';
  if (kind === 'date') return 'date';
  if (kind === 'email') return 'email';
  if (kind === 'url') return 'url';
  return 'text';
}

function FieldLabel({ id, field }: { id: string; field: string }) {
  const { t } = useI18n();
  return (
    <>
      <span class="mgmt-label-line">
        <label for={id}>{t(`manager.reg.field.${field}` as MessageKey)}</label>{' '}
        <RuleRef rule={kRegulationFieldRules[field]} />
      </span>
      <span id={`${id}-hint`} class="hint">
        {t(`manager.reg.hint.${field}` as MessageKey)}
      </span>
    </>
  );
}

function FieldInput({
  id,
  kind,
  value,
  invalid,
  onChange,
}: {
  id: string;
  kind: Kind;
  value: string | number;
  invalid: boolean;
  onChange: (value: string | number) => void;
}) {
  if (kind === 'long') {
    return (
      <textarea
        id={id}
        rows={4}
        aria-describedby={`${id}-hint`}
        value={String(value)}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <input
      id={id}
      type={inputType(kind)}
      value={kind === 'number' && Number.isNaN(value) ? '' : String(value)}
      aria-invalid={invalid}
      aria-describedby={`${id}-hint`}
      min={kind === 'number' ? 0 : undefined}
      step={kind === 'number' ? 1 : undefined}
      onInput={(e) =>
        onChange(kind === 'number' ? Number.parseInt(e.currentTarget.value, 10) : e.currentTarget.value)
      }
    />
  );
}

function ReadValue({ kind, value }: { kind: Kind; value: string | number }) {
  const { t, date, number } = useI18n();
  if (value === '' || value === null || value === undefined) return <span class="empty">{t('manager.reg.empty')}</span>;
  if (kind === 'date') return <>{date(String(value))}</>;
  if (kind === 'number') return <>{number(Number(value))}</>;
  if (kind === 'long') return <p class="mgmt-long">{String(value)}</p>;
  return <>{String(value)}</>;
}

// The editor (editable) or the reading view of every field.
function RegulationFields({
  draft,
  readOnly,
  problems,
  onChange,
  legalReasonUntil,
}: {
  draft: RegulationDraft;
  readOnly: boolean;
  problems: string[];
  onChange: (draft: RegulationDraft) => void;
  legalReasonUntil: string | null;
}) {
  const { t, date } = useI18n();
  const purposeName = usePurposeName();
  const channelName = useChannelName();
  const setTop = (key: TopKey, value: string | number) => onChange({ ...draft, [key]: value });
  const setPurpose = (index: number, patch: Partial<PurposeRules>) =>
    onChange({
      ...draft,
      purposes: draft.purposes.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    });
  return (
    <div class="mgmt-regulation-fields">
      {kGroups.map((group) => (
        <fieldset key={group.id} class="card">
          <legend>{t(`manager.reg.group.${group.id}` as MessageKey)}</legend>
          <p class="hint">{t(`manager.reg.groupHint.${group.id}` as MessageKey)}</p>
          {group.id === 'change' && legalReasonUntil && (
            <p class="notice notice-warning">
              {t('manager.reg.legalReasonNeeded', { date: date(legalReasonUntil) })}
            </p>
          )}
          {readOnly ? (
            <dl class="mgmt-dl">
              {group.fields.map((f) => (
                <div key={f.key}>
                  <dt>
                    {t(`manager.reg.field.${f.key}` as MessageKey)} <RuleRef rule={kRegulationFieldRules[f.key]} />
                  </dt>
                  <dd>
                    <ReadValue kind={f.kind} value={draft[f.key]} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            group.fields.map((f) => {
              const id = `reg-${f.key}`;
              return (
                <div class="field" key={f.key}>
                  <FieldLabel id={id} field={f.key} />
                  <FieldInput
                    id={id}
                    kind={f.kind}
                    value={draft[f.key]}
                    invalid={problems.includes(f.key)}
                    onChange={(v) => setTop(f.key, v)}
                  />
                </div>
              );
            })
          )}
        </fieldset>
      ))}
      <h2>{t('manager.reg.purposesTitle')}</h2>
      <p class="hint">
        {t('manager.reg.purposesHint')} <RuleRef rule="KSF-1.2" />
      </p>
      {draft.purposes.map((p, index) => {
        const prefix = `reg-${p.purpose}`;
        return (
          <fieldset key={p.purpose} class="card mgmt-purpose" data-purpose={p.purpose}>
            <legend>{purposeName(p.purpose)}</legend>
            {readOnly ? (
              <p>
                <Badge level={p.enabled ? 'ok' : ''}>
                  {p.enabled ? t('manager.reg.purposeOn') : t('manager.reg.purposeOff')}
                </Badge>
              </p>
            ) : (
              <p class="mgmt-check">
                <label class="mgmt-check">
                  <input
                    type="checkbox"
                    checked={p.enabled}
                    onChange={(e) => setPurpose(index, { enabled: e.currentTarget.checked })}
                  />
                  {t('manager.reg.field.enabled', { purpose: purposeName(p.purpose) })}
                </label>{' '}
                <RuleRef rule={kRegulationFieldRules.enabled} />
              </p>
            )}
            {p.enabled && (
              <>
                {readOnly ? (
                  <dl class="mgmt-dl">
                    <div>
                      <dt>
                        {t('manager.reg.field.channels')} <RuleRef rule={kRegulationFieldRules.channels} />
                      </dt>
                      <dd>{sortChannels(p.channels).map(channelName).join(', ') || t('manager.reg.empty')}</dd>
                    </div>
                    <div>
                      <dt>
                        {t('manager.reg.field.legal_ground')} <RuleRef rule={kRegulationFieldRules.legal_ground} />
                      </dt>
                      <dd>{t(`manager.reg.ground.${p.legal_ground}` as MessageKey)}</dd>
                    </div>
                  </dl>
                ) : (
                  <>
                    <fieldset class="mgmt-subset">
                      <legend>
                        {t('manager.reg.field.channels')} <RuleRef rule={kRegulationFieldRules.channels} />
                      </legend>
                      <p class="hint">{t('manager.reg.hint.channels')}</p>
                      {kChannels.map((c) => (
                        <label class="mgmt-check" key={c}>
                          <input
                            type="checkbox"
                            checked={p.channels.includes(c)}
                            onChange={(e) =>
                              setPurpose(index, { channels: toggle<Channel>(p.channels, c, e.currentTarget.checked) })
                            }
                          />
                          {channelName(c)}
                        </label>
                      ))}
                    </fieldset>
                    <div class="field">
                      <FieldLabel id={`${prefix}-legal_ground`} field="legal_ground" />
                      <select
                        id={`${prefix}-legal_ground`}
                        aria-describedby={`${prefix}-legal_ground-hint`}
                        value={p.legal_ground}
                        onChange={(e) => setPurpose(index, { legal_ground: e.currentTarget.value as LegalGround })}
                      >
                        {kLegalGrounds.map((g) => (
                          <option key={g} value={g}>
                            {t(`manager.reg.ground.${g}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                    </div>
                  </>
                )}
                {kPurposeGroups.map((group) => (
                  <div key={group.id} class="mgmt-purpose-group">
                    <h3>{t(`manager.reg.pgroup.${group.id}` as MessageKey)}</h3>
                    {readOnly ? (
                      <dl class="mgmt-dl">
                        {group.fields.map((f) => (
                          <div key={f.key}>
                            <dt>
                              {t(`manager.reg.field.${f.key}` as MessageKey)}{' '}
                              <RuleRef rule={kRegulationFieldRules[f.key]} />
                            </dt>
                            <dd>
                              <ReadValue kind={f.kind} value={p[f.key]} />
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      group.fields.map((f) => {
                        const id = `${prefix}-${f.key}`;
                        return (
                          <div class="field" key={f.key}>
                            <FieldLabel id={id} field={f.key} />
                            <FieldInput
                              id={id}
                              kind={f.kind}
                              value={p[f.key]}
                              invalid={problems.includes(`${p.purpose}.${f.key}`)}
                              onChange={(v) => setPurpose(index, { [f.key]: v } as Partial<PurposeRules>)}
                            />
                          </div>
                        );
                      })
                    )}
                  </div>
                ))}
              </>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}

// The editor with its save button. An existing draft (`draftOf`) is saved in
// place: it keeps its id and version number. Without one (a new draft, empty
// or from another version) saving creates a new draft version.
function Editor({
  initial,
  basedOn,
  draftOf,
  legalReasonUntil,
  onSaved,
  onDirtyChange,
}: {
  initial: RegulationDraft;
  basedOn: Regulation | null;
  draftOf: Regulation | null;
  legalReasonUntil: string | null;
  onSaved?: (saved: Regulation) => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<RegulationDraft>(initial);
  const [stored, setStored] = useState<RegulationDraft>(initial);
  const [checked, setChecked] = useState(false);
  const save = useAction(() => {
    const request = saveRequest(draftOf?.id ?? null, draft);
    return request.method === 'PUT'
      ? api.put<Regulation>(request.path, request.body)
      : api.post<Regulation>(request.path, request.body);
  });
  const problems = draftRangeProblems(draft);
  const dirty = JSON.stringify(draftBody(draft)) !== JSON.stringify(draftBody(stored));
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (problems.length > 0) return;
    const kept = draft;
    const saved = await save.run();
    if (!saved) return;
    if (draftOf) {
      setStored(kept);
      onSaved?.(saved);
    } else {
      navigate(`/manager/regulations/${saved.id}?saved=1`);
    }
  };
  let heading: string;
  if (draftOf) heading = t('manager.reg.editorDraft', { version: draftOf.version });
  else if (basedOn) heading = t('manager.reg.editorFrom', { version: basedOn.version });
  else heading = t('manager.reg.editorNew');
  return (
    <form class="mgmt-editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="mgmt-editor-title">
      <h2 id="mgmt-editor-title">{heading}</h2>
      <p class="hint">{draftOf ? t('manager.reg.editorHelpDraft') : t('manager.reg.editorHelp')}</p>
      <RegulationFields
        draft={draft}
        readOnly={false}
        problems={checked ? problems : []}
        onChange={setDraft}
        legalReasonUntil={draft.change_legal_reason.trim() ? null : legalReasonUntil}
      />
      {checked && problems.length > 0 && (
        <div class="notice notice-error" role="alert">
          {t('manager.reg.rangeProblems', { count: problems.length })}
        </div>
      )}
      <ErrorNotice error={save.error} />
      {draftOf && dirty && <p class="hint mgmt-unsaved">{t('manager.reg.unsaved')}</p>}
      <div class="button-row">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? t('manager.busy') : draftOf ? t('manager.reg.saveChanges') : t('manager.reg.saveDraft')}
        </button>
        <Link class="button" href="/manager/regulations">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

function useLegalReasonUntil(): string | null {
  const list = useApi<Items<Regulation>>('/api/v1/regulations');
  return legalReasonNeededUntil(list.data ? activeOf(list.data.items) : undefined);
}

// /manager/regulations/new[?from=<id>]
export function NewRegulationPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const from = search.get('from');
  const source = useApi<Regulation>(from ? `/api/v1/regulations/${encodeURIComponent(from)}` : null);
  const legalReasonUntil = useLegalReasonUntil();
  return (
    <Page
      title={t('manager.reg.newTitle')}
      intro={<p>{t('manager.reg.newIntro')}</p>}
      actions={
        <Link class="button" href="/manager/regulations">
          {t('manager.reg.backToList')}
        </Link>
      }
    >
      <ErrorNotice error={source.error} />
      {from && source.loading && <Loading />}
      {(!from || source.data) && (
        <Editor
          key={source.data?.id ?? 'empty'}
          initial={draftFrom(source.data)}
          basedOn={source.data ?? null}
          draftOf={null}
          legalReasonUntil={legalReasonUntil}
        />
      )}
    </Page>
  );
}

function MissingList({ missing }: { missing: RegulationMissing }) {
  const { t, lang } = useI18n();
  return (
    <section class="card mgmt-missing" aria-labelledby="mgmt-missing-title">
      <h2 id="mgmt-missing-title">{t('manager.reg.missingTitle')}</h2>
      {missing.complete ? (
        <p class="mgmt-complete" role="status">
          <Badge level="ok">{t('manager.reg.complete')}</Badge> {t('manager.reg.completeText')}
        </p>
      ) : (
        <>
          <p>{t('manager.reg.missingCount', { count: missing.missing.length })}</p>
          <ul class="mgmt-missing-list">
            {missing.missing.map((m, i) => (
              <li key={`${m.rule}-${i}`} data-rule={m.rule}>
                <RuleRef rule={m.rule} /> {lang === 'en' ? m.reason_en : m.reason_nl}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

// /manager/regulations/:id
export function RegulationPage({ id }: { id: string }) {
  const { t, date } = useI18n();
  const { search } = useLocation();
  const path = `/api/v1/regulations/${encodeURIComponent(id)}`;
  const regulation = useApi<Regulation>(path);
  const missing = useApi<RegulationMissing>(`${path}/missing`);
  const legalReasonUntil = useLegalReasonUntil();
  const [message, setMessage] = useState(search.get('saved') ? 'saved' : '');
  // Counts the saves, so that each one is announced anew.
  const [saves, setSaves] = useState(0);
  const [dirty, setDirty] = useState(false);
  const submit = useAction(() => api.post<Regulation>(`${path}/submit`));
  const activate = useAction(() => api.post<Regulation>(`${path}/activate`));
  const reg = regulation.data;

  const onSubmit = async () => {
    setMessage('');
    if (await submit.run()) {
      setMessage('submitted');
      regulation.reload();
      missing.reload();
    }
  };
  const onSaved = () => {
    setMessage('updated');
    setSaves((n) => n + 1);
    regulation.reload();
    missing.reload();
  };
  const onActivate = async () => {
    setMessage('');
    if (!window.confirm(t('manager.reg.activateConfirm'))) return;
    if (await activate.run()) {
      setMessage('activated');
      regulation.reload();
      missing.reload();
    }
  };

  const title = reg ? t('manager.reg.pageTitle', { version: reg.version }) : t('manager.reg.title');
  const editable = reg ? canEdit(reg.status) : false;
  const rejection = reg ? rejectionOf(reg) : null;
  return (
    <Page
      title={title}
      actions={
        <>
          {reg && (
            <Link class="button" href={`/manager/regulations/new?from=${reg.id}`}>
              {t('manager.reg.newFromThis')}
            </Link>
          )}
          <Link class="button" href="/manager/regulations">
            {t('manager.reg.backToList')}
          </Link>
        </>
      }
    >
      {message && (
        <Success key={`${message}-${saves}`}>
          {t(`manager.reg.message.${message}` as MessageKey, { version: reg?.version ?? '' })}
        </Success>
      )}
      <ErrorNotice error={regulation.error} />
      {regulation.loading && !reg && <Loading />}
      {reg && (
        <>
          <section class="card" aria-labelledby="mgmt-reg-status">
            <h2 id="mgmt-reg-status">{t('manager.reg.statusTitle')}</h2>
            <p class="mgmt-status-line">
              <Badge level={statusLevel(reg.status)}>{t(`manager.reg.status.${reg.status}` as MessageKey)}</Badge>{' '}
              {t(`manager.reg.statusText.${reg.status}` as MessageKey)}
            </p>
            <dl class="mgmt-dl mgmt-dl-inline">
              <div>
                <dt>{t('manager.reg.field.title')}</dt>
                <dd>{reg.title || t('manager.reg.empty')}</dd>
              </div>
              <div>
                <dt>{t('manager.reg.col.dates')}</dt>
                <dd>
                  {t('manager.reg.createdAt', { date: date(reg.created_at) })}
                  {reg.submitted_at && <>; {t('manager.reg.submittedAt', { date: date(reg.submitted_at) })}</>}
                  {reg.activated_at && <>; {t('manager.reg.activatedAt', { date: date(reg.activated_at) })}</>}
                  {reg.superseded_at && <>; {t('manager.reg.supersededAt', { date: date(reg.superseded_at) })}</>}
                </dd>
              </div>
              <div>
                <dt>
                  {t('manager.reg.consentTitle')} <RuleRef rule="KSF-3.11" />
                </dt>
                <dd>
                  {reg.works_council_consent_at &&
                    t('manager.reg.consentGiven', {
                      date: date(reg.works_council_consent_at),
                      reference: reg.works_council_consent_reference,
                    })}
                  {rejection && <RejectionText rejection={rejection} />}
                  {!reg.works_council_consent_at && !rejection && t('manager.reg.consentNone')}
                </dd>
              </div>
            </dl>
            <ErrorNotice error={submit.error ?? activate.error} />
            <div class="button-row">
              {canSubmit(reg.status) && (
                <button
                  type="button"
                  class="primary"
                  disabled={submit.busy || dirty || (missing.data ? !missing.data.complete : true)}
                  aria-describedby="mgmt-submit-hint"
                  onClick={() => void onSubmit()}
                >
                  {submit.busy ? t('manager.busy') : t('manager.reg.submit')}
                </button>
              )}
              {canActivate(reg) && (
                <button type="button" class="primary" disabled={activate.busy} onClick={() => void onActivate()}>
                  {activate.busy ? t('manager.busy') : t('manager.reg.activate')}
                </button>
              )}
            </div>
            {canSubmit(reg.status) && (
              <p id="mgmt-submit-hint" class="hint">
                {dirty
                  ? t('manager.reg.submitUnsaved')
                  : missing.data && !missing.data.complete
                    ? t('manager.reg.submitBlocked')
                    : t('manager.reg.submitHint')}
              </p>
            )}
            {reg.status === 'submitted' && !reg.works_council_consent_at && (
              <p class="hint">{t('manager.reg.awaitingConsent')}</p>
            )}
          </section>
          <ErrorNotice error={missing.error} />
          {missing.data && <MissingList missing={missing.data} />}
          {editable ? (
            <Editor
              key={reg.id}
              initial={draftFrom(reg)}
              basedOn={reg}
              draftOf={reg}
              legalReasonUntil={legalReasonUntil}
              onSaved={onSaved}
              onDirtyChange={setDirty}
            />
          ) : (
            <section aria-labelledby="mgmt-reg-content">
              <h2 id="mgmt-reg-content">{t('manager.reg.contentTitle')}</h2>
              <RegulationFields
                draft={draftFrom(reg)}
                readOnly
                problems={[]}
                onChange={() => undefined}
                legalReasonUntil={null}
              />
            </section>
          )}
        </>
      )}
    </Page>
  );
}
