// The agent's journeys ("Mijn monitoring") against a real `fairqm serve` with
// the demo data: open an evaluation, give a view and acknowledge it; listen
// to a recording with the evaluator's notes; request extra moments until the
// regulation refuses the fourth (KSF-4.7); download all my data (AVG-15);
// see the live banner when the capture source records a contact of mine
// (TRANSPARENCY-live); and a tour of every agent page in both languages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launch, login, openApp, pageErrors, tour } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible' });
  return locator.first();
}

interface Evaluation {
  id: string;
  status: string;
  acknowledged_at: string | null;
  destroyed_at: string | null;
  recording_ids: string[];
  notes: { recording_id: string; text: string }[];
}

interface Recording {
  id: string;
  media_type: string;
  destroyed_at: string | null;
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

// The files of a ustar archive, by name.
function untar(buffer: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const text = (from: number, length: number) =>
      header.subarray(from, from + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const type = text(156, 1);
    offset += 512;
    if (type === '0' || type === '') files.set(name, buffer.subarray(offset, offset + size));
    offset += Math.ceil(size / 512) * 512;
  }
  return files;
}

describe('agent: Mijn monitoring', () => {
  it('opens an evaluation, gives a view, acknowledges it and sees the status change (nl)', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'agent', 'nl');
      expect(new URL(page.url()).pathname).toBe('/me');
      await visible(page.getByRole('heading', { level: 1, name: 'Mijn monitoring' }));
      await page.getByRole('navigation').getByRole('link', { name: 'Mijn evaluaties' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Mijn evaluaties' }));
      // One shared with me and not yet acknowledged (the demo has one).
      const waiting = page.locator('tr', { has: page.locator('[data-stage="to_acknowledge"]') });
      await visible(waiting);
      const id = await waiting.first().getAttribute('data-evaluation');
      expect(id).toBeTruthy();
      await waiting.first().getByRole('link').click();
      await page.waitForURL(`**/me/evaluations/${id}`);
      await visible(page.getByRole('heading', { level: 2, name: 'Scores en opmerkingen' }));
      expect(await page.locator('[data-stage]').first().textContent()).toBe('wacht op u');

      const view = `Ik herken het verbeterpunt en ga het samenvatten oefenen (${Date.now()}).`;
      await page.getByLabel('Uw visie op deze evaluatie').fill(view);
      await page.getByRole('button', { name: 'Visie opslaan' }).click();
      await visible(page.getByRole('status').filter({ hasText: 'Uw visie is opgeslagen.' }));
      await visible(page.locator('blockquote').filter({ hasText: view }));

      await page.getByRole('button', { name: 'Voor gezien tekenen' }).click();
      await visible(
        page.getByRole('status').filter({ hasText: 'U heeft de evaluatie voor gezien getekend.' }),
      );
      await visible(page.getByText(/U heeft deze evaluatie op .+ voor gezien getekend\./));
      expect(await page.locator('[data-stage]').first().textContent()).toBe('voor gezien getekend');
      expect(await page.getByRole('button', { name: 'Voor gezien tekenen' }).count()).toBe(0);

      // The list shows the new status too, and the server kept it.
      await page.getByRole('link', { name: 'Terug naar mijn evaluaties' }).click();
      const row = page.locator(`tr[data-evaluation="${id}"]`);
      await visible(row);
      expect(await row.locator('[data-stage]').textContent()).toBe('voor gezien getekend');
      const saved = await getJson<Evaluation & { agent_view: string }>(page, `/api/v1/evaluations/${id}`);
      expect(saved.acknowledged_at).toBeTruthy();
      expect(saved.agent_view).toBe(view);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("listens to a recording with the evaluator's notes on the waveform (en)", async () => {
    const { context, page } = await openApp(browser, 'en');
    try {
      await login(page, 'agent', 'en');
      const { items } = await getJson<{ items: Evaluation[] }>(page, '/api/v1/me/evaluations');
      const withNote = items.find((e) => !e.destroyed_at && e.status !== 'draft' && e.notes.length > 0);
      expect(withNote, 'an evaluation of mine with a note').toBeTruthy();
      const note = withNote!.notes[0];
      await page.goto(`/me/evaluations/${withNote!.id}`);
      await page.getByRole('link', { name: `Listen to recording ${note.recording_id}` }).click();
      await page.waitForURL(`**/me/recordings/${note.recording_id}`);
      await visible(page.getByRole('heading', { level: 1, name: /^Recording of / }));
      const player = await visible(page.getByRole('region', { name: /^Player: Recording of / }));
      // The audio arrives (no refusal) and the note is on the waveform's list.
      await visible(player.getByRole('button', { name: 'Play' }));
      await visible(player.getByText(note.text));
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('requests extra moments until the regulation refuses the fourth (KSF-4.7, en)', async () => {
    const { context, page } = await openApp(browser, 'en');
    try {
      await login(page, 'agent', 'en');
      await page.getByRole('navigation').getByRole('link', { name: 'My requests' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'My requests' }));
      const counter = await visible(page.locator('.agent-counter'));
      const allowed = Number(await counter.getAttribute('data-allowed'));
      let left = Number(await counter.getAttribute('data-left'));
      expect(allowed).toBe(3);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThanOrEqual(3);
      await visible(page.getByText(`${left} of ${allowed} left`));
      const reason = page.getByLabel('Why would you like an extra moment?');
      const submit = page.getByRole('button', { name: 'Request an extra moment' });
      // Use what is left (the demo agent starts with all three).
      while (left > 0) {
        await reason.fill(`I want to show my progress (${left}).`);
        await submit.click();
        await visible(
          page.getByRole('status').filter({ hasText: 'Your request was granted: an extra moment' }),
        );
        left -= 1;
        await visible(page.locator(`.agent-counter[data-left="${left}"]`));
      }
      await visible(page.getByText(`0 of ${allowed} left`));
      const granted = page.locator('tr[data-kind="extra_moment"][data-status="granted"]');
      await visible(granted);
      expect(await granted.count()).toBeGreaterThanOrEqual(allowed);

      // The fourth: refused by the regulation, with the reason and the rule.
      await reason.fill('One more, please.');
      await submit.click();
      const refusal = await visible(
        page.getByRole('alert').filter({ hasText: 'Not allowed by the regulation' }),
      );
      expect(await refusal.getAttribute('data-rule')).toBe('KSF-4.7');
      await visible(refusal.getByRole('link', { name: 'KSF-4.7' }));
      const text = (await refusal.textContent()) ?? '';
      expect(text.replace('Not allowed by the regulation', '').replace(/Rule:\s*KSF-4\.7/, '').trim())
        .not.toBe('');
      expect(await page.locator('.agent-counter').getAttribute('data-left')).toBe('0');
      await visible(page.getByText(`0 of ${allowed} left`));
      await visible(page.getByText('You have used all extra moments of this period.'));
      expect(await page.getByRole('status').filter({ hasText: 'Your request was granted' }).count()).toBe(0);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('downloads all my data, and sees the live banner when a contact is recorded (nl)', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'agent', 'nl');
      const session = await getJson<{ account: { employee_id: string } }>(page, '/api/v1/session');
      const me = session.account.employee_id;
      await page.getByRole('navigation').getByRole('link', { name: 'Mijn gegevens downloaden' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Mijn gegevens downloaden' }));
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Al mijn gegevens downloaden' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/\.tar$/);
      await visible(page.getByRole('status').filter({ hasText: /^Gedownload: .+\.tar \(/ }));
      const files = untar(readFileSync(await download.path()));
      const indexName = [...files.keys()].find((name) => name.endsWith('/index.json'));
      expect(indexName, [...files.keys()].join(', ')).toBeTruthy();
      const index = JSON.parse(files.get(indexName!)!.toString('utf8')) as {
        employee: { id: string };
        lines: { number: string; kind: string }[];
      };
      expect(index.employee.id).toBe(me);

      // TRANSPARENCY-live: the capture source (the PBX, which knows my line
      // — as does my export) records a contact of mine as a granted extra
      // moment (KSF-4.7: always recorded, outside the sample).
      const line = index.lines.find((l) => l.kind === 'business');
      expect(line, 'a business line of mine').toBeTruthy();
      const requests = await getJson<{ items: { id: string; kind: string; status: string }[] }>(
        page,
        '/api/v1/me/requests',
      );
      let extra = requests.items.find((r) => r.kind === 'extra_moment' && r.status === 'granted');
      if (!extra) {
        const csrf = (await getJson<{ csrf_token: string }>(page, '/api/v1/session')).csrf_token;
        const made = await page.request.post('/api/v1/me/requests/extra-moment', {
          headers: { 'X-CSRF-Token': csrf },
          data: { reason: 'For the live banner journey.' },
        });
        expect(made.status(), await made.text()).toBe(201);
        extra = (await made.json()) as { id: string; kind: string; status: string };
      }
      const listening = page.waitForResponse((r) => r.url().includes('/api/v1/me/notices'));
      await page.goto('/me');
      await visible(page.getByRole('heading', { level: 1, name: 'Mijn monitoring' }));
      await listening;
      const token = readFileSync(resolve(inject('dataDir'), 'demo-capture-token'), 'utf8').trim();
      const answer = await fetch(`${baseUrl()}/api/v1/captures`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          agent: me,
          channel: 'voice',
          line: line!.number,
          purpose: 'assessment',
          announced: true,
          extra_moment_request: extra!.id,
        }),
      });
      const decided = (await answer.json()) as { record: boolean; ticket?: string };
      expect(answer.status).toBe(200);
      expect(decided.record, JSON.stringify(decided)).toBe(true);
      const banner = await visible(page.locator('.live-banner'));
      expect(await banner.getAttribute('role')).toBe('status');
      const item = await visible(banner.locator('li[data-kind="recording_started"]'));
      await visible(item.getByText('Opname:'));
      await visible(item.getByText('Dit contact (gesprek) wordt opgenomen voor beoordeling.'));
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives and withdraws a consent, and files a complaint (nl)', async () => {
    const { context, page } = await openApp(browser, 'nl');
    try {
      await login(page, 'agent', 'nl');
      await page.getByRole('navigation').getByRole('link', { name: 'Toestemmingen' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Mijn toestemmingen' }));
      await page.getByLabel('Een opname langer bewaren (bewaarverlenging)').check();
      const recordingId = await page.getByLabel('Welke opname?').inputValue();
      expect(recordingId).toMatch(/^rec-/);
      await page.getByLabel('Dringende reden om de opname te bewaren').fill('De klacht van de klant loopt nog.');
      const until = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await page.getByLabel('Bewaren tot').fill(until);
      await page.getByRole('button', { name: 'Toestemming geven' }).click();
      await visible(page.getByRole('status').filter({ hasText: 'Uw toestemming is vastgelegd.' }));
      const withdraw = page.getByRole('button', { name: `Toestemming voor opname ${recordingId} intrekken` });
      await visible(withdraw);
      const row = page.locator('tr', { has: withdraw });
      await visible(row.getByText('geldig'));
      await withdraw.click();
      await visible(page.getByRole('status').filter({ hasText: 'Uw toestemming is ingetrokken.' }));
      await visible(page.locator('tr', { hasText: recordingId }).getByText(/^ingetrokken op /));

      await page.getByRole('navigation').getByRole('link', { name: 'Klachten' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Mijn klachten' }));
      const subject = `Steekproef ${Date.now()}`;
      await page.getByLabel('Onderwerp').fill(subject);
      await page.getByLabel('Uw klacht').fill('Ik word vaker opgenomen dan collega\'s.');
      await page.getByRole('button', { name: 'Klacht indienen' }).click();
      await visible(page.getByRole('status').filter({ hasText: /^Uw klacht is ingediend\./ }));
      const card = await visible(page.locator('li[data-complaint]', { hasText: subject }));
      await visible(card.getByText('ingediend', { exact: true }));
      await visible(card.getByText(/^Antwoord uiterlijk/));
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tours every agent page in Dutch and English', async () => {
    const { context, page } = await openApp(browser, 'nl');
    let evaluationId = '';
    let recordingId = '';
    try {
      await login(page, 'agent', 'nl');
      const evaluations = await getJson<{ items: Evaluation[] }>(page, '/api/v1/me/evaluations');
      const recordings = await getJson<{ items: Recording[] }>(page, '/api/v1/me/recordings');
      const evaluation = evaluations.items.find((e) => e.notes.length > 0) ?? evaluations.items[0];
      expect(evaluation, 'an evaluation of mine').toBeTruthy();
      evaluationId = evaluation.id;
      const noted = evaluation.notes[0]?.recording_id;
      const live = recordings.items.filter((r) => !r.destroyed_at && r.media_type.startsWith('audio/'));
      recordingId = live.find((r) => r.id === noted)?.id ?? live[0]?.id ?? '';
      expect(recordingId, 'a recording of mine').not.toBe('');
    } finally {
      await context.close();
    }
    await tour(browser, 'agent', [
      { path: '/me', name: 'agent-overview' },
      { path: '/me/monitors', name: 'agent-monitors' },
      { path: '/me/recordings', name: 'agent-recordings' },
      { path: `/me/recordings/${recordingId}`, name: 'agent-recording' },
      { path: '/me/evaluations', name: 'agent-evaluations' },
      { path: `/me/evaluations/${evaluationId}`, name: 'agent-evaluation' },
      { path: '/me/requests', name: 'agent-requests' },
      { path: '/me/consents', name: 'agent-consents' },
      { path: '/me/complaints', name: 'agent-complaints' },
      { path: '/me/access-log', name: 'agent-access-log' },
      { path: '/me/export', name: 'agent-export' },
    ]);
  });
});
