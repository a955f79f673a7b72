import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import { startNationalPortalStandin, type NationalPortalStandin } from '../../dev/national-portal-standin.js';
import type { VnpaySandbox } from '../../dev/vnpay-sandbox.js';
import { freePort } from '../../scripts/net.js';
import { devPassword } from '../../db/seed/organisation.seed.js';
import { testCitizens } from '../support/citizen.js';
import { dossierOf, finishCurrentStep, samplePdf, type DossierDetail } from '../support/dossiers.js';
import { startDossierHarness, type DossierHarness } from '../support/harness.js';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc.js';
import { COPY } from '../support/payments.js';
import { minimalPdf } from '../support/pdf.js';
import { eventually } from '../support/temporal.js';
import { TEST_HASH_SECRET, TEST_TMN_CODE, startTestVnpay, terminalOf } from '../support/vnpay.js';
import { chromiumPath } from './console.js';

/**
 * Full online service (DVC trực tuyến toàn trình), the citizen's path in Chromium against the real app,
 * worker, Temporal, PostgreSQL, the local OpenID Connect provider, the VNPAY sandbox and the national
 * portal's stand-in: a citizen signs in with the e-ID, files a dossier with three uploads, the desk
 * accepts it, the divisions handle it, the citizen pays the fee through the gateway (return + IPN), the
 * result is returned online, the citizen downloads and rates it; the national portal received statuses
 * 1, 2, 4, 6, 4, 9, 10, in order, each once.
 */
const PROCEDURE = 'E2E.DVC.1';
const FEE = 20_000;
const TOKEN = 'national-portal-token-of-the-e2e-test';
const citizen = testCitizens.an;

let h: DossierHarness;
let oidc: TestOidcProvider;
let vnpay: VnpaySandbox;
let standin: NationalPortalStandin;
let browser: Browser;
let baseUrl: string;

/** A fully online, fee-bearing procedure whose fee is asked after appraisal (so statuses go 4 → 6 → 4). */
async function publishProcedure(): Promise<void> {
  const res = await h.app.inject({ url: `/procedures/${COPY.code}`, headers: await h.api.as('admin') });
  const copy = res.json<{ definition: ProcedureDefinition }>().definition;
  const [receive, pay, appraise, sign, digitise, giveBack] = copy.steps;
  const definition: ProcedureDefinition = {
    ...copy,
    code: PROCEDURE,
    name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc (thử nghiệm trực tuyến toàn trình)',
    onlineLevel: 'full',
    legalLimit: { amount: 3, unit: 'working_days' },
    fee: { amount: FEE },
    components: copy.components.slice(0, 3).map((c) => ({ ...c, required: true })),
    steps: [receive!, appraise!, pay!, sign!, digitise!, giveBack!],
  };
  delete (definition as { escalation?: unknown }).escalation;
  const published = await h.app.inject({
    method: 'POST',
    url: '/procedures',
    headers: { ...(await h.api.as('admin')), 'idempotency-key': `e2e-${Date.now()}` },
    payload: definition,
  });
  expect(published.statusCode, published.body).toBe(201);
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  oidc = await startTestOidcProvider({ redirectUri: `${baseUrl}/portal/auth/callback` });
  vnpay = await startTestVnpay();
  vnpay.configureMerchant({
    tmnCode: TEST_TMN_CODE,
    hashSecret: TEST_HASH_SECRET,
    ipnUrl: `${baseUrl}/payments/vnpay/ipn`,
  });
  standin = await startNationalPortalStandin({ token: TOKEN });
  h = await startDossierHarness({
    nationalPortal: { syncUrl: standin.url, token: TOKEN },
    app: {
      citizenLogin: oidc.settings,
      vnpay: { terminal: terminalOf(vnpay), publicBaseUrl: baseUrl },
    },
  });
  await publishProcedure();
  await h.app.listen({ host: '127.0.0.1', port });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await standin?.close();
  await vnpay?.close();
  await oidc?.close();
});

/** A phone-sized browser session of the citizen (the portal is mobile-first). */
async function citizenPage(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'vi-VN',
    timezoneId: 'UTC',
    viewport: { width: 390, height: 844 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

/**
 * What a keyboard or screen-reader user needs of the page as it is: every visible control has an
 * accessible name, and nothing is wider than the phone's screen.
 */
async function expectUsable(page: Page): Promise<void> {
  expect(await page.evaluate<string[]>(USABILITY_PROBLEMS)).toEqual([]);
}

/** Run in the page (the tests have no DOM types): the unnamed visible controls and a too-wide page. */
const USABILITY_PROBLEMS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
    if (el.offsetParent === null || getComputedStyle(el).visibility === 'hidden' || el.type === 'hidden') continue;
    const named =
      (el.labels && el.labels.length > 0) ||
      (el.getAttribute('aria-label') || '').trim() !== '' ||
      el.hasAttribute('aria-labelledby') ||
      (el.getAttribute('title') || '').trim() !== '' ||
      (el.tagName !== 'INPUT' && (el.textContent || '').trim() !== '');
    if (!named) out.push(el.outerHTML.slice(0, 120));
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    out.push('page ' + document.documentElement.scrollWidth + 'px wide on a ' + window.innerWidth + 'px screen');
  }
  return out;
})()`;

/** Finishes officer steps until the dossier is at a step of `kind` (or has none left). */
async function officersUntil(code: string, kind: string | null): Promise<DossierDetail> {
  let d = await dossierOf(h.api, code);
  while ((d.currentStep?.kind ?? null) !== kind) d = await finishCurrentStep(h.api, d);
  return d;
}

describe('full online service, the citizen in a browser', () => {
  let page: Page;
  let code: string;

  it('signs in with the e-ID and files a dossier with three uploads', async () => {
    page = await citizenPage();
    await page.goto('/dvc');
    await page.getByTestId('procedure-card').first().waitFor();
    await expectUsable(page);
    await page.getByLabel('Tìm thủ tục').fill('thử nghiệm trực tuyến');
    await page
      .getByRole('link', { name: /thử nghiệm trực tuyến toàn trình/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('online-level').first().textContent()).toContain('Toàn trình');
    await page.getByTestId('submit-online').click();
    // The local e-ID provider's own pages (VNeID in production).
    await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill(citizen.personalId);
    await page.getByLabel('Mật khẩu').fill(devPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.waitForURL(`**/dvc/nop-ho-so/${PROCEDURE}`);
    // Name and personal ID come from the e-ID, read-only.
    await expect.poll(() => page.getByLabel('Họ và tên').inputValue()).toBe(citizen.fullName);
    await page
      .getByLabel('Địa chỉ thường trú hoặc địa chỉ liên hệ')
      .fill('Số 5 đường Trần Hưng Đạo, Nam Định');
    await page.getByTestId('wizard-next').click();
    const files: [string, string, Buffer][] = [
      ['DON', 'don-de-nghi.pdf', minimalPdf('Don de nghi cap ban sao')],
      ['GTTT', 'cccd.pdf', minimalPdf('Can cuoc cong dan')],
      ['UQ', 'uy-quyen.pdf', minimalPdf('Van ban uy quyen')],
    ];
    for (const [component, name, buffer] of files) {
      const field = page.getByTestId(`upload-${component}`);
      await field.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
      await field.getByTestId('uploaded-file').waitFor();
    }
    await expectUsable(page);
    await page.getByTestId('wizard-next').click();
    await page.getByRole('radio', { name: 'Bộ phận Một cửa' }).first().check();
    await page.getByRole('radio', { name: 'Trực tuyến' }).check();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('review').waitFor();
    await expectUsable(page);
    await page.getByTestId('wizard-next').click();
    code = (await page.getByTestId('submission-code').textContent())!.trim();
    expect(await page.getByTestId('submission-status').textContent()).toBe('Mới đăng ký');
  });

  it('the desk accepts it, the divisions handle it up to the fee', async () => {
    const accepted = await h.app.inject({
      method: 'POST',
      url: `/online-submissions/${encodeURIComponent(code)}/accept`,
      headers: { ...(await h.api.as('receiver')), 'idempotency-key': `accept-${code}` },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const atFee = await officersUntil(code, 'payment');
    expect(atFee.status).toBe(6);
  });

  it('the citizen pays through the gateway: the return shows it, the IPN applied it', async () => {
    await page.goto(`/dvc/ho-so/${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByTestId('payment-amount').textContent()).toContain('20.000');
    await expectUsable(page);
    await page.getByTestId('pay-online').click();
    // The VNPAY sandbox's pay page.
    await page.getByRole('button', { name: 'Thanh toán đơn hàng' }).click();
    await page.waitForURL(`**/dvc/ho-so/**thanh-toan=thanh-cong`);
    await page.getByTestId('payment-return').waitFor();
    await expect
      .poll(() => page.getByTestId('payment-status').textContent(), { timeout: 20_000 })
      .toMatch(/Đã/);
    const paid = await eventually(async () => {
      const d = await dossierOf(h.api, code);
      return d.currentStep?.kind === 'payment' ? undefined : d;
    });
    expect(paid.status).toBe(4);
  });

  it('the result is returned online; the citizen downloads it and rates the service', async () => {
    const atReturn = await officersUntil(code, 'return');
    expect(atReturn.status).toBe(9);
    const returned = await finishCurrentStep(h.api, atReturn);
    expect(returned.status).toBe(10);
    await page.goto(`/dvc/ho-so/${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByTestId('portal-status').textContent()).toContain('Đã trả kết quả');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('result-download').click(),
    ]);
    const bytes = await readFile(await download.path());
    expect(bytes.equals(samplePdf())).toBe(true);
    await expectUsable(page);
    await page.getByRole('radio', { name: 'Rất hài lòng' }).check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Nộp trực tuyến rất thuận tiện.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByTestId('portal-rating').waitFor();
  });

  it('the national portal received 1, 2, 4, 6, 4, 9, 10 in order, each once', async () => {
    const statuses = await eventually(() => {
      const mine = standin.received.filter((r) => r.dossierCode === code);
      return Promise.resolve(mine.length >= 7 ? mine : undefined);
    }, 30_000);
    expect(statuses.map((r) => r.status)).toEqual([1, 2, 4, 6, 4, 9, 10]);
    expect(statuses.map((r) => r.statusSeq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const last = statuses.at(-1)!.document;
    expect(last).toMatchObject({ KenhThucHien: 2, DuocThanhToanTrucTuyen: 2, DuocSoHoa: 1 });
    // Nothing is pending or failed in the outbox.
    const rows = await h.db
      .selectFrom('national_sync_outbox')
      .select(['status_seq', 'delivered_at'])
      .where('dossier_code', '=', code)
      .execute();
    expect(rows.every((r) => r.delivered_at !== null)).toBe(true);
  });
});
