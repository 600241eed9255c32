// A recording's content as the monitor sees it: audio in the shared player,
// a chat or e-mail as text, screen video as video. The content is fetched
// by the app, so a refusal (KSF-3.4 and the others) shows its reason and rule.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, downloadWithProgress } from '../../api';
import { ErrorNotice } from '../../components/notice';
import { Player, type PlayerNote } from '../../components/player';
import { Progress } from '../../components/progress';
import { useI18n } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { channelKey, contentKind, contentPath, type RecordingDetails } from './model';

function useBlob(path: string) {
  const [blob, setBlob] = useState<Blob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<{ value: number; total: number | null }>({ value: 0, total: null });
  useEffect(() => {
    const controller = new AbortController();
    setBlob(null);
    setError(null);
    downloadWithProgress(path, (value, total) => setProgress({ value, total }), undefined, controller.signal)
      .then(({ blob: body }) => setBlob(body))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      });
    return () => controller.abort();
  }, [path]);
  return { blob, error, progress };
}

function TextContent({ path, label }: { path: string; label: string }) {
  const { t } = useI18n();
  const { blob, error, progress } = useBlob(path);
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    void blob.text().then(setText);
  }, [blob]);
  if (error) return <ErrorNotice error={error} />;
  if (text === null) {
    return <Progress label={t('monitor.player.loading')} value={progress.value} total={progress.total} />;
  }
  return (
    <pre class="content-text" tabIndex={0} aria-label={label}>
      {text}
    </pre>
  );
}

function VideoContent({ path, label }: { path: string; label: string }) {
  const { t } = useI18n();
  const { blob, error, progress } = useBlob(path);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return undefined;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  if (error) return <ErrorNotice error={error} />;
  if (!url) {
    return <Progress label={t('monitor.player.loading')} value={progress.value} total={progress.total} />;
  }
  return <video class="content-video" src={url} controls aria-label={label} />;
}

export function RecordingContent({
  details,
  purpose,
  notes,
  onAddNote,
}: {
  details: RecordingDetails;
  purpose: string;
  notes?: PlayerNote[];
  onAddNote?: (atMs: number) => void;
}) {
  const { t, date } = useI18n();
  const r = details.recording;
  const label = t('monitor.recording.label', {
    channel: t(channelKey(r.channel)),
    agent: details.agent_name,
    date: date(r.created_at),
  });
  if (r.destroyed_at) return <p class="notice notice-warning">{t('monitor.recording.destroyed')}</p>;
  const path = contentPath(r.id, purpose);
  const kind = contentKind(r.media_type);
  if (kind === 'audio') {
    return (
      <Player
        src={path}
        label={label}
        notes={notes}
        onAddNote={onAddNote}
        durationMs={r.duration_ms}
      />
    );
  }
  return (
    <>
      {kind === 'video' ? <VideoContent path={path} label={label} /> : <TextContent path={path} label={label} />}
      {notes && notes.length > 0 && (
        <div class="player-notes">
          <h3>{t('monitor.player.notes')}</h3>
          <ol>
            {notes.map((note, index) => (
              <li key={note.id ?? index}>
                <span class="hint">{formatClock(note.atMs / 1000)}</span> {note.text}
              </li>
            ))}
          </ol>
        </div>
      )}
      {onAddNote && (
        <button type="button" onClick={() => onAddNote(0)}>
          {t('monitor.note.addText')}
        </button>
      )}
    </>
  );
}

export function PausedList({ details }: { details: RecordingDetails }) {
  const { t } = useI18n();
  if (details.paused.length === 0) return null;
  return (
    <div>
      <h3>{t('monitor.recording.paused')}</h3>
      <ul>
        {details.paused.map((segment, index) => (
          <li key={index}>
            {formatClock(segment.start_offset_ms / 1000)}
            {' – '}
            {segment.end_offset_ms === null ? '…' : formatClock(segment.end_offset_ms / 1000)}
            {': '}
            {t(segment.reason === 'card_data' ? 'monitor.recording.pausedCard' : 'monitor.recording.pausedHold')}
          </li>
        ))}
      </ul>
    </div>
  );
}
