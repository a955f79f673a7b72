/**
 * getReport on the real app and PostgreSQL: a tenant of its own is seeded with projection rows (and the
 * audit events the report reads: withdrawal, apology, appointments), and Quý I 2026 (10/12/2025 → 10/3/2026)
 * is compared with a table computed by hand, cut-off straddlers included. The Excel export parses back to
 * the same totals; bad parameters are 400 with a code and a field; a specialist gets 403.
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { vnDateTimeToInstant } from '../domain/calendar/index.js';
import type { DossierEvent, DossierPhase, DossierState, OnTimeResult } from '../domain/dossier/types.js';
import { figureLabels, type ReportFigures } from '../domain/report/index.js';
import type { Database } from '../db/database.js';
import { applyDossierEvent } from '../db/dossier.repository.js';
import type { DossierChannel } from '../db/dossier.table.js';
import { devPassword } from '../db/seed/organisation.seed.js';
import { buildTestApp, loginAs } from './support/app.js';
import { connectTestDatabase } from './support/db.js';

/** An instant from a Vietnam local 'YYYY-MM-DD HH:MM'. */
const at = (text: string): number => vnDateTimeToInstant(text.slice(0, 10), text.slice(11, 16));

const suffix = randomBytes(4).toString('hex');
const tenant = `rpt-${suffix}`;
const user = (role: string) => `rpt-${suffix}-${role}`;

let db: Database;
let app: AppInstance;
const headers = new Map<string, { authorization: string }>();
const as = async (role: string) => {
  if (!headers.has(role)) headers.set(role, await loginAs(app, user(role)));
  return headers.get(role)!;
};

/** Procedures of the tenant: the division in charge is the one of the first handling step. */
const procedures = [
  { code: 'RPT.P1', version: 1, name: 'Chỉnh sửa nội dung văn bằng', handling: 'QLCL' },
  { code: 'RPT.P2', version: 1, name: 'Cấp bản sao văn bằng', handling: 'GDTRH' },
  { code: 'RPT.P2', version: 2, name: 'Cấp bản sao văn bằng', handling: 'VP' },
];

interface Seed {
  id: string;
  procedure: [string, number];
  channel?: DossierChannel;
  received: string;
  phase: DossierPhase;
  appointment: string;
  resultReady?: string;
  finished?: string;
  outcome?: OnTimeResult;
  apology?: { signed: string; previous: string; late: boolean };
  supplements?: [string, string | null][];
  /** Audit events besides the receipt, in order. */
  events?: { type: DossierEvent['type']; at: string; payload?: Record<string, unknown> }[];
}

/**
 * The seeded dossiers. Hand-computed place in Quý I 2026 on the right: R received, C carried over,
 * F finished (early/on time/late), X refused, W withdrawn, S stopped, P in progress (within time/overdue).
 */
const seeds: Seed[] = [
  // C, F early: received the day before the period, finished inside it.
  {
    id: 'a01',
    procedure: ['RPT.P1', 1],
    received: '2025-12-09 16:00',
    phase: 'returned',
    appointment: '2025-12-16 17:00',
    resultReady: '2025-12-12 09:00',
    finished: '2025-12-15 09:00',
    outcome: 'early',
  },
  // R online, P within time: received before the end, result ready after it (straddles the end).
  {
    id: 'a02',
    procedure: ['RPT.P1', 1],
    channel: 'online',
    received: '2026-03-09 10:00',
    phase: 'returned',
    appointment: '2026-03-16 17:00',
    resultReady: '2026-03-11 09:00',
    finished: '2026-03-12 09:00',
    outcome: 'early',
  },
  // R, P overdue: appointment on the last day, still being handled.
  {
    id: 'a03',
    procedure: ['RPT.P1', 1],
    received: '2026-03-02 08:00',
    phase: 'processing',
    appointment: '2026-03-10 17:00',
  },
  // R, F late with an apology (result ready before the new appointment: late all the same).
  {
    id: 'a04',
    procedure: ['RPT.P2', 1],
    received: '2026-01-12 08:00',
    phase: 'returned',
    appointment: '2026-02-05 17:00',
    resultReady: '2026-02-03 10:00',
    finished: '2026-02-04 09:00',
    outcome: 'late',
    // Signed on the day of the appointment it moved: after its limit (Friday 16/01 17:00), late.
    apology: { signed: '2026-01-19 09:00', previous: '2026-01-19 17:00', late: true },
    events: [
      { type: 'sign_apology', at: '2026-01-19 09:00', payload: { newAppointmentAt: at('2026-02-05 17:00') } },
    ],
  },
  // R postal, X.
  {
    id: 'a05',
    procedure: ['RPT.P2', 1],
    channel: 'postal',
    received: '2026-02-10 08:00',
    phase: 'refused',
    appointment: '2026-02-17 17:00',
    finished: '2026-02-11 10:00',
  },
  // C, W: withdrawn at the applicant's request, then stopped.
  {
    id: 'a06',
    procedure: ['RPT.P1', 1],
    received: '2025-11-25 08:00',
    phase: 'stopped',
    appointment: '2025-12-02 17:00',
    finished: '2026-01-06 10:00',
    events: [
      { type: 'withdraw', at: '2026-01-05 10:00' },
      { type: 'stop', at: '2026-01-06 10:00' },
    ],
  },
  // R, S: stopped by a leader; its procedure has no version in the catalog (division unknown).
  {
    id: 'a07',
    procedure: ['RPT.P3', 1],
    received: '2026-02-15 08:00',
    phase: 'stopped',
    appointment: '2026-02-25 17:00',
    finished: '2026-02-20 10:00',
  },
  // R online, P overdue: the apology moving the appointment was signed only after the period end.
  {
    id: 'a08',
    procedure: ['RPT.P2', 2],
    channel: 'online',
    received: '2026-03-03 08:00',
    phase: 'processing',
    appointment: '2026-03-20 17:00',
    // Signed after the appointment it moved: late (in progress, so not among the finished late apologies).
    apology: { signed: '2026-03-12 09:00', previous: '2026-03-09 17:00', late: true },
    events: [
      { type: 'sign_apology', at: '2026-03-12 09:00', payload: { newAppointmentAt: at('2026-03-20 17:00') } },
    ],
  },
  // R, F late: result ready after the appointment.
  {
    id: 'a09',
    procedure: ['RPT.P1', 1],
    received: '2026-01-05 08:00',
    phase: 'returned',
    appointment: '2026-01-12 17:00',
    resultReady: '2026-01-20 10:00',
    finished: '2026-01-21 09:00',
    outcome: 'late',
  },
  // C, F on time after two supplement requests (the second one in the period).
  {
    id: 'a10',
    procedure: ['RPT.P1', 1],
    received: '2025-11-01 08:00',
    phase: 'returned',
    appointment: '2026-01-09 17:00',
    resultReady: '2026-01-09 17:00',
    finished: '2026-01-10 09:00',
    outcome: 'on_time',
    supplements: [
      ['2025-11-05 09:00', '2025-11-20 09:00'],
      ['2025-12-15 09:00', '2026-01-02 09:00'],
    ],
  },
  // R, P within time: waiting for the applicant since before its appointment (judged at the request).
  {
    id: 'a11',
    procedure: ['RPT.P1', 1],
    received: '2026-02-25 08:00',
    phase: 'awaiting_supplement',
    appointment: '2026-03-06 17:00',
    supplements: [['2026-03-04 10:00', null]],
  },
  // Not counted: result ready one minute before the period, returned on its first day.
  {
    id: 'a12',
    procedure: ['RPT.P1', 1],
    received: '2025-11-10 08:00',
    phase: 'returned',
    appointment: '2025-12-12 17:00',
    resultReady: '2025-12-09 23:59',
    finished: '2025-12-10 08:00',
    outcome: 'early',
  },
  // Not counted: received at the first instant after the period.
  {
    id: 'a13',
    procedure: ['RPT.P1', 1],
    received: '2026-03-11 00:00',
    phase: 'processing',
    appointment: '2026-03-18 17:00',
  },
  // R online, F early: result ready, not yet handed over.
  {
    id: 'a14',
    procedure: ['RPT.P2', 1],
    channel: 'online',
    received: '2026-01-20 08:00',
    phase: 'result_ready',
    appointment: '2026-01-27 17:00',
    resultReady: '2026-01-25 10:00',
  },
  // C, P overdue: an old dossier still open.
  {
    id: 'a15',
    procedure: ['RPT.P3', 1],
    received: '2025-10-01 08:00',
    phase: 'processing',
    appointment: '2025-10-20 17:00',
  },
];

/** Quý I 2026, computed by hand from the list above. */
const expectedTotals: ReportFigures = {
  received: 9, // a02 a03 a04 a05 a07 a08 a09 a11 a14
  receivedDirect: 5, // a03 a04 a07 a09 a11
  receivedOnline: 3, // a02 a08 a14
  receivedPostal: 1, // a05
  carriedOver: 4, // a01 a06 a10 a15
  toHandle: 13,
  finished: 5, // a01 a04 a09 a10 a14
  finishedEarly: 2, // a01 a14
  finishedOnTime: 1, // a10
  finishedLate: 2, // a04 a09
  finishedLateWithApology: 1, // a04
  finishedLateWithLateApology: 1, // a04
  finishedOnTimeMultipleSupplements: 1, // a10
  inProgress: 5, // a02 a03 a08 a11 a15
  inProgressOnTime: 2, // a02 a11
  inProgressOverdue: 3, // a03 a08 a15
  withdrawn: 1, // a06
  refused: 1, // a05
  stopped: 1, // a07
  supplementRequests: 2, // a10 (15/12), a11 (04/03)
  multipleSupplements: 1, // a10
  onTimeRate: 60, // 3 / 5
};

/** [division, received, carried over, finished, refused, withdrawn, stopped, in progress]. */
const expectedByDivision = [
  ['GDTRH', 3, 0, 2, 1, 0, 0, 0], // a04 a05 a14
  ['QLCL', 4, 3, 3, 0, 1, 0, 3], // a01 a02 a03 a06 a09 a10 a11
  ['VP', 1, 0, 0, 0, 0, 0, 1], // a08 (version 2 of RPT.P2)
  [null, 1, 1, 0, 0, 0, 1, 1], // a07 a15 (RPT.P3 not in the catalog)
];

const statusOf: Record<DossierPhase, DossierState['status']> = {
  processing: 4,
  awaiting_supplement: 5,
  withdrawal_requested: 7,
  result_ready: 9,
  returned: 10,
  refused: 3,
  stopped: 8,
};

async function seedTenant(): Promise<void> {
  await db
    .insertInto('tenant')
    .values({ code: tenant, name: 'Sở Giáo dục và Đào tạo thử nghiệm báo cáo', unit_code: `RPT.${suffix}` })
    .execute();
  await db
    .insertInto('division')
    .values(
      [
        ['BPMC', 'Bộ phận Một cửa', 'desk'],
        ['QLCL', 'Phòng Khảo thí và Quản lý chất lượng giáo dục', 'division'],
        ['GDTRH', 'Phòng Giáo dục Trung học', 'division'],
        ['VP', 'Văn phòng Sở', 'division'],
        ['BGD', 'Ban Giám đốc Sở', 'leadership'],
      ].map(([code, name, kind]) => ({ tenant, code: code!, name: name!, kind: kind as 'desk' })),
    )
    .execute();
  const hash = await bcrypt.hash(devPassword, 4);
  await db
    .insertInto('officer')
    .values(
      (
        [
          ['head', 'QLCL'],
          ['specialist', 'QLCL'],
          ['auditor', null],
          ['director', 'BGD'],
        ] as const
      ).map(([role, division]) => ({
        tenant,
        username: user(role),
        full_name: `Cán bộ ${role}`,
        email: `${user(role)}@example.vn`,
        role,
        division_code: division,
        password_hash: hash,
      })),
    )
    .execute();
  for (const p of procedures) {
    const steps = [
      { id: 'tiep-nhan', kind: 'receipt', division: 'BPMC' },
      { id: 'tham-dinh', kind: 'handling', division: p.handling },
      { id: 'phe-duyet', kind: 'approval', division: 'BGD' },
      { id: 'tra-ket-qua', kind: 'return', division: 'BPMC' },
    ];
    await db
      .insertInto('procedure_version')
      .values({
        tenant,
        code: p.code,
        version: p.version,
        name: p.name,
        effective_from: '2025-01-01',
        definition: JSON.stringify({ code: p.code, version: p.version, name: p.name, steps }),
        published_by: null,
      })
      .execute();
  }
}

async function seedDossier(s: Seed): Promise<void> {
  const code = `${tenant}-${s.id}`;
  const receivedAt = at(s.received);
  const appointmentAt = at(s.appointment);
  const events = s.events ?? [];
  const procedure = procedures.find((p) => p.code === s.procedure[0]);
  const state = {
    code,
    tenant,
    procedureCode: s.procedure[0],
    procedureVersion: s.procedure[1],
    phase: s.phase,
    status: statusOf[s.phase],
    receivedAt,
    appointmentAt,
    supplements: (s.supplements ?? []).map(([asked, came]) => ({
      requestedAt: at(asked),
      requestedBy: 'x',
      reason: 'Thiếu giấy tờ',
      items: [],
      resumedAt: came === null ? null : at(came),
      pausedWorkingMinutes: null,
    })),
    seq: 1 + events.length,
  };
  const finished = s.finished ? new Date(at(s.finished)) : null;
  await db
    .insertInto('dossier')
    .values({
      code,
      tenant,
      unit_code: `RPT.${suffix}`,
      procedure_code: s.procedure[0],
      procedure_version: s.procedure[1],
      procedure_name: procedure?.name ?? 'Thủ tục ngoài danh mục',
      calendar_version: 1,
      applicant_name: 'Nguyễn Văn Ân',
      applicant_id_number: '036090001234',
      applicant_email: null,
      applicant_phone: null,
      rule_set: 'ND118_2025',
      return_method: 'counter',
      components: '[]',
      channel: s.channel ?? 'direct',
      received_at: new Date(receivedAt),
      received_by: 'receiver',
      phase: s.phase,
      status: statusOf[s.phase],
      appointment_at: new Date(appointmentAt),
      original_appointment_at: new Date(s.apology ? at(s.apology.previous) : appointmentAt),
      overdue: false,
      apology_signed_at: s.apology ? new Date(at(s.apology.signed)) : null,
      apology_late: s.apology?.late ?? false,
      supplement_count: state.supplements.length,
      multiple_supplements: state.supplements.length > 1,
      result_ready_at: s.resultReady ? new Date(at(s.resultReady)) : null,
      finished_at: finished,
      outcome: s.outcome ?? null,
      state: JSON.stringify(state),
      seq: state.seq,
      current_step_id: null,
      current_division: null,
      current_role: null,
      assignee_id: null,
      assignee_username: null,
      step_deadline: null,
    })
    .execute();
  // The audit trail: the receipt with its appointment (the one before any apology), then the given events.
  const trail = [
    {
      type: 'receive' as const,
      at: s.received,
      payload: { appointmentAt: s.apology ? at(s.apology.previous) : appointmentAt },
    },
    ...events,
  ];
  for (const [i, e] of trail.entries()) {
    const event: DossierEvent = {
      dossierCode: code,
      seq: i + 1,
      at: at(e.at),
      type: e.type,
      actor: null,
      stepId: null,
      fromPhase: i === 0 ? null : 'processing',
      toPhase: 'processing',
      fromStatus: i === 0 ? null : 4,
      toStatus: 4,
      fromStepId: null,
      toStepId: null,
      onTime: null,
      payload: e.payload ?? {},
    };
    await applyDossierEvent(db, {
      event,
      state: { seq: state.seq } as DossierState,
      stepDivision: null,
      stepRole: null,
      deskUnit: null,
    });
  }
}

beforeAll(async () => {
  db = connectTestDatabase();
  app = await buildTestApp(db);
  await seedTenant();
  for (const s of seeds) await seedDossier(s);
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
});

const getReport = async (query: string, role = 'auditor') =>
  app.inject({ method: 'GET', url: `/reports?${query}`, headers: await as(role) });

interface ReportJson {
  agency: { code: string; name: string };
  window: Record<string, unknown>;
  totals: ReportFigures;
  byProcedure: (ReportFigures & { procedureCode: string })[];
  byDivision: (ReportFigures & { division: string | null; divisionName: string | null })[];
  indicators: { code: string; numerator: number; denominator: number; value: number | null }[];
}

describe('getReport for Quý I 2026', () => {
  it('equals the hand-computed table, cut-off straddlers included', async () => {
    const res = await getReport('period=q1&year=2026');
    expect(res.statusCode).toBe(200);
    const report = res.json<ReportJson>();
    expect(report.agency).toMatchObject({ code: tenant, name: 'Sở Giáo dục và Đào tạo thử nghiệm báo cáo' });
    expect(report.window).toMatchObject({
      from: '2025-12-10',
      to: '2026-03-10',
      kind: 'q1',
      year: 2026,
      start: '2025-12-10T00:00:00+07:00',
      end: '2026-03-11T00:00:00+07:00',
      asOf: '2026-03-11T00:00:00+07:00',
      complete: true,
    });
    expect(report.totals).toEqual(expectedTotals);
    expect(
      report.byDivision.map((d) => [
        d.division,
        d.received,
        d.carriedOver,
        d.finished,
        d.refused,
        d.withdrawn,
        d.stopped,
        d.inProgress,
      ]),
    ).toEqual(expectedByDivision);
    expect(report.byDivision[1]!.divisionName).toBe('Phòng Khảo thí và Quản lý chất lượng giáo dục');
    expect(report.byProcedure.map((p) => [p.procedureCode, p.toHandle])).toEqual([
      ['RPT.P1', 7],
      ['RPT.P2', 4],
      ['RPT.P3', 2],
    ]);
    expect(report.indicators.map((i) => [i.code, i.numerator, i.denominator, i.value])).toEqual([
      ['ON_TIME_RATE', 3, 5, 60],
      ['ON_TIME_RATE_766', 2, 5, 40],
      ['LATE_RATE', 5, 13, 38.46],
      ['ONLINE_RATE', 3, 9, 33.33],
      ['MULTIPLE_SUPPLEMENT_RATE', 1, 13, 7.69],
      ['APOLOGY_RATE', 1, 2, 50],
    ]);
  });

  it('counts the dossier finished after the cut-off in the next range, carried over', async () => {
    const res = await getReport('from=2026-03-11&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    const { totals, window } = res.json<ReportJson>();
    expect(window).toMatchObject({ kind: null, year: null, start: '2026-03-11T00:00:00+07:00' });
    // Carried over: a02 a03 a08 a11 a15; received: a13 (at 00:00 on the first day); finished: a02.
    expect(totals).toMatchObject({
      carriedOver: 5,
      received: 1,
      finished: 1,
      finishedEarly: 1,
      inProgress: 5,
    });
  });

  it('gives a division head the whole tenant', async () => {
    const res = await getReport('period=q1&year=2026', 'head');
    expect(res.statusCode).toBe(200);
    expect(res.json<ReportJson>().totals).toEqual(expectedTotals);
  });

  it('exports an Excel workbook with the same totals', async () => {
    const res = await getReport('period=q1&year=2026&format=xlsx', 'director');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-2026-q1.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo thủ tục',
      'Theo đơn vị',
      'Chỉ số QĐ 766',
    ]);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const text = (row: number) => summary.getRow(row).getCell(1).text;
    expect(text(1)).toBe('SỞ GIÁO DỤC VÀ ĐÀO TẠO THỬ NGHIỆM BÁO CÁO');
    expect(text(3)).toBe('Kỳ báo cáo: Quý I năm 2026 (từ 10/12/2025 đến 10/03/2026)');
    expect(text(4)).toContain('00:00 ngày 10/12/2025 đến trước 00:00 ngày 11/03/2026');
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(row.getCell(2).text, row.getCell(3).value));
    for (const [key, label] of Object.entries(figureLabels)) {
      expect(figures.get(label), label).toBe(expectedTotals[key as keyof ReportFigures]);
    }
    // The total line of the division sheet repeats the totals.
    const divisions = workbook.getWorksheet('Theo đơn vị')!;
    const header = divisions.getRow(8).values as unknown[];
    const totalRow = divisions.getRow(8 + expectedByDivision.length + 1);
    expect(totalRow.getCell(2).value).toBe('Tổng cộng');
    expect(totalRow.getCell(header.indexOf('Tổng số cần giải quyết')).value).toBe(13);
    expect(divisions.getRow(9).getCell(3).value).toBe('Phòng Giáo dục Trung học');
  });
});

describe('getReport refuses', () => {
  it.each([
    ['', 'REPORT.MISSING_PERIOD', 'query.period'],
    ['period=q1', 'REPORT.MISSING_YEAR', 'query.year'],
    ['period=q2&year=2026', 'VALIDATION_FAILED', 'query.period'],
    ['period=q1&year=abc', 'VALIDATION_FAILED', 'query.year'],
    ['period=q1&year=2026&from=2026-01-01&to=2026-02-01', 'REPORT.CONFLICTING_PARAMETERS', 'query.from'],
    ['year=2026&from=2026-01-01&to=2026-02-01', 'REPORT.CONFLICTING_PARAMETERS', 'query.year'],
    ['from=2026-01-01', 'REPORT.MISSING_DATE', 'query.to'],
    ['from=2026-02-30&to=2026-03-01', 'REPORT.INVALID_DATE', 'query.from'],
    ['from=2026-03-02&to=2026-03-01', 'REPORT.INVALID_PERIOD', 'query.to'],
    ['from=2023-01-01&to=2026-01-01', 'REPORT.PERIOD_TOO_LONG', 'query.to'],
    ['period=q1&year=2026&format=pdf', 'VALIDATION_FAILED', 'query.format'],
  ])('"%s" with 400 %s at %s', async (query, code, field) => {
    const res = await getReport(query);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code, field });
  });

  it('a specialist with 403', async () => {
    const res = await getReport('period=q1&year=2026', 'specialist');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an anonymous caller with 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/reports?period=q1&year=2026' });
    expect(res.statusCode).toBe(401);
  });
});
