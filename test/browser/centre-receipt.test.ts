import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { receivingUnits } from '../../db/seed/organisation.seed.js';
import { ruleSets } from '../../domain/rules/rule-sets.js';
import { CORRECTION, dossierOf, ok, walkTo } from '../support/dossiers.js';
import { startDossierHarness, type DossierHarness } from '../support/harness.js';
import { openDossier, startConsole, type ConsoleDriver } from './console.js';

/**
 * Receipt under Decree 118/2025 in a real browser against the real app, worker, Temporal and PostgreSQL:
 * a commune point of the Centre receives a dossier filed by a representative, to be returned at the
 * Nam Định branch; the dossier page names both units and the representative; the province's seat does
 * not see it (the server scopes a Centre point to its dossiers); the branch's inbox holds it once it is
 * at the return step. An invalid CCCD is refused by the API, whose message shows under the field.
 */
let h: DossierHarness;
let web: ConsoleDriver;
let code: string;
const applicantName = `Đỗ Thị Hậu ${randomUUID().slice(0, 6)}`;
const unitName = (unit: string) => receivingUnits.find((u) => u.code === unit)!.name;

beforeAll(async () => {
  h = await startDossierHarness();
  web = await startConsole(h.app);
});
afterAll(async () => {
  await web?.close();
  await h?.stop();
});

/** A text field by its exact label (the representative's labels extend the applicant's). */
const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

/** The dossiers `username` finds with the API's search for the dossier code. */
async function found(username: string, query: string): Promise<number> {
  const res = await h.app.inject({
    url: `/dossiers?q=${encodeURIComponent(query)}`,
    headers: await h.api.as(username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number }>().total;
}

/** Waits for the inbox row of the dossier after a search, or for the empty inbox. */
async function inboxHas(page: Page, dossierCode: string): Promise<boolean> {
  await page.goto('/hop-viec');
  await page.getByLabel('Tìm kiếm').fill(dossierCode);
  const row = page.locator(`tr[data-code="${dossierCode}"]`);
  const empty = page.getByText('Không có hồ sơ nào chờ xử lý.');
  await row.or(empty).waitFor();
  return (await row.count()) === 1;
}

describe('receipt at a Centre point (Decree 118/2025)', () => {
  it('a commune point receives a dossier filed by a representative, returned at a branch', async () => {
    const page = await web.loginAs('tn-haihau');
    await expect.poll(() => page.getByTestId('officer-unit').textContent()).toContain(unitName('XA-HAIHAU'));
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    // Received at the commune's Centre, never "Bộ phận Một cửa".
    await page.getByRole('radio', { name: `Trực tiếp tại ${unitName('XA-HAIHAU')}` }).waitFor();
    expect(await page.locator('form').innerText()).not.toContain('Bộ phận Một cửa');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).click();
    await page.getByRole('option', { name: /Chỉnh sửa nội dung văn bằng/ }).click();
    await page.getByRole('checkbox', { name: /Đơn đề nghị chỉnh sửa/ }).waitFor();
    for (const checkbox of await page.getByRole('checkbox').all()) {
      const name = (await checkbox.getAttribute('value')) ?? '';
      if (CORRECTION.components.includes(name)) await checkbox.check();
    }
    await field(page, 'Họ và tên').fill(applicantName);
    await field(page, 'Địa chỉ').fill('Xóm 3, xã Hải Hậu, tỉnh Ninh Bình');
    await field(page, 'Số định danh cá nhân (CCCD)').fill('999090002468');
    await page.getByRole('checkbox', { name: 'Người nộp thay (được ủy quyền)' }).check();
    await field(page, 'Họ và tên người nộp thay').fill('Đỗ Văn Thay');
    await field(page, 'Số định danh cá nhân (CCCD) của người nộp thay').fill('036085001357');
    await field(page, 'Văn bản ủy quyền').fill('Giấy ủy quyền số 15/2026/UQ');
    await page.getByLabel('Ngày lập văn bản ủy quyền').fill('2026-11-30');
    // The counter of the officer's own unit by default; the applicant takes the result at the branch.
    const counter = page.getByRole('combobox', { name: 'Quầy trả kết quả' });
    expect(await counter.inputValue()).toBe(unitName('XA-HAIHAU'));
    await counter.click();
    await page.getByRole('option', { name: unitName('TTPVHCC-ND') }).click();

    // An ID number whose first digits code no province: the API refuses it under the field, nothing received.
    const refused = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/dossiers'),
    );
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    expect((await refused).status()).toBe(400);
    const idError = page.getByTestId('applicant-section').locator('.mantine-TextInput-error');
    await expect.poll(() => idError.textContent()).toContain('"999" không phải là mã tỉnh');
    expect(await page.getByTestId('receipt-done').count()).toBe(0);
    expect(await found('auditor', applicantName)).toBe(0);

    await field(page, 'Số định danh cá nhân (CCCD)').fill('036090002468');
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    const done = page.getByTestId('receipt-done');
    await done.waitFor();
    code = (await done.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/-\d{6}-\d{4}$/);

    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await expect.poll(() => page.getByTestId('received-unit').textContent()).toBe(unitName('XA-HAIHAU'));
    expect(await page.getByTestId('return-place').textContent()).toBe(`Tại ${unitName('TTPVHCC-ND')}`);
    expect(await page.getByTestId('rule-set').textContent()).toBe(ruleSets.ND118_2025.label);
    const applicant = (await page.getByTestId('applicant').textContent()) ?? '';
    expect(applicant).toContain('Xóm 3, xã Hải Hậu, tỉnh Ninh Bình');
    expect(await page.getByTestId('representative').textContent()).toBe(
      'Đỗ Văn Thay · CCCD 036085001357 · Giấy ủy quyền số 15/2026/UQ ngày 30/11/2026',
    );
    expect(await inboxHas(page, code)).toBe(true);
  });

  it("the province's seat does not find it; the branch that returns it does", async () => {
    expect(await found('tn-tinh', code)).toBe(0);
    expect(await found('tn-namdinh', code)).toBe(1);
    const seat = await web.loginAs('tn-tinh');
    await seat.goto(`/ho-so/${encodeURIComponent(code)}`);
    await expect.poll(() => seat.getByRole('alert').textContent()).toContain('Không tìm thấy hồ sơ');
  });

  it("at the return step the dossier is in the branch's inbox, no longer the commune's", async () => {
    await ok(h.api.act(code, 'complete', 'tn-haihau', { stepId: 'tiep-nhan' }));
    await walkTo(h.api, await dossierOf(h.api, code), 'tra-ket-qua');
    const branch = await web.loginAs('tn-namdinh');
    expect(await inboxHas(branch, code)).toBe(true);
    await openDossier(branch, code);
    expect(await branch.getByTestId('actions').getByRole('button').allTextContents()).toContain(
      'Trả kết quả cho công dân',
    );
    expect(await inboxHas(await web.loginAs('tn-haihau'), code)).toBe(false);
  });
});
