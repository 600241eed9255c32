// KSF-3.3 (3.3.5): an authorisation to monitor comes into force only after
// the monitor has acknowledged the duty of confidentiality. The monitor sees
// their own authorisations (GET /api/v1/me/authorisations), reads the
// undertaking of each one still waiting, and acknowledges it here. A link
// with ?authorisation=<id> (as a manager may send) highlights that one.
// The queue shows <PendingAuthorisationsNotice> while any wait.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { useLocation } from '../../router';
import {
  authorisationState,
  awaitingAcknowledgement,
  type MyAuthorisation,
  scopeParts,
  sortAuthorisations,
  stateBadge,
  stateKey,
} from './authorisations';
import type { AuthorisationRecord } from '../../types/api';
import { type Items, purposeKey } from './model';

export const kMyAuthorisations = '/api/v1/me/authorisations';

function usePurposes(): (a: MyAuthorisation) => string {
  const { t } = useI18n();
  // Dutch purpose names hold commas themselves, so a semicolon separates them.
  return (a) => a.purposes.map((p) => t(purposeKey(p))).join('; ');
}

function Scope({ authorisation }: { authorisation: MyAuthorisation }) {
  const { t } = useI18n();
  const parts = scopeParts(authorisation);
  if (parts.length === 0) return <>{t('monitor.auth.noScope')}</>;
  return <>{parts.map((part) => t(part.key, { count: part.count })).join(', ')}</>;
}

function Period({ authorisation }: { authorisation: MyAuthorisation }) {
  const { t, date } = useI18n();
  return (
    <>
      {authorisation.valid_until
        ? t('monitor.auth.period', { from: date(authorisation.valid_from), until: date(authorisation.valid_until) })
        : t('monitor.auth.periodOpen', { from: date(authorisation.valid_from) })}
    </>
  );
}

// One authorisation waiting for the acknowledgement: what it covers, the
// undertaking, and the button.
function PendingCard({
  authorisation,
  busy,
  disabled,
  marked,
  onAcknowledge,
}: {
  authorisation: MyAuthorisation;
  busy: boolean;
  marked: boolean;
  disabled: boolean;
  onAcknowledge: () => void;
}) {
  const { t, date } = useI18n();
  const purposes = usePurposes()(authorisation);
  const headingId = `pending-${authorisation.id}`;
  return (
    <article
      class={marked ? 'card authorisation-pending authorisation-marked' : 'card authorisation-pending'}
      aria-labelledby={headingId}
      data-authorisation={authorisation.id}
    >
      <h3 id={headingId}>{t('monitor.auth.cardTitle', { purposes })}</h3>
      <dl class="facts">
        <div>
          <dt>{t('monitor.auth.scope')}</dt>
          <dd>
            <Scope authorisation={authorisation} />
          </dd>
        </div>
        <div>
          <dt>{t('monitor.auth.validity')}</dt>
          <dd>
            <Period authorisation={authorisation} />
          </dd>
        </div>
        {authorisation.granted_at && (
          <div>
            <dt>{t('monitor.auth.grantedAt')}</dt>
            <dd>{date(authorisation.granted_at)}</dd>
          </div>
        )}
        <div>
          <dt>{t('monitor.auth.number')}</dt>
          <dd>
            <code>{authorisation.id}</code>
          </dd>
        </div>
      </dl>
      <h4 class="undertaking-title">{t('monitor.confidentiality.undertaking')}</h4>
      <ul class="undertaking">
        <li>{t('monitor.confidentiality.point1')}</li>
        <li>{t('monitor.confidentiality.point2')}</li>
        <li>{t('monitor.confidentiality.point3')}</li>
        <li>{t('monitor.confidentiality.point4')}</li>
      </ul>
      <div class="button-row">
        <button
          type="button"
          class="primary"
          disabled={disabled}
          aria-busy={busy}
          aria-label={t('monitor.confidentiality.submitLabel', {
            purposes,
            from: date(authorisation.valid_from),
          })}
          onClick={onAcknowledge}
        >
          {busy ? t('monitor.busy') : t('monitor.confidentiality.submit')}
        </button>
      </div>
    </article>
  );
}

export function ConfidentialityPage() {
  const { t, date, dateTime } = useI18n();
  const purposesOf = usePurposes();
  const { search } = useLocation();
  const highlighted = search.get('authorisation') ?? '';
  const list = useApi<Items<MyAuthorisation>>(kMyAuthorisations);
  // The list as fetched again right after an acknowledgement.
  const [refreshed, setRefreshed] = useState<Items<MyAuthorisation> | null>(null);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const [acknowledgedId, setAcknowledgedId] = useState<string | null>(null);
  const acknowledge = useAction(async (authorisation: MyAuthorisation) => {
    setAcknowledging(authorisation.id);
    try {
      const answer = await api.post<AuthorisationRecord>(
        `/api/v1/authorisations/${encodeURIComponent(authorisation.id)}/acknowledge`,
      );
      setAcknowledgedId(answer.id);
      try {
        setRefreshed(await api.get<Items<MyAuthorisation>>(kMyAuthorisations));
      } catch {
        // Acknowledged all the same; the page fetches the list again itself.
        setRefreshed(null);
        list.reload();
      }
      return answer;
    } finally {
      setAcknowledging(null);
    }
  });

  const now = Date.now();
  const data = refreshed ?? list.data;
  const items = data?.items ?? [];
  const pending = awaitingAcknowledgement(items, now);
  const sorted = sortAuthorisations(items, now);
  // The one just acknowledged, as the refreshed list has it.
  const fresh = acknowledgedId ? items.find((a) => a.id === acknowledgedId && a.acknowledged) : undefined;
  const freshState = fresh ? authorisationState(fresh, now) : null;

  // Scroll once to the authorisation named in the address.
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || !highlighted || !data) return;
    scrolled.current = true;
    const target = document.querySelector(`[data-authorisation="${CSS.escape(highlighted)}"]`);
    if (target instanceof HTMLElement) target.scrollIntoView({ block: 'center' });
  }, [highlighted, data]);

  // The button goes with its card: keyboard focus moves to the outcome.
  const outcome = useRef<HTMLDivElement>(null);
  const shown = acknowledge.done && fresh !== undefined;
  useEffect(() => {
    if (shown) outcome.current?.focus();
  }, [shown, acknowledgedId]);

  return (
    <Page title={t('monitor.confidentiality.title')} intro={<p>{t('monitor.confidentiality.intro')}</p>}>
      <ErrorNotice error={list.error} />
      <ErrorNotice error={acknowledge.error} />
      {shown && fresh && (
        <div ref={outcome} tabIndex={-1} class="acknowledge-outcome">
          <Success>
            <p>
              {t('monitor.confidentiality.done', {
                purposes: purposesOf(fresh),
                at: dateTime(fresh.confidentiality_acknowledged_at),
              })}{' '}
              {freshState === 'active'
                ? t('monitor.confidentiality.nowActive')
                : freshState === 'upcoming'
                  ? t('monitor.confidentiality.activeFrom', { from: date(fresh.valid_from) })
                  : ''}
            </p>
          </Success>
        </div>
      )}
      {list.loading && !data && <Loading />}
      {data && (
        <>
          <section aria-labelledby="pending-title">
            <h2 id="pending-title">{t('monitor.auth.pendingTitle')}</h2>
            {pending.length === 0 ? (
              <p class="notice notice-success">{t('monitor.auth.nonePending')}</p>
            ) : (
              <>
                <p>{t('monitor.auth.pendingIntro', { count: pending.length })}</p>
                {pending.map((a) => (
                  <PendingCard
                    key={a.id}
                    authorisation={a}
                    busy={acknowledging === a.id}
                    disabled={acknowledge.busy}
                    marked={a.id === highlighted}
                    onAcknowledge={() => void acknowledge.run(a)}
                  />
                ))}
              </>
            )}
          </section>
          <section class="card authorisations-card" aria-labelledby="all-title">
            <h2 id="all-title">{t('monitor.auth.allTitle')}</h2>
            {sorted.length === 0 ? (
              <Empty>{t('monitor.auth.none')}</Empty>
            ) : (
              <div class="table-scroll">
                <table class="data authorisations">
                  <caption class="visually-hidden">{t('monitor.auth.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitor.auth.purposes')}</th>
                      <th scope="col">{t('monitor.auth.scope')}</th>
                      <th scope="col">{t('monitor.auth.validity')}</th>
                      <th scope="col">{t('monitor.auth.status')}</th>
                      <th scope="col">{t('monitor.auth.acknowledgedAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((a) => {
                      const state = authorisationState(a, now);
                      const marked = a.id === highlighted || a.id === acknowledgedId;
                      return (
                        <tr
                          key={a.id}
                          data-authorisation={a.id}
                          class={marked ? 'authorisation-marked' : undefined}
                          aria-current={a.id === highlighted ? 'true' : undefined}
                        >
                          <th scope="row">
                            {purposesOf(a)}
                            <br />
                            <code class="hint">{a.id}</code>
                          </th>
                          <td>
                            <Scope authorisation={a} />
                          </td>
                          <td>
                            <Period authorisation={a} />
                            {a.ended_at && (
                              <>
                                <br />
                                <span class="hint">{t('monitor.auth.endedAt', { at: date(a.ended_at) })}</span>
                              </>
                            )}
                          </td>
                          <td>
                            <span class={stateBadge(state)} data-testid="authorisation-state">
                              {t(stateKey(state))}
                            </span>
                          </td>
                          <td>
                            {a.confidentiality_acknowledged_at
                              ? dateTime(a.confidentiality_acknowledged_at)
                              : t('monitor.auth.notAcknowledged')}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

// On the queue: an authorisation waits for this monitor (KSF-3.3).
export function PendingAuthorisationsNotice() {
  const { t } = useI18n();
  const list = useApi<Items<MyAuthorisation>>(kMyAuthorisations);
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data) return null;
  const pending = awaitingAcknowledgement(list.data.items);
  if (pending.length === 0) return null;
  const only = pending.length === 1 ? pending[0] : null;
  return (
    <div class="notice notice-warning" role="status" data-testid="pending-authorisations">
      <strong>{t('monitor.auth.noticeTitle', { count: pending.length })}</strong>
      <p>{t('monitor.auth.noticeText', { count: pending.length })}</p>
      <p>
        <Link
          href={
            only
              ? `/monitor/confidentiality?authorisation=${encodeURIComponent(only.id)}`
              : '/monitor/confidentiality'
          }
        >
          {t('monitor.auth.noticeLink', { count: pending.length })}
        </Link>
      </p>
    </div>
  );
}
