// Small pieces the manager pages share: a rule reference, a status badge,
// the works council's refusal, purpose and channel names.
import type { ComponentChildren } from 'preact';
import { type MessageKey, useI18n } from '../../i18n';
import type { Rejection } from './logic';
import type { Channel, Purpose } from './types';

export function RuleRef({ rule }: { rule: string }) {
  const { t } = useI18n();
  return (
    <a class="mgmt-rule" href={`/regulation#rule-${rule}`} title={t('manager.rule.title', { rule })}>
      <code>{rule}</code>
    </a>
  );
}

export function Badge({ level, children }: { level: 'ok' | 'warn' | 'bad' | ''; children: ComponentChildren }) {
  return <span class={level ? `badge badge-${level}` : 'badge'}>{children}</span>;
}

// KSF-3.11: the works council's refusal with its date, reference and reason.
export function RejectionText({ rejection }: { rejection: Rejection }) {
  const { t, date } = useI18n();
  return (
    <span class="mgmt-rejection">
      <span class="mgmt-block">
        {rejection.at ? t('manager.reg.rejectedOn', { date: date(rejection.at) }) : t('manager.reg.rejectedPlain')}
      </span>
      {rejection.reference && (
        <span class="mgmt-block">{t('manager.reg.rejectionReference', { reference: rejection.reference })}</span>
      )}
      {rejection.reason ? (
        <span class="mgmt-block mgmt-long">{t('manager.reg.rejectionReason', { reason: rejection.reason })}</span>
      ) : (
        <span class="mgmt-block hint">{t('manager.reg.rejectionNoReason')}</span>
      )}
    </span>
  );
}

export function usePurposeName(): (p: Purpose | string) => string {
  const { t } = useI18n();
  return (p) => t(`common.purpose.${p}` as MessageKey);
}

export function useChannelName(): (c: Channel | string) => string {
  const { t } = useI18n();
  return (c) => t(`common.channel.${c}` as MessageKey);
}

export function useFunctionName(): (f: string) => string {
  const { t } = useI18n();
  return (f) => {
    const key = `manager.function.${f}` as MessageKey;
    const text = t(key);
    return text === key ? f : text;
  };
}
