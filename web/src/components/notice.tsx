// How failures reach the user. A refusal by the regulation shows its reason
// in the user's language and the rule it rests on, with a link to that rule
// in the published regulation, never a bare status code.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

export function ErrorNotice({ error }: { error: ApiError | null | undefined }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  if (error.isRefusal) {
    return (
      <div class="notice notice-refusal" role="alert" data-rule={error.rule}>
        <strong>{t('common.refused.title')}</strong>
        <p>{error.reason(lang)}</p>
        {error.rule && (
          <p class="rule">
            {t('common.refused.rule')}{' '}
            <a href={`/regulation#rule-${error.rule}`}>
              <code>{error.rule}</code>
            </a>
          </p>
        )}
      </div>
    );
  }
  let text: string;
  if (error.status === 0) text = t('common.error.network');
  else if (error.code === 'unauthenticated') text = t('common.error.unauthorised');
  else if (error.status >= 500) text = t('common.error.server');
  else text = error.message;
  return (
    <div class="notice notice-error" role="alert" data-code={error.code}>
      <strong>{t('common.error.title')}</strong> <span>{text}</span>
    </div>
  );
}

export function Success({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice notice-success" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
