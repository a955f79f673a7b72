/**
 * getReport on the real app and PostgreSQL: a tenant of its own is seeded with projection rows (and the
 * audit events the report reads: withdrawal, apology, appointments; result files, fees and ratings; the
 * receiving points), and Quý I 2026 (10/12/2025 → 10/3/2026) is compared with a table computed by hand,
 * Decision 766 indicators and cut-off straddlers included. The Excel export parses back to the same totals;
 * bad parameters are 400 with a code and a field; a specialist gets 403.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { defaultVietnamCalendar, vnDateTimeToInstant } from '../domain/calendar/index.js';
import type { DossierEvent, DossierPhase, DossierState, OnTimeResult } from '../domain/dossier/types.js';
import { figureLabels, type ReportFigures } from '../domain/report/index.js';
import type { Database } from '../db/database.js';
import { applyDossierEvent } from '../db/dossier.repository.js';
import type { DossierChannel } from '../db/dossier.table.js';
import type { RatingLevel } from '../db/rating.table.js';
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
  /** The receiving unit; none: the column is null (received before units were recorded: the Sở's desk). */
  unit?: string;
  /** The digitised result file is attached. */
  result?: true;
  /** The fee paid, how and when. */
  payment?: { method: 'online' | 'cash'; at: string };
  rating?: { level: RatingLevel; at: string };
  /** Audit events besides the receipt, in order. */
  events?: { type: DossierEvent['type']; at: string; payload?: Record<string, unknown> }[];
}

/**
 * The seeded dossiers. Hand-computed place in Quý I 2026 on the right: R received, C carried over,
 * F finished (early/on time/late), X refused, W withdrawn, S stopped, P in progress (within time/overdue).
 */
const seeds: Seed[] = [
  // C, F early: received the day before the period, finished inside it (1050 min: Tue 16:00–17:00,
  // Wed, Thu, Fri 07:30–09:00). Paid in cash before the period; rated satisfied.
  {
    id: 'a01',
    procedure: ['RPT.P1', 1],
    received: '2025-12-09 16:00',
    phase: 'returned',
    appointment: '2025-12-16 17:00',
    resultReady: '2025-12-12 09:00',
    finished: '2025-12-15 09:00',
    outcome: 'early',
    payment: { method: 'cash', at: '2025-12-09 16:30' },
    rating: { level: 'satisfied', at: '2025-12-16 09:00' },
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
  // R, F late with an apology (result ready before the new appointment: late all the same); 7320 min
  // (Mon 12/01 08:00–17:00, 15 working days, Tue 03/02 07:30–10:00); result digitised.
  {
    id: 'a04',
    result: true,
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
  // R, F late: result ready after the appointment; 5520 min (Mon 05/01 from 08:00, 11 working days with
  // the make-up Saturday 10/01, Tue 20/01 to 10:00); result digitised; rated dissatisfied.
  {
    id: 'a09',
    result: true,
    rating: { level: 'dissatisfied', at: '2026-01-22 09:00' },
    procedure: ['RPT.P1', 1],
    received: '2026-01-05 08:00',
    phase: 'returned',
    appointment: '2026-01-12 17:00',
    resultReady: '2026-01-20 10:00',
    finished: '2026-01-21 09:00',
    outcome: 'late',
  },
  // C, F on time after two supplement requests (the second one in the period); 10890 min without the
  // waits: Mon 03–Wed 05/11 09:00 (990), Thu 20/11 09:00–Mon 15/12 09:00 (7650), Fri 02/01 (a day off)
  // 09:00–Fri 09/01 17:00 (2250).
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
  // R online at the Sở's desk (recorded as BPMC), F early: result ready on a Sunday, not yet handed over;
  // 1770 min (Tue 20/01 from 08:00 to Fri 23/01 17:00); result digitised; paid online.
  {
    id: 'a14',
    unit: 'BPMC',
    result: true,
    payment: { method: 'online', at: '2026-01-20 08:30' },
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
  // R online at the Centre, F early (1470 min: Mon 02/02 from 08:00, Tue, Wed, Thu 07:30–10:00); result
  // digitised, paid online, rated very satisfied.
  {
    id: 'b01',
    procedure: ['RPT.P2', 1],
    unit: 'TTPVHCC',
    channel: 'online',
    received: '2026-02-02 08:00',
    phase: 'returned',
    appointment: '2026-02-09 17:00',
    resultReady: '2026-02-05 10:00',
    finished: '2026-02-06 09:00',
    outcome: 'early',
    result: true,
    payment: { method: 'online', at: '2026-02-02 09:00' },
    rating: { level: 'very_satisfied', at: '2026-02-07 09:00' },
  },
  // R at the Centre in the last minute of the period, P within time; paid in cash after the period.
  {
    id: 'b02',
    procedure: ['RPT.P2', 1],
    unit: 'TTPVHCC',
    received: '2026-03-10 23:59',
    phase: 'processing',
    appointment: '2026-03-17 17:00',
    payment: { method: 'cash', at: '2026-03-11 08:00' },
  },
  // R at a commune point, F early (2160 min: Mon 23/02 from 08:00, Tue–Thu, Fri to 16:00) without its
  // result file; paid in cash; rated dissatisfied at the first instant after the period (not counted).
  {
    id: 'b03',
    procedure: ['RPT.P1', 1],
    unit: 'XA-HAIHAU',
    received: '2026-02-23 08:00',
    phase: 'returned',
    appointment: '2026-03-02 17:00',
    resultReady: '2026-02-27 16:00',
    finished: '2026-02-27 16:30',
    outcome: 'early',
    payment: { method: 'cash', at: '2026-02-23 08:30' },
    rating: { level: 'dissatisfied', at: '2026-03-11 00:00' },
  },
  // R online at a commune point, F on time after two supplement requests (late by Decision 766): 5370 min
  // from Mon 26/01 08:00 to Tue 10/02 17:00 less the waits Tue 27/01 → Thu 29/01 07:30 (900) and Tue 03/02
  // 13:30 → Wed 04/02 07:30 (210) = 4260; result digitised, paid online, rated dissatisfied.
  {
    id: 'b04',
    procedure: ['RPT.P1', 1],
    unit: 'XA-HAIHAU',
    channel: 'online',
    received: '2026-01-26 08:00',
    phase: 'returned',
    appointment: '2026-02-10 17:00',
    resultReady: '2026-02-10 17:00',
    finished: '2026-02-11 09:00',
    outcome: 'on_time',
    supplements: [
      ['2026-01-27 07:30', '2026-01-29 07:30'],
      ['2026-02-03 13:30', '2026-02-04 07:30'],
    ],
    result: true,
    payment: { method: 'online', at: '2026-01-26 09:00' },
    rating: { level: 'dissatisfied', at: '2026-02-12 09:00' },
  },
];

/** Quý I 2026, computed by hand from the list above. */
const expectedTotals: ReportFigures = {
  received: 13, // a02 a03 a04 a05 a07 a08 a09 a11 a14 b01 b02 b03 b04
  receivedDirect: 7, // a03 a04 a07 a09 a11 b02 b03
  receivedOnline: 5, // a02 a08 a14 b01 b04
  receivedPostal: 1, // a05
  carriedOver: 4, // a01 a06 a10 a15
  toHandle: 17,
  finished: 8, // a01 a04 a09 a10 a14 b01 b03 b04
  finishedEarly: 4, // a01 a14 b01 b03
  finishedOnTime: 2, // a10 b04
  finishedLate: 2, // a04 a09
  finishedLateWithApology: 1, // a04
  finishedLateWithLateApology: 1, // a04
  finishedOnTimeMultipleSupplements: 2, // a10 b04
  inProgress: 6, // a02 a03 a08 a11 a15 b02
  inProgressOnTime: 3, // a02 a11 b02
  inProgressOverdue: 3, // a03 a08 a15
  withdrawn: 1, // a06
  refused: 1, // a05
  stopped: 1, // a07
  supplementRequests: 4, // a10 (15/12), a11 (04/03), b04 ×2
  multipleSupplements: 2, // a10 b04
  onTimeRate: 75, // 6 / 8
};

/** [division, received, carried over, finished, refused, withdrawn, stopped, in progress]. */
const expectedByDivision = [
  ['GDTRH', 5, 0, 3, 1, 0, 0, 1], // a04 a05 a14 b01 b02
  ['QLCL', 6, 3, 5, 0, 1, 0, 3], // a01 a02 a03 a06 a09 a10 a11 b03 b04
  ['VP', 1, 0, 0, 0, 0, 0, 1], // a08 (version 2 of RPT.P2)
  [null, 1, 1, 0, 0, 0, 1, 1], // a07 a15 (RPT.P3 not in the catalog)
];

/**
 * Decision 766 indicators of the totals, by hand: [code, numerator, denominator, value]. Processing time
 * (working minutes, 450 a day): a01 1050, a04 7320, a09 5520, a10 10890, a14 1770, b01 1470, b03 2160,
 * b04 4260 = 34440 = 76.53 days over 8 dossiers.
 */
const expectedIndicators = [
  ['ON_TIME_RATE', 6, 8, 75],
  ['ON_TIME_RATE_766', 4, 8, 50], // less a10 b04
  ['LATE_RATE', 5, 17, 29.41], // a04 a09 a03 a08 a15
  ['ONLINE_RATE', 5, 13, 38.46],
  ['MULTIPLE_SUPPLEMENT_RATE', 2, 17, 11.76],
  ['APOLOGY_RATE', 1, 2, 50],
  ['AVERAGE_WORKING_DAYS', 76.53, 8, 9.57],
  ['RESULT_DIGITISATION_RATE', 5, 8, 62.5], // a04 a09 a14 b01 b04 of the 8 finished (all of a document)
  ['DOSSIER_DIGITISATION_RATE', 0, 13, 0], // no component is digitised by the product yet
  ['ONLINE_PAYMENT_RATE', 3, 4, 75], // a14 b01 b04 of those + b03 (a01 paid before, b02 after the period)
  ['OVERDUE_RATE_766', 7, 17, 41.18], // a04 a09 a10 b04 a03 a08 a15
  ['DISSATISFIED_RATE', 2, 4, 50], // a09 b04 of a01 a09 b01 b04 (b03 rated after the period)
  ['SATISFACTION_766', 10, 17, 58.82], // the 7 overdue; a09 and b04 are both, counted once
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
        definition: JSON.stringify({
          code: p.code,
          version: p.version,
          name: p.name,
          resultKind: 'document',
          steps,
        }),
        published_by: null,
      })
      .execute();
  }
  // The receiving points (Decree 118/2025) and the calendar the dossiers count their time with.
  await db
    .insertInto('receiving_unit')
    .values(
      [
        ['BPMC', 'Bộ phận Một cửa Sở thử nghiệm', 'agency_desk', 'Ninh Bình'],
        ['TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh', 'centre', 'Ninh Bình'],
        ['XA-HAIHAU', 'Trung tâm Phục vụ hành chính công xã Hải Hậu', 'commune', 'Nam Định'],
      ].map(([code, name, kind, province]) => ({
        tenant,
        code: code!,
        name: name!,
        kind: kind as 'centre',
        symbol: code!,
        address: 'Ninh Bình',
        place: 'Ninh Bình',
        parent_name: null,
        unit_code: null,
        former_province: province!,
      })),
    )
    .execute();
  const calendar = { ...defaultVietnamCalendar(tenant), version: 1 };
  await db
    .insertInto('calendar_version')
    .values({
      tenant,
      version: 1,
      name: calendar.name,
      effective_from: calendar.effectiveFrom,
      definition: JSON.stringify(calendar),
      published_by: null,
    })
    .execute();
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
    // What the national status of the trail's first event is built from (db/national-sync.repository.ts).
    resultReadyAt: s.resultReady ? at(s.resultReady) : null,
    finishedAt: s.finished ? at(s.finished) : null,
    ...(s.result
      ? {
          result: {
            fileId: randomUUID(),
            sha256: '0'.repeat(64),
            fileName: 'ket-qua.pdf',
            mediaType: 'application/pdf',
            size: 1000,
            attachedAt: at(s.resultReady!),
            attachedBy: 'vanthu',
          },
        }
      : {}),
    ...(s.payment
      ? {
          payment: {
            reference: `${code}-TT2`,
            amount: 50_000,
            status: 'paid',
            method: s.payment.method,
            transactionId: `GD-${s.id}`,
            paidAt: at(s.payment.at),
          },
        }
      : {}),
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
      received_unit: s.unit ?? null,
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
  if (s.rating) {
    await db
      .insertInto('dossier_rating')
      .values({ dossier_code: code, tenant, level: s.rating.level, rated_at: new Date(at(s.rating.at)) })
      .execute();
  }
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
      // Only what storing an event reads: the forms it issues are numbered by the rule set and the desk;
      // seq 0 with a complete projection, so that the row written above stays as it is.
      state: {
        ...state,
        seq: 0,
        originalAppointmentAt: state.appointmentAt,
        resultReadyAt: null,
        finishedAt: null,
        ruleSet: 'ND118_2025',
        desk: { receivingUnit: s.unit ?? 'BPMC', returnMethod: 'counter', returnUnit: s.unit ?? 'BPMC' },
      } as unknown as DossierState,
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

interface IndicatorJson {
  code: string;
  numerator: number;
  denominator: number;
  value: number | null;
  unit: string;
}

interface ReportJson {
  agency: { code: string; name: string };
  window: Record<string, unknown>;
  dueDate: string | null;
  totals: ReportFigures;
  byProcedure: (ReportFigures & { procedureCode: string; indicators: IndicatorJson[] })[];
  byDivision: (ReportFigures & { division: string | null; divisionName: string | null })[];
  byReceivingUnit: (ReportFigures & {
    receivingUnit: string;
    receivingUnitName: string;
    formerProvince: string | null;
    indicators: IndicatorJson[];
  })[];
  byMonth: Record<string, unknown>[];
  indicators: IndicatorJson[];
}

const table = (indicators: IndicatorJson[]) =>
  indicators.map((i) => [i.code, i.numerator, i.denominator, i.value]);
const average = (indicators: IndicatorJson[]) =>
  table(indicators.filter((i) => i.code === 'AVERAGE_WORKING_DAYS'))[0];

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
    expect(report.dueDate).toBe('2026-03-12');
    expect(report.byProcedure.map((p) => [p.procedureCode, p.toHandle])).toEqual([
      ['RPT.P1', 9],
      ['RPT.P2', 6],
      ['RPT.P3', 2],
    ]);
    expect(table(report.indicators)).toEqual(expectedIndicators);
    expect(report.indicators.map((i) => i.unit)).toEqual([
      ...Array<string>(6).fill('percent'),
      'working_days',
      ...Array<string>(6).fill('percent'),
    ]);
  });

  it('gives the Decision 766 indicators by procedure, by receiving point and month by month', async () => {
    const report = (await getReport('period=q1&year=2026')).json<ReportJson>();
    // RPT.P1: a01 a09 a10 b03 b04 = 23880 min; RPT.P2: a04 a14 b01 = 10560 min; RPT.P3: none finished.
    expect(report.byProcedure.map((p) => average(p.indicators))).toEqual([
      ['AVERAGE_WORKING_DAYS', 53.07, 5, 10.61],
      ['AVERAGE_WORKING_DAYS', 23.47, 3, 7.82],
      ['AVERAGE_WORKING_DAYS', 0, 0, null],
    ]);
    // The Sở's desk (a-series: BPMC, or no unit recorded), the Centre (b01 b02), the commune (b03 b04).
    expect(
      report.byReceivingUnit.map((u) => [
        u.receivingUnit,
        u.receivingUnitName,
        u.formerProvince,
        u.toHandle,
        u.finished,
        u.finishedLate + u.inProgressOverdue,
        average(u.indicators),
      ]),
    ).toEqual([
      ['BPMC', 'Bộ phận Một cửa Sở thử nghiệm', 'Ninh Bình', 13, 5, 5, ['AVERAGE_WORKING_DAYS', 59, 5, 11.8]],
      [
        'TTPVHCC',
        'Trung tâm Phục vụ hành chính công tỉnh',
        'Ninh Bình',
        2,
        1,
        0,
        ['AVERAGE_WORKING_DAYS', 3.27, 1, 3.27],
      ],
      [
        'XA-HAIHAU',
        'Trung tâm Phục vụ hành chính công xã Hải Hậu',
        'Nam Định',
        2,
        2,
        0,
        ['AVERAGE_WORKING_DAYS', 14.27, 2, 7.13],
      ],
    ]);
    // The commune point: b03 without its result file, both paid (b04 online), b04 rated dissatisfied.
    expect(table(report.byReceivingUnit[2]!.indicators).slice(7)).toEqual([
      ['RESULT_DIGITISATION_RATE', 1, 2, 50],
      ['DOSSIER_DIGITISATION_RATE', 0, 2, 0],
      ['ONLINE_PAYMENT_RATE', 1, 2, 50],
      ['OVERDUE_RATE_766', 1, 2, 50],
      ['DISSATISFIED_RATE', 1, 1, 100],
      ['SATISFACTION_766', 1, 2, 50],
    ]);
    // By the end of the finished dossiers: a01 | a09 a10 a14 | a04 b01 b03 b04.
    expect(report.byMonth).toEqual([
      { month: '2025-12', finished: 1, onTime: 1, onTime766: 1, onTimeRate: 100, onTimeRate766: 100 },
      { month: '2026-01', finished: 3, onTime: 2, onTime766: 1, onTimeRate: 66.67, onTimeRate766: 33.33 },
      { month: '2026-02', finished: 4, onTime: 3, onTime766: 2, onTimeRate: 75, onTimeRate766: 50 },
      { month: '2026-03', finished: 0, onTime: 0, onTime766: 0, onTimeRate: null, onTimeRate766: null },
    ]);
  });

  it('counts the dossier finished after the cut-off in the next range, carried over', async () => {
    const res = await getReport('from=2026-03-11&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    const { totals, window, dueDate, indicators } = res.json<ReportJson>();
    expect(window).toMatchObject({ kind: null, year: null, start: '2026-03-11T00:00:00+07:00' });
    expect(dueDate).toBeNull();
    // Carried over: a02 a03 a08 a11 a15 b02; received: a13 (at 00:00 on the first day); finished: a02.
    expect(totals).toMatchObject({
      carriedOver: 6,
      received: 1,
      finished: 1,
      finishedEarly: 1,
      inProgress: 6,
    });
    // b02's cash payment (11/03 08:00) falls in this range; b03's rating too, but b03 ended before it.
    expect(
      table(indicators).filter(([code]) => code === 'ONLINE_PAYMENT_RATE' || code === 'DISSATISFIED_RATE'),
    ).toEqual([
      ['ONLINE_PAYMENT_RATE', 0, 1, 0],
      ['DISSATISFIED_RATE', 0, 0, null],
    ]);
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
      'Theo điểm tiếp nhận',
      'Chỉ số QĐ 766',
      'Chỉ số theo thủ tục',
      'Chỉ số theo đơn vị',
      'Chỉ số theo điểm tiếp nhận',
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
    expect(totalRow.getCell(header.indexOf('Tổng số cần giải quyết')).value).toBe(17);
    expect(divisions.getRow(9).getCell(3).value).toBe('Phòng Giáo dục Trung học');
    // The indicators of the totals: numerator, denominator, value and unit of each.
    const indicators = workbook.getWorksheet('Chỉ số QĐ 766')!;
    const indicatorRows = expectedIndicators.map((_, i) => indicators.getRow(9 + i).values as unknown[]);
    expect(indicatorRows.map((r) => r.slice(3, 6))).toEqual(expectedIndicators.map((e) => e.slice(1)));
    expect(indicatorRows[6]![6]).toBe('ngày làm việc');
    // A sheet of indicators per grouping: two header rows, a row per receiving point, the total line.
    const units = workbook.getWorksheet('Chỉ số theo điểm tiếp nhận')!;
    expect(units.getRow(8).getCell(4).text).toBe(
      'Tỷ lệ hồ sơ giải quyết đúng hạn (trước hạn và đúng hạn / đã giải quyết) (%)',
    );
    expect(units.getRow(9).values).toEqual(expect.arrayContaining(['Tử số', 'Mẫu số', 'Giá trị']) as unknown);
    expect(units.getRow(10).getCell(2).value).toBe('BPMC');
    expect(units.getRow(12).getCell(3).value).toBe('Trung tâm Phục vụ hành chính công xã Hải Hậu (Nam Định)');
    const unitTotal = units.getRow(13);
    expect(unitTotal.getCell(2).value).toBe('Tổng cộng');
    // AVERAGE_WORKING_DAYS is the 7th indicator: columns 4 + 3 × 6 = 22 to 24.
    expect([22, 23, 24].map((c) => unitTotal.getCell(c).value)).toEqual([76.53, 8, 9.57]);
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
