/**
 * The escalation ladder through the API on the real Temporal dev server, PostgreSQL and SMTP: mails queued
 * during an SMTP outage all arrive once it is back; leaders sign the apology (once; the administrator is
 * refused and nothing changes); managers list overdue and at-risk dossiers by division and procedure, with
 * the late apologies; applicants hear of supplements and results; the morning digest; a calendar
 * publication through the API reaches the open dossiers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { leadershipDigestWorkflow } from '../workflows/leadership-digest.workflow.js';
import { loginAs, testTemporalClient } from './support/app.js';
import { dossierOf, historyOf, ok, walkCorrection, walkTo, type ApiDriver } from './support/dossiers.js';
import { defaultVietnamCalendar } from '../domain/calendar/index.js';
import { startDossierHarness, type MailingDossierHarness } from './support/harness.js';
import type { TestSmtp } from './support/smtp.js';
import type { RunningWorker } from './support/temporal.js';
import { procedureCode } from './support/catalog.js';

let db: Database;
let smtp: TestSmtp;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;

let harness: MailingDossierHarness | undefined;
beforeAll(async () => {
  harness = await startDossierHarness({ mail: true });
  ({ db, smtp, worker, app, api } = harness);
});
afterAll(() => harness?.stop());

const applicant = (n: number) => ({
  fullName: `Trần Văn Bình ${n}`,
  idNumber: `03619000${1000 + n}`,
  address: 'Xã Hải Hậu, tỉnh Ninh Bình',
  email: `ung-vien-${n}@example.vn`,
});

const headerOf = (m: ParsedMail, name: string): string => {
  const v = m.headers.get(name);
  return typeof v === 'string' ? v : '';
};

/** Sets a flag the workflow's timers would set, once the workflow has stored its first event (no race). */
async function flag(code: string, column: 'overdue' | 'at_risk'): Promise<void> {
  await waitFor(
    () => db.selectFrom('dossier').select('seq').where('code', '=', code).executeTakeFirstOrThrow(),
    (r) => r.seq >= 1,
  );
  await db
    .updateTable('dossier')
    .set({ [column]: true })
    .where('code', '=', code)
    .execute();
}

async function waitFor<T>(
  read: () => Promise<T> | T,
  done: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('an SMTP outage', () => {
  it('delays the mails, then every one arrives once', async () => {
    smtp.setMode('tempfail');
    const codes: string[] = [];
    for (const n of [1, 2, 3]) {
      codes.push((await ok(api.receive({ applicant: applicant(n) }))).code);
    }
    const ledger = () =>
      db
        .selectFrom('notification')
        .select(['key', 'status', 'attempts'])
        .where('dossier_code', 'in', codes)
        .execute();
    await waitFor(
      ledger,
      (rows) => rows.length === 3 && rows.every((r) => r.attempts >= 1 && r.status === 'pending'),
    );
    expect(smtp.received.filter((m) => codes.includes(headerOf(m, 'x-mot-cua-dossier')))).toHaveLength(0);

    smtp.setMode('ok');
    const arrived = await waitFor(
      () => smtp.received.filter((m) => codes.includes(headerOf(m, 'x-mot-cua-dossier'))),
      (m) => m.length === 3,
    );
    expect(arrived.map((m) => m.subject).sort()).toEqual(
      codes.map((c) => `Sở Giáo dục và Đào tạo tỉnh Ninh Bình đã tiếp nhận hồ sơ ${c}`).sort(),
    );
    // The ledger notes the acceptance just after the SMTP server answered.
    await waitFor(ledger, (rows) => rows.every((r) => r.status === 'sent'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => codes.includes(headerOf(m, 'x-mot-cua-dossier')))).toHaveLength(3);
  });
});

describe("the applicant's notices", () => {
  it('tell of the supplement requested and of the result ready, each once', async () => {
    const code = (await ok(api.receive({ applicant: applicant(8) }))).code;
    await ok(
      api.act(code, 'supplement-request', 'receiver', {
        reason: 'Thiếu giấy khai sinh',
        items: ['Bản sao giấy khai sinh'],
      }),
    );
    await ok(api.act(code, 'supplement-received', 'receiver', { note: 'Đã bổ sung' }));
    await walkCorrection(api, code);
    const mails = await waitFor(
      () => smtp.received.filter((m) => headerOf(m, 'x-mot-cua-dossier') === code),
      (m) => m.length === 3,
    );
    expect(mails.map((m) => headerOf(m, 'x-mot-cua-notification')).sort()).toEqual([
      `dossier:${code}:applicant:received`,
      expect.stringMatching(new RegExp(`^dossier:${code}:applicant:result_ready:\\d+$`)),
      `dossier:${code}:applicant:supplement:1`,
    ]);
    const supplement = mails.find((m) => headerOf(m, 'x-mot-cua-notification').includes(':supplement:'))!;
    expect(supplement.subject).toBe(`Yêu cầu bổ sung, hoàn thiện hồ sơ ${code}`);
    expect(supplement.text).toContain('Bản sao giấy khai sinh');
    expect(supplement.text).toContain('Lý do: Thiếu giấy khai sinh');
    const ready = mails.find((m) => headerOf(m, 'x-mot-cua-notification').includes(':result_ready:'))!;
    expect(ready.subject).toBe(`Đã có kết quả giải quyết hồ sơ ${code}`);
    expect(ready.to).toMatchObject({ value: [{ address: applicant(8).email }] });
  });
});

describe("the applicant's fee notices", () => {
  it('state the fee at receipt, then ask for it at the payment step with the amount, reference and pay link', async () => {
    const code = (
      await ok(
        api.receive({
          procedureCode: procedureCode('3.000465'),
          components: ['DON', 'GTTT'],
          copies: 3,
          applicant: applicant(9),
        }),
      )
    ).code;
    await walkTo(api, await dossierOf(api, code), 'thu-phi');
    const mails = await waitFor(
      () => smtp.received.filter((m) => headerOf(m, 'x-mot-cua-dossier') === code),
      (m) => m.length === 2,
    );
    const received = mails.find((m) => headerOf(m, 'x-mot-cua-notification').endsWith(':received'))!;
    // Three copies at 10.000 đồng each.
    expect(received.text).toContain('Phí, lệ phí: 30.000 đồng (Mức thu 10.000 đồng/bản sao');
    const payment = mails.find((m) => headerOf(m, 'x-mot-cua-notification').includes(':applicant:payment:'))!;
    expect(payment.subject).toBe(`Mời nộp phí, lệ phí hồ sơ ${code}`);
    expect(payment.text).toMatch(new RegExp(`Mã thanh toán: ${code.replace(/\./g, '\\.')}-TT\\d+`));
    expect(payment.text).toMatch(/Thanh toán trực tuyến: http\S+\/payments\/vnpay\/pay\//);
    expect(payment.to).toMatchObject({ value: [{ address: applicant(9).email }] });
  });
});

describe('the apology (Mẫu 04)', () => {
  let code: string;
  beforeAll(async () => {
    code = (await ok(api.receive({ applicant: applicant(4) }))).code;
  });

  it('is for leaders only, with a later working day; the appointment moves; once only', async () => {
    const view = (await ok(api.get(code))) as unknown as { appointmentAt: string; apologyRequired: boolean };
    expect(view.apologyRequired).toBe(false);
    const later = new Date(Date.parse(view.appointmentAt) + 14 * 86_400_000);
    // A weekday well after the appointment.
    while ([0, 6].includes(new Date(later.getTime() + 7 * 3_600_000).getUTCDay()))
      later.setTime(later.getTime() + 86_400_000);
    const date = new Date(later.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

    const bySpecialist = await api.act(code, 'sign-apology', 'specialist', {
      reason: 'Chậm',
      newAppointmentDate: date,
    });
    expect(bySpecialist.statusCode).toBe(403);
    expect(bySpecialist.json()).toMatchObject({ code: 'DOSSIER.LEADERS_ONLY' });
    // Not the system administrator either: the apology is the resolving agency's leaders' to sign.
    const before = await historyOf(api, code);
    const asAdmin = (await api.get(code, 'admin')).json<{ allowedActions: string[] }>();
    expect(asAdmin.allowedActions).not.toContain('sign-apology');
    const byAdmin = await api.act(code, 'sign-apology', 'admin', {
      reason: 'Chậm',
      newAppointmentDate: date,
    });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json()).toMatchObject({ code: 'DOSSIER.LEADERS_ONLY' });
    const after = await historyOf(api, code);
    expect(after.items).toEqual(before.items);
    expect(after.rejected.at(-1)).toMatchObject({ actor: 'admin', code: 'DOSSIER.LEADERS_ONLY' });
    expect(await dossierOf(api, code)).toMatchObject({ appointmentAt: view.appointmentAt, apology: null });
    const badDate = await api.act(code, 'sign-apology', 'director', {
      reason: 'Chậm',
      newAppointmentDate: '2020-01-02',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({
      code: 'DOSSIER.BAD_NEW_APPOINTMENT',
      field: 'body.newAppointmentDate',
    });
    const malformed = await api.act(code, 'sign-apology', 'director', {
      reason: 'Chậm',
      newAppointmentDate: '15/12/2026',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'body.newAppointmentDate' });

    const signed = (await ok(
      api.act(code, 'sign-apology', 'director', {
        reason: 'Hồ sơ cần xác minh với cơ sở giáo dục nước ngoài',
        newAppointmentDate: date,
      }),
    )) as unknown as {
      appointmentAt: string;
      apology: { signedBy: string; newAppointmentAt: string; dueBy: string; late: boolean };
    };
    expect(signed.appointmentAt.slice(0, 10)).toBe(date);
    // Signed days before its limit (the end of the working day before the first appointment): not late.
    expect(signed.apology).toMatchObject({
      signedBy: 'director',
      newAppointmentAt: signed.appointmentAt,
      late: false,
      dueBy: expect.stringMatching(/T17:00:00\+07:00$/),
    });
    expect(signed.apology.dueBy < view.appointmentAt).toBe(true);
    const again = await api.act(code, 'sign-apology', 'deputy', {
      reason: 'Lần hai',
      newAppointmentDate: date,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DOSSIER.APOLOGY_ALREADY_SIGNED' });

    const mail = await waitFor(
      () =>
        smtp.received.filter(
          (m) => m.headers.get('x-mot-cua-notification') === `dossier:${code}:applicant:apology`,
        ),
      (m) => m.length === 1,
    );
    expect(mail[0]!.subject).toBe(`Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`);
    expect(mail[0]!.text).toContain('Hồ sơ cần xác minh với cơ sở giáo dục nước ngoài');
  });
});

describe("the managers' late list", () => {
  it('groups overdue and at-risk open dossiers by division and procedure, for managers only', async () => {
    const codes: string[] = [];
    for (const n of [5, 6, 10]) codes.push((await ok(api.receive({ applicant: applicant(n) }))).code);
    // The flags come from the workflow's timers (test/escalation.test.ts); here the projection is set directly.
    await flag(codes[0]!, 'overdue');
    await flag(codes[1]!, 'at_risk');
    // At risk, its apology signed after the legal limit (the workflow's own case: test/escalation.test.ts).
    await flag(codes[2]!, 'at_risk');
    await db
      .updateTable('dossier')
      .set({ apology_signed_at: new Date(), apology_late: true })
      .where('code', '=', codes[2]!)
      .execute();
    const list = await app.inject({
      method: 'GET',
      url: '/dossiers',
      headers: await loginAs(app, 'receiver'),
    });
    const listed = list.json<{ items: { code: string; overdue: boolean; atRisk: boolean }[] }>().items;
    expect(listed.filter((i) => codes.includes(i.code))).toEqual([
      expect.objectContaining({
        code: codes[2],
        atRisk: true,
        apology: expect.objectContaining({ late: true }),
      }),
      expect.objectContaining({ code: codes[1], overdue: false, atRisk: true, apology: null }),
      expect.objectContaining({ code: codes[0], overdue: true, atRisk: false, apology: null }),
    ]);

    const specialist = await app.inject({
      method: 'GET',
      url: '/dossiers/late',
      headers: await loginAs(app, 'specialist'),
    });
    expect(specialist.statusCode).toBe(403);
    const res = await app.inject({
      method: 'GET',
      url: '/dossiers/late?division=BPMC',
      headers: await loginAs(app, 'director'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      items: {
        code: string;
        overdue: boolean;
        atRisk: boolean;
        apologyRequired: boolean;
        divisionName: string;
        apology: { late: boolean } | null;
      }[];
      byDivision: { division: string; overdue: number; atRisk: number; apologyLate: number }[];
      byProcedure: { procedureCode: string; overdue: number; atRisk: number }[];
    }>();
    const mine = body.items.filter((i) => codes.includes(i.code));
    expect(mine).toEqual([
      expect.objectContaining({
        code: codes[0],
        overdue: true,
        atRisk: false,
        apologyRequired: true,
        divisionName: expect.any(String),
      }),
      expect.objectContaining({ code: codes[1], overdue: false, atRisk: true, apologyRequired: true }),
      expect.objectContaining({
        code: codes[2],
        atRisk: true,
        apologyRequired: false,
        apology: expect.objectContaining({ late: true }),
      }),
    ]);
    const desk = body.byDivision.find((d) => d.division === 'BPMC')!;
    expect(desk.overdue).toBeGreaterThanOrEqual(1);
    expect(desk.atRisk).toBeGreaterThanOrEqual(1);
    expect(desk.apologyLate).toBe(body.items.filter((i) => i.apology?.late).length);
    expect(desk.apologyLate).toBeGreaterThanOrEqual(1);
    expect(body.byDivision.every((d) => d.division === 'BPMC')).toBe(true);
    expect(body.byProcedure.reduce((n, p) => n + p.overdue + p.atRisk, 0)).toBe(body.items.length);

    const bad = await app.inject({
      method: 'GET',
      url: `/dossiers/late?division=${'x'.repeat(40)}`,
      headers: await loginAs(app, 'director'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: expect.stringContaining('division') });
  });
});

describe('the morning digest', () => {
  it('goes to the leadership once on a working day, with the late dossiers, and not at all on a day off', async () => {
    const code = (await ok(api.receive({ applicant: applicant(7) }))).code;
    await flag(code, 'overdue');
    const client = testTemporalClient();
    const run = (date: string) =>
      client.workflow.execute(leadershipDigestWorkflow, {
        taskQueue: worker.taskQueue,
        workflowId: `digest-test-${date}-${randomUUID()}`,
        args: [{ tenant: 'default', date }],
      });
    expect(await run('2031-04-05')).toEqual({ status: 'non_working_day' }); // Saturday
    expect(await run('2031-04-01')).toEqual({ status: 'non_working_day' }); // Giỗ Tổ Hùng Vương
    expect(await run('2031-04-02')).toEqual({ status: 'sent' });
    expect(await run('2031-04-02')).toEqual({ status: 'already_sent' });
    const digest = smtp.received.filter(
      (m) => headerOf(m, 'x-mot-cua-notification') === 'digest:default:2031-04-02',
    );
    expect(digest).toHaveLength(1);
    const to = (Array.isArray(digest[0]!.to) ? digest[0]!.to : [digest[0]!.to])
      .flatMap((a) => a?.value ?? [])
      .map((v) => v.address)
      .sort();
    expect(to).toEqual(['deputy@motcua.local', 'director@motcua.local']);
    expect(digest[0]!.subject).toBe('[Tổng hợp] Hồ sơ quá hạn và có nguy cơ trễ hẹn ngày 02/04/2031');
    // The overdue dossier is listed, with a link to it.
    expect(digest[0]!.text).toContain(code);
    expect(digest[0]!.html).toContain(`/ho-so/${encodeURIComponent(code)}`);
  });
});

describe('publishing a calendar version', () => {
  it("reaches the tenant's open dossiers, which record it (nothing moves for a day off years ahead)", async () => {
    const code = (await ok(api.receive({ applicant: applicant(9) }))).code;
    const { tenant: _t, version: _v, ...base } = defaultVietnamCalendar('default');
    const res = await app.inject({
      method: 'POST',
      url: '/calendars/default/versions',
      headers: await loginAs(app, 'admin'),
      payload: {
        ...base,
        name: 'Lịch thử nghiệm – nghỉ thêm ngày 03/06/2031',
        effectiveFrom: '2031-06-01',
        decisions: [
          ...base.decisions,
          {
            year: 2031,
            reference: 'Quyết định thử nghiệm',
            entries: [{ date: '2031-06-03', kind: 'day_off', reason: 'Nghỉ theo quyết định của tỉnh' }],
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const version = res.json<{ version: number }>().version;
    const adopted = await waitFor(
      async () =>
        (await api.history(code)).json<{ items: { type: string; payload: Record<string, unknown> }[] }>(),
      (h) => h.items.some((e) => e.type === 'calendar_changed'),
    );
    expect(adopted.items.find((e) => e.type === 'calendar_changed')!.payload).toMatchObject({
      toVersion: version,
      moves: [],
      summary: `Áp dụng lịch làm việc phiên bản ${version}; không có thời hạn nào thay đổi.`,
    });
    expect((await api.get(code)).json<{ calendarVersion: number }>().calendarVersion).toBe(version);
  });
});
