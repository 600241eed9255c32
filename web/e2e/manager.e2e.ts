// The manager's journeys against a real server with the demo data: grant a
// monitor an authorisation, limit it and end it; start a regulation draft
// from the active version, see what is missing, fill it in (saving the draft
// in place: same id, same version, no new row) and submit the draft to the
// works council (never activating it, so the active regulation stays in
// force for the other journeys); design and publish an evaluation
// form; import two new employees from an HR export (new numbers, a new
// team: the demo's own employees stay as they are) and see a bad export
// refused with its line and column and nothing stored; and a tour of every
// manager page in Dutch and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, openApp, pageErrors, shot, tour } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

// The row of this monitor's new authorisation (the demo's own are
// acknowledged already; a fresh grant awaits acknowledgement).
function awaitingRow(page: Page, name: string, awaiting: string) {
  return page.getByRole('row').filter({ hasText: name }).filter({ hasText: awaiting });
}

describe('manager', () => {
  it('grants a monitor an authorisation, limits it and ends it', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'manager', 'nl');
      await page.goto('/manager/authorisations');
      await page.getByRole('heading', { level: 1, name: 'Autorisaties van beoordelaars' }).waitFor();
      // The demo's authorisations are listed with their acknowledgement.
      await expect(page.getByRole('row').filter({ hasText: 'Yvonne Bos' }).first().textContent()).resolves.toContain(
        'bevestigd op',
      );

      await page.getByRole('button', { name: 'Autorisatie verlenen' }).click();
      const form = page.getByRole('form', { name: 'Nieuwe autorisatie' });
      // Sending an empty form shows what is missing, per field.
      await form.getByRole('button', { name: 'Autorisatie verlenen' }).click();
      await form.getByText('Kies een beoordelaar.').waitFor();
      await form.getByText('Kies minstens één doel.').waitFor();

      const option = form.locator('#mgmt-monitor option', { hasText: 'Lucas Visser' });
      await form.getByLabel('Beoordelaar').selectOption((await option.getAttribute('value')) ?? '');
      await form.getByLabel('coaching, training en begeleiding').check();
      await form.getByLabel('procesverbetering en kwaliteitsbewaking').check();
      await form.getByLabel(/^Webcare \(/).check();
      await form.getByLabel('Geldig tot en met').fill('2027-03-31');
      await shot(page, 'nl', 'manager-authorisation-grant');
      await form.getByRole('button', { name: 'Autorisatie verlenen' }).click();
      await page.getByRole('status').filter({ hasText: 'De autorisatie voor Lucas Visser is verleend' }).waitFor();

      const row = awaitingRow(page, 'Lucas Visser', 'wacht op bevestiging');
      // The message comes first; the list is reloaded after it.
      await row.first().waitFor();
      await expect(row.count()).resolves.toBe(1);
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('team Webcare');
      expect(text).toContain('procesverbetering en kwaliteitsbewaking');
      expect(text).toContain('nog niet bevestigd');
      expect(text).toContain('31 mrt 2027');

      // Limit: drop a purpose. The old one ends, a narrower one is granted.
      await row.getByRole('button', { name: 'Autorisatie van Lucas Visser beperken' }).click();
      const limit = page.getByRole('form', { name: 'Autorisatie van Lucas Visser beperken' });
      // Widening is refused before anything is sent.
      await limit.getByLabel('Geldig tot en met').fill('2028-01-01');
      await limit.getByRole('button', { name: 'Beperken' }).click();
      await limit.getByText('Een beperking kan niet later eindigen dan de huidige autorisatie.').waitFor();
      await limit.getByLabel('Geldig tot en met').fill('2027-03-31');
      await limit.getByLabel('procesverbetering en kwaliteitsbewaking').uncheck();
      await limit.getByRole('button', { name: 'Beperken' }).click();
      await page.getByRole('status').filter({ hasText: 'De autorisatie van Lucas Visser is beperkt' }).waitFor();
      const limited = awaitingRow(page, 'Lucas Visser', 'wacht op bevestiging');
      await limited.filter({ hasNotText: 'procesverbetering' }).first().waitFor();
      await expect(limited.count()).resolves.toBe(1);
      expect(await limited.textContent()).not.toContain('procesverbetering');

      // End it.
      page.once('dialog', (dialog) => void dialog.accept());
      await limited.getByRole('button', { name: 'Autorisatie van Lucas Visser beëindigen' }).click();
      await page.getByRole('status').filter({ hasText: 'De autorisatie van Lucas Visser is beëindigd.' }).waitFor();
      await awaitingRow(page, 'Lucas Visser', 'wacht op bevestiging').first().waitFor({ state: 'detached' });
      await expect(awaitingRow(page, 'Lucas Visser', 'wacht op bevestiging').count()).resolves.toBe(0);
      // Ended ones appear when asked for.
      await page.getByLabel('Ook beëindigde en verlopen autorisaties tonen').check();
      await page.getByRole('row').filter({ hasText: 'Lucas Visser' }).filter({ hasText: 'beëindigd op' }).nth(1).waitFor();
      await expect(
        page.getByRole('row').filter({ hasText: 'Lucas Visser' }).filter({ hasText: 'beëindigd op' }).count(),
      ).resolves.toBe(2);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('drafts a regulation from the active one, completes it and submits it to the works council', async () => {
    const { context, page } = await openApp(browser, 'en');
    try {
      await login(page, 'manager', 'en');
      await page.goto('/manager/regulations');
      await page.getByRole('heading', { level: 1, name: 'Monitoring regulation' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'active since' }).first().waitFor();
      await page.getByRole('link', { name: 'New draft from the active version' }).click();
      await page.getByRole('heading', { level: 2, name: /Revise, starting from version/ }).waitFor();

      // The change: coaching gets more contacts; its justification is
      // rewritten later, so for now it is left empty.
      const coaching = page.locator('fieldset[data-purpose="coaching"]');
      await coaching.getByLabel('Contacts per agent per period').fill('6');
      await coaching.getByLabel('Why this frequency is proportionate').fill('');
      // KSF-3.12: the editor warns that a change within the year needs a reason.
      await page.getByText(/a new version can become active only with a recorded legal reason/).waitFor();
      await page.getByLabel('Legal reason for a change within the year').fill(
        'Wijziging van de cao per 1 januari 2027 (art. 12) vraagt meer coaching.',
      );
      await page.getByRole('button', { name: 'Save as a new draft' }).click();
      await page.waitForURL(/\/manager\/regulations\/reg-[0-9a-f]+\?saved=1$/);
      const saved = page.getByRole('status').filter({ hasText: /^The draft has been saved as version \d+\.$/ });
      await saved.waitFor();
      const version = Number(/version (\d+)/.exec((await saved.textContent()) ?? '')?.[1]);
      expect(version).toBeGreaterThan(1);
      await page.getByRole('heading', { level: 1, name: `Regulation, version ${version}` }).waitFor();
      const draftUrl = new URL(page.url());
      const id = draftUrl.pathname.split('/').pop() ?? '';
      // From now on the editor changes this draft; nothing says a save makes a new version.
      await page.getByRole('heading', { level: 2, name: `Edit the draft (version ${version})` }).waitFor();
      await expect(page.getByText(/new version number/).count()).resolves.toBe(0);

      // What is missing, with its rule; submitting waits for it.
      const missing = page.getByRole('region', { name: 'Still missing before submission' });
      await missing.getByText('1 item is still missing:').waitFor();
      const item = missing.getByRole('listitem').filter({ hasText: 'proportionate' });
      await expect(item.getAttribute('data-rule')).resolves.toBe('KSF-3.5');
      await expect(item.getByRole('link', { name: 'KSF-3.5' }).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Submit to the works council' }).isDisabled()).resolves.toBe(true);
      await shot(page, 'en', 'manager-regulation-draft-missing');

      // The list has the new draft once; remember how many versions there are.
      await page.getByRole('link', { name: 'To all versions' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Monitoring regulation' }).waitFor();
      const draftRow = page.getByRole('row').filter({ has: page.locator(`a[href="/manager/regulations/${id}"]`) });
      await draftRow.waitFor();
      const rowsBefore = await page.locator('tbody tr').count();
      await expect(draftRow.count()).resolves.toBe(1);
      await draftRow.getByRole('link', { name: `Version ${version}` }).click();
      await page.getByRole('heading', { level: 1, name: `Regulation, version ${version}` }).waitFor();

      // Fill in what is missing and save: the same draft changes.
      const proportionality = page
        .locator('fieldset[data-purpose="coaching"]')
        .getByLabel('Why this frequency is proportionate');
      await proportionality.fill('Six conversations per 30 days, chosen at random; recordings deleted after 30 days.');
      // Unsaved changes keep "submit" waiting: it would send the saved text.
      await page.getByText('There are changes that have not been saved yet.').waitFor();
      await page.getByRole('button', { name: 'Save the draft' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `The changes have been saved; the draft is still version ${version}.` })
        .waitFor();
      await page.getByRole('region', { name: 'Still missing before submission' }).getByText('Complete').waitFor();
      // Change it again and save again: still the same id and version.
      await proportionality.fill(
        'Six conversations per 30 days, at least three days apart, chosen at random; recordings deleted after 30 days.',
      );
      await page.getByRole('button', { name: 'Save the draft' }).click();
      await page.getByText('There are changes that have not been saved yet.').waitFor({ state: 'detached' });
      await page
        .getByRole('status')
        .filter({ hasText: `The changes have been saved; the draft is still version ${version}.` })
        .waitFor();
      expect(new URL(page.url()).pathname).toBe(draftUrl.pathname);
      await page.getByRole('heading', { level: 1, name: `Regulation, version ${version}` }).waitFor();
      await page.getByRole('region', { name: 'Still missing before submission' }).getByText('Complete').waitFor();

      // No new row in the list: the same number of versions, this draft once.
      await page.getByRole('link', { name: 'To all versions' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Monitoring regulation' }).waitFor();
      await draftRow.waitFor();
      await expect(page.locator('tbody tr').count()).resolves.toBe(rowsBefore);
      await expect(draftRow.count()).resolves.toBe(1);
      await expect(draftRow.getByRole('link').textContent()).resolves.toBe(`Version ${version}`);
      await draftRow.getByRole('link', { name: `Version ${version}` }).click();
      // The second save's text is what the draft now holds.
      await expect(
        page
          .locator('fieldset[data-purpose="coaching"]')
          .getByLabel('Why this frequency is proportionate')
          .inputValue(),
      ).resolves.toContain('at least three days apart');

      await page.getByRole('button', { name: 'Submit to the works council' }).click();
      await page.getByRole('status').filter({ hasText: 'The draft has been submitted to the works council.' }).waitFor();
      await page.getByText('submitted to the works council', { exact: true }).first().waitFor();
      await page.getByText("Awaiting the works council's decision.").waitFor();
      // Not activated: there is no consent yet, so there is no button for it.
      await expect(page.getByRole('button', { name: 'Activate' }).count()).resolves.toBe(0);

      await page.getByRole('link', { name: 'To all versions' }).first().click();
      const submittedRow = page.getByRole('row').filter({ has: page.locator(`a[href="/manager/regulations/${id}"]`) });
      await expect(submittedRow.textContent()).resolves.toContain('submitted to the works council');
      // The active version is still the one in force.
      await expect(page.getByRole('row').filter({ hasText: 'active since' }).count()).resolves.toBe(1);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('designs an evaluation form with a preview and publishes it', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'manager', 'nl');
      await page.goto('/manager/forms');
      await page.getByRole('heading', { level: 1, name: 'Evaluatieformulieren' }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Beoordelingsformulier klantgesprek' }).waitFor();
      const name = 'Afhandeling chatgesprekken';
      const designer = page.getByRole('form', { name: 'Nieuw formulier ontwerpen' });
      await designer.getByLabel('Naam van het formulier').fill(name);
      // Coaching: the monitor journey (kwaliteit: assessment and quality)
      // evaluates with the newest form of its purpose and must not meet this one.
      await designer.getByLabel('Doel').selectOption('coaching');
      await designer.getByLabel('Titel van het onderdeel').fill('Afhandeling');
      await designer.getByLabel('Vraag', { exact: true }).fill('Is de vraag van de klant in één keer beantwoord?');
      await designer.getByLabel('Gewicht').fill('2');
      await designer.getByLabel('Kritieke vraag (een 0 maakt de hele score 0)').check();
      await designer.getByRole('button', { name: 'Vraag toevoegen aan onderdeel 1' }).click();
      await designer.getByLabel('Niet van toepassing toegestaan').nth(1).check();
      await designer.getByLabel('Toelichting verplicht onder de hoogste score').nth(1).check();

      // The second question has no text yet: publishing shows it at the field.
      await designer.getByRole('button', { name: 'Publiceren' }).click();
      const second = designer.getByRole('group', { name: 'Vraag 1.2' });
      await second.getByText('Vul de vraag in.').waitFor();
      await expect(second.getByLabel('Vraag', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
      await second.getByLabel('Vraag', { exact: true }).fill('Was de toon vriendelijk en duidelijk?');

      // The preview shows the form as the monitor sees it, with a running score.
      const preview = page.getByRole('complementary', { name: 'Voorbeeld voor de beoordelaar' });
      await preview.getByRole('heading', { name }).waitFor();
      await preview.getByText('kritiek').waitFor();
      await preview.getByRole('radiogroup', { name: /Is de vraag van de klant/ }).getByLabel('5').check();
      await preview.getByRole('radiogroup', { name: /Was de toon/ }).getByLabel('n.v.t.').check();
      await preview.getByText('Score: 100,0 van 100 (2 van 2 vragen beantwoord)').waitFor();
      await preview.getByRole('radiogroup', { name: /Is de vraag van de klant/ }).getByLabel('0').check();
      await preview.getByText('Een kritieke vraag scoort 0, dus de hele score is 0.').waitFor();
      await shot(page, 'nl', 'manager-form-designer');

      await designer.getByRole('button', { name: 'Publiceren' }).click();
      await page.getByRole('status').filter({ hasText: `Formulier „${name}” is gepubliceerd als versie 1.` }).waitFor();
      const row = page.getByRole('row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.textContent()).toContain('coaching, training en begeleiding');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('imports employees from the HR export and refuses a bad export without storing anything', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'manager', 'nl');
      await page.getByRole('link', { name: 'Medewerkers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Medewerkers' }).waitFor();
      const shown = page.getByRole('status').filter({ hasText: /medewerkers getoond$/ });
      await shown.waitFor();
      const before = Number(/van (\d+) medewerkers/.exec((await shown.textContent()) ?? '')?.[1]);
      expect(before).toBeGreaterThan(10);
      // The demo's protected persons are listed with why they are never monitored.
      const adviser = page.getByRole('row').filter({ hasText: 'vertrouwenspersoon' }).first();
      await expect(adviser.textContent()).resolves.toContain('wordt niet gemonitord');
      await expect(adviser.getByRole('link', { name: 'KSF-2.1-confidential' }).count()).resolves.toBe(1);

      // Two new agents in a new team; one not yet informed (KSF-3.7).
      const good = [
        'personeelsnummer;naam;functie;contract;team;vestiging;in_dienst;geinformeerd_op;toestel',
        '880001;Noor Importeur;medewerker;tijdelijk;Team Importproef;Zwolle;2026-11-02;2026-11-20;8801',
        '880002;Daan Importeur;medewerker;uitzendkracht;Team Importproef;Zwolle;02-11-2026;;8802',
        '',
      ].join('\n');
      const file = page.getByLabel('CSV-bestand uit het HR-systeem');
      await file.setInputFiles({ name: 'hr-export.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
      // Hold the answer back a moment so the progress can be seen.
      await page.route('**/api/v1/employees/import', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.continue();
      });
      await page.getByRole('button', { name: 'Importeren' }).click();
      const busy = page.getByRole('button', { name: 'Bezig met importeren…' });
      await busy.waitFor();
      await expect(busy.isDisabled()).resolves.toBe(true);
      await page.getByRole('progressbar').waitFor();
      await expect(page.getByRole('status').filter({ has: page.getByRole('progressbar') }).textContent()).resolves.toMatch(
        /Bestand versturen|gecontroleerd en ingelezen/,
      );
      const summary = page.getByRole('status').filter({ hasText: '„hr-export.csv” is ingelezen: 2 regels.' });
      await summary.waitFor();
      await page.unroute('**/api/v1/employees/import');
      await summary.getByText('2 nieuw', { exact: true }).waitFor();
      await summary.getByText('0 bijgewerkt', { exact: true }).waitFor();
      await summary.getByText('1 nieuw team', { exact: true }).waitFor();
      await summary.getByText('2 nieuwe toestellen', { exact: true }).waitFor();
      await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
      await shot(page, 'nl', 'manager-employees-imported');

      // The list has reloaded: two more, in the new team.
      await page.getByRole('status').filter({ hasText: `${before + 2} van ${before + 2} medewerkers getoond` }).waitFor();
      await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Team Importproef (2)' });
      await page.getByRole('status').filter({ hasText: `2 van ${before + 2} medewerkers getoond` }).waitFor();
      const noor = page.getByRole('row').filter({ hasText: 'Noor Importeur' });
      const noorText = (await noor.textContent()) ?? '';
      expect(noorText).toContain('personeelsnr. 880001');
      expect(noorText).toContain('contract: tijdelijk');
      expect(noorText).toContain('sinds 2 nov 2026');
      expect(noorText).toContain('20 nov 2026');
      expect(noorText).toContain('mag worden gemonitord');
      const daan = page.getByRole('row').filter({ hasText: 'Daan Importeur' });
      const daanText = (await daan.textContent()) ?? '';
      expect(daanText).toContain('uitzendkracht');
      expect(daanText).toContain('nog niet geïnformeerd');
      expect(daanText).toContain('wordt niet gemonitord');
      await expect(daan.getByRole('link', { name: 'KSF-3.7' }).count()).resolves.toBe(1);
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByLabel('Zoeken op naam, personeelsnummer of team').fill('880002');
      await page.getByRole('status').filter({ hasText: `1 van ${before + 2} medewerkers getoond` }).waitFor();
      await page.getByRole('button', { name: 'Filters wissen' }).click();

      // A bad export: a valid row, then a date that is not one. Refused with
      // the line and column; nothing is stored, not even the valid row.
      const bad = [
        'personeelsnummer;naam;functie;team;in_dienst',
        '880003;Eva Foutloos;medewerker;Team Importproef;2026-11-02',
        '880004;Bas Foutief;medewerker;Team Importproef;31-13-2026',
        '',
      ].join('\n');
      await file.setInputFiles({ name: 'hr-fout.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
      await page.getByRole('button', { name: 'Importeren' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'line 3' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain("column 'in_dienst'");
      await page.getByText('De fout zit in regel 3, kolom „in_dienst”. Er is niets opgeslagen').waitFor();
      await expect(page.getByText(/is ingelezen/).count()).resolves.toBe(0);
      await shot(page, 'nl', 'manager-employees-import-error');
      await page.reload();
      await page.getByRole('status').filter({ hasText: `${before + 2} van ${before + 2} medewerkers getoond` }).waitFor();
      await page.getByLabel('Zoeken op naam, personeelsnummer of team').fill('Importeur');
      await page.getByRole('status').filter({ hasText: `2 van ${before + 2} medewerkers getoond` }).waitFor();
      await page.getByLabel('Zoeken op naam, personeelsnummer of team').fill('Fout');
      await page.getByText('Geen medewerkers gevonden met deze filters.').waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows complaints with their deadlines', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'manager', 'nl');
      await page.goto('/manager/complaints');
      const card = page.getByRole('article').filter({ hasText: 'Steekproef' });
      await card.getByText('in beroep bij de OR').waitFor();
      await card.locator('.days').first().waitFor();
      expect(await card.locator('.days').first().textContent()).toMatch(/dagen te laat|nog \d+ dag/);
      // An empty answer is caught at the field, before anything is sent.
      await card.getByRole('button', { name: 'Antwoord versturen' }).click();
      await card.getByText('Schrijf een antwoord.').waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tours every manager page in Dutch and English', async () => {
    await tour(browser, 'manager', [
      { path: '/manager/authorisations', name: 'manager-authorisations' },
      { path: '/manager/employees', name: 'manager-employees' },
      { path: '/manager/regulations', name: 'manager-regulations' },
      { path: '/manager/regulations/active', name: 'manager-regulation-active' },
      { path: '/manager/regulations/new?from=active', name: 'manager-regulation-new' },
      { path: '/manager/forms', name: 'manager-forms' },
      { path: '/manager/complaints', name: 'manager-complaints' },
      { path: '/manager/holds', name: 'manager-holds' },
      { path: '/manager/requests', name: 'manager-requests' },
      { path: '/manager/clients', name: 'manager-clients' },
    ]);
  });

  it('is usable at tablet width', async () => {
    const { context, page } = await openApp(browser, 'nl', { width: 768, height: 1024 });
    try {
      await login(page, 'manager', 'nl');
      await page.goto('/manager/forms');
      await page.getByRole('heading', { level: 1 }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.goto('/manager/regulations/new?from=active');
      await page.getByRole('button', { name: 'Opslaan als nieuw concept' }).waitFor();
      const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow2).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
