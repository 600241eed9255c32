// The privacy officer's audit search (AVG-5-accountability): every access
// and decision, filtered by whom it concerns, who acted, what, the outcome,
// the rule and the period; paged newest first; and the verification of the
// hash chain that shows whether anything was changed or removed.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import {
  actionsSeen,
  auditQuery,
  currentCursor,
  detailText,
  kEmptyFilters,
  kFirstPage,
  kLimits,
  olderCursor,
  pageNewer,
  pageOlder,
  type AuditFilters,
  type Paging,
} from './audit-data';
import type { AuditEntry, Items, VerifyReport } from './types';

const kRoles = ['agent', 'monitor', 'manager', 'works_council', 'privacy_officer', 'client', 'admin', 'capture_source'];

function roleLabel(t: (key: MessageKey) => string, role: string): string {
  if (kRoles.includes(role)) return t(`common.role.${role}` as MessageKey);
  if (role === 'system') return t('privacy.audit.system');
  return role;
}

function Verify() {
  const { t, number } = useI18n();
  const verify = useAction(() => api.post<VerifyReport>('/api/v1/audit/verify'));
  const [report, setReport] = useState<VerifyReport | null>(null);
  return (
    <section class="card" aria-labelledby="privacy-verify">
      <h2 id="privacy-verify">{t('privacy.verify.title')}</h2>
      <p>{t('privacy.verify.intro')}</p>
      <div class="button-row">
        <button
          type="button"
          class="primary"
          disabled={verify.busy}
          onClick={() => {
            setReport(null);
            void verify.run().then((result) => {
              if (result) setReport(result);
            });
          }}
        >
          {verify.busy ? t('privacy.verify.busy') : t('privacy.verify.run')}
        </button>
      </div>
      {verify.busy && <Loading />}
      <ErrorNotice error={verify.error} />
      {report &&
        (report.ok ? (
          <div class="notice notice-success" role="status" data-verify="ok">
            <strong>{t('privacy.verify.ok')}</strong>
            <p>{t('privacy.verify.okText', { count: number(report.entries) })}</p>
          </div>
        ) : (
          <div class="notice notice-error" role="alert" data-verify="broken">
            <strong>{t('privacy.verify.broken')}</strong>
            <p>
              {t('privacy.verify.brokenText', {
                seq: report.first_bad_seq ?? '—',
                count: number(report.entries),
              })}
            </p>
            {report.problem && (
              <p>
                {t('privacy.verify.problem')} <code>{report.problem}</code>
              </p>
            )}
          </div>
        ))}
    </section>
  );
}

function FilterForm({
  initial,
  actions,
  onSearch,
}: {
  initial: AuditFilters;
  actions: string[];
  onSearch: (filters: AuditFilters) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: 'agent' | 'actor' | 'action' | 'rule', label: MessageKey, hint: MessageKey, list?: string) => (
    <div class="field">
      <label for={`audit-${key}`}>{t(label)}</label>
      <input
        id={`audit-${key}`}
        type="text"
        list={list}
        aria-describedby={`audit-${key}-hint`}
        value={draft[key]}
        onInput={(event) => set(key, (event.target as HTMLInputElement).value)}
      />
      <span id={`audit-${key}-hint`} class="hint">
        {t(hint)}
      </span>
    </div>
  );
  return (
    <form
      class="card"
      aria-labelledby="privacy-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft);
      }}
    >
      <h2 id="privacy-filters">{t('privacy.audit.filters')}</h2>
      <div class="privacy-filter-grid">
        {text('agent', 'privacy.audit.agent', 'privacy.audit.agentHint')}
        {text('actor', 'privacy.audit.actor', 'privacy.audit.actorHint')}
        {text('action', 'privacy.audit.action', 'privacy.audit.actionHint', 'audit-actions')}
        <datalist id="audit-actions">
          {actions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        {text('rule', 'privacy.audit.rule', 'privacy.audit.ruleHint')}
        <div class="field">
          <label for="audit-decision">{t('privacy.audit.decision')}</label>
          <select
            id="audit-decision"
            value={draft.decision}
            onChange={(event) =>
              set('decision', (event.target as HTMLSelectElement).value as AuditFilters['decision'])
            }
          >
            <option value="">{t('privacy.audit.decision.any')}</option>
            <option value="allowed">{t('privacy.audit.decision.allowed')}</option>
            <option value="refused">{t('privacy.audit.decision.refused')}</option>
          </select>
        </div>
        <div class="field">
          <label for="audit-from">{t('common.from')}</label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            onInput={(event) => set('from', (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="audit-to">{t('privacy.audit.toIncl')}</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onInput={(event) => set('to', (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="audit-limit">{t('privacy.audit.limit')}</label>
          <select
            id="audit-limit"
            value={String(draft.limit)}
            onChange={(event) => set('limit', Number((event.target as HTMLSelectElement).value))}
          >
            {kLimits.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="button-row">
        <button type="submit" class="primary">
          {t('common.search')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(kEmptyFilters);
            onSearch(kEmptyFilters);
          }}
        >
          {t('privacy.audit.clear')}
        </button>
      </div>
    </form>
  );
}

function Entries({ items }: { items: AuditEntry[] }) {
  const { t, dateTime } = useI18n();
  return (
    <div class="table-scroll" role="region" tabIndex={0} aria-label={t('privacy.audit.results')}>
      <table class="data privacy-audit">
        <caption class="visually-hidden">{t('privacy.audit.results')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('privacy.audit.seq')}
            </th>
            <th scope="col">{t('privacy.audit.at')}</th>
            <th scope="col">{t('privacy.audit.who')}</th>
            <th scope="col">{t('privacy.audit.what')}</th>
            <th scope="col">{t('privacy.audit.subject')}</th>
            <th scope="col">{t('privacy.audit.decision')}</th>
            <th scope="col">{t('privacy.audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.seq} data-seq={e.seq}>
              <th scope="row" class="num">
                {e.seq}
              </th>
              <td>
                <time dateTime={e.at}>{dateTime(e.at)}</time>
              </td>
              <td>
                {roleLabel(t, e.actor_role)}
                <br />
                <code class="privacy-id">{e.actor_id}</code>
              </td>
              <td>
                <code>{e.action}</code>
                {e.purpose && (
                  <>
                    <br />
                    <span class="hint">{t(`common.purpose.${e.purpose}` as MessageKey)}</span>
                  </>
                )}
              </td>
              <td>
                {e.subject_kind} <code class="privacy-id">{e.subject_id}</code>
                {e.subject_agent_id && (
                  <>
                    <br />
                    <span class="hint">
                      {t('privacy.audit.about')} <code class="privacy-id">{e.subject_agent_id}</code>
                    </span>
                  </>
                )}
              </td>
              <td>
                <span class={e.decision === 'refused' ? 'badge badge-bad' : 'badge badge-ok'}>
                  {t(`privacy.audit.decision.${e.decision}` as MessageKey)}
                </span>
                {e.rule && (
                  <>
                    {' '}
                    <code>{e.rule}</code>
                  </>
                )}
              </td>
              <td class="privacy-detail">{detailText(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>(kEmptyFilters);
  const [paging, setPaging] = useState<Paging>(kFirstPage);
  const [known, setKnown] = useState<string[]>([]);
  const result = useApi<Items<AuditEntry>>('/api/v1/audit', auditQuery(filters, currentCursor(paging)));
  const items = result.data?.items ?? [];
  const older = olderCursor(items, filters.limit);
  const suggestions = actionsSeen(items, known);
  return (
    <Page title={t('privacy.audit.title')} intro={<p>{t('privacy.audit.intro')}</p>}>
      <Verify />
      <FilterForm
        initial={filters}
        actions={suggestions}
        onSearch={(next) => {
          setKnown(suggestions);
          setFilters(next);
          setPaging(kFirstPage);
        }}
      />
      <section aria-labelledby="privacy-results">
        <h2 id="privacy-results">{t('privacy.audit.results')}</h2>
        <ErrorNotice error={result.error} />
        {result.loading ? (
          <Loading />
        ) : (
          result.data && (
            <>
              <p role="status">
                {items.length === 0
                  ? t('privacy.audit.none')
                  : t('privacy.audit.count', {
                      count: items.length,
                      page: paging.page + 1,
                      first: items[0].seq,
                      last: items[items.length - 1].seq,
                    })}
              </p>
              {items.length === 0 ? <Empty>{t('privacy.audit.noneHint')}</Empty> : <Entries items={items} />}
            </>
          )
        )}
        <nav class="button-row" aria-label={t('privacy.audit.paging')}>
          <button type="button" disabled={paging.page === 0 || result.loading} onClick={() => setPaging(kFirstPage)}>
            {t('privacy.audit.newest')}
          </button>
          <button type="button" disabled={paging.page === 0 || result.loading} onClick={() => setPaging(pageNewer(paging))}>
            {t('privacy.audit.newer')}
          </button>
          <button
            type="button"
            disabled={older === null || result.loading}
            onClick={() => older !== null && setPaging(pageOlder(paging, older))}
          >
            {t('privacy.audit.older')}
          </button>
        </nav>
      </section>
    </Page>
  );
}
