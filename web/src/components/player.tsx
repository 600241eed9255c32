// The audio player shared by the monitor's and the agent's pages: the
// waveform (wavesurfer.js), the evaluator's notes as markers on it, and
// controls that all are labelled buttons with keyboard shortcuts.
//
// The content is fetched by the app itself (not by the <audio> element), so a
// refusal by the regulation (403 with reason and rule, e.g. a coach opening an
// assessment recording, KSF-3.4) is shown as such and nothing plays; the
// audio reaches wavesurfer as a blob (the CSP allows media-src blob:). Every
// fetch is decided and audited by the server (AVG-5-accountability).
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { ApiError, downloadWithProgress } from '../api';
import { useI18n } from '../i18n';
import { formatClock } from '../i18n/format';
import { ErrorNotice } from './notice';
import { Progress } from './progress';

export interface PlayerNote {
  id?: string;
  atMs: number;
  text: string;
  author?: string;
}

export const kSpeeds = [0.75, 1, 1.25, 1.5, 2] as const;
export const kSkipSeconds = 5;

// The next speed up (+1) or down (-1) from `rate`, staying within kSpeeds.
export function nextSpeed(rate: number, direction: 1 | -1): number {
  let index = kSpeeds.findIndex((s) => s === rate);
  if (index < 0) index = kSpeeds.indexOf(1);
  const next = Math.min(kSpeeds.length - 1, Math.max(0, index + direction));
  return kSpeeds[next];
}

export type PlayerCommand = 'toggle' | 'back' | 'forward' | 'slower' | 'faster' | 'note' | 'start' | 'end';

// What a key pressed inside the player does; null: not a shortcut. `onButton`
// leaves Space to the focused button (it presses that button).
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  onButton: boolean,
): PlayerCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case ' ':
    case 'Spacebar':
      return onButton ? null : 'toggle';
    case 'k':
    case 'K':
      return 'toggle';
    case 'j':
    case 'J':
    case 'ArrowLeft':
      return 'back';
    case 'l':
    case 'L':
    case 'ArrowRight':
      return 'forward';
    case '[':
      return 'slower';
    case ']':
      return 'faster';
    case 'n':
    case 'N':
      return 'note';
    case 'Home':
      return onButton ? null : 'start';
    case 'End':
      return onButton ? null : 'end';
    default:
      return null;
  }
}

// Fraction digits to show a speed with: 0.75 → 2, 1.5 → 1, 2 → 0.
export function speedDigits(rate: number): number {
  if (Number.isInteger(rate)) return 0;
  return Number.isInteger(rate * 10) ? 1 : 2;
}

// Typing in a field inside the player is never a shortcut.
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

// Markers: dark enough against the waveform's background (WCAG 1.4.11).
const kMarkerColour = '#b3541e';

type Phase = 'loading' | 'decoding' | 'ready' | 'failed';

export function Player({
  src,
  label,
  notes,
  onAddNote,
  onTime,
  durationMs,
}: {
  src: string;
  label: string;
  notes?: PlayerNote[];
  onAddNote?: (atMs: number) => void;
  onTime?: (ms: number) => void;
  // The length the server knows, shown before the audio is decoded.
  durationMs?: number;
}): JSX.Element {
  const { t, number } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const regions = useRef<RegionsPlugin | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [received, setReceived] = useState<{ value: number; total: number | null }>({
    value: 0,
    total: null,
  });
  const [playing, setPlaying] = useState(false);
  const [current, setCurrent] = useState(0);
  const [duration, setDuration] = useState((durationMs ?? 0) / 1000);
  const [rate, setRate] = useState(1);
  const onTimeRef = useRef(onTime);
  onTimeRef.current = onTime;

  // Fetch the content (decided and audited by the server), then draw it.
  useEffect(() => {
    const controller = new AbortController();
    setPhase('loading');
    setRefusal(null);
    setMediaError(null);
    setPlaying(false);
    setCurrent(0);
    setReceived({ value: 0, total: null });
    let ws: WaveSurfer | null = null;
    downloadWithProgress(
      src,
      (value, total) => setReceived({ value, total }),
      undefined,
      controller.signal,
    )
      .then(({ blob }) => {
        if (controller.signal.aborted || !container.current) return;
        const plugin = RegionsPlugin.create();
        ws = WaveSurfer.create({
          container: container.current,
          height: 96,
          waveColor: '#6b7a90',
          progressColor: '#1f4f8a',
          cursorColor: '#1b1f24',
          cursorWidth: 2,
          barWidth: 2,
          barGap: 1,
          normalize: true,
          dragToSeek: true,
          plugins: [plugin],
        });
        surfer.current = ws;
        regions.current = plugin;
        setPhase('decoding');
        ws.on('ready', (seconds) => {
          setDuration(seconds);
          setPhase('ready');
        });
        ws.on('play', () => setPlaying(true));
        ws.on('pause', () => setPlaying(false));
        ws.on('finish', () => setPlaying(false));
        ws.on('timeupdate', (seconds) => {
          setCurrent(seconds);
          onTimeRef.current?.(Math.round(seconds * 1000));
        });
        ws.on('error', (error) => {
          setMediaError(error instanceof Error ? error.message : String(error));
          setPhase('failed');
        });
        plugin.on('region-clicked', (region, event) => {
          event.stopPropagation();
          ws?.setTime(region.start);
        });
        ws.loadBlob(blob).catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setMediaError(error instanceof Error ? error.message : String(error));
          setPhase('failed');
        });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setRefusal(
          error instanceof ApiError ? error : new ApiError(0, { error: 'client', message: String(error) }),
        );
        setPhase('failed');
      });
    return () => {
      controller.abort();
      ws?.destroy();
      surfer.current = null;
      regions.current = null;
    };
  }, [src]);

  // The notes as markers; redrawn when they change.
  const noteKey = JSON.stringify((notes ?? []).map((n) => [n.id, n.atMs]));
  useEffect(() => {
    const plugin = regions.current;
    if (phase !== 'ready' || !plugin) return;
    plugin.clearRegions();
    (notes ?? []).forEach((note, index) => {
      plugin.addRegion({
        id: note.id ? `note-${note.id}` : `note-${index}`,
        start: note.atMs / 1000,
        color: kMarkerColour,
        content: String(index + 1),
        drag: false,
        resize: false,
      });
    });
  }, [phase, noteKey]);

  const ready = phase === 'ready';
  const ws = () => (ready ? surfer.current : null);

  const run = (command: PlayerCommand) => {
    const player = ws();
    if (!player) return;
    switch (command) {
      case 'toggle':
        void player.playPause();
        break;
      case 'back':
        player.setTime(Math.max(0, player.getCurrentTime() - kSkipSeconds));
        break;
      case 'forward':
        player.setTime(Math.min(player.getDuration(), player.getCurrentTime() + kSkipSeconds));
        break;
      case 'slower':
      case 'faster': {
        const next = nextSpeed(rate, command === 'faster' ? 1 : -1);
        player.setPlaybackRate(next);
        setRate(next);
        break;
      }
      case 'start':
        player.setTime(0);
        break;
      case 'end':
        player.setTime(player.getDuration());
        break;
      case 'note':
        onAddNote?.(Math.round(player.getCurrentTime() * 1000));
        break;
    }
  };

  const setSpeed = (next: number) => {
    surfer.current?.setPlaybackRate(next);
    setRate(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEntry(event.target)) return;
    const onButton = event.target instanceof HTMLButtonElement;
    const command = shortcutFor(event, onButton);
    if (!command || (command === 'note' && !onAddNote)) return;
    event.preventDefault();
    run(command);
  };

  const clock = (seconds: number) => formatClock(seconds);
  const speedText = (s: number) => `${number(s, speedDigits(s))}×`;
  const position = t('monitor.player.position', { current: clock(current), total: clock(duration) });
  const sorted = [...(notes ?? [])].map((note, index) => ({ note, index }));

  return (
    <div
      class={`player player-${phase}`}
      role="region"
      aria-label={t('monitor.player.region', { label })}
      onKeyDown={onKeyDown}
      data-phase={phase}
    >
      {phase === 'loading' && (
        <Progress label={t('monitor.player.loading')} value={received.value} total={received.total} />
      )}
      {phase === 'decoding' && (
        <p class="loading" role="status">
          <span class="spinner" aria-hidden="true" /> {t('monitor.player.decoding')}
        </p>
      )}
      <ErrorNotice error={refusal} />
      {mediaError && (
        <div class="notice notice-error" role="alert">
          {t('monitor.player.error', { message: mediaError })}
        </div>
      )}
      <div
        ref={container}
        class="player-wave"
        hidden={refusal !== null}
        tabIndex={ready ? 0 : -1}
        role="slider"
        aria-label={t('monitor.player.waveform', { label })}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(current)}
        aria-valuetext={position}
        aria-disabled={!ready}
      />
      {refusal === null && (
        <>
          <div class="player-controls">
            <button
              type="button"
              class="primary player-toggle"
              disabled={!ready}
              onClick={() => run('toggle')}
              aria-keyshortcuts="K Space"
            >
              {playing ? t('monitor.player.pause') : t('monitor.player.play')}
            </button>
            <button
              type="button"
              disabled={!ready}
              onClick={() => run('back')}
              aria-keyshortcuts="J ArrowLeft"
            >
              <span aria-hidden="true">« </span>
              {t('monitor.player.back')}
            </button>
            <button
              type="button"
              disabled={!ready}
              onClick={() => run('forward')}
              aria-keyshortcuts="L ArrowRight"
            >
              {t('monitor.player.forward')}
              <span aria-hidden="true"> »</span>
            </button>
            <span class="player-time" aria-label={t('monitor.player.time')}>
              <time>{clock(current)}</time> / <time>{clock(duration)}</time>
            </span>
            {onAddNote && (
              <button
                type="button"
                disabled={!ready}
                onClick={() => run('note')}
                aria-keyshortcuts="N"
              >
                {t('monitor.player.addNote')}
              </button>
            )}
          </div>
          <div class="player-speeds" role="group" aria-label={t('monitor.player.speed')}>
            <span aria-hidden="true">{t('monitor.player.speed')}:</span>
            {kSpeeds.map((s) => (
              <button
                type="button"
                key={s}
                class={s === rate ? 'speed speed-on' : 'speed'}
                aria-pressed={s === rate}
                aria-label={t('monitor.player.speedValue', { rate: speedText(s).replace('×', '') })}
                disabled={!ready}
                onClick={() => setSpeed(s)}
              >
                {speedText(s)}
              </button>
            ))}
          </div>
          <div class="player-help">
            <h3 class="player-help-title">{t('monitor.player.shortcuts')}</h3>
            <dl class="player-keys">
              <dt>
                <kbd>{t('monitor.player.key.space')}</kbd> {t('monitor.player.key.or')} <kbd>K</kbd>
              </dt>
              <dd>{t('monitor.player.key.play')}</dd>
              <dt>
                <kbd>J</kbd> {t('monitor.player.key.or')} <kbd>←</kbd>
              </dt>
              <dd>{t('monitor.player.key.back')}</dd>
              <dt>
                <kbd>L</kbd> {t('monitor.player.key.or')} <kbd>→</kbd>
              </dt>
              <dd>{t('monitor.player.key.forward')}</dd>
              <dt>
                <kbd>[</kbd> <kbd>]</kbd>
              </dt>
              <dd>{t('monitor.player.key.speed')}</dd>
              {onAddNote && (
                <>
                  <dt>
                    <kbd>N</kbd>
                  </dt>
                  <dd>{t('monitor.player.key.note')}</dd>
                </>
              )}
            </dl>
          </div>
          {notes !== undefined && (
            <div class="player-notes">
              <h3>{t('monitor.player.notes')}</h3>
              {sorted.length === 0 ? (
                <p class="empty">{t('monitor.player.noNotes')}</p>
              ) : (
                <ol>
                  {sorted.map(({ note, index }) => (
                    <li key={note.id ?? index} value={index + 1}>
                      <button
                        type="button"
                        class="link-button"
                        disabled={!ready}
                        onClick={() => surfer.current?.setTime(note.atMs / 1000)}
                      >
                        {t('monitor.player.jump', { time: clock(note.atMs / 1000) })}
                      </button>{' '}
                      <span class="player-note-text">{note.text}</span>
                      {note.author && (
                        <span class="hint"> {t('monitor.player.noteBy', { author: note.author })}</span>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
