// The monitor's API shapes (src/api/routes_monitor.cc, codec::ToJson of the
// domain types; the shared ones in src/types/api.ts) and the small pure
// helpers the pages share.
import { api } from '../../api';
import type { MessageKey } from '../../i18n';
import type { Evaluation, EvaluationForm, EvaluationStatus, Recording } from '../../types/api';

export type {
  Evaluation,
  EvaluationStatus,
  Items,
  PausedSegment,
  Recording,
  RecordingDetails,
} from '../../types/api';

export interface QueueItem {
  recording: Recording;
  agent_name: string;
  team_id: string;
  deadline: string;
  days_left: number;
  due_soon: boolean;
  overdue: boolean;
}

export const kStatuses: EvaluationStatus[] = ['draft', 'shared', 'closed'];

export function purposeKey(purpose: string): MessageKey {
  return `common.purpose.${purpose}` as MessageKey;
}

export function channelKey(channel: string): MessageKey {
  return `common.channel.${channel}` as MessageKey;
}

export function statusKey(status: string): MessageKey {
  return `monitor.status.${status}` as MessageKey;
}

// How the content is shown: audio in the player, text as text, video as video.
export function contentKind(mediaType: string): 'audio' | 'text' | 'video' | 'other' {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('text/') || type === 'message/rfc822' || type === 'application/json') {
    return 'text';
  }
  if (type.startsWith('video/')) return 'video';
  return 'other';
}

export function contentPath(recordingId: string, purpose: string): string {
  return `/api/v1/recordings/${encodeURIComponent(recordingId)}/content?purpose=${encodeURIComponent(purpose)}`;
}

// The newest published form for a purpose (the server scores against the
// version the evaluation started with).
export function formFor(forms: EvaluationForm[], purpose: string): EvaluationForm | undefined {
  return forms
    .filter((form) => form.purpose === purpose && form.published_at)
    .sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.version - a.version)[0];
}

// The queue ordered by deadline (the server already does; kept when filtered).
export function filterQueue(
  items: QueueItem[],
  filter: { purpose?: string; channel?: string; text?: string },
): QueueItem[] {
  const text = (filter.text ?? '').trim().toLowerCase();
  return items
    .filter((item) => !filter.purpose || item.recording.purpose === filter.purpose)
    .filter((item) => !filter.channel || item.recording.channel === filter.channel)
    .filter((item) => !text || item.agent_name.toLowerCase().includes(text))
    .slice()
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
}

// Counts per status for the list's filter labels.
export function countByStatus(evaluations: Evaluation[]): Record<EvaluationStatus, number> {
  const counts: Record<EvaluationStatus, number> = { draft: 0, shared: 0, closed: 0 };
  for (const evaluation of evaluations) counts[evaluation.status] += 1;
  return counts;
}

export function startEvaluation(item: { agent_id: string; purpose: string; id: string }, formId: string) {
  return api.post<Evaluation>('/api/v1/evaluations', {
    agent_id: item.agent_id,
    purpose: item.purpose,
    form_id: formId,
    recording_ids: [item.id],
  });
}
