// The privacy officer's journey: log in as `fg`, search the audit log by
// action and by outcome and rule, page to older entries, verify the hash
// chain ("intact"); record a data-subject request, see its deadline count
// down, extend it and answer it; read the register and the DPIA, printable;
// and every page in both languages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, openApp, pageErrors, tabletWidths, tour } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('privacy officer', () => {
  it('searches the audit log, pages through it and verifies the chain', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'fg', 'nl');
      await page.waitForURL('**/privacy-officer/audit');
      await page.getByRole('heading', { level: 1, name: 'Logboek (audittrail)' }).waitFor();
      const results = page.getByRole('table', { name: 'Vermeldingen' });
      await results.waitFor();

      // By action: every entry shown is a grant of an authorisation.
      await page.getByLabel('Handeling').fill('authorisation.grant');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByText(/^Pagina 1: \d+ vermelding/).waitFor();
      await page.waitForSelector('.loading', { state: 'detached' });
      const actions = await results.locator('tbody tr td:nth-child(4) code').allTextContents();
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(['authorisation.grant']));

      // By outcome and rule: the refusal of a recording of an agent who was
      // not informed (KSF-3.7) is in the demo's log.
      await page.getByLabel('Handeling').fill('');
      await page.getByLabel('Uitkomst').selectOption('refused');
      await page.getByLabel('Regel').fill('KSF-3.7');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByText(/^Pagina 1: \d+ vermelding/).waitFor();
      await page.waitForSelector('.loading', { state: 'detached' });
      const rows = results.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      for (const text of await rows.allTextContents()) {
        expect(text).toContain('geweigerd');
        expect(text).toContain('KSF-3.7');
      }

      // Paging newest first: page 2 holds older numbers than page 1.
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByLabel('Vermeldingen per pagina').selectOption('25');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByText(/^Pagina 1: 25 vermeldingen/).waitFor();
      const firstPage = Number(await results.locator('tbody tr').last().getAttribute('data-seq'));
      await page.getByRole('button', { name: 'Oudere' }).click();
      await page.getByText(/^Pagina 2: 25 vermeldingen/).waitFor();
      const secondTop = Number(await results.locator('tbody tr').first().getAttribute('data-seq'));
      expect(secondTop).toBeLessThan(firstPage);
      await page.getByRole('button', { name: 'Nieuwste' }).click();
      await page.getByText(/^Pagina 1: 25 vermeldingen/).waitFor();

      // The chain holds.
      await page.getByRole('button', { name: 'Keten controleren' }).click();
      const verdict = page.getByRole('status').filter({ hasText: 'De keten is intact.' });
      await verdict.waitFor();
      await expect(verdict.textContent()).resolves.toMatch(/vermeldingen nagerekend; er is niets gewijzigd of verwijderd/);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('records a data-subject request, extends and answers it', async () => {
    const { context, page } = await openApp(browser, 'en');
    try {
      await login(page, 'fg', 'en');
      await page.getByRole('link', { name: 'Data-subject requests' }).click();
      await page.getByRole('heading', { level: 1, name: 'Data-subject requests' }).waitFor();
      const reference = `emp-e2e-${Date.now()}`;
      await page.getByLabel('Kind of request').selectOption('erasure');
      await page.getByLabel('From').selectOption('agent');
      await page.getByLabel('Who (id or reference)').fill(reference);
      await page.getByRole('button', { name: 'Record request' }).click();
      const title = `Request for erasure — agent ${reference}`;
      await page.getByRole('status').filter({ hasText: `Recorded: ${title}.` }).waitFor();

      const card = page.getByRole('article', { name: title });
      await card.waitFor();
      await expect(card.locator('.days').textContent()).resolves.toMatch(/^\d+ days left$/);
      const before = Number(await card.locator('.days').getAttribute('data-days'));
      expect(before).toBeGreaterThanOrEqual(28);
      await expect(card.getByText('not extended').isVisible()).resolves.toBe(true);

      await card.getByRole('button', { name: 'Extend by two months' }).click();
      await page.getByRole('status').filter({ hasText: `Extended: ${title}. New deadline:` }).waitFor();
      await card.getByText(/^extended; the person was told on /).waitFor();
      const after = Number(await card.locator('.days').getAttribute('data-days'));
      expect(after).toBeGreaterThan(before + 55);
      await expect(card.getByRole('button', { name: 'Extend by two months' }).isDisabled()).resolves.toBe(true);

      await card.getByLabel('What was answered?').fill('All data about the agent erased; told by letter.');
      await card.getByRole('button', { name: 'Record answer' }).click();
      await page.getByRole('status').filter({ hasText: `Answered: ${title}.` }).waitFor();
      await card.waitFor({ state: 'detached' });

      await page.getByLabel('Also show answered requests').check();
      const answered = page.getByRole('article', { name: title });
      await answered.waitFor();
      await expect(answered.getByText(/^answered on /).isVisible()).resolves.toBe(true);
      await expect(answered.getByText('All data about the agent erased; told by letter.').isVisible()).resolves.toBe(true);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reads the register and the DPIA, ready to print', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'fg', 'nl');
      await page.goto('/privacy-officer/register');
      await page.getByRole('heading', { level: 1, name: 'Verwerkingsregister (art. 30 AVG)' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'coaching, training en begeleiding' }).waitFor();
      await expect(page.getByRole('heading', { level: 2, name: 'Beveiligingsmaatregelen' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Afdrukken' }).isVisible()).resolves.toBe(true);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
      await expect(page.getByRole('button', { name: 'Afdrukken' }).isVisible()).resolves.toBe(false);
      await expect(page.locator('h1').isVisible()).resolves.toBe(true);
      await page.emulateMedia({ media: 'screen' });

      await page.goto('/privacy-officer/dpia');
      await page.getByRole('heading', { level: 1, name: 'DPIA (gegevensbeschermingseffectbeoordeling)' }).waitFor();
      await page.getByText('DPIA vastgelegd').waitFor();
      await expect(page.getByRole('heading', { level: 2, name: 'Beoordeelde verwerkingen' }).isVisible()).resolves.toBe(true);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works at tablet width', async () => {
    const widths = await tabletWidths(browser, 'fg', [
      '/privacy-officer/audit',
      '/privacy-officer/requests',
      '/privacy-officer/register',
      '/privacy-officer/dpia',
    ]);
    for (const { path, width } of widths) expect(width, path).toBeLessThanOrEqual(768);
  });

  it('tours every privacy officer page in both languages', async () => {
    await tour(browser, 'fg', [
      { path: '/privacy-officer/audit', name: 'privacy-audit' },
      { path: '/privacy-officer/requests', name: 'privacy-requests' },
      { path: '/privacy-officer/register', name: 'privacy-register' },
      { path: '/privacy-officer/dpia', name: 'privacy-dpia' },
    ]);
  });
});
