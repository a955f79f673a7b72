/**
 * Forms as documents on real Temporal and PostgreSQL: the gap-free number series of each issuer under
 * parallel receipts (retries and refused requests included), the form set of the dossier's rule set to its
 * end, and a dossier received at a commune point, handled by the Sở and returned at a branch, whose forms
 * name those units.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { createDatabase, type Database } from '../db/database.js';
import { addDays, toVnDate } from '../domain/calendar/index.js';
import type {
  ControlSheetForm,
  DossierFormListItem,
  ReceiptForm,
  StopNoticeForm,
} from '../domain/forms/index.js';
import { buildTestApp } from './support/app.js';
import {
  apiDriver,
  applicant,
  dossierOf,
  finishCurrentStep,
  historyOf,
  ok,
  type ApiDriver,
  type DossierDetail,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { eventually } from './support/temporal.js';

let harness: DossierHarness | undefined;
let db: Database;
let app: AppInstance;
let api: ApiDriver;

beforeAll(async () => {
  harness = await startDossierHarness();
  ({ db, app, api } = harness);
});
afterAll(() => harness?.stop());

async function getJson<T>(target: AppInstance, driver: ApiDriver, url: string): Promise<T> {
  const res = await target.inject({ url, headers: await driver.as('auditor') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

const formOf = <T>(code: string, kind: string, target = app, driver = api) =>
  getJson<T>(target, driver, `/dossiers/${encodeURIComponent(code)}/forms/${kind}`);
const formsOf = (code: string, target = app, driver = api) =>
  getJson<DossierFormListItem[]>(target, driver, `/dossiers/${encodeURIComponent(code)}/forms`);

/** The receipt-slip numbers a receiving unit issued this year, in order. */
async function receiptNumbers(unit: string): Promise<number[]> {
  const rows = await db
    .selectFrom('form_issue')
    .select('number')
    .where('issuer_kind', '=', 'receiving_unit')
    .where('issuer_code', '=', unit)
    .where('form_kind', '=', 'receipt')
    .where('year', '=', Number(toVnDate(Date.now()).slice(0, 4)))
    .orderBy('number')
    .execute();
  return rows.map((r) => r.number);
}

const points = [
  { username: 'tn-tinh', unit: 'TTPVHCC', symbol: 'TTPVHCC' },
  { username: 'tn-namdinh', unit: 'TTPVHCC-ND', symbol: 'TTPVHCC-CNNĐ' },
  { username: 'tn-haihau', unit: 'XA-HAIHAU', symbol: 'TTPVHCC-HH' },
];

describe('document numbers', () => {
  it('give each point a gap-free receipt series under 200 parallel receipts', async () => {
    // Receipts of a tenant queue on its dossier-code counter: the app of this burst waits for a connection
    // as long as the burst takes, where the default pool would time out (that is capacity, not numbering).
    const burstDb = createDatabase({ url: inject('databaseUrl'), poolMax: 10, connectionTimeoutMs: 120_000 });
    const burstApp = await buildTestApp(burstDb, {}, harness!.worker.taskQueue);
    const burst = apiDriver(burstApp);
    for (const point of points) await burst.as(point.username);
    const received = await Promise.all(
      Array.from({ length: 200 }, (_, i) => burst.receive({}, {}, points[i % points.length]!.username)),
    ).finally(async () => {
      await burstApp.close();
      await burstDb.destroy();
    });
    for (const res of received) expect(res.statusCode, res.body).toBe(201);
    const codes = received.map((r) => r.json<{ code: string }>().code);
    const issued = await db
      .selectFrom('form_issue')
      .select(['dossier_code', 'issuer_code', 'number', 'symbol'])
      .where('dossier_code', 'in', codes)
      .where('form_kind', '=', 'receipt')
      .execute();
    expect(issued).toHaveLength(200);
    for (const [index, point] of points.entries()) {
      const mine = issued.filter((i) => i.issuer_code === point.unit);
      expect(mine).toHaveLength(codes.filter((_, i) => i % points.length === index).length);
      expect(new Set(mine.map((i) => i.number)).size).toBe(mine.length);
      expect(new Set(mine.map((i) => i.symbol))).toEqual(new Set([`PTN-${point.symbol}`]));
      // The whole year's series of the point, these receipts and any other, is 1..n without a gap.
      const all = await receiptNumbers(point.unit);
      expect(all).toEqual(all.map((_, i) => i + 1));
    }
    // The slip prints the number its receipt was given.
    const sample = issued[0]!;
    const slip = await formOf<ReceiptForm>(sample.dossier_code!, 'receipt');
    expect(slip.documentNumber).toBe(`${sample.number}/${sample.symbol}`);
  });

  it('keeps the number of a receipt retried with its Idempotency-Key; a refused request takes none', async () => {
    const before = await receiptNumbers('XA-HAIHAU');
    const key = { 'idempotency-key': `form-number-${Date.now()}` };
    const first = await ok(api.receive({}, key, 'tn-haihau'));
    const again = await ok(api.receive({}, key, 'tn-haihau'));
    expect(again.code).toBe(first.code);
    const slip = await formOf<ReceiptForm>(first.code, 'receipt');
    expect(slip.documentNumber).toBe(`${before.length + 1}/PTN-TTPVHCC-HH`);
    expect((await formOf<ReceiptForm>(again.code, 'receipt')).documentNumber).toBe(slip.documentNumber);

    const refused = await api.receive({ procedureCode: 'KHONG-CO' }, {}, 'tn-haihau');
    expect(refused.statusCode, refused.body).toBe(400);
    const badReturn = await api.receive(
      { returnTo: { method: 'counter', unit: 'KHONG-CO' } },
      {},
      'tn-haihau',
    );
    expect(badReturn.statusCode, badReturn.body).toBe(400);
    const next = await ok(api.receive({}, {}, 'tn-haihau'));
    expect((await formOf<ReceiptForm>(next.code, 'receipt')).documentNumber).toBe(
      `${before.length + 2}/PTN-TTPVHCC-HH`,
    );
    expect(await receiptNumbers('XA-HAIHAU')).toEqual([...before, before.length + 1, before.length + 2]);
  });

  it('refuse a change or deletion of a number once given', async () => {
    const update = db
      .updateTable('form_issue')
      .set({ number: 999_999 } as never)
      .execute();
    await expect(update).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.deleteFrom('form_issue').execute()).rejects.toThrow(/append-only: DELETE refused/);
  });
});

describe('the form set of the rule set', () => {
  let oldApp: AppInstance;
  let oldApi: ApiDriver;
  beforeAll(async () => {
    // The switch to Decree 118/2025 is tomorrow: today's dossiers are received under Decree 61/2018.
    const tomorrow = addDays(toVnDate(Date.now()), 1);
    oldApp = await buildTestApp(db, { ruleSetSwitchDate: tomorrow }, harness!.worker.taskQueue);
    oldApi = apiDriver(oldApp);
  });
  afterAll(() => oldApp.close());

  it('a dossier received the day before the switch prints the Circular 01/2018 set to its end', async () => {
    const received = (await ok(oldApi.receive())) as DossierDetail;
    let dossier = received;
    while (dossier.currentStep) dossier = await finishCurrentStep(oldApi, dossier);
    const list = await formsOf(dossier.code, oldApp, oldApi);
    expect(list.map((f) => [f.kind, f.label, f.available])).toEqual([
      ['receipt', 'Mẫu số 01', true],
      ['supplement', 'Mẫu số 02', false],
      ['refusal', 'Mẫu số 03', false],
      ['apology', 'Mẫu số 04', false],
      ['control_sheet', 'Mẫu số 05', true],
    ]);
    const sheet = await formOf<ControlSheetForm>(dossier.code, 'control_sheet', oldApp, oldApi);
    expect(sheet).toMatchObject({ set: 'TT01_2018', label: 'Mẫu số 05' });
    // The API under today's rules (switch long past) still prints the dossier's own set.
    expect((await formOf<ControlSheetForm>(dossier.code, 'control_sheet')).label).toBe('Mẫu số 05');
    const stop = await app.inject({
      url: `/dossiers/${dossier.code}/forms/stop_notice`,
      headers: await api.as('auditor'),
    });
    expect(stop.statusCode, stop.body).toBe(409);
  });

  it('a dossier under Decree 118/2025 lists the 2025 numbers, and its button label is what it prints', async () => {
    const dossier = await ok(api.receive({}, {}, 'tn-tinh'));
    const list = await formsOf(dossier.code);
    expect(list.map((f) => [f.kind, f.label])).toEqual([
      ['receipt', 'Mẫu số 01'],
      ['supplement', 'Mẫu số 02'],
      ['refusal', 'Mẫu số 03'],
      ['apology', 'Mẫu số 04'],
      ['stop_notice', 'Mẫu số 05'],
      ['control_sheet', 'Mẫu số 06'],
    ]);
    for (const item of list.filter((f) => f.available)) {
      const res = await app.inject({
        url: `/dossiers/${dossier.code}/forms/${item.kind}?format=html`,
        headers: await api.as('auditor'),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(`<title>${item.label} – ${item.title}</title>`);
      if (item.documentNumber) expect(res.body).toContain(`Số: ${item.documentNumber}`);
    }
    for (const item of list.filter((f) => !f.available)) {
      const res = await app.inject({
        url: `/dossiers/${dossier.code}/forms/${item.kind}`,
        headers: await api.as('auditor'),
      });
      expect(res.statusCode, `${item.kind}: ${res.body}`).toBe(409);
    }
  });

  it('a withdrawn dossier gets the stop notice of the Sở, numbered when it stopped', async () => {
    const dossier = await ok(api.receive({}, {}, 'tn-tinh'));
    await ok(api.act(dossier.code, 'withdraw', 'tn-tinh', { reason: 'Không còn nhu cầu' }));
    await ok(api.act(dossier.code, 'stop', 'tn-tinh', { reason: 'Công dân rút hồ sơ' }));
    const notice = await formOf<StopNoticeForm>(dossier.code, 'stop_notice');
    expect(notice).toMatchObject({
      label: 'Mẫu số 05',
      title: 'Thông báo dừng giải quyết hồ sơ',
      issuer: { name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình', symbol: 'SGDĐT' },
      place: 'Ninh Bình',
      reason: 'Công dân rút hồ sơ',
      withdrawal: { reason: 'Không còn nhu cầu' },
    });
    expect(notice.documentNumber).toMatch(/^\d+\/TBD-SGDĐT$/);
    const listed = (await formsOf(dossier.code)).find((f) => f.kind === 'stop_notice');
    expect(listed).toMatchObject({ available: true, documentNumber: notice.documentNumber });
  });
});

describe('a dossier received at a commune point, returned at a branch', () => {
  let code: string;
  beforeAll(async () => {
    const representative = {
      fullName: 'Trần Thị Bình',
      idNumber: '036190004321',
      authorisation: { document: 'Giấy ủy quyền số 12/2026/UQ', issuedOn: '2026-10-30' },
    };
    const received = await ok(
      api.receive(
        {
          applicant: { ...applicant, representative },
          returnTo: { method: 'counter', unit: 'TTPVHCC-ND' },
        },
        {},
        'tn-haihau',
      ),
    );
    code = received.code;
    await ok(api.act(code, 'complete', 'tn-haihau', { stepId: 'tiep-nhan' }));
    let dossier = await dossierOf(api, code);
    while (dossier.currentStep?.kind !== 'return') dossier = await finishCurrentStep(api, dossier);
    await ok(api.act(code, 'return', 'tn-namdinh', {}));
  });

  it('Mẫu 01 is the Hải Hậu point’s, with its number, the applicant and representative, the return place', async () => {
    const slip = await formOf<ReceiptForm>(code, 'receipt');
    expect(slip).toMatchObject({
      set: 'TT03_2025',
      issuer: {
        parent: 'ỦY BAN NHÂN DÂN XÃ HẢI HẬU',
        name: 'Trung tâm Phục vụ hành chính công xã Hải Hậu',
        symbol: 'TTPVHCC-HH',
      },
      place: 'Hải Hậu',
      applicant: {
        address: applicant.address,
        representative: {
          fullName: 'Trần Thị Bình',
          authorisation: { document: 'Giấy ủy quyền số 12/2026/UQ' },
        },
      },
      returnMethod: 'counter',
      returnPlace: expect.stringContaining(
        'Chi nhánh Nam Định – Trung tâm Phục vụ hành chính công tỉnh Ninh Bình',
      ),
      receiver: { username: 'tn-haihau', fullName: 'Vũ Thị Hải Yến' },
    });
    expect(slip.documentNumber).toMatch(/^\d+\/PTN-TTPVHCC-HH$/);
    const html = await app.inject({
      url: `/dossiers/${code}/forms/receipt?format=html`,
      headers: await api.as('auditor'),
    });
    expect(html.body).toContain('ỦY BAN NHÂN DÂN XÃ HẢI HẬU<br />');
    expect(html.body).toContain('>TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG<');
    expect(html.body).toContain(`Số: ${slip.documentNumber}`);
    expect(html.body).toMatch(/Hải Hậu, ngày \d{2} tháng \d{2} năm \d{4}/);
  });

  it('the control sheet hands it from the Hải Hậu point to the Sở divisions and back to the Nam Định branch', async () => {
    const sheet = await formOf<ControlSheetForm>(code, 'control_sheet');
    const history = await historyOf(api, code);
    const handovers = history.items.filter((e) => sheet.rows.some((r) => r.seq === e.seq));
    expect(sheet.rows.map((r) => [r.seq, r.type, r.at])).toEqual(handovers.map((e) => [e.seq, e.type, e.at]));
    expect(sheet.label).toBe('Mẫu số 06');
    expect(sheet.documentNumber).toMatch(/^\d+\/PKS-TTPVHCC-HH$/);
    const haiHau = 'Trung tâm Phục vụ hành chính công xã Hải Hậu';
    const namDinh = 'Chi nhánh Nam Định – Trung tâm Phục vụ hành chính công tỉnh Ninh Bình';
    const route = sheet.rows.map((r) => [r.from.unit, r.to.unit]);
    expect(route[0]).toEqual(['Tổ chức, cá nhân', haiHau]);
    expect(route[1]).toEqual([haiHau, 'Phòng Khảo thí và Quản lý chất lượng giáo dục']);
    expect(route.at(-2)).toEqual([expect.not.stringMatching(/Trung tâm/), namDinh]);
    expect(route.at(-1)).toEqual([namDinh, 'Tổ chức, cá nhân']);
    // Between them, only the Sở's divisions hold the dossier.
    for (const [from, to] of route.slice(2, -2)) {
      expect(from).not.toMatch(/Trung tâm|Chi nhánh/);
      expect(to).not.toMatch(/Trung tâm|Chi nhánh/);
    }
    expect(sheet.rows.at(-1)).toMatchObject({
      type: 'return_result',
      from: { person: 'Phạm Văn Khánh' },
      onTimeLabel: expect.stringMatching(/hạn/),
    });
    expect(sheet.returnPlace).toContain(namDinh);
    await eventually(async () => ((await dossierOf(api, code)).phase === 'returned' ? true : undefined));
  });
});
