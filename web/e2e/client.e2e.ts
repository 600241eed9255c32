// The client (opdrachtgever) sees aggregate figures with small groups hidden
// and why (KSF-6.1), a trend with progress, its agreement (KSF-6.2), and is
// refused an individual agent's recording (KSF-6.2).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, launch, login, openApp, pageErrors, tour } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

// A recording id, found as the monitor sees the queue.
async function someRecordingId(): Promise<string> {
  const session = await apiLogin('kwaliteit');
  const body = await apiCall<{ items: { recording: { id: string } }[] }>(session, 'GET', '/api/v1/queue');
  expect(body.items.length).toBeGreaterThan(0);
  return body.items[0].recording.id;
}

describe('client', () => {
  it('KSF-6.1: sees team figures, hidden small teams with the reason, and a trend', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'opdrachtgever', 'nl');
      expect(new URL(page.url()).pathname).toBe('/client');
      const table = page.locator('table.client-report');
      await table.waitFor();
      await table.getByRole('rowheader', { name: /Retentie/ }).waitFor();
      // At least one team is hidden, with the rule and the reason.
      const hidden = table.locator('tr[data-shown="false"]');
      expect(await hidden.count()).toBeGreaterThan(0);
      await expect(hidden.first().textContent()).resolves.toContain('KSF-6.1');
      await expect(hidden.first().textContent()).resolves.toContain('minder dan 5 medewerkers');
      // The total row is shown with a mean score.
      const total = table.locator('tr.total');
      await expect(total.textContent()).resolves.toMatch(/Totaal\s*\d+/);
      // The chart's figures are available as a table for keyboard and screen-reader users.
      await page.getByRole('button', { name: 'Toon als tabel' }).first().click();
      await page.getByRole('button', { name: 'Verberg tabel' }).first().waitFor();
      // The trend is fetched week by week and ends in a chart.
      await page.getByRole('button', { name: 'Toon verloop' }).click();
      const trend = page.locator('figure', {
        has: page.locator('figcaption', { hasText: 'Gemiddelde score en aantal opnames per week' }),
      });
      await trend.waitFor();
      // One row per week in the chart's table.
      expect(await trend.locator('tbody tr').count()).toBe(8);
      await page.getByRole('link', { name: 'Overeenkomsten' }).click();
      await page.getByText('alleen totaalcijfers').waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('KSF-6.2: is refused an individual agent\'s recording, with the reason and rule', async () => {
    const id = await someRecordingId();
    for (const lang of ['nl', 'en'] as const) {
      const { context, page } = await openApp(browser, lang);
      try {
        await login(page, 'opdrachtgever', lang);
        await page.goto(`/recordings/${id}`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = (await alert.textContent()) ?? '';
        expect(text).toContain('KSF-6.2');
        expect(text).toContain(lang === 'nl' ? 'Niet toegestaan door de regeling' : 'Not allowed by the regulation');
        expect(text).toContain(lang === 'nl' ? 'schriftelijke overeenkomst' : 'written agreement');
        expect(text).not.toContain('403');
        // Nothing to play.
        expect(await page.locator('audio, .player').count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });

  it('takes screenshots of every client page in both languages', async () => {
    const id = await someRecordingId();
    await tour(browser, 'opdrachtgever', [
      { path: '/client', name: 'client-report' },
      { path: '/client/contracts', name: 'client-contracts' },
      { path: `/recordings/${id}`, name: 'client-recording-refused' },
    ]);
  });
});
