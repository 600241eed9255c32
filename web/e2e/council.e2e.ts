// The works council's journey: log in as `or`, see the versions of the
// regulation that await consent with what they change, have a consent with
// a date before the submission refused (KSF-3.11, reason and rule shown),
// consent to one version with a reference, refuse another with a reference
// and a reason and see both decisions in the versions table (the refusal
// with its date, reference and reason), and the manager sees the refusal's
// reference and reason too; the compliance dashboard's charts; the appeals;
// and every page in both languages.
//
// The demo has nothing submitted, so the setup plays management through the
// public API: two drafts from the active regulation, each submitted. Their
// version numbers come back from the server, so other journeys' drafts do
// not matter.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInputValue } from '../src/i18n/format';
import {
  apiCall as call,
  apiLogin,
  type ApiSession as Session,
  launch,
  login,
  openApp,
  pageErrors,
  shot,
  tabletWidths,
  tour,
} from './support';

interface RegulationBody {
  id: string;
  version: number;
  status: string;
  purposes: { purpose: string; frequency_quota: number }[];
  [key: string]: unknown;
}

const kDraftFields = [
  'title',
  'controller_name',
  'contact_email',
  'privacy_statement_url',
  'client_min_group_size',
  'extra_moments_per_period',
  'assessment_period_days',
  'complaint_term_days',
  'assessment_protocol_reference',
  'assessment_protocol_approved_at',
  'dpia_reference',
  'dpia_at',
  'change_legal_reason',
  'purposes',
];

// Management drafts a new version from the active one with `change`, fills
// what is still missing and submits it; returns the version number.
async function submitDraft(
  manager: Session,
  change: (draft: Record<string, unknown>, active: RegulationBody) => void,
): Promise<number> {
  const active = await call<RegulationBody>(manager, 'GET', '/api/v1/regulations/active');
  const draft: Record<string, unknown> = {};
  for (const field of kDraftFields) draft[field] = structuredClone(active[field]);
  // KSF-3.12: a change within a year names its legal reason.
  draft.change_legal_reason =
    'Aanpassing na de evaluatie van het eerste halfjaar, op verzoek van de ondernemingsraad.';
  change(draft, active);
  const created = await call<RegulationBody>(manager, 'POST', '/api/v1/regulations', draft);
  const gaps = await call<{ complete: boolean; missing: { rule: string }[] }>(
    manager,
    'GET',
    `/api/v1/regulations/${created.id}/missing`,
  );
  if (!gaps.complete) {
    throw new Error(`draft ${created.version} still misses ${gaps.missing.map((m) => m.rule).join(', ')}`);
  }
  await call(manager, 'POST', `/api/v1/regulations/${created.id}/submit`);
  return created.version;
}

function yesterday(): string {
  return dateInputValue(new Date(Date.now() - 24 * 60 * 60 * 1000));
}

let browser: Browser;
let consentVersion: number;
let rejectVersion: number;
let activeQuota: number;

beforeAll(async () => {
  browser = await launch();
  const manager = await apiLogin('manager');
  consentVersion = await submitDraft(manager, (draft, active) => {
    const purposes = draft.purposes as { purpose: string; frequency_quota: number }[];
    const coaching = purposes.find((p) => p.purpose === 'coaching');
    if (!coaching) throw new Error('the active regulation has no coaching purpose');
    activeQuota = active.purposes.find((p) => p.purpose === 'coaching')?.frequency_quota ?? 0;
    coaching.frequency_quota = Math.max(1, activeQuota - 1);
  });
  rejectVersion = await submitDraft(manager, (draft) => {
    draft.complaint_term_days = 60;
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('works council', () => {
  it('reviews the diff, is refused a consent dated before submission, consents and refuses', async () => {
    const rejectReference = `OR-weigering e2e-${rejectVersion}`;
    const rejectReason = 'Een klachttermijn van 60 dagen is te lang; de ondernemingsraad wil 30 dagen houden.';
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'or', 'nl');
      await page.waitForURL('**/council/consent');
      await expect(page.getByRole('heading', { level: 1, name: 'Ter instemming voorgelegd' }).isVisible()).resolves.toBe(true);

      const card = page.getByRole('article', { name: new RegExp(`^Versie ${consentVersion}:`) });
      await card.waitFor();
      await expect(card.getByText(/wijzigingen? ten opzichte van versie \d+ \(de actieve regeling\)/).isVisible()).resolves.toBe(true);
      const row = card.getByRole('row', { name: /Hoe vaak een medewerker gemonitord mag worden/ });
      await expect(row.textContent()).resolves.toContain('gewijzigd');
      await expect(row.locator('del').textContent()).resolves.toBe(String(activeQuota));
      await expect(row.locator('ins').textContent()).resolves.toBe(String(Math.max(1, activeQuota - 1)));
      // The legal reason is new text, shown word by word.
      const reason = card.getByRole('row', { name: /Wettelijke reden voor een wijziging binnen een jaar/ });
      await expect(reason.locator('ins').first().textContent()).resolves.toContain('Aanpassing');
      // What is missing arrives on its own request.
      await card.getByText(/Niets: alles wat de regeling/).waitFor();
      // The review in both languages, for the screenshots.
      await shot(page, 'nl', 'council-consent-review');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Submitted for consent' }).waitFor();
      await page.getByRole('article', { name: new RegExp(`^Version ${consentVersion}:`) }).getByText(/Nothing: everything/).waitFor();
      await shot(page, 'en', 'council-consent-review');
      await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ter instemming voorgelegd' }).waitFor();

      // KSF-3.11: a consent dated before the submission is refused, with the
      // reason and the rule.
      const reference = `OR-besluit e2e-${consentVersion}`;
      await card.getByLabel('Datum van het instemmingsbesluit').fill(yesterday());
      await card.getByLabel('Kenmerk van het instemmingsbesluit').fill(reference);
      await card.getByRole('button', { name: 'Instemming vastleggen' }).click();
      const refusal = card.getByRole('alert');
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toContain('Niet toegestaan door de regeling');
      await expect(refusal.textContent()).resolves.toContain('vóór het voorleggen');
      await expect(refusal.getAttribute('data-rule')).resolves.toBe('KSF-3.11');

      // Consent today with the reference.
      const today = await card.getByLabel('Datum van het instemmingsbesluit').getAttribute('max');
      await card.getByLabel('Datum van het instemmingsbesluit').fill(today ?? '');
      await card.getByRole('button', { name: 'Instemming vastleggen' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `De instemming met versie ${consentVersion} is vastgelegd (kenmerk: ${reference})` })
        .waitFor();
      await card.waitFor({ state: 'detached' });
      const versions = page.getByRole('table', { name: 'Alle versies van de regeling' });
      const consented = versions.locator(`tr[data-version="${consentVersion}"]`);
      await expect(consented.textContent()).resolves.toContain('ingestemd, nog niet actief');
      await expect(consented.textContent()).resolves.toContain(reference);

      // Refuse the other version with the reference of the decision.
      const other = page.getByRole('article', { name: new RegExp(`^Versie ${rejectVersion}:`) });
      const termRow = other.getByRole('row', { name: /Termijn waarbinnen het management een klacht oppakt/ });
      await expect(termRow.locator('ins').textContent()).resolves.toBe('60 dagen');
      await other.getByLabel('Kenmerk van het weigeringsbesluit').fill(rejectReference);
      await other.getByLabel('Reden van de weigering').fill(rejectReason);
      await other.getByRole('button', { name: 'Instemming weigeren' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `De instemming met versie ${rejectVersion} is geweigerd (kenmerk: ${rejectReference})` })
        .waitFor();
      await other.waitFor({ state: 'detached' });
      const refusedRow = versions.locator(`tr[data-version="${rejectVersion}"]`);
      const refusedText = (await refusedRow.textContent()) ?? '';
      expect(refusedText).toContain('instemming geweigerd');
      expect(refusedText).toMatch(/Geweigerd op \d{1,2} \S+ \d{4}/);
      expect(refusedText).toContain(rejectReference);
      expect(refusedText).toContain(`Reden: ${rejectReason}`);
      await shot(page, 'nl', 'council-consent-decided');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }

    // The manager sees the council's reference and reason, in the list and
    // on the version's page.
    const managerView = await openApp(browser, 'nl');
    try {
      const { page } = managerView;
      await login(page, 'manager', 'nl');
      await page.goto('/manager/regulations');
      await page.getByRole('heading', { level: 1, name: 'Regeling kwaliteitsmonitoring' }).waitFor();
      const row = page.locator(`tr[data-version="${rejectVersion}"]`);
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('afgewezen door de OR');
      expect(text).toMatch(/Instemming geweigerd op \d{1,2} \S+ \d{4}/);
      expect(text).toContain(`Kenmerk: ${rejectReference}`);
      expect(text).toContain(`Reden: ${rejectReason}`);
      await row.getByRole('link', { name: `Versie ${rejectVersion}` }).click();
      await page.getByRole('heading', { level: 1, name: `Regeling, versie ${rejectVersion}` }).waitFor();
      const status = page.getByRole('region', { name: 'Status' });
      await status.getByText(`Kenmerk: ${rejectReference}`).waitFor();
      await expect(status.getByText(`Reden: ${rejectReason}`).isVisible()).resolves.toBe(true);
      await expect(page.getByText(/logboek/).count()).resolves.toBe(0);
      // What the council refused is not edited in place.
      await expect(page.getByRole('button', { name: 'Concept opslaan' }).count()).resolves.toBe(0);
      await shot(page, 'nl', 'manager-regulation-rejected');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await managerView.context.close();
    }
  });

  it('reads the compliance dashboard: charts with their tables, and a period choice', async () => {
    const { context, page } = await openApp(browser, 'en');
    try {
      await login(page, 'or', 'en');
      await page.getByRole('link', { name: 'Compliance' }).click();
      await page.getByRole('heading', { level: 1, name: 'Compliance with the regulation' }).waitFor();
      const frequency = page.getByRole('figure', { name: 'Declared versus actual frequency per purpose' });
      await frequency.waitFor();
      await expect(frequency.locator('canvas').count()).resolves.toBe(1);
      await frequency.getByRole('button', { name: 'Show as table' }).click();
      const table = frequency.getByRole('table');
      await expect(table.isVisible()).resolves.toBe(true);
      await expect(table.getByRole('rowheader', { name: 'coaching' }).isVisible()).resolves.toBe(true);
      await expect(table.getByRole('columnheader', { name: 'Allowed per period' }).isVisible()).resolves.toBe(true);
      for (const name of [
        'Evaluations within the evaluation term per purpose',
        'Recordings destroyed per rule',
        'Recordings refused per rule',
      ]) {
        await expect(page.getByRole('figure', { name }).isVisible()).resolves.toBe(true);
      }
      await page.getByRole('button', { name: 'Last 90 days' }).click();
      await expect(page.getByRole('button', { name: 'Last 90 days' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await page.getByRole('figure', { name: 'Declared versus actual frequency per purpose' }).waitFor();
      await expect(page.getByText(/^Figures from .* under version \d+ of the regulation\.$/).isVisible()).resolves.toBe(true);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sees the appeals with their terms, and is kept out of the privacy officer’s audit log', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'or', 'nl');
      await page.goto('/council/appeals');
      await page.getByRole('heading', { level: 1, name: 'Beroepen bij de ondernemingsraad' }).waitFor();
      await page.waitForSelector('.loading', { state: 'detached' });
      const appeals = page.getByRole('article');
      if ((await appeals.count()) > 0) {
        const first = appeals.first();
        await expect(first.getByText('Termijn van het management').isVisible()).resolves.toBe(true);
        await expect(first.locator('.days').count()).resolves.toBe(1);
        await expect(first.getByLabel('Besluit van de ondernemingsraad').isVisible()).resolves.toBe(true);
      } else {
        await expect(page.getByText('Er wachten geen beroepen op een besluit.').isVisible()).resolves.toBe(true);
      }
      await page.goto('/privacy-officer/audit');
      await page.getByRole('heading', { level: 1, name: 'Niet voor uw rol' }).waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works at tablet width', async () => {
    const widths = await tabletWidths(browser, 'or', ['/council/consent', '/council/dashboard', '/council/register']);
    for (const { path, width } of widths) expect(width, path).toBeLessThanOrEqual(768);
  });

  it('tours every works council page in both languages', async () => {
    await tour(browser, 'or', [
      { path: '/council/consent', name: 'council-consent' },
      { path: '/council/dashboard', name: 'council-dashboard' },
      { path: '/council/appeals', name: 'council-appeals' },
      { path: '/council/register', name: 'council-register' },
      { path: '/council/dpia', name: 'council-dpia' },
    ]);
  });
});
