/**
 * The legal forms through the HTTP API on real Temporal, PostgreSQL and SMTP: a dossier driven through
 * receipt, supplement, an apology with a new appointment and liaison with the provincial People's
 * Committee, then its forms checked against its history (Mẫu 05 row by row), plus refusal, the register
 * of a period, the desk's guidance, non-applicable forms and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { addDays, formatVnIso, toVnDate } from '../domain/calendar/index.js';
import type {
  ApologyForm,
  ControlSheetForm,
  ReceiptForm,
  RegisterForm,
  SupplementForm,
} from '../domain/forms/index.js';
import {
  CORRECTION,
  dayAfter,
  dossierOf,
  historyOf,
  ok,
  walkTo,
  type ApiDriver,
  type DossierDetail,
} from './support/dossiers.js';
import { liaisonTokenFromMail, startDossierHarness, type MailingDossierHarness } from './support/harness.js';
import type { TestSmtp } from './support/smtp.js';
import { eventually } from './support/temporal.js';
import { procedureCode, units } from './support/catalog.js';

/** Establishing a public high school: liaison with UBND tỉnh, supplement clock rule `restart`. */
const SCHOOL = { procedureCode: procedureCode('1.012944'), components: ['TOTRINH', 'DEAN', 'DATDAI'] };
const schoolApplicant = {
  kind: 'organisation',
  fullName: 'Ủy ban nhân dân xã <Giao Thủy> & "Hải Hậu"',
  idNumber: '0600987654',
  address: 'Xã Giao Thủy, tỉnh Ninh Bình',
};

let db: Database;
let smtp: TestSmtp;
let app: AppInstance;
let api: ApiDriver;

let harness: MailingDossierHarness | undefined;
beforeAll(async () => {
  harness = await startDossierHarness({ mail: true });
  ({ db, smtp, app, api } = harness);
});
afterAll(() => harness?.stop());

async function form(code: string, number: string, query = '', username = 'auditor') {
  return app.inject({
    url: `/dossiers/${encodeURIComponent(code)}/forms/${number}${query}`,
    headers: await api.as(username),
  });
}

async function formJson<T>(code: string, number: string, query = ''): Promise<T> {
  const res = await form(code, number, query);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json<T>();
}

async function formHtml(code: string, number: string, query = ''): Promise<string> {
  const res = await form(code, number, `?format=html${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  return res.body;
}

const tokenFromMail = (code: string): Promise<string> => liaisonTokenFromMail(smtp, code);

/** Types of history events that do not hand the dossier over (no row on the control sheet). */
const NOT_HANDOVERS = new Set([
  'assign',
  'attach_result',
  'withdraw',
  'overdue',
  'payment_requested',
  'liaison_late',
  'step_reminder',
  'step_overdue',
  'at_risk',
  'calendar_changed',
]);

describe('a dossier through supplement, apology and liaison', () => {
  let code: string;
  let supplementItems: string[];

  beforeAll(async () => {
    const received = await ok(api.receive({ ...SCHOOL, applicant: schoolApplicant }));
    code = received.code;
    await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    // The TCCB division has no dev user: the administrator does its work.
    await ok(api.act(code, 'complete', 'admin', { stepId: 'phan-cong' }));
    supplementItems = ['DEAN', 'Bản đồ vị trí <khu đất> & sơ đồ'];
    await ok(
      api.act(code, 'supplement-request', 'admin', {
        reason: 'Đề án chưa nêu rõ quy mô <lớp học>',
        items: supplementItems,
      }),
    );
    await ok(api.act(code, 'supplement-received', 'receiver', { note: 'Đã nhận đề án bổ sung' }));
    await ok(api.act(code, 'complete', 'admin', { stepId: 'tham-dinh' }));
    await ok(api.act(code, 'complete', 'admin', { stepId: 'xem-xet' }));
    const before = await dossierOf(api, code);
    await ok(
      api.act(code, 'sign-apology', 'director', {
        reason: 'Chờ ý kiến thẩm định của các sở, ngành',
        newAppointmentDate: dayAfter(before.appointmentAt),
      }),
    );
    await ok(api.act(code, 'approve', 'director', { stepId: 'ky-duyet' }));
    await eventually(async () =>
      (await dossierOf(api, code)).liaison?.status === 'waiting' ? true : undefined,
    );
    const answer = await app.inject({
      method: 'POST',
      url: '/liaison/answer',
      headers: { authorization: `Bearer ${await tokenFromMail(code)}` },
      payload: { answer: 'approved', note: 'Chủ tịch UBND tỉnh đã ký quyết định' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const atDigitisation = await eventually(async () => {
      const d = await dossierOf(api, code);
      return d.currentStep?.stepId === 'so-hoa-ket-qua' ? d : undefined;
    });
    await walkTo(api, atDigitisation, null);
  });

  it('Mẫu 05 lists every handover with the times, actors and on-time results of the history', async () => {
    const sheet = await formJson<ControlSheetForm>(code, '05');
    const history = await historyOf(api, code);
    expect(history.chainValid).toBe(true);
    const handovers = history.items.filter((e) => !NOT_HANDOVERS.has(e.type));
    expect(sheet.rows.map((r) => [r.seq, r.type])).toEqual(handovers.map((e) => [e.seq, e.type]));
    expect(sheet.rows.map((r) => r.type)).toEqual([
      'receive',
      'complete',
      'complete',
      'request_supplement',
      'record_supplement',
      'complete',
      'complete',
      'sign_apology',
      'approve',
      'liaison_requested',
      'liaison_answered',
      'mark_result_ready',
      'return_result',
    ]);
    const onTimeLabels: Record<string, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };
    for (const [i, row] of sheet.rows.entries()) {
      const event = handovers[i]!;
      expect(row.no).toBe(i + 1);
      expect(row.at).toBe(event.at);
      expect(row.actor?.username ?? null).toBe(event.actor.username);
      expect(row.actor?.fullName ?? null).toBe(event.actor.name);
      expect(row.onTime).toBe(event.onTime);
      expect(row.onTimeLabel).toBe(event.onTime ? onTimeLabels[event.onTime] : null);
    }
    // Every step finished by a handover carries its on-time result.
    for (const row of sheet.rows.filter((r) =>
      ['complete', 'approve', 'mark_result_ready', 'return_result'].includes(r.type),
    ))
      expect(row.onTimeLabel).not.toBeNull();
    const byType = (type: string) => sheet.rows.find((r) => r.type === type)!;
    expect(byType('receive')).toMatchObject({
      from: { unit: 'Tổ chức, cá nhân', person: schoolApplicant.fullName },
      to: { unit: 'Bộ phận Một cửa', person: 'Nguyễn Thị Thu Hà' },
    });
    expect(sheet.rows[1]).toMatchObject({
      from: { unit: 'Bộ phận Một cửa' },
      to: { unit: 'Phòng Tổ chức cán bộ' },
    });
    expect(byType('request_supplement').to.unit).toBe('Tổ chức, cá nhân');
    expect(byType('record_supplement').from.unit).toBe('Tổ chức, cá nhân');
    expect(byType('liaison_requested').to.unit).toBe('Ủy ban nhân dân tỉnh Ninh Bình');
    expect(byType('liaison_answered')).toMatchObject({
      from: { unit: 'Ủy ban nhân dân tỉnh Ninh Bình' },
      to: { unit: 'Văn phòng Sở', person: 'Lê Thị Thu Trang' },
    });
    expect(byType('sign_apology')).toMatchObject({
      from: { unit: 'Ban Giám đốc Sở', person: 'Đỗ Quang Huy' },
      to: { unit: 'Tổ chức, cá nhân' },
    });
    expect(byType('return_result').to.unit).toBe('Tổ chức, cá nhân');
    const dossier = await dossierOf(api, code);
    expect(sheet).toMatchObject({
      kind: 'control_sheet',
      set: 'TT03_2025',
      label: 'Mẫu số 06',
      dossierCode: code,
      receivedAt: dossier.receivedAt,
      appointmentAt: dossier.appointmentAt,
      coordinatingAgencies: ['Ủy ban nhân dân tỉnh Ninh Bình'],
    });

    const html = await formHtml(code, '05');
    expect(html).toContain('Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(html).toContain('Quá hạn)');
    expect(html.match(/1\. Giao: /g)).toHaveLength(sheet.rows.length);
  });

  it('Mẫu 04 carries the apology: reason, previous and new appointment, the signing director', async () => {
    const apology = await formJson<ApologyForm>(code, '04');
    const history = await historyOf(api, code);
    const signed = history.items.find((e) => e.type === 'sign_apology')!;
    expect(apology).toMatchObject({
      title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      reason: 'Chờ ý kiến thẩm định của các sở, ngành',
      previousAppointmentAt: formatVnIso(signed.payload.previousAppointmentAt as number),
      newAppointmentAt: formatVnIso(signed.payload.newAppointmentAt as number),
      signedAt: signed.at,
      signer: { username: 'director', fullName: 'Đỗ Quang Huy', titleLines: ['GIÁM ĐỐC'] },
    });
    expect(apology.newAppointmentAt).toBe((await dossierOf(api, code)).appointmentAt);
  });

  it('Mẫu 02 gives the supplement request: reason and items (component codes named), escaped in HTML', async () => {
    const guidance = await formJson<SupplementForm>(code, '02');
    expect(guidance).toMatchObject({
      source: 'supplement_request',
      requestIndex: 1,
      requestCount: 1,
      reason: 'Đề án chưa nêu rõ quy mô <lớp học>',
      guide: { username: 'admin' },
    });
    expect(guidance.items.map((i) => i.name)).toHaveLength(supplementItems.length);
    expect(guidance.items[1]?.name).toBe('Bản đồ vị trí <khu đất> & sơ đồ');
    expect(guidance.items[0]?.name).not.toBe('DEAN');
    const html = await formHtml(code, '02');
    expect(html).toContain('Bản đồ vị trí &lt;khu đất&gt; &amp; sơ đồ');
    expect(html).toContain('Ủy ban nhân dân xã &lt;Giao Thủy&gt; &amp; &quot;Hải Hậu&quot;');
    expect(html).not.toContain('<khu đất>');
    expect(html).not.toContain('<Giao Thủy>');
    const bad = await form(code, '02', '?request=2');
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'FORM.UNKNOWN_REQUEST', field: 'query.request' });
  });

  it('Mẫu 01 shows the appointment given at receipt; Mẫu 03 does not apply (409)', async () => {
    const dossier = await dossierOf(api, code);
    const slip = await formJson<ReceiptForm>(code, '01');
    expect(slip).toMatchObject({
      receivedAt: dossier.receivedAt,
      appointmentAt: dossier.originalAppointmentAt,
      currentAppointmentAt: dossier.appointmentAt,
      legalTime: '25 ngày làm việc',
      receiver: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
    });
    const refusal = await form(code, '03');
    expect(refusal.statusCode, refusal.body).toBe(409);
    expect(refusal.json()).toMatchObject({
      code: 'FORM.NOT_APPLICABLE',
      message: expect.stringMatching(/từ chối/),
    });
  });
});

describe('a straight dossier, a refused one, bad input', () => {
  it('Mẫu 01: a printable A5 slip with the appointment in hours and minutes, Vietnam time', async () => {
    const dossier = await ok(api.receive());
    const slip = await formJson<ReceiptForm>(dossier.code, '01');
    expect(slip).toMatchObject({
      kind: 'receipt',
      set: 'TT03_2025',
      dossierCode: dossier.code,
      appointmentAt: dossier.appointmentAt,
      currentAppointmentAt: null,
      applicant: { fullName: 'Nguyễn Văn Ân', phone: '0912 345 678' },
    });
    expect(slip.components.map((c) => c.code)).toEqual(CORRECTION.components);
    const html = await formHtml(dossier.code, '01');
    const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(dossier.appointmentAt)!;
    expect(html).toContain(`${h} giờ ${mi} phút, ngày ${d} tháng ${mo} năm ${y}`);
    expect(html).toMatch(/@page \{ size: A5 portrait; margin: [^}]+\}/);
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(html).toContain('ỦY BAN NHÂN DÂN TỈNH NINH BÌNH');
    expect(html).toContain('>SỞ GIÁO DỤC VÀ ĐÀO TẠO<');
    // Nothing applies yet beyond the slip and the control sheet.
    for (const number of ['02', '03', '04']) {
      const res = await form(dossier.code, number);
      expect(res.statusCode, `${number}: ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({ code: 'FORM.NOT_APPLICABLE' });
    }
    // The receipt event is stored by the workflow shortly after the answer.
    const sheet = await eventually(async () => {
      const rows = (await formJson<ControlSheetForm>(dossier.code, '05')).rows;
      return rows.length > 0 ? rows : undefined;
    });
    expect(sheet.map((r) => r.type)).toEqual(['receive']);
  });

  it('Mẫu 03 after a refusal: the reasons and the refusing head', async () => {
    const at = await walkTo(api, (await ok(api.receive())) as DossierDetail, 'tham-dinh');
    const reasons = ['Văn bằng không do Sở cấp', 'Nội dung đề nghị <không có căn cứ>'];
    await ok(api.act(at.code, 'refuse', 'head', { reasons }));
    const refusal = await formJson<{
      reasons: string[];
      refuser: { username: string };
      refusingUnit: string;
    }>(at.code, '03');
    expect(refusal).toMatchObject({
      reasons,
      refuser: { username: 'head' },
      refusingUnit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
    });
    expect(await formHtml(at.code, '03')).toContain('Nội dung đề nghị &lt;không có căn cứ&gt;');
    const sheet = await formJson<ControlSheetForm>(at.code, '05');
    expect(sheet.rows.at(-1)).toMatchObject({ type: 'refuse', to: { unit: 'Tổ chức, cá nhân' } });
  });

  it('answers 400 with the field for a bad form number or format, 404 for an unknown dossier', async () => {
    const dossier = await ok(api.receive());
    for (const [number, query, field] of [
      ['06', '', 'params.form'],
      ['7', '', 'params.form'],
      ['abc', '', 'params.form'],
      ['01', '?format=docx', 'query.format'],
    ] as const) {
      const res = await form(dossier.code, number, query);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect((await form(`${units.department}-991231-9999`, '01')).statusCode).toBe(404);
    expect((await app.inject({ url: `/dossiers/${dossier.code}/forms/01` })).statusCode).toBe(401);
  });
});

describe('Mẫu 06 – tracking register', () => {
  it('has one line per dossier received in the period', async () => {
    const today = toVnDate(Date.now());
    const dossier = await ok(api.receive());
    const res = await app.inject({
      url: `/forms/06?from=${today}&to=${today}`,
      headers: await api.as('auditor'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const register = res.json<RegisterForm>();
    expect(register).toMatchObject({
      kind: 'register',
      label: 'Mẫu số 07',
      period: { from: today, to: today },
    });
    const codes = register.rows.map((r) => r.dossierCode);
    expect(codes).toContain(dossier.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(register.rows.map((r) => r.no)).toEqual(codes.map((_, i) => i + 1));
    const total = await db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant', '=', 'default')
      .where('received_at', '>=', new Date(`${today}T00:00:00+07:00`))
      .where('received_at', '<', new Date(`${addDays(today, 1)}T00:00:00+07:00`))
      .executeTakeFirstOrThrow();
    expect(register.rows).toHaveLength(Number(total.n));
    expect(register.rows.find((r) => r.dossierCode === dossier.code)).toMatchObject({
      receivedAt: dossier.receivedAt,
      appointmentAt: dossier.appointmentAt,
      transferredAt: null,
      resolvingUnit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
    });

    const yesterday = addDays(today, -1);
    const none = await app.inject({
      url: `/forms/06?from=${yesterday}&to=${yesterday}&format=html`,
      headers: await api.as('auditor'),
    });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('size: A4 landscape');

    for (const [query, field] of [
      [`from=${today}&to=${yesterday}`, 'query.to'],
      ['from=2026-02-30&to=2026-03-01', 'query.from'],
      [`to=${today}`, 'query.from'],
      ['from=2024-01-01&to=2026-01-01', 'query.to'],
    ] as const) {
      const bad = await app.inject({ url: `/forms/06?${query}`, headers: await api.as('auditor') });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json()).toMatchObject({ field });
    }
  });
});

describe('Mẫu 02 of the desk guidance for an incomplete dossier', () => {
  it('lists the missing components; 404 for an unknown guidance', async () => {
    const res = await api.receive({ components: ['DON'] });
    expect(res.statusCode, res.body).toBe(422);
    const { guidanceId } = res.json<{ guidanceId: number }>();
    const guidance = await app.inject({
      url: `/receipt-guidances/${guidanceId}/form`,
      headers: await api.as('receiver'),
    });
    expect(guidance.statusCode, guidance.body).toBe(200);
    expect(guidance.json<SupplementForm>()).toMatchObject({
      source: 'receipt_guidance',
      dossierCode: null,
      guidanceId,
      guide: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
    });
    expect(guidance.json<SupplementForm>().items.length).toBeGreaterThan(0);
    const missing = await app.inject({
      url: '/receipt-guidances/2147483000/form',
      headers: await api.as('receiver'),
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the form routes with their operationIds and the three media types', async () => {
    const spec = (await app.inject({ url: '/openapi.json' })).json<{
      paths: Record<
        string,
        Record<string, { operationId: string; responses: Record<string, { content: object }> }>
      >;
    }>();
    const form = spec.paths['/dossiers/{code}/forms/{form}']?.get;
    expect(form?.operationId).toBe('getDossierForm');
    expect(Object.keys(form?.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/html',
      'application/pdf',
    ]);
    expect(spec.paths['/forms/06']?.get?.operationId).toBe('getTrackingRegister');
    expect(spec.paths['/receipt-guidances/{id}/form']?.get?.operationId).toBe('getReceiptGuidanceForm');
  });
});
