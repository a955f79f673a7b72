import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { ok, walkTo, type DossierDetail } from '../support/dossiers.js';
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

  it('shows a plan period report and downloads it as Excel', async () => {
    const page = await web.loginAs('director');
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByText('Quý I (10/12 – 10/3)').click();
    await page.getByRole('textbox', { name: 'Năm báo cáo' }).fill('2026');
    await expect.poll(() => page.getByText(/Kỳ báo cáo: từ 10\/12\/2025 đến 10\/03\/2026/).count()).toBe(1);
    expect(await page.getByTestId('report-totals').textContent()).toContain('Tiếp nhận trong kỳ');
    expect(await page.getByTestId('report-due-date').textContent()).toContain('Hạn gửi báo cáo: 12/03/2026');
    // Each chart is a titled figure with a text alternative and the table of its values.
    const chart = page.getByRole('figure', { name: 'Tỷ lệ giải quyết đúng hạn theo tháng' });
    await chart.waitFor();
    expect(await chart.getByRole('img').getAttribute('aria-label')).toContain('Tháng 12/2025');
    expect(await chart.getByRole('table').textContent()).toContain('Tháng 3/2026');
    for (const title of [
      'Thời gian giải quyết trung bình theo thủ tục (ngày làm việc)',
      'Hồ sơ trễ hạn theo đơn vị chủ trì',
      'Hồ sơ trễ hạn theo điểm tiếp nhận',
    ]) {
      await page.getByRole('figure', { name: title }).waitFor();
    }
    await screenshot(page, 'reports');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('bao-cao-2026-q1.xlsx');
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // The year holds dossiers handled today at three receiving units: its charts are what a manager reads.
    for (const receiver of ['receiver', 'tn-namdinh', 'tn-haihau']) {
      const received = (await ok(h.api.receive({}, {}, receiver))) as DossierDetail;
      await walkTo(h.api, received, null);
    }
    await page.getByText('Năm (10/12 – 10/12)').click();
    await expect.poll(() => page.getByText(/Kỳ báo cáo: từ 10\/12\/2025 đến 10\/12\/2026/).count()).toBe(1);
    const byMonth = page.getByRole('figure', { name: 'Tỷ lệ giải quyết đúng hạn theo tháng' });
    await byMonth.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-charts');
  });
});
