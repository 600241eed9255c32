// Data-subject requests in the order the privacy officer works them: the
// nearest deadline first; answered ones after the open ones, newest answer
// first. Pure functions, unit-tested.
import type { MessageKey } from '../../i18n';
import type { DataSubjectRequest } from './types';

export function requestTitleParts(request: DataSubjectRequest): { kind: MessageKey; subject: MessageKey } {
  return {
    kind: `privacy.kind.${request.kind}` as MessageKey,
    subject: `privacy.subject.${request.subject_kind}` as MessageKey,
  };
}

function time(value: string | null | undefined): number {
  if (!value) return 0;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? 0 : t;
}

export function sortByDeadline<T extends DataSubjectRequest>(items: T[], includeAnswered: boolean): T[] {
  const shown = includeAnswered ? [...items] : items.filter((r) => !r.answered_at);
  return shown.sort((a, b) => {
    const aOpen = !a.answered_at;
    const bOpen = !b.answered_at;
    if (aOpen !== bOpen) return aOpen ? -1 : 1;
    if (aOpen) return time(a.due_at) - time(b.due_at) || a.id.localeCompare(b.id);
    return time(b.answered_at) - time(a.answered_at) || a.id.localeCompare(b.id);
  });
}
