// A visitor who is not logged in reads the regulation, the forms and the
// privacy statement, switches language, and fails to log in with a wrong
// password (KSF-3.10, KSF-4.2, AVG-13).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openApp, pageErrors, tour } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('public pages', () => {
  it('KSF-3.10: a visitor reads the regulation, a form and the privacy statement', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'De regeling kwaliteitsmonitoring',
      );
      // KSF-3.6: how often, per purpose, in plain words.
      await page.getByText('ten hoogste 2 contacten per medewerker per 90 dagen').waitFor();
      await page.getByText(/ten hoogste 3 extra momenten/).waitFor();
      await page.getByRole('link', { name: 'Evaluatieformulieren' }).first().click();
      await page.waitForURL('**/forms');
      await page.getByRole('table').getByRole('link').first().click();
      await page.waitForURL(/\/forms\/form-/);
      await page.getByRole('columnheader', { name: 'Weging' }).first().waitFor();
      await page.getByRole('link', { name: 'Privacyverklaring' }).first().click();
      await page.getByRole('heading', { name: 'Privacyverklaring kwaliteitsmonitoring' }).waitFor();
      await page.getByText('AVG-15').first().waitFor();
      // Switching language changes the page, and the server's own words.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Privacy statement on quality monitoring' }).waitFor();
      await page.getByText('The organisation\'s full privacy statement').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with a clear message, in the chosen language', async () => {
    const { context, page } = await openApp(browser, 'en');
    try {
      await page.goto('/login');
      await page.getByLabel('User name').fill('agent');
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.getByRole('alert').getByText('Wrong user name or password.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('sends a visitor who opens a role page to the login', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await page.goto('/client');
      await page.getByRole('heading', { name: 'Inloggen bij fairqm' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('takes screenshots of every public page in both languages', async () => {
    await tour(browser, null, [
      { path: '/regulation', name: 'public-regulation' },
      { path: '/forms', name: 'public-forms' },
      { path: '/privacy', name: 'public-privacy' },
      { path: '/login', name: 'public-login' },
    ]);
  });
});
