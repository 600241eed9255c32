// The shared player: its pure helpers, and the component with wavesurfer.js
// replaced by a fake (jsdom has no audio): controls, keyboard shortcuts,
// notes as markers, and a refusal of the content shown as reason and rule.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => void;

interface FakeSurfer {
  handlers: Record<string, Handler[]>;
  time: number;
  duration: number;
  rate: number;
  playing: boolean;
  on: (event: string, handler: Handler) => () => void;
  emit: (event: string, ...args: unknown[]) => void;
  loadBlob: ReturnType<typeof vi.fn>;
  playPause: ReturnType<typeof vi.fn>;
  setTime: ReturnType<typeof vi.fn>;
  getCurrentTime: () => number;
  getDuration: () => number;
  setPlaybackRate: ReturnType<typeof vi.fn>;
  destroy: ReturnType<typeof vi.fn>;
}

const fakes = vi.hoisted(() => ({
  surfers: [] as unknown[],
  regions: [] as { addRegion: ReturnType<typeof vi.fn>; clearRegions: ReturnType<typeof vi.fn>; on: ReturnType<typeof vi.fn> }[],
}));

vi.mock('wavesurfer.js', () => {
  function makeSurfer(): FakeSurfer {
    const surfer: FakeSurfer = {
      handlers: {},
      time: 0,
      duration: 36,
      rate: 1,
      playing: false,
      on(event, handler) {
        (surfer.handlers[event] ??= []).push(handler);
        return () => undefined;
      },
      emit(event, ...args) {
        for (const handler of surfer.handlers[event] ?? []) handler(...args);
      },
      loadBlob: vi.fn(async () => {
        surfer.emit('ready', surfer.duration);
      }),
      playPause: vi.fn(async () => {
        surfer.playing = !surfer.playing;
        surfer.emit(surfer.playing ? 'play' : 'pause');
      }),
      setTime: vi.fn((seconds: number) => {
        surfer.time = seconds;
        surfer.emit('timeupdate', seconds);
      }),
      getCurrentTime: () => surfer.time,
      getDuration: () => surfer.duration,
      setPlaybackRate: vi.fn((rate: number) => {
        surfer.rate = rate;
      }),
      destroy: vi.fn(),
    };
    return surfer;
  }
  return {
    default: {
      create: vi.fn(() => {
        const surfer = makeSurfer();
        fakes.surfers.push(surfer);
        return surfer;
      }),
    },
  };
});

vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({
  default: {
    create: vi.fn(() => {
      const plugin = { addRegion: vi.fn(), clearRegions: vi.fn(), on: vi.fn() };
      fakes.regions.push(plugin);
      return plugin;
    }),
  },
}));

import { setLang } from '../src/i18n';
import { kSpeeds, nextSpeed, Player, shortcutFor, speedDigits } from '../src/components/player';

function surfer(): FakeSurfer {
  return fakes.surfers[fakes.surfers.length - 1] as FakeSurfer;
}

function audioResponse(): Response {
  return new Response(new Uint8Array([79, 103, 103, 83, 0, 0, 0, 0]), {
    status: 200,
    headers: { 'Content-Type': 'audio/ogg; codecs=opus', 'Content-Length': '8' },
  });
}

const refusal = {
  error: 'refused',
  rule: 'KSF-3.4',
  message: 'Uw autorisatie geldt niet voor het doel beoordeling.',
  reason_nl: 'Uw autorisatie geldt niet voor het doel beoordeling.',
  reason_en: 'Your authorisation does not cover the purpose assessment.',
};

describe('player helpers', () => {
  it('steps through the speeds and stays within them', () => {
    expect(nextSpeed(1, 1)).toBe(1.25);
    expect(nextSpeed(1, -1)).toBe(0.75);
    expect(nextSpeed(0.75, -1)).toBe(0.75);
    expect(nextSpeed(2, 1)).toBe(2);
    expect(nextSpeed(3, 1)).toBe(1.25);
    expect([...kSpeeds]).toEqual([0.75, 1, 1.25, 1.5, 2]);
    expect(kSpeeds.map(speedDigits)).toEqual([2, 0, 2, 1, 0]);
  });

  it('maps keys to commands, leaving Space to a focused button', () => {
    const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...extra,
    });
    expect(shortcutFor(key(' '), false)).toBe('toggle');
    expect(shortcutFor(key(' '), true)).toBeNull();
    expect(shortcutFor(key('k'), true)).toBe('toggle');
    expect(shortcutFor(key('J'), false)).toBe('back');
    expect(shortcutFor(key('ArrowLeft'), false)).toBe('back');
    expect(shortcutFor(key('l'), false)).toBe('forward');
    expect(shortcutFor(key('ArrowRight'), true)).toBe('forward');
    expect(shortcutFor(key('['), false)).toBe('slower');
    expect(shortcutFor(key(']'), false)).toBe('faster');
    expect(shortcutFor(key('n'), false)).toBe('note');
    expect(shortcutFor(key('n', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('x'), false)).toBeNull();
  });
});

describe('<Player>', () => {
  beforeEach(() => {
    setLang('en');
    fakes.surfers.length = 0;
    fakes.regions.length = 0;
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('loads the audio itself, then plays, skips and changes speed from labelled buttons', async () => {
    const fetchMock = vi.fn(async () => audioResponse());
    vi.stubGlobal('fetch', fetchMock);
    render(<Player src="/api/v1/recordings/rec-1/content?purpose=quality" label="Call of Sem" />);
    const play = await screen.findByRole('button', { name: 'Play' });
    await waitFor(() => expect((play as HTMLButtonElement).disabled).toBe(false));
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/v1/recordings/rec-1/content?purpose=quality',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
    expect(surfer().loadBlob).toHaveBeenCalledTimes(1);
    fireEvent.click(play);
    await screen.findByRole('button', { name: 'Pause' });
    fireEvent.click(screen.getByRole('button', { name: /Forward 5 seconds/ }));
    expect(surfer().setTime).toHaveBeenLastCalledWith(5);
    fireEvent.click(screen.getByRole('button', { name: /Back 5 seconds/ }));
    expect(surfer().setTime).toHaveBeenLastCalledWith(0);
    fireEvent.click(screen.getByRole('button', { name: 'Speed 1.5×' }));
    expect(surfer().setPlaybackRate).toHaveBeenLastCalledWith(1.5);
    expect(screen.getByRole('button', { name: 'Speed 1.5×' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('slider', { name: 'Position in Call of Sem' })).toBeTruthy();
    expect(screen.getByText('Keyboard shortcuts (when the player has focus)')).toBeTruthy();
  });

  it('answers the keyboard inside the player and adds a note at the current time', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => audioResponse()));
    const onAddNote = vi.fn();
    const onTime = vi.fn();
    render(<Player src="/content" label="Call" onAddNote={onAddNote} onTime={onTime} notes={[]} />);
    const slider = await screen.findByRole('slider');
    await waitFor(() => expect(slider.getAttribute('tabindex')).toBe('0'));
    fireEvent.keyDown(slider, { key: 'l' });
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(surfer().time).toBe(10);
    expect(onTime).toHaveBeenLastCalledWith(10_000);
    fireEvent.keyDown(slider, { key: 'j' });
    expect(surfer().time).toBe(5);
    fireEvent.keyDown(slider, { key: ' ' });
    expect(surfer().playPause).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(slider, { key: ']' });
    expect(surfer().setPlaybackRate).toHaveBeenLastCalledWith(1.25);
    fireEvent.keyDown(slider, { key: '[' });
    fireEvent.keyDown(slider, { key: '[' });
    expect(surfer().setPlaybackRate).toHaveBeenLastCalledWith(0.75);
    fireEvent.keyDown(slider, { key: 'n' });
    expect(onAddNote).toHaveBeenCalledWith(5000);
    fireEvent.click(screen.getByRole('button', { name: 'Note at current time' }));
    expect(onAddNote).toHaveBeenCalledTimes(2);
    expect(screen.getByText('No notes on this recording yet.')).toBeTruthy();
  });

  it('draws notes as markers and lists them with a jump button', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => audioResponse()));
    render(
      <Player
        src="/content"
        label="Call"
        notes={[
          { id: 'a', atMs: 12_000, text: 'Good opening', author: 'you' },
          { id: 'b', atMs: 65_000, text: 'Forgot to summarise' },
        ]}
      />,
    );
    const jump = await screen.findByRole('button', { name: 'Go to 1:05' });
    await waitFor(() => expect(fakes.regions[0].addRegion).toHaveBeenCalledTimes(2));
    expect(fakes.regions[0].addRegion).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'note-a', start: 12, content: '1', drag: false, resize: false }),
    );
    expect(screen.getByText('Good opening')).toBeTruthy();
    expect(screen.getByText('by you')).toBeTruthy();
    fireEvent.click(jump);
    expect(surfer().setTime).toHaveBeenLastCalledWith(65);
  });

  it('shows a refusal of the content as reason and rule, and plays nothing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(refusal), { status: 403, headers: { 'Content-Type': 'application/json' } })),
    );
    render(<Player src="/content" label="Call" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not allowed by the regulation');
    expect(alert.textContent).toContain('Your authorisation does not cover the purpose assessment.');
    expect(alert.textContent).toContain('KSF-3.4');
    expect(fakes.surfers).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
  });

  it('says so when the audio cannot be decoded', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => audioResponse()));
    render(<Player src="/content" label="Call" />);
    await screen.findByRole('button', { name: 'Play' });
    await waitFor(() => expect(fakes.surfers).toHaveLength(1));
    surfer().emit('error', new Error('decode failed'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The recording cannot be played: decode failed');
  });
});
