// Small pieces the agent pages share: translated names for the API's codes,
// a list of facts, and the extra-moment counter with its request form.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice, Success } from '../../components/notice';
import { useAction } from '../../hooks';
import { type I18n, type MessageKey, messages, useI18n } from '../../i18n';
import { extraMomentCounter } from './logic';
import type { AgentRequest, ExtraMoments } from './types';

// A code from the API in words; an unknown code is shown as it is.
export function label(t: I18n['t'], prefix: string, code: string | null | undefined): string {
  if (!code) return '—';
  const key = `${prefix}.${code}`;
  return key in messages.nl ? t(key as MessageKey) : code;
}

export const purposeLabel = (t: I18n['t'], code: string | null | undefined) =>
  label(t, 'common.purpose', code);
export const channelLabel = (t: I18n['t'], code: string | null | undefined) =>
  label(t, 'common.channel', code);
export const roleLabel = (t: I18n['t'], code: string | null | undefined) =>
  label(t, 'common.role', code);

export function Facts({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="agent-facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

// KSF-4.7: "x van de 3 over", in words and as a figure.
export function ExtraMomentCounterView({ extra }: { extra: ExtraMoments | null | undefined }) {
  const { t, date } = useI18n();
  const counter = extraMomentCounter(extra);
  if (!counter.available) return <p>{t('agent.extra.unavailable')}</p>;
  return (
    <div class="agent-counter" data-left={counter.left} data-allowed={counter.allowed}>
      <p class="stat" aria-hidden="true">
        {t('agent.extra.counter', { left: counter.left, allowed: counter.allowed })}
      </p>
      <p class="agent-counter-text">
        {t('agent.extra.counterLong', { left: counter.left, allowed: counter.allowed })}
      </p>
      {extra?.period_start && extra.period_end && (
        <p class="hint">
          {t('agent.extra.period', { from: date(extra.period_start), to: date(extra.period_end) })}
        </p>
      )}
      {counter.exhausted && (
        <p class="notice notice-warning agent-exhausted">{t('agent.extra.exhausted')}</p>
      )}
    </div>
  );
}

// The counter with the request form. The button stays usable when the
// counter is at zero: the regulation decides, and its refusal is shown.
export function ExtraMomentPanel({
  extra,
  onChanged,
  headingLevel = 2,
}: {
  extra: ExtraMoments | null | undefined;
  onChanged: () => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction((text: string) =>
    api.post<AgentRequest>('/api/v1/me/requests/extra-moment', { reason: text }),
  );
  const counter = extraMomentCounter(extra);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const made = await action.run(reason.trim());
    // A refusal changes nothing, but the count may have moved elsewhere.
    onChanged();
    if (made) setReason('');
  };
  return (
    <section class="card agent-extra" aria-labelledby="agent-extra-title">
      <Heading id="agent-extra-title">{t('agent.extra.title')}</Heading>
      <p class="hint">{t('agent.extra.explain')}</p>
      <ExtraMomentCounterView extra={extra} />
      {counter.available && (
        <form onSubmit={onSubmit}>
          <div class="field">
            <label for="agent-extra-reason">{t('agent.extra.reason')}</label>
            <span class="hint" id="agent-extra-reason-hint">
              {t('agent.extra.reasonHint')}
            </span>
            <textarea
              id="agent-extra-reason"
              aria-describedby="agent-extra-reason-hint"
              required
              maxLength={4000}
              value={reason}
              onInput={(e) => {
                setReason((e.target as HTMLTextAreaElement).value);
                if (action.done) action.reset();
              }}
            />
          </div>
          <div class="button-row">
            <button type="submit" class="primary" disabled={action.busy}>
              {action.busy ? t('agent.extra.busy') : t('agent.extra.submit')}
            </button>
          </div>
          <ErrorNotice error={action.error} />
          {action.done && <Success>{t('agent.extra.granted')}</Success>}
        </form>
      )}
    </section>
  );
}
