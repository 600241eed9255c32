// Logging in. After success the user lands on the page they asked for, or
// on their role's start page.
import { useState } from 'preact/hooks';
import { ErrorNotice } from '../components/notice';
import { Page } from '../components/page';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';
import { homeFor } from '../routes';
import { currentPath, navigate } from '../router';
import { login } from '../session';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(login);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const account = await action.run(username.trim(), password);
    if (!account) return;
    const wanted = currentPath();
    navigate(wanted === '/login' || wanted === '/' ? homeFor(account.role) : wanted, {
      replace: true,
    });
  };
  return (
    <Page title={t('common.login.title')} intro={<p>{t('common.login.intro')}</p>}>
      {expired && (
        <p class="notice notice-warning" role="alert">
          {t('common.login.expired')}
        </p>
      )}
      <form class="login-form" onSubmit={onSubmit}>
        <ErrorNotice error={action.error} />
        <label for="login-username">{t('common.login.username')}</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
        />
        <label for="login-password">{t('common.login.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={action.busy}>
          {action.busy ? t('common.login.busy') : t('common.login.submit')}
        </button>
      </form>
    </Page>
  );
}
