// My evaluations (KSF-3.8): scores and comments, my view (KSF-2.1-view),
// acknowledging, another evaluator (KSF-4.6), an extra moment (KSF-4.7) and
// the written evaluation to keep (KSF-4.5).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading, Success } from '../../components/notice';
import { Page } from '../../components/page';
import { useAction, useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import {
  evaluationActions,
  evaluationStage,
  monitorNames,
  newestFirst,
  scoreRatio,
  scoreRows,
  stageBadge,
} from './logic';
import { ExtraMomentPanel, Facts, label, purposeLabel } from './parts';
import type {
  AgentRequest,
  Evaluation,
  EvaluationForm,
  Items,
  MonitorListing,
  Overview,
} from './types';

function StageBadge({ e }: { e: Evaluation }) {
  const { t } = useI18n();
  const stage = evaluationStage(e);
  return (
    <span class={`badge ${stageBadge(stage)}`} data-stage={stage}>
      {t(`agent.stage.${stage}`)}
    </span>
  );
}

function Score({ score }: { score: number | null }) {
  const { t, percent } = useI18n();
  const ratio = scoreRatio(score);
  return <>{ratio === null ? t('agent.evaluation.noScore') : percent(ratio)}</>;
}

export function EvaluationsPage() {
  const { t, date } = useI18n();
  const evaluations = useApi<Items<Evaluation>>('/api/v1/me/evaluations');
  const monitors = useApi<Items<MonitorListing>>('/api/v1/me/monitors');
  const overview = useApi<Overview>('/api/v1/me/overview');
  const names = monitorNames(monitors.data?.items);
  const items = newestFirst(evaluations.data?.items ?? [], (e) => e.shared_at ?? e.created_at);
  return (
    <Page title={t('agent.evaluations.title')} intro={<p>{t('agent.evaluations.intro')}</p>}>
      <ErrorNotice error={evaluations.error} />
      {evaluations.loading && <Loading />}
      {evaluations.data &&
        (items.length === 0 ? (
          <Empty>{t('agent.evaluations.empty')}</Empty>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('agent.evaluations.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agent.evaluations.date')}</th>
                  <th scope="col">{t('agent.purpose')}</th>
                  <th scope="col">{t('agent.monitor')}</th>
                  <th scope="col" class="num">
                    {t('agent.score')}
                  </th>
                  <th scope="col">{t('common.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-evaluation={e.id}>
                    <th scope="row">
                      <Link
                        href={`/me/evaluations/${encodeURIComponent(e.id)}`}
                        aria-label={t('agent.evaluations.openLabel', { date: date(e.created_at) })}
                      >
                        {date(e.created_at)}
                      </Link>
                    </th>
                    <td>{purposeLabel(t, e.purpose)}</td>
                    <td>{names.get(e.monitor_id) ?? e.monitor_id}</td>
                    <td class="num">
                      <Score score={e.score} />
                    </td>
                    <td>
                      <StageBadge e={e} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <ErrorNotice error={overview.error} />
      {overview.data && (
        <ExtraMomentPanel extra={overview.data.extra_moments} onChanged={overview.reload} />
      )}
    </Page>
  );
}

function ViewForm({ e, onSaved }: { e: Evaluation; onSaved: (e: Evaluation) => void }) {
  const { t, dateTime } = useI18n();
  const [text, setText] = useState(e.agent_view);
  const action = useAction((view: string) =>
    api.post<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(e.id)}/agent-view`, { view }),
  );
  useEffect(() => setText(e.agent_view), [e.id]);
  const allowed = evaluationActions(e).giveView;
  return (
    <section class="card" aria-labelledby="agent-view-title">
      <h2 id="agent-view-title">{t('agent.evaluation.viewTitle')}</h2>
      {e.agent_view && e.agent_view_at && (
        <div class="agent-view-given">
          <p>{t('agent.evaluation.viewGiven', { date: dateTime(e.agent_view_at) })}</p>
          <blockquote>{e.agent_view}</blockquote>
        </div>
      )}
      {allowed ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const saved = await action.run(text.trim());
            if (saved) onSaved(saved);
          }}
        >
          <div class="field">
            <label for="agent-view">{t('agent.evaluation.viewLabel')}</label>
            <span class="hint" id="agent-view-hint">
              {t('agent.evaluation.viewHint')}
            </span>
            <textarea
              id="agent-view"
              aria-describedby="agent-view-hint"
              required
              maxLength={16000}
              value={text}
              onInput={(ev) => {
                setText((ev.target as HTMLTextAreaElement).value);
                if (action.done) action.reset();
              }}
            />
          </div>
          <div class="button-row">
            <button type="submit" class="primary" disabled={action.busy}>
              {action.busy ? t('agent.busy') : t('agent.evaluation.viewSave')}
            </button>
          </div>
          <ErrorNotice error={action.error} />
          {action.done && <Success>{t('agent.evaluation.viewSaved')}</Success>}
        </form>
      ) : (
        <p class="hint">{t('agent.evaluation.draft')}</p>
      )}
    </section>
  );
}

function Acknowledge({ e, onSaved }: { e: Evaluation; onSaved: (e: Evaluation) => void }) {
  const { t, dateTime } = useI18n();
  const action = useAction(() =>
    api.post<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(e.id)}/acknowledge`),
  );
  const allowed = evaluationActions(e).acknowledge;
  return (
    <section class="card" aria-labelledby="agent-ack-title">
      <h2 id="agent-ack-title">{t('agent.evaluation.ackTitle')}</h2>
      {action.done && <Success>{t('agent.evaluation.ackSaved')}</Success>}
      {e.acknowledged_at ? (
        <p>{t('agent.evaluation.ackDone', { date: dateTime(e.acknowledged_at) })}</p>
      ) : (
        <>
          <p class="hint">{t('agent.evaluation.ackExplain')}</p>
          {allowed ? (
            <div class="button-row">
              <button
                type="button"
                class="primary"
                disabled={action.busy}
                onClick={async () => {
                  const saved = await action.run();
                  if (saved) onSaved(saved);
                }}
              >
                {action.busy ? t('agent.busy') : t('agent.evaluation.ackButton')}
              </button>
            </div>
          ) : (
            <p class="hint">{t('agent.evaluation.draft')}</p>
          )}
        </>
      )}
      <ErrorNotice error={action.error} />
    </section>
  );
}

function OtherEvaluator({ e, monitors }: { e: Evaluation; monitors: MonitorListing[] }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [who, setWho] = useState('');
  const action = useAction((body: { evaluation_id: string; evaluator_id?: string; reason: string }) =>
    api.post<AgentRequest>('/api/v1/me/requests/other-evaluator', body),
  );
  const [made, setMade] = useState<AgentRequest | null>(null);
  // KSF-4.6: someone authorised for this purpose, other than the current one.
  const candidates = monitors.filter(
    (m) => m.monitor_id !== e.monitor_id && m.purposes.includes(e.purpose),
  );
  return (
    <section class="card" aria-labelledby="agent-other-title">
      <h2 id="agent-other-title">{t('agent.evaluation.otherTitle')}</h2>
      <p class="hint">{t('agent.evaluation.otherExplain')}</p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await action.run({
            evaluation_id: e.id,
            ...(who ? { evaluator_id: who } : {}),
            reason: reason.trim(),
          });
          if (result) {
            setMade(result);
            setReason('');
          }
        }}
      >
        {candidates.length > 0 && (
          <div class="field">
            <label for="agent-other-who">{t('agent.evaluation.otherWho')}</label>
            <select
              id="agent-other-who"
              value={who}
              onChange={(ev) => setWho((ev.target as HTMLSelectElement).value)}
            >
              <option value="">{t('agent.evaluation.otherAny')}</option>
              {candidates.map((m) => (
                <option key={m.monitor_id} value={m.monitor_id}>
                  {m.monitor_name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="agent-other-reason">{t('agent.evaluation.otherReason')}</label>
          <textarea
            id="agent-other-reason"
            required
            maxLength={4000}
            value={reason}
            onInput={(ev) => {
              setReason((ev.target as HTMLTextAreaElement).value);
              if (action.done) action.reset();
            }}
          />
        </div>
        <div class="button-row">
          <button type="submit" disabled={action.busy}>
            {action.busy ? t('agent.busy') : t('agent.evaluation.otherSubmit')}
          </button>
        </div>
        <ErrorNotice error={action.error} />
        {action.done && made && (
          <Success>
            {t('agent.evaluation.otherDone', {
              status: label(t, 'agent.requests.status', made.status),
            })}
          </Success>
        )}
      </form>
    </section>
  );
}

export function EvaluationPage({ id }: { id: string }) {
  const { t, date, dateTime, lang, number } = useI18n();
  const loaded = useApi<Evaluation>(`/api/v1/evaluations/${encodeURIComponent(id)}`);
  const monitors = useApi<Items<MonitorListing>>('/api/v1/me/monitors');
  const [fresh, setFresh] = useState<Evaluation | null>(null);
  const e = fresh && fresh.id === id ? fresh : loaded.data;
  const form = useApi<EvaluationForm>(
    e ? `/api/v1/forms/${encodeURIComponent(e.form_id)}` : null,
    e ? { version: e.form_version } : undefined,
  );
  const names = monitorNames(monitors.data?.items);
  const rows = e ? scoreRows(e, form.data) : [];
  const sections = [...new Set(rows.map((r) => r.section))];
  const actions = e ? evaluationActions(e) : null;
  return (
    <Page
      title={e ? t('agent.evaluation.title', { date: date(e.created_at) }) : t('agent.evaluations.title')}
      actions={<Link href="/me/evaluations">{t('agent.evaluation.back')}</Link>}
    >
      <ErrorNotice error={loaded.error} />
      {loaded.loading && !e && <Loading />}
      {e && (
        <>
          <div class="grid-2">
            <section class="card" aria-labelledby="agent-eval-facts">
              <h2 id="agent-eval-facts">{t('agent.evaluation.facts')}</h2>
              <Facts
                items={[
                  [t('common.status'), <StageBadge e={e} />],
                  [t('agent.purpose'), purposeLabel(t, e.purpose)],
                  [t('agent.monitor'), names.get(e.monitor_id) ?? e.monitor_id],
                  [
                    t('agent.evaluation.form'),
                    form.data
                      ? t('agent.evaluation.formValue', {
                          name: form.data.name,
                          version: e.form_version,
                        })
                      : `${e.form_id} (${e.form_version})`,
                  ],
                  [t('agent.evaluation.sharedAt'), dateTime(e.shared_at)],
                  [t('agent.evaluation.acknowledgedAt'), dateTime(e.acknowledged_at)],
                  ...(e.closed_at
                    ? ([[t('agent.evaluation.closedAt'), dateTime(e.closed_at)]] as [string, string][])
                    : []),
                  [t('agent.evaluation.destroyAt'), date(e.destroy_at)],
                ]}
              />
            </section>
            <section class="card" aria-labelledby="agent-eval-score">
              <h2 id="agent-eval-score">{t('agent.evaluation.overall')}</h2>
              <p class="stat">
                <Score score={e.score} />
              </p>
              {e.automated_suggestion && <p class="hint">{t('agent.evaluation.automated')}</p>}
              {e.purpose === 'assessment' && <p class="hint">{t('agent.evaluation.oneInput')}</p>}
            </section>
          </div>
          {e.status === 'draft' && <p class="notice notice-warning">{t('agent.evaluation.draft')}</p>}
          <section class="card" aria-labelledby="agent-eval-scores">
            <h2 id="agent-eval-scores">{t('agent.evaluation.scoresTitle')}</h2>
            <ErrorNotice error={form.error} />
            {rows.length === 0 ? (
              <Empty>{t('agent.evaluation.noAnswers')}</Empty>
            ) : (
              <div class="table-scroll">
                <table class="data">
                  <caption class="visually-hidden">{t('agent.evaluation.scoresCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agent.evaluation.question')}</th>
                      <th scope="col" class="num">
                        {t('agent.score')}
                      </th>
                      <th scope="col">{t('agent.evaluation.comment')}</th>
                    </tr>
                  </thead>
                  {sections.map((section) => (
                    <tbody key={section}>
                      {section && (
                        <tr>
                          <th scope="colgroup" colSpan={3} class="agent-section">
                            {section}
                          </th>
                        </tr>
                      )}
                      {rows
                        .filter((r) => r.section === section)
                        .map((r) => (
                          <tr key={r.questionId}>
                            <th scope="row">
                              {r.question}
                              {r.critical && (
                                <>
                                  {' '}
                                  <span class="badge badge-warn">{t('agent.evaluation.critical')}</span>
                                </>
                              )}
                            </th>
                            <td class="num">
                              {r.notApplicable
                                ? t('agent.evaluation.na')
                                : r.maxScore !== null
                                  ? t('agent.evaluation.scoreOf', {
                                      score: number(r.score ?? 0),
                                      max: number(r.maxScore),
                                    })
                                  : number(r.score ?? 0)}
                            </td>
                            <td>{r.comment || '—'}</td>
                          </tr>
                        ))}
                    </tbody>
                  ))}
                </table>
              </div>
            )}
            {e.summary && (
              <>
                <h3>{t('agent.evaluation.summary')}</h3>
                <p class="agent-prewrap">{e.summary}</p>
              </>
            )}
          </section>
          <section class="card" aria-labelledby="agent-eval-feedback">
            <h2 id="agent-eval-feedback">{t('agent.evaluation.feedbackTitle')}</h2>
            {e.feedback ? (
              <>
                <p>{t('agent.evaluation.feedbackHeld', { date: dateTime(e.feedback.held_at) })}</p>
                <p class="agent-prewrap">{e.feedback.summary}</p>
              </>
            ) : (
              <p class="empty">{t('agent.evaluation.noFeedback')}</p>
            )}
          </section>
          {e.recording_ids.length > 0 && (
            <section class="card" aria-labelledby="agent-eval-recordings">
              <h2 id="agent-eval-recordings">{t('agent.evaluation.recordingsTitle')}</h2>
              <ul>
                {e.recording_ids.map((rid) => {
                  const count = e.notes.filter((n) => n.recording_id === rid).length;
                  return (
                    <li key={rid}>
                      <Link href={`/me/recordings/${encodeURIComponent(rid)}`}>
                        {t('agent.evaluation.recordingLink', { id: rid })}
                      </Link>{' '}
                      <span class="hint">({t('agent.evaluation.notesCount', { count })})</span>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <ViewForm e={e} onSaved={setFresh} />
          <Acknowledge e={e} onSaved={setFresh} />
          {actions?.otherEvaluator && <OtherEvaluator e={e} monitors={monitors.data?.items ?? []} />}
          <section class="card" aria-labelledby="agent-eval-document">
            <h2 id="agent-eval-document">{t('agent.evaluation.documentTitle')}</h2>
            <p class="hint">{t('agent.evaluation.documentExplain')}</p>
            <div class="button-row">
              <a
                class="button"
                href={`/api/v1/evaluations/${encodeURIComponent(e.id)}/document?lang=${lang}`}
                target="_blank"
                rel="noopener"
              >
                {t('agent.evaluation.documentLink')}
              </a>
              <button type="button" onClick={() => window.print()}>
                {t('agent.evaluation.print')}
              </button>
            </div>
          </section>
        </>
      )}
    </Page>
  );
}
