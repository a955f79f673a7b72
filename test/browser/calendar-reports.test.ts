import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDossierHarness, type DossierHarness } from '../support/harness.js';
import { screenshot, startConsole, type ConsoleDriver } from './console.js';

/** The calendar view (working and non-working days with reasons) and the periodic reports page. */
let h: DossierHarness;
let web: ConsoleDriver;

beforeAll(async () => {
  h = await startDossierHarness();
  web = await startConsole(h.app);
});
afterAll(async () => {
  await web?.close();
  await h?.stop();
});

describe('calendar and reports', () => {
  it('shows the working and non-working days of a month with their reasons', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/calendars/default/days?from=2027-01-01&to=2027-01-31',
      headers: await h.api.as('specialist'),
    });
    const days = res.json<{ days: { date: string; working: boolean; reasons: string[] }[] }>().days;
    const newYear = days.find((d) => d.date === '2027-01-01')!;
    expect(newYear.working).toBe(false);

    const page = await web.loginAs('specialist');
    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.getByTestId('calendar-grid').waitFor();
    await page.goto('/lich-lam-viec?thang=2026-12');
    await expect.poll(() => page.getByTestId('calendar-month').textContent()).toBe('Tháng 12/2026');
    await page.getByRole('button', { name: /Tháng sau/ }).click();
    await expect.poll(() => page.getByTestId('calendar-month').textContent()).toBe('Tháng 1/2027');
    const cell = page.locator('[data-date="2027-01-01"]');
    expect(await cell.getAttribute('data-working')).toBe('false');
    expect(await cell.textContent()).toContain(newYear.reasons[0]);
    const cells = page.locator('[data-date^="2027-01-"]');
    expect(await cells.count()).toBe(31);
    const working = page.locator('[data-date^="2027-01-"][data-working="true"]');
    expect(await working.count()).toBe(days.filter((d) => d.working).length);
    await screenshot(page, 'calendar');
  });

  // getReport (issue 8) is not in the app yet: choose Quý I 2026, read the window 10/12/2025 – 10/03/2026,
  // download the .xlsx. The reports page is built against the announced contract.
  it.todo('shows a plan period report and downloads it as Excel');
});
