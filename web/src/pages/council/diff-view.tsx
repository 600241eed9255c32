// The readable diff of a submitted regulation against the active version:
// one table per part (general rules, each purpose), the field in plain
// words, old and new value, and long texts marked word by word. Changes are
// said in words (a badge and hidden labels), never by colour alone.
import { useState } from 'preact/hooks';
import type { I18n, MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import type { ChangeStatus, FieldChange, RegulationDiff, WordPart } from './diff';

function statusKey(status: ChangeStatus): MessageKey {
  return `council.diff.status.${status}` as MessageKey;
}

const kBadge: Record<ChangeStatus, string> = {
  same: 'badge',
  changed: 'badge badge-warn',
  added: 'badge badge-ok',
  removed: 'badge badge-bad',
};

export function formatValue(i18n: I18n, change: FieldChange, value: unknown): string {
  const { t, number, date } = i18n;
  if (value === undefined || value === null || value === '') return '—';
  switch (change.kind) {
    case 'number':
      return typeof value === 'number' ? number(value) : String(value);
    case 'days':
      return typeof value === 'number' ? t('council.diff.days', { count: value }) : String(value);
    case 'date':
      return date(String(value));
    case 'bool':
      return value ? t('common.yes') : t('common.no');
    case 'channels':
      return Array.isArray(value) && value.length
        ? value.map((c) => t(`common.channel.${String(c)}` as MessageKey)).join(', ')
        : '—';
    case 'legalGround':
      return t(`council.legalGround.${String(value)}` as MessageKey);
    default:
      return String(value);
  }
}

export function WordDiff({ parts }: { parts: WordPart[] }) {
  const { t } = useI18n();
  return (
    <p class="diff council-words">
      {parts.map((part, i) => {
        if (part.op === 'same') return <span key={i}>{part.text}</span>;
        if (part.op === 'del') {
          return (
            <del key={i}>
              <span class="visually-hidden">[{t('council.diff.removed')}: </span>
              {part.text}
              <span class="visually-hidden">]</span>
            </del>
          );
        }
        return (
          <ins key={i}>
            <span class="visually-hidden">[{t('council.diff.added')}: </span>
            {part.text}
            <span class="visually-hidden">]</span>
          </ins>
        );
      })}
    </p>
  );
}

function sectionTitle(t: I18n['t'], section: string): string {
  if (section === 'general') return t('council.diff.general');
  return t('council.diff.purpose', { purpose: t(`common.purpose.${section}` as MessageKey) });
}

export function DiffView({
  diff,
  baseVersion,
  idPrefix,
}: {
  diff: RegulationDiff;
  // The version compared with; null when there is no active version.
  baseVersion: number | null;
  idPrefix: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [showAll, setShowAll] = useState(false);
  const toggleId = `${idPrefix}-all`;
  return (
    <div class="council-diff">
      <p>
        {baseVersion === null
          ? t('council.diff.noBase')
          : t('council.diff.summary', { count: diff.changed, version: baseVersion })}
      </p>
      <p class="hint">
        {t('council.diff.legend')} <del>{t('council.diff.removed')}</del>{' '}
        <ins>{t('council.diff.added')}</ins>
      </p>
      <div class="field council-inline">
        <input
          id={toggleId}
          type="checkbox"
          checked={showAll}
          onChange={(event) => setShowAll((event.target as HTMLInputElement).checked)}
        />
        <label for={toggleId}>{t('council.diff.showAll')}</label>
      </div>
      {diff.sections.map((section) => {
        const rows = showAll ? section.changes : section.changes.filter((c) => c.status !== 'same');
        const title = sectionTitle(t, section.section);
        return (
          <section key={section.section} class="council-diff-section">
            <h4>
              {title} <span class={kBadge[section.status]}>{t(statusKey(section.status))}</span>
            </h4>
            {rows.length === 0 ? (
              <p class="empty">{t('council.diff.noChanges')}</p>
            ) : (
              <div class="table-scroll">
                <table class="data">
                  <caption class="visually-hidden">{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('council.diff.field')}</th>
                      <th scope="col">
                        {baseVersion === null
                          ? t('council.diff.before')
                          : t('council.diff.beforeVersion', { version: baseVersion })}
                      </th>
                      <th scope="col">{t('council.diff.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((change) => (
                      <tr key={change.field} data-field={change.field} data-status={change.status}>
                        <th scope="row">
                          {t(change.label)}{' '}
                          {change.status !== 'same' && (
                            <span class={kBadge[change.status]}>{t(statusKey(change.status))}</span>
                          )}
                        </th>
                        {change.words ? (
                          <td colSpan={2}>
                            <WordDiff parts={change.words} />
                          </td>
                        ) : change.status === 'same' && change.kind === 'longtext' ? (
                          // An unchanged long text once, not twice side by side.
                          <td colSpan={2}>{formatValue(i18n, change, change.after)}</td>
                        ) : (
                          <>
                            <td>
                              {change.status === 'changed' || change.status === 'removed' ? (
                                <del>{formatValue(i18n, change, change.before)}</del>
                              ) : (
                                formatValue(i18n, change, change.before)
                              )}
                            </td>
                            <td>
                              {change.status === 'changed' || change.status === 'added' ? (
                                <ins>{formatValue(i18n, change, change.after)}</ins>
                              ) : (
                                formatValue(i18n, change, change.after)
                              )}
                            </td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
