import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { createTokenService, officerToPrincipal } from '../../api/auth.js';
import { toVnDate } from '../../domain/calendar/index.js';
import { planPeriod, planPeriodLabels } from '../../domain/report/index.js';
import { findOfficerByUsername } from '../../db/organisation.repository.js';
import { devPassword } from '../../db/seed/organisation.seed.js';
import { testJwtSecret } from '../support/app.js';
import { applicant, CORRECTION, dossierOf, ok, walkTo } from '../support/dossiers.js';
import { startDossierHarness, type DossierHarness } from '../support/harness.js';
import { eventually } from '../support/temporal.js';
import { startConsole, type ConsoleDriver, openDossier } from './console.js';
import { procedureCode } from '../support/catalog.js';

/**
 * The officer console's rough edges, in a real browser against the real app, worker, Temporal and
 * PostgreSQL: assignment offers only eligible officers, a session is kept alive while the officer works
 * and an expired one loses no typed data.
 */
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

/** The console's token (sessionStorage `motcua.token`; the root tsconfig has no DOM types). */
const tokenOf = (page: Page) => page.evaluate<string | null>("sessionStorage.getItem('motcua.token')");
const setToken = (page: Page, token: string) =>
  page.evaluate(`sessionStorage.setItem('motcua.token', ${JSON.stringify(token)})`);

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(devPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe('officer console rough edges', () => {
  it('the assign dialog offers only the officers of the step role and division, by full name', async () => {
    const code = (await ok(h.api.receive())).code;
    await walkTo(h.api, await dossierOf(h.api, code), 'tham-dinh');
    const head = await web.loginAs('head');
    await openDossier(head, code);
    await head.getByTestId('actions').getByRole('button', { name: 'Phân công xử lý' }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Cán bộ xử lý' }).click();
    const options = head.getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['Trần Văn Minh']);
    await options.first().click();
    await dialog.getByRole('button', { name: 'Phân công' }).click();
    await head.getByTestId('action-done').waitFor();
    expect((await dossierOf(h.api, code)).currentStep?.assignee?.username).toBe('specialist');
  });

  it('refreshes the token while the officer works', async () => {
    const page = await web.loginAs('receiver');
    // A token of this officer with 10 minutes left (issued 20 minutes ago).
    const officer = await findOfficerByUsername(h.db, 'receiver');
    const old = await createTokenService({
      secret: testJwtSecret,
      now: () => new Date(Date.now() - 20 * 60_000),
    }).sign(officerToPrincipal(officer!));
    await setToken(page, old.token);
    await page.getByLabel('Tìm kiếm').click();
    await page.keyboard.type('a');
    await expect.poll(() => tokenOf(page)).not.toBe(old.token);
    const fresh = (await tokenOf(page))!;
    const me = await h.app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${fresh}` } });
    expect(me.statusCode).toBe(200);
  });

  it('an expired session during receipt keeps the typed data and restores it after signing in', async () => {
    const page = await web.loginAs('receiver');
    await page.goto('/tiep-nhan');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).click();
    await page.getByRole('option', { name: /Chỉnh sửa nội dung văn bằng/ }).click();
    await page.getByRole('checkbox', { name: /Đơn đề nghị chỉnh sửa/ }).waitFor();
    for (const checkbox of await page.getByRole('checkbox').all()) {
      const name = (await checkbox.getAttribute('value')) ?? '';
      if (CORRECTION.components.includes(name)) await checkbox.check();
    }
    await page.getByLabel('Họ và tên').fill('Trịnh Thị Phiên Hết Hạn');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('036090007777');
    await page.getByLabel('Địa chỉ').fill('Xã Gia Viễn, tỉnh Ninh Bình');
    await page.getByLabel('Số điện thoại').fill('0987 654 321');
    expect(await page.getByTestId('draft-restored').count()).toBe(0);

    // The session dies (the token is no longer accepted) while the officer is typing.
    await setToken(page, 'het-han.khong-hop-le.x');
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await page.waitForURL(/\/dang-nhap\?sau=%2Ftiep-nhan/);
    await signIn(page, 'receiver');
    await page.waitForURL('**/tiep-nhan');
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByTestId('draft-restored').textContent()).toContain('Đã khôi phục');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trịnh Thị Phiên Hết Hạn');
    expect(await page.getByLabel('Số định danh cá nhân (CCCD)').inputValue()).toBe('036090007777');
    expect(await page.getByLabel('Địa chỉ').inputValue()).toBe('Xã Gia Viễn, tỉnh Ninh Bình');
    expect(await page.getByLabel('Số điện thoại').inputValue()).toBe('0987 654 321');
    expect(await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).inputValue()).toMatch(
      /Chỉnh sửa nội dung văn bằng/,
    );
    await expect.poll(() => page.getByRole('checkbox', { checked: true }).count()).toBe(5);

    // Received: the draft is gone (another officer's or the next dossier's form starts empty).
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await page.getByTestId('receipt-done').waitFor();
    await page.goto('/tiep-nhan');
    await page.getByLabel('Họ và tên').waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('');
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
  });

  it('a 200-character applicant name leaves every inbox column visible at 1024 px', async () => {
    const tag = `Dài${Date.now().toString(36)}`;
    const fullName = `${tag} ${'Công Tôn Nữ Thị Huyền Trang '.repeat(8)}`.slice(0, 200).trim();
    expect(fullName.length).toBeGreaterThan(195);
    const code = (
      await ok(h.api.receive({ applicant: { ...applicant, fullName, idNumber: '036090004444' } }))
    ).code;
    const page = await web.loginAs('receiver');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByLabel('Tìm kiếm').fill(tag);
    const row = page.locator(`tr[data-code="${code}"]`);
    await row.waitFor();
    // The server counted what it found (one dossier), not what the page shows.
    await expect.poll(() => page.getByTestId('inbox-total').textContent()).toMatch(/^1 hồ sơ/);
    const headers = page.getByTestId('inbox-table').locator('th');
    expect(await headers.count()).toBe(7);
    for (const th of await headers.all()) {
      const box = (await th.boundingBox())!;
      const name = (await th.textContent()) ?? '';
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(1024);
      expect(box.width, name).toBeGreaterThan(40);
    }
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    // Cut on screen, whole on hover.
    const applicantCell = row.getByTestId('inbox-applicant');
    expect(await applicantCell.getAttribute('title')).toBe(fullName);
    expect((await applicantCell.boundingBox())!.height).toBeLessThan(40);
  });

  it('reports: the current window by default, names readable, Vietnamese indicators, a titled workbook', async () => {
    // The window of today, as the domain computes it: the first plan window of the year that holds today.
    const today = toVnDate(Date.now());
    const year = Number(today.slice(0, 4));
    const windows = (['q1', 'h1', 'q3', 'year'] as const)
      .flatMap((kind) => [planPeriod(kind, year), planPeriod(kind, year + 1)])
      .filter((p) => p.from <= today && today <= p.to)
      .sort((a, b) => a.to.localeCompare(b.to));
    const current = windows[0]!;
    await ok(h.api.receive());

    const page = await web.loginAs('director');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    const [y, m, d] = current.from.split('-');
    const [y2, m2, d2] = current.to.split('-');
    await expect
      .poll(() => page.getByText(/^Kỳ báo cáo: từ/).textContent())
      .toContain(`từ ${d}/${m}/${y} đến ${d2}/${m2}/${y2}`);
    expect(await page.getByRole('textbox', { name: 'Năm báo cáo' }).inputValue()).toBe(String(current.year));

    const indicators = page.getByTestId('report-indicators');
    await indicators.waitFor();
    const indicatorText = (await indicators.textContent()) ?? '';
    expect(indicatorText).toContain('Tỷ lệ hồ sơ giải quyết đúng hạn');
    expect(indicatorText).not.toMatch(/[A-Z]{2,}_[A-Z_0-9]+/);
    // A dossier received today is in the window: the table by procedure has a row, its name in view.
    const byProcedure = page.getByTestId('report-byProcedure');
    await byProcedure.waitFor();
    const nameHeader = byProcedure.getByRole('columnheader', { name: 'Tên thủ tục hành chính' });
    const box = (await nameHeader.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(250);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${current.year}-${current.kind}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(workbook.title).toBe(
      `BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH – ${planPeriodLabels[current.kind!]} năm ${current.year} ` +
        `(từ ${d}/${m}/${y} đến ${d2}/${m2}/${y2})`,
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo thủ tục',
      'Theo đơn vị',
      'Theo điểm tiếp nhận',
      'Chỉ số QĐ 766',
      'Chỉ số theo thủ tục',
      'Chỉ số theo đơn vị',
      'Chỉ số theo điểm tiếp nhận',
    ]);
  });

  it('the fee is visible to the officer at the payment step', async () => {
    // Bản sao văn bằng: 10.000 đồng per copy, paid at the step after receipt.
    const code = (
      await ok(
        h.api.receive({ procedureCode: procedureCode('3.000465'), components: ['DON', 'GTTT'], copies: 2 }),
      )
    ).code;
    await ok(h.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    const payment = await eventually(async () => {
      const view = (await h.api.get(code)).json<{
        payment: { reference: string; payUrl: string | null; copies: number | null } | null;
      }>();
      return view.payment?.payUrl ? view.payment : undefined;
    });
    expect(payment.copies).toBe(2);

    const page = await web.loginAs('receiver');
    await openDossier(page, code);
    const fee = page.getByTestId('fee');
    await fee.waitFor();
    const text = (await fee.textContent()) ?? '';
    expect(text).toContain('20.000 đồng');
    expect(text).toContain('2 bản × 10.000 đồng');
    expect(text).toContain(payment.reference);
    expect(await page.getByTestId('fee-status').textContent()).toBe('Chưa thanh toán');
    expect(await page.getByTestId('fee-link').getAttribute('href')).toBe(payment.payUrl);
    expect(await page.getByTestId('current-step').textContent()).toMatch(/Thu phí/);
  });

  it('no English word or slug where a person reads, on every page', async () => {
    const code = (await ok(h.api.receive())).code;
    await walkTo(h.api, await dossierOf(h.api, code), 'tham-dinh');
    const offenders = new Map<string, Set<string>>();
    const scan = async (page: Page, where: string) => {
      await page.waitForLoadState('networkidle');
      for (const word of foreignWords(await page.evaluate<string>('document.body.innerText'))) {
        offenders.set(word, (offenders.get(word) ?? new Set()).add(where));
      }
    };
    const receiver = await web.loginAs('receiver');
    await scan(receiver, 'hộp việc');
    await receiver.goto('/tiep-nhan');
    await receiver.getByRole('combobox', { name: 'Thủ tục hành chính' }).click();
    await receiver.getByRole('option', { name: /Chỉnh sửa nội dung văn bằng/ }).click();
    await receiver.getByRole('checkbox', { name: /Đơn đề nghị chỉnh sửa/ }).waitFor();
    await scan(receiver, 'tiếp nhận');
    const head = await web.loginAs('head');
    await openDossier(head, code);
    await head.getByTestId('timeline-item').nth(2).waitFor();
    await scan(head, 'hồ sơ');
    await head.getByTestId('actions').getByRole('button', { name: 'Hoàn thành bước, chuyển tiếp' }).click();
    await head.getByTestId('next-step').waitFor();
    expect(await head.getByTestId('next-step').textContent()).toMatch(/Chuyển đến bước «.+»/);
    await scan(head, 'hộp thoại chuyển bước');
    await head.goto('/lanh-dao');
    await scan(head, 'hồ sơ trễ hạn');
    const director = await web.loginAs('director');
    for (const path of ['/lich-lam-viec', '/bao-cao']) {
      await director.goto(path);
      await scan(director, path);
    }
    const anonymous = await web.anonymous();
    await anonymous.goto('/dang-nhap');
    await scan(anonymous, 'đăng nhập');
    await anonymous.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
    await scan(anonymous, 'tra cứu');
    expect(Object.fromEntries([...offenders].map(([w, at]) => [w, [...at]]))).toEqual({});
  });
});

/** Names and acronyms a Vietnamese officer reads as they are. */
const ALLOWED = new Set(['temporal', 'web', 'excel', 'openapi', 'pdf', 'xlsx', 'email']);
/** English words that happen to look like Vietnamese syllables without their diacritics. */
const ENGLISH = new Set(
  'the then than this that thin not get set put has had him her his its may see saw use cut hit hot let'.split(
    ' ',
  ),
);
/** An ASCII syllable a Vietnamese word may be written with once its marks are dropped (or never had any). */
const VIETNAMESE_SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(uye|uya|uoi|uou|ieu|yeu|oai|oay|uay|oa|oe|uy|ua|uo|ia|ie|ye|ai|ao|au|ay|eo|eu|iu|oi|ui|uu|ua|[aeiouy])(ch|ng|nh|[cmnpt]|[iouy])?$/;

/**
 * The words of a page a person would read as English or as a slug: ASCII words of 3+ letters with a
 * lower-case letter that are not a Vietnamese syllable shape, common English words that look like one,
 * and kebab or snake identifiers (`tham-dinh`, `on_time`). Upper-case acronyms (BPMC, QLCL), dossier and
 * procedure codes and the brands of {@link ALLOWED} pass.
 */
function foreignWords(page: string): string[] {
  // E-mail addresses are the applicant's data (the dossier page shows them), not words of the console.
  const text = page.replace(/\S+@\S+/g, ' ');
  const out = new Set<string>();
  for (const slug of text.match(/\b[a-z]+(?:[-_][a-z]+)+\b/g) ?? []) out.add(slug);
  // Runs with a digit are codes or data (`H42`, `Dài1a2b`), not words.
  for (const raw of text.match(/[A-Za-zÀ-ỹĐđ0-9]+/g) ?? []) {
    if (!/^[A-Za-z]{3,}$/.test(raw) || !/[a-z]/.test(raw)) continue;
    const word = raw.toLowerCase();
    if (ALLOWED.has(word)) continue;
    if (ENGLISH.has(word) || !VIETNAMESE_SYLLABLE.test(word)) out.add(raw);
  }
  return [...out];
}
