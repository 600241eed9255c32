// KSF-4.8: my recordings, and listening to one with the evaluator's notes as
// markers on the waveform (the shared Player).
import { DaysLeft } from '../../components/days-left';
import { Link } from '../../components/link';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { Player } from '../../components/player';
import { useApi } from '../../hooks';
import { useI18n } from '../../i18n';
import { formatClock } from '../../i18n/format';
import {
  contentUrl,
  isAudio,
  monitorNames,
  newestFirst,
  notesForRecording,
  recordingState,
} from './logic';
import { channelLabel, Facts, label, purposeLabel } from './parts';
import type { Evaluation, Items, MonitorListing, Recording, RecordingDetails } from './types';

export function RecordingsPage() {
  const { t, date, dateTime, duration } = useI18n();
  const recordings = useApi<Items<Recording>>('/api/v1/me/recordings');
  const items = newestFirst(recordings.data?.items ?? [], (r) => r.created_at);
  return (
    <Page title={t('agent.recordings.title')} intro={<p>{t('agent.recordings.intro')}</p>}>
      <ErrorNotice error={recordings.error} />
      {recordings.loading && <Loading />}
      {recordings.data &&
        (items.length === 0 ? (
          <Empty>{t('agent.recordings.empty')}</Empty>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <caption class="visually-hidden">{t('agent.recordings.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agent.recordedAt')}</th>
                  <th scope="col">{t('agent.purpose')}</th>
                  <th scope="col">{t('agent.channel')}</th>
                  <th scope="col" class="num">
                    {t('agent.duration')}
                  </th>
                  <th scope="col">{t('agent.recordings.state')}</th>
                  <th scope="col">{t('agent.recordings.destroyAt')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => {
                  const state = recordingState(r);
                  return (
                    <tr key={r.id} data-recording={r.id}>
                      <th scope="row">
                        {state === 'destroyed' ? (
                          dateTime(r.created_at)
                        ) : (
                          <Link
                            href={`/me/recordings/${encodeURIComponent(r.id)}`}
                            aria-label={t('agent.recordings.openLabel', {
                              date: dateTime(r.created_at),
                            })}
                          >
                            {dateTime(r.created_at)}
                          </Link>
                        )}
                        {r.extra_moment && (
                          <>
                            {' '}
                            <span class="badge">{t('agent.extraMomentBadge')}</span>
                          </>
                        )}
                      </th>
                      <td>{purposeLabel(t, r.purpose)}</td>
                      <td>{channelLabel(t, r.channel)}</td>
                      <td class="num">{duration(r.duration_ms / 1000)}</td>
                      <td>
                        <span
                          class={`badge ${
                            state === 'destroyed' ? '' : state === 'evaluated' ? 'badge-ok' : 'badge-warn'
                          }`}
                        >
                          {t(`agent.recordings.state.${state}`)}
                        </span>
                        {state === 'awaiting' && (
                          <>
                            {' '}
                            <span class="hint">
                              {t('agent.recordings.evaluateBy', { date: date(r.evaluate_by) })}
                            </span>
                          </>
                        )}
                      </td>
                      <td>
                        {r.destroyed_at ? (
                          <>
                            {date(r.destroyed_at)}
                            {r.destroyed_rule && (
                              <span class="hint"> ({t('agent.rule', { rule: r.destroyed_rule })})</span>
                            )}
                          </>
                        ) : (
                          <>
                            {date(r.destroy_at)} <DaysLeft deadline={r.destroy_at} />
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  );
}

export function RecordingPage({ id }: { id: string }) {
  const { t, date, dateTime, duration } = useI18n();
  const details = useApi<RecordingDetails>(`/api/v1/recordings/${encodeURIComponent(id)}`);
  const evaluations = useApi<Items<Evaluation>>('/api/v1/me/evaluations');
  const monitors = useApi<Items<MonitorListing>>('/api/v1/me/monitors');
  const r = details.data?.recording;
  const names = monitorNames(monitors.data?.items);
  const mine = (evaluations.data?.items ?? []).filter((e) => e.recording_ids.includes(id));
  const notes = notesForRecording(mine, id, names);
  const playable = Boolean(r && !r.destroyed_at && isAudio(r));
  const title = r
    ? t('agent.recording.title', { date: dateTime(r.created_at) })
    : t('agent.recordings.title');
  return (
    <Page
      title={title}
      actions={<Link href="/me/recordings">{t('agent.recording.back')}</Link>}
    >
      <ErrorNotice error={details.error} />
      {details.loading && <Loading />}
      {r && (
        <>
          <section class="card" aria-labelledby="agent-recording-facts">
            <h2 id="agent-recording-facts">{t('agent.recording.facts')}</h2>
            <Facts
              items={[
                [t('agent.purpose'), purposeLabel(t, r.purpose)],
                [t('agent.channel'), channelLabel(t, r.channel)],
                [t('agent.duration'), duration(r.duration_ms / 1000)],
                [t('agent.recordedAt'), dateTime(r.created_at)],
                r.evaluated_at
                  ? [t('agent.recording.evaluatedAt'), date(r.evaluated_at)]
                  : [
                      t('agent.recording.evaluateBy'),
                      <>
                        {date(r.evaluate_by)} <DaysLeft deadline={r.evaluate_by} />
                      </>,
                    ],
                r.destroyed_at
                  ? [t('agent.recording.destroyedAt'), date(r.destroyed_at)]
                  : [t('agent.recording.destroyAt'), date(r.destroy_at)],
                ...(r.extra_moment
                  ? ([[t('agent.recording.extra'), t('common.yes')]] as [string, string][])
                  : []),
                ...(r.may_contain_card_data
                  ? ([[t('agent.recording.cardData'), t('common.yes')]] as [string, string][])
                  : []),
              ]}
            />
          </section>
          <section class="card" aria-labelledby="agent-recording-listen">
            <h2 id="agent-recording-listen">{t('agent.recording.listenTitle')}</h2>
            {r.destroyed_at ? (
              <p class="notice notice-warning">
                {t('agent.recording.destroyed', {
                  date: date(r.destroyed_at),
                  rule: r.destroyed_rule || '—',
                })}
              </p>
            ) : playable ? (
              <Player
                src={contentUrl(r)}
                label={t('agent.recording.playerLabel', { date: dateTime(r.created_at) })}
                notes={notes}
                durationMs={r.duration_ms}
              />
            ) : (
              <p>
                <a href={contentUrl(r)} target="_blank" rel="noopener">
                  {t('agent.recording.openContent', { type: r.media_type })}
                </a>
              </p>
            )}
          </section>
          {details.data && details.data.paused.length > 0 && (
            <section class="card" aria-labelledby="agent-recording-paused">
              <h2 id="agent-recording-paused">{t('agent.recording.pausedTitle')}</h2>
              <ul>
                {details.data.paused.map((p) => {
                  const reason = label(t, 'agent.recording.pause', p.reason);
                  return (
                    <li key={`${p.paused_at}-${p.start_offset_ms}`}>
                      {p.end_offset_ms === null
                        ? t('agent.recording.pausedOpen', {
                            from: formatClock(p.start_offset_ms / 1000),
                            reason,
                          })
                        : t('agent.recording.paused', {
                            from: formatClock(p.start_offset_ms / 1000),
                            to: formatClock(p.end_offset_ms / 1000),
                            reason,
                          })}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          {!playable && (
            <section class="card" aria-labelledby="agent-recording-notes">
              <h2 id="agent-recording-notes">{t('agent.recording.notesTitle')}</h2>
              {notes.length === 0 ? (
                <Empty>{t('agent.recording.noNotes')}</Empty>
              ) : (
                <table class="data">
                  <caption class="visually-hidden">{t('agent.recording.notesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agent.recording.noteAt')}</th>
                      <th scope="col">{t('agent.recording.note')}</th>
                      <th scope="col">{t('agent.recording.noteBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {notes.map((n) => (
                      <tr key={n.id}>
                        <th scope="row">
                          <time>{formatClock(n.atMs / 1000)}</time>
                        </th>
                        <td>{n.text}</td>
                        <td>{n.author ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          )}
          <ErrorNotice error={evaluations.error} />
          {mine.length > 0 && (
            <section class="card" aria-labelledby="agent-recording-evaluations">
              <h2 id="agent-recording-evaluations">{t('agent.recording.evaluationsTitle')}</h2>
              <ul>
                {mine.map((e) => (
                  <li key={e.id}>
                    <Link href={`/me/evaluations/${encodeURIComponent(e.id)}`}>
                      {t('agent.recording.evaluationLink', { date: date(e.created_at) })}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
