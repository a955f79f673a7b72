import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { startDossierHarness, type DossierHarness } from '../support/harness.js';
import { CORRECTION, historyOf, samplePdf } from '../support/dossiers.js';
import { screenshot, startConsole, type ConsoleDriver, openDossier } from './console.js';

/**
 * The officer console in a real browser (Debian's Chromium through playwright-core) against the real
 * app, worker, Temporal and PostgreSQL: one correction-of-diploma dossier (5 working days) from the desk
 * to the leadership, then the inspectorate's reading of its whole history.
 */
let h: DossierHarness;
let web: ConsoleDriver;
let code: string;
const applicantName = `Nguyễn Văn Thử ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  h = await startDossierHarness();
  web = await startConsole(h.app);
});
afterAll(async () => {
  await web?.close();
  await h?.stop();
});

/** Opens an action of the dossier page and confirms it with a double click (which must act once). */
async function act(page: Page, action: string, confirm: string, fill?: (page: Page) => Promise<void>) {
  await page.getByTestId('actions').getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog');
  await fill?.(dialog.page());
  const sent = countPosts(page, /\/dossiers\/[^/]+\/[a-z-]+$/);
  await dialog.getByRole('button', { name: confirm }).dblclick();
  await page.getByTestId('action-done').waitFor();
  expect(sent(), 'requests sent for one double click').toBe(1);
}

/** Counts the POST requests of a page to paths matching `path` from now on. */
function countPosts(page: Page, path: RegExp): () => number {
  let count = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && path.test(new URL(r.url()).pathname)) count++;
  });
  return () => count;
}

async function stepOf(dossierCode: string): Promise<string | undefined> {
  const res = await h.app.inject({
    method: 'GET',
    url: `/dossiers/${encodeURIComponent(dossierCode)}`,
    headers: await h.api.as('auditor'),
  });
  return res.json<{ currentStep: { stepId: string } | null }>().currentStep?.stepId;
}

describe('officer console', () => {
  it('calls only operations of the OpenAPI document', async () => {
    // Every request of web/src (pages, action dialog, forms), as the OpenAPI document names its path.
    const used: [string, string][] = [
      ['post', '/auth/login'],
      ['get', '/auth/me'],
      ['post', '/auth/refresh'],
      ['get', '/dossiers'],
      ['post', '/dossiers'],
      ['get', '/dossiers/{code}'],
      ['get', '/dossiers/{code}/history'],
      ['get', '/dossiers/late'],
      ['get', '/dossiers/{code}/forms/{form}'],
      ['get', '/receipt-guidances/{id}/form'],
      ['get', '/procedures'],
      ['get', '/procedures/{code}'],
      ['get', '/receiving-units'],
      ['get', '/dossiers/{code}/assignees'],
      ['post', '/deadlines'],
      ['get', '/calendars/{tenant}/days'],
      ['get', '/reports'],
      ['post', '/public/lookup'],
      ['post', '/public/lookup/result'],
      ['post', '/public/rating'],
      ['post', '/public/verify-result'],
      ['get', '/dossiers/{code}/result-file/signatures'],
      ...[
        'assign',
        'complete',
        'approve',
        'send-back',
        'supplement-request',
        'supplement-received',
        'refuse',
        'withdraw',
        'stop',
        'cash-payment',
        'result-file',
        'result-ready',
        'seal',
        'return',
        'sign-apology',
      ].map((action): [string, string] => ['post', `/dossiers/{code}/${action}`]),
    ];
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const missing = used.filter(([method, path]) => !doc.paths[path]?.[method]);
    expect(missing).toEqual([]);
  });

  it('serves the console at its client routes while the API keeps its paths', async () => {
    for (const path of ['/', '/hop-viec', '/ho-so/ABC-1', '/tra-cuu?ma=X']) {
      const res = await fetch(`${web.baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    const api = await fetch(`${web.baseUrl}/dossiers/ABC-1`);
    expect(api.status).toBe(401);
    expect((await api.json()) as object).toMatchObject({ code: 'AUTH.MISSING_TOKEN' });
    expect((await fetch(`${web.baseUrl}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${web.baseUrl}/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
    expect((await fetch(`${web.baseUrl}/khong-co`)).status).toBe(404);
  });

  it('a receiver receives a dossier (one, despite a double click) and prints Mẫu 01', async () => {
    const page = await web.loginAs('receiver');
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).click();
    await page.getByRole('option', { name: /Chỉnh sửa nội dung văn bằng/ }).click();
    await expect
      .poll(() => page.getByTestId('appointment').textContent())
      .toMatch(/\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    for (const checkbox of await page.getByRole('checkbox').all()) {
      const name = (await checkbox.getAttribute('value')) ?? '';
      if (CORRECTION.components.includes(name)) await checkbox.check();
    }
    // An ID number the API refuses: its Vietnamese message shows next to the field.
    await page.getByLabel('Họ và tên').fill(applicantName);
    await page.getByLabel('Địa chỉ').fill('Số 5 đường Hùng Vương, phường Nam Định, tỉnh Ninh Bình');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('12');
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await expect
      .poll(() => page.locator('.mantine-TextInput-error').first().textContent())
      .toContain('Số định danh cá nhân (CCCD) gồm đúng 12 chữ số');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('036090009999');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await screenshot(page, 'receipt');
    const sent = countPosts(page, /^\/dossiers$/);
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).dblclick();
    const done = page.getByTestId('receipt-done');
    await done.waitFor();
    expect(sent(), 'requests sent for one double click').toBe(1);
    code = (await done.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/-\d{6}-\d{4}$/);

    const list = await h.app.inject({
      method: 'GET',
      url: '/dossiers?pageSize=100',
      headers: await h.api.as('auditor'),
    });
    const mine = list
      .json<{ items: { applicantName: string }[] }>()
      .items.filter((i) => i.applicantName === applicantName);
    expect(mine).toHaveLength(1);

    {
      await page.getByRole('button', { name: /Mẫu 01/ }).click();
      const frame = page.frameLocator('[data-testid="print-frame"]');
      await expect.poll(() => frame.locator('body').textContent()).toMatch(/tiếp nhận hồ sơ/i);
      await expect.poll(() => frame.locator('body').textContent()).toContain(code);
      // The same slip as the server's PDF, saved under the name the API gives it.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('print-frame-pdf').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`Mẫu số 01 - ${code}.pdf`);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('an incomplete dossier is not received: the desk prints the guidance (Mẫu 02)', async () => {
    const page = await web.loginAs('receiver');
    await page.goto('/tiep-nhan');
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).click();
    await page.getByRole('option', { name: /Chỉnh sửa nội dung văn bằng/ }).click();
    await page.getByRole('checkbox', { name: /Đơn đề nghị chỉnh sửa/ }).check();
    await page.getByLabel('Họ và tên').fill('Lê Thị Thiếu');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('036090001111');
    await page.getByLabel('Địa chỉ').fill('Xã Hải Hậu, tỉnh Ninh Bình');
    await page.getByRole('button', { name: /lập phiếu hướng dẫn/ }).click();
    const incomplete = page.getByTestId('receipt-incomplete');
    await incomplete.waitFor();
    expect(await incomplete.textContent()).toContain('Giấy khai sinh');
    await incomplete.getByRole('button', { name: /Mẫu 02/ }).click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await expect
      .poll(() => frame.locator('body').textContent())
      .toMatch(/Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ/i);
    await expect.poll(() => frame.locator('body').textContent()).toContain('Giấy khai sinh');
  });

  it('the desk hands over, the head assigns, a specialist completes the step, the head hands over', async () => {
    const receiver = await web.loginAs('receiver');
    await openDossier(receiver, code);
    await act(receiver, 'Hoàn thành bước, chuyển tiếp', 'Hoàn thành và chuyển');
    expect(await stepOf(code)).toBe('phan-cong');

    const head = await web.loginAs('head');
    await head.getByLabel('Tìm kiếm').fill(code);
    const row = head.locator(`tr[data-code="${code}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-urgency')).toBe('normal');
    expect(await row.textContent()).toMatch(/còn .*làm việc/);
    await row.getByRole('link', { name: code }).click();
    await act(head, 'Hoàn thành bước, chuyển tiếp', 'Hoàn thành và chuyển');
    await act(head, 'Phân công xử lý', 'Phân công', async (page) => {
      await page.getByRole('dialog').getByRole('combobox', { name: 'Cán bộ xử lý' }).click();
      await page.getByRole('option', { name: /Trần Văn Minh/ }).click();
    });
    expect(await stepOf(code)).toBe('tham-dinh');

    const specialist = await web.loginAs('specialist');
    await specialist.getByLabel('Tìm kiếm').fill(code);
    await specialist.locator(`tr[data-code="${code}"]`).waitFor();
    await screenshot(specialist, 'inbox');
    await openDossier(specialist, code);
    // A specialist is offered only the work of their step: no refusal, no assignment.
    const offered = await specialist.getByTestId('actions').getByRole('button').allTextContents();
    expect(offered).toContain('Hoàn thành bước, chuyển tiếp');
    expect(offered).not.toContain('Từ chối giải quyết');
    expect(offered).not.toContain('Phân công xử lý');
    await specialist.getByTestId('timeline-item').nth(3).waitFor();
    await screenshot(specialist, 'dossier');
    await act(specialist, 'Hoàn thành bước, chuyển tiếp', 'Hoàn thành và chuyển', async (page) => {
      await page.getByRole('dialog').getByLabel('Ghi chú').fill('Hồ sơ hợp lệ, đề nghị chỉnh sửa');
    });
    expect(await stepOf(code)).toBe('xem-xet');

    await head.reload();
    await act(head, 'Hoàn thành bước, chuyển tiếp', 'Hoàn thành và chuyển');
    expect(await stepOf(code)).toBe('ky-duyet');

    // Each double click acted once: no refused attempt was recorded.
    const history = await historyOf(h.api, code);
    expect(history.rejected).toEqual([]);
    expect(history.items.map((e) => e.type)).toEqual([
      'receive',
      'complete',
      'complete',
      'assign',
      'complete',
      'complete',
    ]);
  });

  it('an auditor opens the timeline, sees every event and no action', async () => {
    const auditor = await web.loginAs('auditor');
    await openDossier(auditor, code);
    const history = await historyOf(h.api, code);
    const items = auditor.getByTestId('timeline-item');
    await expect.poll(() => items.count()).toBe(history.items.length);
    const types = await Promise.all((await items.all()).map((item) => item.getAttribute('data-type')));
    expect(types).toEqual(history.items.map((e) => e.type));
    const text = (await auditor.getByTestId('timeline').textContent()) ?? '';
    for (const who of ['Nguyễn Thị Thu Hà', 'Phạm Thị Lan Anh', 'Trần Văn Minh']) expect(text).toContain(who);
    expect(text).toContain('Hồ sơ hợp lệ, đề nghị chỉnh sửa');
    expect(text).toMatch(/Trước hạn|Đúng hạn/);
    expect(await auditor.getByTestId('actions').getByRole('button').count()).toBe(0);
    expect(await auditor.getByTestId('temporal-link').getAttribute('href')).toContain(
      `/workflows/${encodeURIComponent(code)}`,
    );
  });

  it('at the approval step a leader is offered "Phê duyệt, ký" and a receiver is not', async () => {
    expect(await stepOf(code)).toBe('ky-duyet');
    const offered = async (username: string) => {
      const page = await web.loginAs(username);
      await openDossier(page, code);
      return page.getByTestId('actions').getByRole('button').allTextContents();
    };
    const receiver = await offered('receiver');
    expect(receiver.filter((label) => label.includes('Phê duyệt'))).toEqual([]);
    // What the desk may still do there, as the API lists it: record the applicant's withdrawal.
    expect(receiver).toEqual(['Ghi nhận yêu cầu rút hồ sơ']);
    expect(await offered('deputy')).toContain('Phê duyệt, ký');
  });

  it('an action refused by the API shows its Vietnamese message in the form', async () => {
    // Both leaders have the dossier open at the signing step; the director signs first.
    const deputy = await web.loginAs('deputy');
    await openDossier(deputy, code);
    const director = await web.loginAs('director');
    await openDossier(director, code);
    await act(director, 'Phê duyệt, ký', 'Phê duyệt');
    expect(await stepOf(code)).toBe('so-hoa-ket-qua');
    await deputy.getByTestId('actions').getByRole('button', { name: 'Phê duyệt, ký' }).click();
    await deputy.getByRole('dialog').getByRole('button', { name: 'Phê duyệt' }).click();
    const alert = deputy.getByRole('dialog').getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Hồ sơ không còn ở bước này');
    expect(await alert.getAttribute('data-code')).toBe('DOSSIER.STEP_MISMATCH');
  });

  it('an applicant looks the dossier up with its code and ID number', async () => {
    const page = await web.anonymous();
    await page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
    // A wrong ID number reveals nothing but "not found".
    await page.getByLabel('Số định danh cá nhân / CCCD của người nộp').fill('036090000000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('lookup-not-found').waitFor();
    expect(await page.getByTestId('lookup-result').count()).toBe(0);

    await page.getByLabel('Số định danh cá nhân / CCCD của người nộp').fill('036090009999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.getByTestId('lookup-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(code);
    expect(text).toContain('Chỉnh sửa nội dung văn bằng, chứng chỉ');
    expect(await page.getByTestId('lookup-status').textContent()).toBe('Đang xử lý');
    const view = await h.app.inject({
      method: 'GET',
      url: `/dossiers/${encodeURIComponent(code)}`,
      headers: await h.api.as('auditor'),
    });
    // The appointment as an applicant reads it: Việt Nam time, to the minute.
    const [, y, mo, d, hh, mm] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(
      view.json<{ appointmentAt: string }>().appointmentAt,
    )!;
    expect(await page.getByTestId('lookup-appointment').textContent()).toBe(
      `${hh}:${mm} ngày ${d}/${mo}/${y}`,
    );
    expect(text).not.toContain('Trần Văn Minh');
    await screenshot(page, 'lookup');
  });

  it('the văn thư attaches the digitised result, the desk returns it, the applicant downloads and rates it', async () => {
    const vanthu = await web.loginAs('vanthu');
    await openDossier(vanthu, code);
    // The API offers "result ready" only once the result is attached (the state machine would refuse it).
    const before = await vanthu.getByTestId('actions').getByRole('button').allTextContents();
    expect(before).toContain('Đính kèm kết quả đã số hóa');
    expect(before).not.toContain('Kết quả sẵn sàng trả');
    await act(vanthu, 'Đính kèm kết quả đã số hóa', 'Tải lên', async (page) => {
      await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({
        name: 'quyet-dinh-chinh-sua.pdf',
        mimeType: 'application/pdf',
        buffer: samplePdf(),
      });
    });
    await expect
      .poll(() => vanthu.getByTestId('result-file').textContent())
      .toContain('Kết quả không có chữ ký số');
    await act(vanthu, 'Kết quả sẵn sàng trả', 'Xác nhận');
    const receiver = await web.loginAs('receiver');
    await openDossier(receiver, code);
    await act(receiver, 'Trả kết quả cho công dân', 'Đã trả kết quả');
    await expect.poll(() => receiver.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');

    const page = await web.anonymous();
    await page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
    await page.getByLabel('Số định danh cá nhân / CCCD của người nộp').fill('036090009999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByTestId('lookup-status').textContent()).toBe('Đã trả kết quả');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Tải tệp kết quả/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('quyet-dinh-chinh-sua.pdf');
    expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe('%PDF-');
    // A paper result's scan carries no digital signature: the check says so.
    await page.getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
    await expect.poll(() => page.getByTestId('lookup-result').textContent()).toContain('không có chữ ký số');
    const rating = page.getByTestId('rating-form');
    await rating.getByText('Hài lòng', { exact: true }).click();
    await rating.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình');
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).dblclick();
    await expect
      .poll(() => page.getByTestId('lookup-result').textContent())
      .toContain('Ông/bà đã đánh giá: Hài lòng');
    expect(await page.getByTestId('rating-form').count()).toBe(0);
  });

  it('the desk asks for a supplement (the clock pauses, Mẫu 02 prints) and records it', async () => {
    const res = await h.api.receive({
      applicant: {
        fullName: 'Phan Thị Bổ Sung',
        idNumber: '036090005555',
        address: 'Xã Hải Hậu, tỉnh Ninh Bình',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const other = res.json<{ code: string }>().code;
    const page = await web.loginAs('receiver');
    await openDossier(page, other);
    await page.getByTestId('actions').getByRole('button', { name: 'Yêu cầu bổ sung hồ sơ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Giấy khai sinh là bản sao không có chứng thực');
    // No item at all: the API's message shows under the items field and nothing is sent to the workflow.
    await dialog.getByLabel('Giấy tờ cần bổ sung').fill('   ');
    await dialog.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    await expect.poll(() => dialog.locator('.mantine-Textarea-error').count()).toBe(1);
    await dialog.getByLabel('Giấy tờ cần bổ sung').fill('Bản sao giấy khai sinh có chứng thực');
    await dialog.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    await page.getByTestId('action-done').waitFor();
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Yêu cầu bổ sung giấy tờ');
    await page.getByText('Tạm dừng tính thời gian').waitFor();

    await page.getByRole('button', { name: /Mẫu 02/ }).click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await expect
      .poll(() => frame.locator('body').textContent())
      .toContain('Bản sao giấy khai sinh có chứng thực');
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();

    await act(page, 'Nhận hồ sơ bổ sung', 'Xác nhận đã nhận');
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Được tiếp nhận');
    const history = await historyOf(h.api, other);
    expect(history.items.map((e) => e.type)).toEqual(['receive', 'request_supplement', 'record_supplement']);
  });
});
