// What every journey needs: Debian's Chromium driven by playwright-core
// (never a downloaded browser), a page in a chosen language, logging in as a
// demo account, and screenshots saved under e2e/screenshots/<lang>/.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export type Lang = 'nl' | 'en';

const here = dirname(fileURLToPath(import.meta.url));
export const screenshotDir = resolve(here, 'screenshots');
export const kPassword = 'fairqm-demo-2026';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A fresh browser profile (own cookies) showing the app in `lang`.
export async function openApp(
  browser: Browser,
  lang: Lang,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: lang === 'en' ? 'en-GB' : 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport,
  });
  await context.addInitScript((chosen: string) => {
    localStorage.setItem('fairqm.lang', chosen);
  }, lang);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  (page as Page & { problems?: string[] }).problems = problems;
  return { context, page };
}

// The page errors (uncaught exceptions) seen so far; a journey ends by
// expecting none.
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

export async function login(page: Page, username: string, lang: Lang): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(lang === 'en' ? 'User name' : 'Gebruikersnaam').fill(username);
  await page.getByLabel(lang === 'en' ? 'Password' : 'Wachtwoord', { exact: true }).fill(kPassword);
  await page.getByRole('button', { name: lang === 'en' ? 'Log in' : 'Inloggen', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

// Saves a full-page screenshot as screenshots/<lang>/<name>.png.
export async function shot(page: Page, lang: Lang, name: string): Promise<string> {
  const file = resolve(screenshotDir, lang, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForSelector('.loading', { state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Wider than the window: the user would have to scroll sideways (WCAG 1.4.10).
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

// Opens each path in both languages and saves a screenshot of it; checks
// that the page has its one h1, no uncaught error, and fits a laptop's and
// a tablet's width (768 px) without sideways scrolling.
export async function tour(
  browser: Browser,
  username: string | null,
  pages: { path: string; name: string }[],
): Promise<void> {
  for (const lang of ['nl', 'en'] as const) {
    const { context, page } = await openApp(browser, lang);
    try {
      if (username) await login(page, username, lang);
      for (const { path, name } of pages) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await shot(page, lang, name);
        if (await overflowsSideways(page)) throw new Error(`${path} (${lang}) is wider than the window`);
        if (lang === 'nl') {
          await page.setViewportSize({ width: 768, height: 1024 });
          await page.waitForTimeout(100);
          if (await overflowsSideways(page)) throw new Error(`${path} is wider than a tablet (768 px)`);
          await page.setViewportSize({ width: 1280, height: 900 });
        }
      }
      if (pageErrors(page).length) throw new Error(pageErrors(page).join('\n'));
    } finally {
      await context.close();
    }
  }
}

// ---------------------------------------------------------------------------
// The public API straight from the test (for setup and look-ups a user could
// do): a session of a demo account, and calls with its cookie and CSRF token.

export interface ApiSession {
  cookie: string;
  csrf: string;
}

export async function apiLogin(username: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl()}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: kPassword }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  const body = (await response.json()) as { csrf_token: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrf_token };
}

// One call; `body` undefined sends none (an action POST has none). Throws
// with the status and the answer unless it is 2xx.
export async function apiCall<T>(session: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      Cookie: session.cookie,
      'X-CSRF-Token': session.csrf,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

// The width of each page (logged in as `username`, Dutch) in a tablet's
// window of 768 px, once loaded; more than 768 means sideways scrolling.
export async function tabletWidths(
  browser: Browser,
  username: string,
  paths: string[],
): Promise<{ path: string; width: number }[]> {
  const { context, page } = await openApp(browser, 'nl', { width: 768, height: 1024 });
  try {
    await login(page, username, 'nl');
    const widths: { path: string; width: number }[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.waitForSelector('.loading', { state: 'detached' });
      widths.push({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) });
    }
    return widths;
  } finally {
    await context.close();
  }
}
