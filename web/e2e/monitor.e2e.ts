// The monitor's journeys against a real `fairqm serve` with the demo data:
// the QA analyst (`kwaliteit`) evaluates a call from the queue — listens, adds
// a note at the current time with the keyboard, answers the form while the
// score runs, saves, shares with the agent, records the feedback meeting,
// closes and opens the written evaluation; the coach (`coach`, coaching only)
// opening an assessment recording is refused with reason and rule and hears
// nothing; a new authorisation granted by the manager waits for `kwaliteit`
// (a notice on the queue), who acknowledges confidentiality and sees it
// active (KSF-3.3); and a tour of every monitor page in Dutch and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, launch, login, openApp, pageErrors, shot, tour } from './support';

let browser: Browser;
let evaluationPath = '';
let recordingPath = '';

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

// A logged-in API session for looking things up (and, for the manager,
// granting) the way a user could.
async function apiSession(username: string): Promise<(path: string, body?: unknown) => Promise<unknown>> {
  const session = await apiLogin(username);
  // No body: GET; an action (body null) is a POST without a body.
  return (path: string, body?: unknown) =>
    apiCall(session, body === undefined ? 'GET' : 'POST', path, body === null ? undefined : body);
}

interface GrantedAuthorisation {
  id: string;
  purposes: string[];
  confidentiality_acknowledged_at: string | null;
  acknowledged?: boolean;
  active?: boolean;
}

// The manager grants `kwaliteit` a new quality authorisation for one team
// its current one already covers (so nobody else's journey sees more or less
// in the queue); it waits for the acknowledgement.
async function grantToKwaliteit(startInDays: number): Promise<GrantedAuthorisation> {
  const asKwaliteit = await apiSession('kwaliteit');
  const session = (await asKwaliteit('/api/v1/session')) as { account: { employee_id: string } };
  const monitorId = session.account.employee_id;
  expect(monitorId).toMatch(/^emp-/);
  const mine = (await asKwaliteit('/api/v1/me/authorisations')) as { items: { team_ids: string[]; active: boolean }[] };
  const covered = new Set(mine.items.filter((a) => a.active).flatMap((a) => a.team_ids));
  const asManager = await apiSession('manager');
  const teams = (await asManager('/api/v1/teams')) as { items: { id: string; name: string }[] };
  const team = teams.items.find((t) => covered.has(t.id));
  expect(team).toBeDefined();
  const day = 24 * 3600 * 1000;
  const midnight = (offset: number) => {
    const d = new Date(Date.now() + offset * day);
    return `${d.toISOString().slice(0, 10)}T00:00:00Z`;
  };
  const granted = (await asManager('/api/v1/authorisations', {
    monitor_id: monitorId,
    purposes: ['quality'],
    team_ids: [team!.id],
    valid_from: midnight(startInDays),
    valid_until: midnight(startInDays + 90),
  })) as GrantedAuthorisation;
  expect(granted.confidentiality_acknowledged_at).toBeNull();
  return granted;
}

async function playerTime(page: Page): Promise<number> {
  const text = (await page.locator('.player-time time').first().textContent()) ?? '0:00';
  const [m, s] = text.split(':').map(Number);
  return m * 60 + s;
}

describe('monitor', () => {
  it('evaluates a call from the queue: listen, note, score, save, share, close, print', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'kwaliteit', 'nl');
      await page.waitForURL('**/monitor');
      await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
      // A phone call far down the queue (other journeys leave it alone).
      const table = page.getByRole('table', { name: 'Werkvoorraad, gesorteerd op evaluatietermijn' });
      await table.waitFor();
      const calls = table.getByRole('row').filter({ hasText: 'telefoon' });
      await calls.first().waitFor();
      expect(await calls.count()).toBeGreaterThan(1);
      const row = calls.last();
      const agent = (await row.getByRole('rowheader').textContent())?.trim() ?? '';
      expect(agent).not.toBe('');
      await row.getByRole('button', { name: /^Evaluatie starten/ }).click();
      await page.waitForURL(/\/monitor\/evaluations\/eval-/);
      evaluationPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 2, name: agent }).waitFor();
      await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('concept');

      // Listen a few seconds.
      const play = page.getByRole('button', { name: 'Afspelen' });
      await expect.poll(() => play.isEnabled(), { timeout: 20_000 }).toBe(true);
      await play.click();
      await page.getByRole('button', { name: 'Pauzeren' }).waitFor();
      await expect.poll(() => playerTime(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      await page.getByRole('button', { name: 'Pauzeren' }).click();
      // Keyboard: L skips 5 s forward, N notes the current time.
      const before = await playerTime(page);
      await page.getByRole('slider', { name: /^Positie in/ }).focus();
      await page.keyboard.press('l');
      await expect.poll(() => playerTime(page)).toBeGreaterThanOrEqual(before + 4);
      const at = (await page.locator('.player-time time').first().textContent()) ?? '';
      await page.keyboard.press('n');
      const note = page.getByLabel(`Aantekening op ${at}`);
      await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('Klant wordt netjes doorverwezen naar de juiste afdeling.');
      await page.getByRole('button', { name: 'Aantekening opslaan' }).click();
      await page.getByText(`Aantekening op ${at} opgeslagen.`).waitFor();
      await page.getByRole('button', { name: `Naar ${at}` }).waitFor();
      await page.getByText('Klant wordt netjes doorverwezen naar de juiste afdeling.').waitFor();

      // Answer the form and watch the running score.
      const score = page.getByTestId('running-score');
      await expect(score.textContent()).resolves.toBe('—');
      const questions = page.locator('fieldset.question');
      const count = await questions.count();
      expect(count).toBeGreaterThan(1);
      // A question that needs a comment below the maximum (another journey
      // may have published a newer form; pick by what the form says).
      let firstIndex = -1;
      for (let i = 0; i < count && firstIndex < 0; i += 1) {
        if (/toelichting verplicht/.test((await questions.nth(i).textContent()) ?? '')) firstIndex = i;
      }
      expect(firstIndex).toBeGreaterThanOrEqual(0);
      const first = questions.nth(firstIndex);
      await first.getByLabel('3', { exact: true }).check();
      await expect.poll(() => score.textContent()).toBe('60,0');
      for (let i = 0; i < count; i += 1) {
        if (i !== firstIndex) await questions.nth(i).getByLabel('5', { exact: true }).check();
      }
      const running = await score.textContent();
      expect(running).not.toBe('60,0');
      await page.getByText(`${count} van ${count} vragen beantwoord`).waitFor();
      // That question needs a comment below the maximum.
      await page.getByRole('button', { name: 'Antwoorden opslaan' }).click();
      const comment = first.getByLabel(/^Toelichting/);
      await expect.poll(() => comment.getAttribute('aria-invalid')).toBe('true');
      await first.getByText('Licht een score onder 5 toe.').waitFor();
      await expect.poll(() => comment.evaluate((el) => el === document.activeElement)).toBe(true);
      await comment.fill('Klant moest terugbellen voor de tweede vraag.');
      await page.getByLabel('Samenvatting voor de medewerker').fill('Vriendelijk en correct; let op eerste-keer-goed.');
      await page.getByRole('button', { name: 'Antwoorden opslaan' }).click();
      await page.getByText('De antwoorden zijn opgeslagen.').waitFor();
      await page.getByText(`opgeslagen score: ${running}`).waitFor();

      // Share with the agent: the status changes.
      await page.getByRole('button', { name: 'Delen met de medewerker' }).click();
      await page.getByText('De evaluatie is met de medewerker gedeeld.').waitFor();
      await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('gedeeld met de medewerker');
      await expect(first.getByLabel('5', { exact: true }).isDisabled()).resolves.toBe(true);

      // The feedback meeting, then close. The server takes the meeting's time
      // to the second and refuses one before the sharing (KSF-4.5), so the
      // meeting is at least a second after it, as any real one is.
      await page.waitForTimeout(1100);
      await page.getByLabel(/^Verslag van het gesprek/).fill('Uitkomst besproken; afspraak: samenvatten aan het eind.');
      await page.getByRole('button', { name: 'Feedbackgesprek vastleggen' }).click();
      await page.getByText('Het feedbackgesprek is vastgelegd.').waitFor();
      await page.getByRole('button', { name: 'Evaluatie afsluiten' }).click();
      await page.getByText('De evaluatie is afgesloten.').waitFor();
      await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('afgesloten');

      // The written evaluation opens printable in a new window.
      const [popup] = await Promise.all([
        page.waitForEvent('popup'),
        page.getByRole('button', { name: 'Afdrukversie openen' }).click(),
      ]);
      await popup.getByRole('heading', { level: 1, name: 'Schriftelijke evaluatie' }).waitFor();
      await popup.getByText('Klant moest terugbellen voor de tweede vraag.').waitFor();
      await popup.getByText(agent).first().waitFor();
      await popup.close();

      // The list shows it closed.
      await page.getByRole('link', { name: 'Mijn evaluaties', exact: true }).click();
      await page.getByLabel('Status').selectOption('closed');
      await page.getByRole('link', { name: `Evaluatie ${evaluationPath.split('/').pop()}` }).waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is usable at tablet width', async () => {
    const { context, page } = await openApp(browser, 'en', { width: 768, height: 1024 });
    try {
      await login(page, 'kwaliteit', 'en');
      await page.goto(evaluationPath || '/monitor');
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.locator('.loading').first().waitFor({ state: 'detached' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, 'en', 'monitor-evaluation-tablet');
    } finally {
      await context.close();
    }
  });

  it('refuses a coach an assessment recording, with reason and rule, and plays nothing', async () => {
    // An assessment recording still kept, found the way the privacy officer can.
    const asFg = await apiSession('fg');
    const log = (await asFg('/api/v1/audit?action=recording.ingest&limit=1000')) as {
      items: { subject_id: string; purpose: string | null }[];
    };
    const destroyed = (await asFg('/api/v1/audit?action=retention.destroy&limit=1000')) as {
      items: { subject_id: string }[];
    };
    const gone = new Set(destroyed.items.map((e) => e.subject_id));
    const recording = log.items.find((e) => e.purpose === 'assessment' && !gone.has(e.subject_id));
    expect(recording).toBeDefined();
    for (const lang of ['nl', 'en'] as const) {
      const { context, page } = await openApp(browser, lang);
      try {
        await login(page, 'coach', lang);
        await page.goto(`/monitor/recordings/${recording!.subject_id}?purpose=assessment`);
        const alert = page.getByRole('alert').filter({ hasText: 'KSF-3.4' });
        await alert.waitFor();
        const text = (await alert.textContent()) ?? '';
        if (lang === 'nl') {
          expect(text).toContain('Niet toegestaan door de regeling');
          expect(text).toContain("Uw autorisatie geldt niet voor het doel 'beoordeling'");
        } else {
          expect(text).toContain('Not allowed by the regulation');
          expect(text).toContain("Your authorisation does not cover the purpose 'assessment'");
        }
        expect(text).not.toContain('403');
        await expect(page.getByRole('button', { name: lang === 'nl' ? 'Afspelen' : 'Play' }).count()).resolves.toBe(0);
        await expect(page.evaluate(() => document.querySelectorAll('audio, video').length)).resolves.toBe(0);
        await shot(page, lang, 'monitor-refused-coach');
        expect(pageErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('shows kwaliteit a newly granted authorisation waiting, which becomes active once acknowledged', async () => {
    const granted = await grantToKwaliteit(0);
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'kwaliteit', 'nl');
      await page.waitForURL('**/monitor');
      await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
      // The queue says an authorisation waits, and links to it.
      const notice = page.getByRole('status').filter({ hasText: /op uw bevestiging/ });
      await notice.waitFor();
      expect(await notice.textContent()).toContain('KSF-3.3');
      await notice.getByRole('link', { name: 'Geheimhoudingsplicht lezen en bevestigen' }).click();
      await page.waitForURL('**/monitor/confidentiality**');
      await page.getByRole('heading', { level: 1, name: 'Geheimhoudingsplicht' }).waitFor();

      // Listed, not acknowledged, not active.
      const table = page.getByRole('table', { name: 'Mijn autorisaties om te monitoren' });
      const row = table.getByRole('row').filter({ hasText: granted.id });
      await row.waitFor();
      let text = (await row.textContent()) ?? '';
      expect(text).toContain('procesverbetering en kwaliteitsbewaking');
      expect(text).toContain('1 team');
      expect(text).toContain('wacht op uw bevestiging');
      expect(text).toContain('nog niet bevestigd');

      // The undertaking, then the acknowledgement.
      const card = page.getByRole('article', { name: 'Autorisatie voor procesverbetering en kwaliteitsbewaking' }).filter({
        hasText: granted.id,
      });
      await card.getByText('Wat u hoort, ziet of leest bij het monitoren, houdt u geheim.').waitFor();
      const button = card.getByRole('button', { name: /^Ik bevestig mijn geheimhoudingsplicht/ });
      await button.click();
      const done = page.getByRole('status').filter({ hasText: 'De autorisatie is nu actief.' });
      await done.waitFor();
      expect(await done.textContent()).toContain(
        'U hebt uw geheimhoudingsplicht voor de autorisatie voor procesverbetering en kwaliteitsbewaking bevestigd op',
      );
      await expect.poll(() => card.count()).toBe(0);
      await expect.poll(async () => (await row.getByTestId('authorisation-state').textContent())?.trim()).toBe('actief');
      text = (await row.textContent()) ?? '';
      expect(text).not.toContain('nog niet bevestigd');
      expect(text).toMatch(/\d{4}, \d{2}:\d{2}/);
      await shot(page, 'nl', 'monitor-confidentiality-acknowledged');

      // The server agrees, and the queue no longer shows the notice.
      const asKwaliteit = await apiSession('kwaliteit');
      const mine = (await asKwaliteit('/api/v1/me/authorisations')) as { items: GrantedAuthorisation[] };
      const now = mine.items.find((a) => a.id === granted.id);
      expect(now?.acknowledged).toBe(true);
      expect(now?.active).toBe(true);
      await page.getByRole('link', { name: 'Werkvoorraad', exact: true }).click();
      await page.getByRole('table', { name: 'Werkvoorraad, gesorteerd op evaluatietermijn' }).waitFor();
      await expect(page.getByTestId('pending-authorisations').count()).resolves.toBe(0);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tours every monitor page in Dutch and English', async () => {
    // One authorisation left waiting (starting next month) shows the notice
    // and the undertaking; the manager ends it afterwards.
    const waiting = await grantToKwaliteit(30);
    const asKwaliteit = await apiSession('kwaliteit');
    const queue = (await asKwaliteit('/api/v1/queue')) as { items: { recording: { id: string; purpose: string; channel: string } }[] };
    const call = queue.items.find((i) => i.recording.channel === 'voice') ?? queue.items[0];
    recordingPath = `/monitor/recordings/${call.recording.id}?purpose=${call.recording.purpose}`;
    const pages = [
      { path: '/monitor', name: 'monitor-queue' },
      { path: '/monitor/evaluations', name: 'monitor-evaluations' },
      { path: recordingPath, name: 'monitor-recording' },
      { path: '/monitor/confidentiality', name: 'monitor-confidentiality' },
    ];
    if (evaluationPath) pages.push({ path: evaluationPath, name: 'monitor-evaluation' });
    try {
      await tour(browser, 'kwaliteit', pages);
    } finally {
      const asManager = await apiSession('manager');
      await asManager(`/api/v1/authorisations/${waiting.id}/end`, null);
    }
    // A draft with its player and form, as the coach has them.
    const asCoach = await apiSession('coach');
    const drafts = (await asCoach('/api/v1/evaluations?status=draft')) as { items: { id: string }[] };
    if (drafts.items.length > 0) {
      await tour(browser, 'coach', [{ path: `/monitor/evaluations/${drafts.items[0].id}`, name: 'monitor-evaluation-draft' }]);
    }
  });
});
