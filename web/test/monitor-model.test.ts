// The monitor pages' small pure helpers: queue filters, the form for a
// purpose, content kinds and status counts.
import { describe, expect, it } from 'vitest';
import {
  contentKind,
  contentPath,
  countByStatus,
  type Evaluation,
  filterQueue,
  formFor,
  type QueueItem,
} from '../src/pages/monitor/model';
import type { EvaluationForm } from '../src/pages/monitor/score';
import type { Channel, Purpose } from '../src/types/api';
import { messages } from '../src/i18n';
import { nl, en } from '../src/i18n/messages/monitor';

function item(id: string, purpose: Purpose, channel: Channel, deadline: string, agent: string): QueueItem {
  return {
    recording: {
      id,
      contact_id: `con-${id}`,
      agent_id: `emp-${id}`,
      purpose,
      channel,
      media_type: channel === 'voice' ? 'audio/ogg; codecs=opus' : 'text/plain; charset=utf-8',
      regulation_id: 'reg-1',
      created_at: '2026-11-16T10:50:00Z',
      duration_ms: 0,
      size_bytes: 1,
      evaluate_by: deadline,
      destroy_at: deadline,
      evaluated_at: null,
      destroyed_at: null,
      destroyed_rule: '',
      extra_moment: false,
      may_contain_card_data: false,
      client_id: '',
    },
    agent_name: agent,
    team_id: 'team-1',
    deadline,
    days_left: 1,
    due_soon: false,
    overdue: false,
  };
}

describe('queue filters', () => {
  const items = [
    item('b', 'quality', 'voice', '2026-12-01T09:00:00Z', 'Jeroen Zwart'),
    item('a', 'quality', 'chat', '2026-11-30T10:50:00Z', 'Katarzyna Kowalski'),
    item('c', 'coaching', 'voice', '2026-12-03T09:00:00Z', 'Sem van Rijn'),
  ];
  it('keeps the soonest deadline first', () => {
    expect(filterQueue(items, {}).map((i) => i.recording.id)).toEqual(['a', 'b', 'c']);
  });
  it('filters by purpose, channel and name', () => {
    expect(filterQueue(items, { purpose: 'quality' }).map((i) => i.recording.id)).toEqual(['a', 'b']);
    expect(filterQueue(items, { channel: 'voice' }).map((i) => i.recording.id)).toEqual(['b', 'c']);
    expect(filterQueue(items, { text: 'rijn' }).map((i) => i.recording.id)).toEqual(['c']);
  });
});

describe('forms and content', () => {
  const form = (id: string, purpose: Purpose, version: number, published: string | null): EvaluationForm => ({
    id,
    name: id,
    version,
    purpose,
    published_at: published,
    sections: [],
  });
  it('picks the newest published form of the purpose', () => {
    const forms = [
      form('f-old', 'quality', 1, '2026-01-01T00:00:00Z'),
      form('f-new', 'quality', 2, '2026-05-01T00:00:00Z'),
      form('f-coach', 'coaching', 1, '2026-06-01T00:00:00Z'),
      form('f-draft', 'quality', 3, null),
    ];
    expect(formFor(forms, 'quality')?.id).toBe('f-new');
    expect(formFor(forms, 'assessment')).toBeUndefined();
  });
  it('shows audio in the player, chats as text and screens as video', () => {
    expect(contentKind('audio/ogg; codecs=opus')).toBe('audio');
    expect(contentKind('text/plain; charset=utf-8')).toBe('text');
    expect(contentKind('message/rfc822')).toBe('text');
    expect(contentKind('video/webm')).toBe('video');
    expect(contentKind('application/octet-stream')).toBe('other');
    expect(contentPath('rec 1', 'quality')).toBe('/api/v1/recordings/rec%201/content?purpose=quality');
  });
});

describe('evaluations', () => {
  it('counts per status', () => {
    const list = ['draft', 'shared', 'shared', 'closed'].map((status) => ({ status }) as Evaluation);
    expect(countByStatus(list)).toEqual({ draft: 1, shared: 2, closed: 1 });
  });
});

describe('monitor messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    const holes = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(holes(en[key]), key).toEqual(holes(nl[key]));
    }
  });
  it('has every status and the purposes and channels the pages name', () => {
    for (const status of ['draft', 'shared', 'closed']) {
      expect(messages.nl[`monitor.status.${status}` as keyof typeof messages.nl]).toBeTruthy();
    }
    for (const purpose of ['coaching', 'assessment', 'quality']) {
      expect(messages.en[`common.purpose.${purpose}` as keyof typeof messages.en]).toBeTruthy();
    }
  });
});
