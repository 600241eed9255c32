// TRANSPARENCY-live, KSF-6.4: what the agent's live banner shows.
import { describe, expect, it } from 'vitest';
import { activeNotices, type Notice } from '../src/components/live-banner';

function notice(seq: number, kind: Notice['kind'], subject: string): Notice {
  return {
    seq,
    kind,
    who_role: 'monitor',
    who_name: 'Coach',
    subject_id: subject,
    purpose: 'coaching',
    at: '2026-11-28T10:00:00Z',
    text_nl: 'tekst',
    text_en: 'text',
  };
}

describe('activeNotices', () => {
  it('KSF-6.4: shows a live listen until it stops, newest first', () => {
    const started = notice(1, 'live_listen_started', 'live-1');
    const recording = notice(2, 'recording_started', 'rec-1');
    expect(activeNotices([started, recording]).map((n) => n.seq)).toEqual([2, 1]);
    const stopped = notice(3, 'live_listen_stopped', 'live-1');
    expect(activeNotices([started, recording, stopped]).map((n) => n.seq)).toEqual([2]);
  });

  it('keeps at most five notices', () => {
    const many = Array.from({ length: 8 }, (_, i) => notice(i + 1, 'reminder', `r${i}`));
    expect(activeNotices(many).map((n) => n.seq)).toEqual([8, 7, 6, 5, 4]);
  });
});
