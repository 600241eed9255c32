// The frame around every page: skip link, header with the menu for the
// user's role, the language switch and the account; the live banner for
// people with notices; and the page the address asks for.
import { useEffect, useState } from 'preact/hooks';
import { Link } from './components/link';
import { LiveBanner } from './components/live-banner';
import { ErrorNotice, Loading } from './components/notice';
import { Page } from './components/page';
import { type MessageKey, setLang, useI18n } from './i18n';
import { LoginPage } from './pages/login';
import { currentItem, homeFor, navFor, routes } from './routes';
import { matchPath, navigate, useLocation } from './router';
import { loadSession, logout, type Role, useSession } from './session';
import { ApiError } from './api';

const kNoticeRoles: Role[] = ['agent', 'monitor', 'manager', 'works_council', 'privacy_officer'];

function Header() {
  const { t, lang } = useI18n();
  const { account } = useSession();
  const { path } = useLocation();
  const items = navFor(account ? account.role : null);
  const current = currentItem(
    items.map((item) => item.href),
    path,
  );
  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <div class="brand">
        <Link href="/">{t('common.appName')}</Link>
        <span class="tagline">{t('common.tagline')}</span>
      </div>
      <nav aria-label={t('common.menu')}>
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={item.href === current ? 'page' : undefined}
              >
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="account">
        <button
          type="button"
          class="lang-switch"
          lang={lang === 'nl' ? 'en' : 'nl'}
          aria-label={t('common.language.switchLabel')}
          onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}
        >
          {t('common.language.switch')}
        </button>
        {account ? (
          <>
            <span class="who">
              {t('common.loggedInAs', {
                name: account.display_name || account.username,
                role: t(`common.role.${account.role}` as MessageKey),
              })}
            </span>
            <button
              type="button"
              onClick={() => {
                void logout().then(() => navigate('/login'));
              }}
            >
              {t('common.logout')}
            </button>
          </>
        ) : (
          path !== '/login' && <Link href="/login">{t('common.login')}</Link>
        )}
      </div>
    </header>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('common.notFound.title')}>
      <p>{t('common.notFound.text')}</p>
      <Link href="/">{t('common.goHome')}</Link>
    </Page>
  );
}

function NotForRole() {
  const { t } = useI18n();
  return (
    <Page title={t('common.notForRole.title')}>
      <p>{t('common.notForRole.text')}</p>
      <Link href="/">{t('common.goHome')}</Link>
    </Page>
  );
}

function AdminHome() {
  const { t } = useI18n();
  return (
    <Page title={t('common.admin.title')}>
      <p>{t('common.admin.text')}</p>
    </Page>
  );
}

function Content() {
  const { account, expired } = useSession();
  const { path } = useLocation();
  if (account === undefined) return <Loading />;
  if (path === '/login') return <LoginPage expired={expired} />;
  if (path === '/' || path === '') {
    if (!account) return routes[0].render({});
    if (account.role === 'admin') return <AdminHome />;
    const home = homeFor(account.role);
    navigate(home, { replace: true });
    return <Loading />;
  }
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.roles === 'public') return route.render(params);
    if (!account) return <LoginPage expired={expired} />;
    if (!route.roles.includes(account.role)) return <NotForRole />;
    return route.render(params);
  }
  return <NotFound />;
}

export function App() {
  const { account } = useSession();
  const [failure, setFailure] = useState<ApiError | null>(null);
  useEffect(() => {
    loadSession().catch((error: unknown) => {
      if (error instanceof ApiError) setFailure(error);
    });
  }, []);
  const showBanner = account && kNoticeRoles.includes(account.role);
  return (
    <>
      <Header />
      {showBanner && <LiveBanner key={account.id} />}
      <main id="main" tabIndex={-1}>
        <ErrorNotice error={failure} />
        <Content />
      </main>
      <Footer />
    </>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <p>
        <Link href="/regulation">{t('public.nav.regulation')}</Link> ·{' '}
        <Link href="/privacy">{t('public.nav.privacy')}</Link> · {t('common.footer.rules')}
      </p>
    </footer>
  );
}
