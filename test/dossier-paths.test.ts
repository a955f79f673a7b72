/**
 * Every path of the dossier lifecycle end to end through the HTTP API, on the real Temporal dev server
 * and PostgreSQL: supplement with the clock paused and restarted, refusal, withdrawal then stop, stop
 * by the leadership, send back. Each path's audit chain is checked.
 *
 * The workflows run on real time, so the clock arithmetic is checked against the domain calendar from
 * the instants the dossier recorded: to the second from the history the API answers, and exactly from
 * the events' stored instants (milliseconds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import {
  computeDeadline,
  createWorkingCalendar,
  defaultVietnamCalendar,
  formatVnIso,
  parseIsoInstant,
  workingHoursToMinutes,
} from '../domain/calendar/index.js';
import {
  CORRECTION,
  dossierOf,
  historyOf,
  ok,
  walkTo,
  type ApiDriver,
  type DossierDetail,
  type HistoryBody,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { eventually } from './support/temporal.js';
import { procedureCode, seededProcedure } from './support/catalog.js';

/** Công nhận văn bằng do cơ sở nước ngoài cấp: 15 working days, supplement clock rule `pause`. */
const RECOGNITION = { code: procedureCode('1.004889'), components: ['DON', 'VB', 'KQHT', 'GTTT'] };

/** The calendar the seeded tenant's dossiers are computed with (version 1 = the shipped one). */
const cal = createWorkingCalendar(defaultVietnamCalendar());

/** One minute, in ms: the API shows instants to the second, so values computed from it may differ a little. */
const MINUTE = 60_000;

let db: Database;
let api: ApiDriver;

let harness: DossierHarness | undefined;

beforeAll(async () => {
  harness = await startDossierHarness();
  ({ db, api } = harness);
});
afterAll(() => harness?.stop());

const ms = (iso: string | null | undefined): number => {
  const value = iso ? parseIsoInstant(iso) : undefined;
  if (value === undefined) throw new Error(`not an instant: ${String(iso)}`);
  return value;
};

function stepOf(procedureCode: string, stepId: string) {
  const step = seededProcedure(procedureCode)?.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`no step ${stepId} in ${procedureCode}`);
  return step;
}

function limitOf(procedureCode: string) {
  const procedure = seededProcedure(procedureCode);
  if (!procedure) throw new Error(`no procedure ${procedureCode}`);
  return procedure.legalLimit;
}

/** A step's deadline when it starts at `startedAt`: its budget in working time from the next working instant. */
const stepDeadlineFrom = (procedureCode: string, stepId: string, startedAt: number): number =>
  cal.addWorkingMinutes(
    cal.nextWorkingInstant(startedAt),
    workingHoursToMinutes(cal, stepOf(procedureCode, stepId).budgetHours),
  );

async function receive(procedure: { code: string; components: string[] } = CORRECTION) {
  const res = await api.receive({ procedureCode: procedure.code, components: procedure.components });
  expect(res.statusCode, res.body).toBe(201);
  const dossier = res.json<DossierDetail>();
  // The expected values below are computed with the shipped calendar: the dossier must use it.
  expect(dossier.calendarVersion).toBe(1);
  return dossier;
}

const act = async (code: string, path: string, username: string, body: object = {}) =>
  (await ok(api.act(code, path, username, body))) as DossierDetail;

/** Expects an action to be refused with this HTTP status and one of these codes. */
async function refused(
  code: string,
  path: string,
  username: string,
  body: object,
  status: number,
  ...codes: string[]
): Promise<string> {
  const res = await api.act(code, path, username, body);
  expect(res.statusCode, `${username} ${path}: ${res.body}`).toBe(status);
  const answer = res.json<{ code: string }>().code;
  expect(codes, `${username} ${path}`).toContain(answer);
  return answer;
}

/** A valid chain with exactly these events, numbered 1…n. */
async function expectHistory(code: string, types: string[]): Promise<HistoryBody> {
  const full = await historyOf(api, code);
  // The archiving at the end (docs/archive.md) is checked in test/archive.test.ts.
  const history = { ...full, items: full.items.filter((e) => e.type !== 'archived') };
  expect(full.chainValid).toBe(true);
  expect(full.brokenAtSeq).toBeNull();
  expect(history.items.map((e) => e.type)).toEqual(types);
  expect(history.items.map((e) => e.seq)).toEqual(types.map((_, i) => i + 1));
  return history;
}

function eventOf(history: HistoryBody, type: string, nth = 0) {
  const event = history.items.filter((e) => e.type === type)[nth];
  if (!event) throw new Error(`no ${type} #${nth + 1} in the history`);
  return event;
}

/**
 * The stored events with their exact instants (ms) and payloads. The receipt answers once the workflow
 * has started; its first event is stored right after, so wait for it.
 */
async function storedEvents(code: string) {
  const events = await eventually(async () => {
    const rows = await listDossierEvents(db, code);
    return rows.length > 0 ? rows : undefined;
  });
  const of = (type: string, nth = 0) => {
    const event = events.filter((e) => e.type === type)[nth];
    if (!event) throw new Error(`no stored ${type} #${nth + 1}`);
    return { at: event.at.getTime(), payload: event.payload };
  };
  return { events, of };
}

/** The part of the view an action refused must leave alone. */
const snapshot = (d: DossierDetail) => ({
  status: d.status,
  phase: d.phase,
  currentStep: d.currentStep,
  appointmentAt: d.appointmentAt,
  clock: d.clock,
  overdue: d.overdue,
  finishedAt: d.finishedAt,
  outcome: d.outcome,
});

describe('supplement with the clock rule "pause" (15 working days)', () => {
  let dossier: DossierDetail;
  let beforeRequest: DossierDetail;
  let afterRecord: DossierDetail;

  it('is received with the legal limit counted from the receipt', async () => {
    dossier = await receive(RECOGNITION);
    expect(dossier).toMatchObject({ status: 2, procedure: { code: RECOGNITION.code } });
    expect(dossier.appointmentAt).toBe(dossier.originalAppointmentAt);
    const { of } = await storedEvents(dossier.code);
    const receivedAt = of('receive').at;
    const expected = computeDeadline(cal, receivedAt, limitOf(RECOGNITION.code)).deadline;
    expect(of('receive').payload).toEqual({
      appointmentAt: expected,
      ruleSet: 'ND118_2025',
      desk: { receivingUnit: 'BPMC', returnMethod: 'counter', returnUnit: 'BPMC' },
    });
    expect(dossier.appointmentAt).toBe(formatVnIso(expected));
  });

  it("is requested at the appraisal step by the step's officer: status 5, legal clock paused", async () => {
    dossier = await walkTo(api, dossier, 'tham-dinh');
    await act(dossier.code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'specialist' });
    beforeRequest = await dossierOf(api, dossier.code);
    const waiting = await act(dossier.code, 'supplement-request', 'specialist', {
      reason: 'Bảng điểm chưa được hợp pháp hóa lãnh sự',
      items: ['KQHT', 'VB'],
    });
    expect(waiting).toMatchObject({
      status: 5,
      phase: 'awaiting_supplement',
      currentStep: { stepId: 'tham-dinh', assignee: { username: 'specialist' } },
      appointmentAt: beforeRequest.appointmentAt,
      clock: {
        running: false,
        paused: true,
        supplementRequests: 1,
        multipleSupplements: false,
        pauses: [
          {
            reason: 'Bảng điểm chưa được hợp pháp hóa lãnh sự',
            items: ['KQHT', 'VB'],
            resumedAt: null,
            pausedWorkingMinutes: null,
          },
        ],
      },
    });
    expect(await dossierOf(api, dossier.code)).toEqual(waiting);
  });

  it('takes no step work and no second request while waiting for the applicant (409)', async () => {
    const before = await dossierOf(api, dossier.code);
    await refused(
      dossier.code,
      'complete',
      'specialist',
      { stepId: 'tham-dinh' },
      409,
      'DOSSIER.INVALID_STATE',
    );
    await refused(
      dossier.code,
      'supplement-request',
      'specialist',
      { reason: 'Lần hai', items: ['GTTT'] },
      409,
      'DOSSIER.INVALID_STATE',
    );
    // Only the one-stop desk records what the applicant brings.
    await refused(dossier.code, 'supplement-received', 'specialist', {}, 403, 'DOSSIER.WRONG_ROLE');
    expect(snapshot(await dossierOf(api, dossier.code))).toEqual(snapshot(before));
  });

  it('is recorded at the desk: the appointment moves by the paused working time, the ledger entry closes', async () => {
    afterRecord = await act(dossier.code, 'supplement-received', 'receiver', { note: 'Đã nhận bảng điểm' });
    expect(afterRecord).toMatchObject({
      status: 4,
      phase: 'processing',
      originalAppointmentAt: beforeRequest.originalAppointmentAt,
      currentStep: { stepId: 'tham-dinh', assignee: { username: 'specialist' } },
      clock: { running: true, paused: false, supplementRequests: 1, multipleSupplements: false },
    });
    const pause = afterRecord.clock.pauses[0]!;
    expect(pause.resumedAt).not.toBeNull();
    expect(pause.pausedWorkingMinutes).toEqual(expect.any(Number));

    // From the history (to the second).
    const history = await historyOf(api, dossier.code);
    const requestedAt = ms(eventOf(history, 'request_supplement').at);
    const resumedAt = ms(eventOf(history, 'record_supplement').at);
    expect(pause.requestedAt).toBe(eventOf(history, 'request_supplement').at);
    expect(pause.resumedAt).toBe(eventOf(history, 'record_supplement').at);
    const paused = cal.workingMinutesBetween(requestedAt, resumedAt);
    const expected = cal.addWorkingMinutes(ms(beforeRequest.appointmentAt), paused);
    expect(Math.abs(ms(afterRecord.appointmentAt) - expected)).toBeLessThanOrEqual(MINUTE);
    expect(Math.abs(pause.pausedWorkingMinutes! - paused)).toBeLessThanOrEqual(1);

    // Exactly, from the stored instants.
    const { of } = await storedEvents(dossier.code);
    const request = of('request_supplement');
    const record = of('record_supplement');
    const exactPaused = cal.workingMinutesBetween(request.at, record.at);
    const exactAppointment = cal.addWorkingMinutes(
      of('receive').payload.appointmentAt as number,
      exactPaused,
    );
    expect(record.payload).toEqual({
      note: 'Đã nhận bảng điểm',
      rule: 'pause',
      appointmentAt: exactAppointment,
    });
    expect(afterRecord.appointmentAt).toBe(formatVnIso(exactAppointment));
    expect(pause.pausedWorkingMinutes).toBe(Math.round(exactPaused));

    // The step the dossier waited at starts its budget again with the complete dossier.
    expect(afterRecord.currentStep!.startedAt).toBe(formatVnIso(record.at));
    expect(afterRecord.currentStep!.deadline).toBe(
      formatVnIso(stepDeadlineFrom(RECOGNITION.code, 'tham-dinh', record.at)),
    );
  });

  it('is then finished and returned, the ledger kept, with a valid chain of every event', async () => {
    const ready = await walkTo(api, afterRecord, 'tra-ket-qua');
    expect(ready).toMatchObject({ status: 9, phase: 'result_ready' });
    const returned = await act(dossier.code, 'return', 'receiver', { note: 'Đã trả tận tay' });
    expect(returned).toMatchObject({
      status: 10,
      phase: 'returned',
      currentStep: null,
      outcome: 'early',
      appointmentAt: afterRecord.appointmentAt,
      clock: { running: false, paused: false, supplementRequests: 1, pauses: afterRecord.clock.pauses },
    });
    const history = await expectHistory(dossier.code, [
      'receive',
      'complete',
      'complete',
      'assign',
      'request_supplement',
      'record_supplement',
      'complete',
      'complete',
      'approve',
      // A document result is digitised (its file attached) before it is declared ready.
      'attach_result',
      'mark_result_ready',
      'return_result',
    ]);
    expect(eventOf(history, 'request_supplement')).toMatchObject({
      actor: { username: 'specialist' },
      stepId: 'tham-dinh',
      fromStatus: 4,
      toStatus: 5,
      payload: { reason: 'Bảng điểm chưa được hợp pháp hóa lãnh sự', items: ['KQHT', 'VB'], count: 1 },
    });
    expect(eventOf(history, 'record_supplement')).toMatchObject({
      actor: { username: 'receiver' },
      fromStatus: 5,
      toStatus: 4,
      fromStepId: 'tham-dinh',
      toStepId: 'tham-dinh',
    });
    expect(history.rejected.map((r) => r.code)).toEqual([
      'DOSSIER.INVALID_STATE',
      'DOSSIER.INVALID_STATE',
      'DOSSIER.WRONG_ROLE',
    ]);
  });
});

describe('supplement with the clock rule "restart" (5 working days)', () => {
  let dossier: DossierDetail;
  let original: string;

  it('recomputes the appointment as the full limit counted from the receipt of the supplement', async () => {
    dossier = await walkTo(api, await receive(), 'tham-dinh');
    original = dossier.appointmentAt;
    const waiting = await act(dossier.code, 'supplement-request', 'specialist', {
      reason: 'Thiếu bản sao giấy khai sinh có chứng thực',
      items: ['KS'],
    });
    expect(waiting).toMatchObject({ status: 5, clock: { paused: true, supplementRequests: 1 } });

    const resumed = await act(dossier.code, 'supplement-received', 'receiver');
    expect(resumed).toMatchObject({
      status: 4,
      originalAppointmentAt: original,
      currentStep: { stepId: 'tham-dinh' },
      clock: { paused: false, running: true, supplementRequests: 1, multipleSupplements: false },
    });
    // Restart: no paused time is counted, the limit runs again in full.
    expect(resumed.clock.pauses[0]).toMatchObject({
      resumedAt: expect.any(String),
      pausedWorkingMinutes: null,
    });

    const history = await historyOf(api, dossier.code);
    const resumedAt = ms(eventOf(history, 'record_supplement').at);
    const expected = computeDeadline(cal, resumedAt, limitOf(CORRECTION.code)).deadline;
    expect(Math.abs(ms(resumed.appointmentAt) - expected)).toBeLessThanOrEqual(MINUTE);

    const { of } = await storedEvents(dossier.code);
    const exact = computeDeadline(cal, of('record_supplement').at, limitOf(CORRECTION.code)).deadline;
    expect(of('record_supplement').payload).toEqual({ note: null, rule: 'restart', appointmentAt: exact });
    expect(resumed.appointmentAt).toBe(formatVnIso(exact));
  });

  it('flags a second supplement request (clock.multipleSupplements), and recounts again on its receipt', async () => {
    const again = await act(dossier.code, 'supplement-request', 'head', {
      reason: 'Bản sao văn bằng không rõ nét',
      items: ['VB'],
    });
    expect(again).toMatchObject({
      status: 5,
      clock: { paused: true, supplementRequests: 2, multipleSupplements: true },
    });
    expect(again.clock.pauses[1]).toMatchObject({ items: ['VB'], resumedAt: null });

    const resumed = await act(dossier.code, 'supplement-received', 'admin');
    expect(resumed).toMatchObject({
      status: 4,
      originalAppointmentAt: original,
      clock: { paused: false, supplementRequests: 2, multipleSupplements: true },
    });
    const { of } = await storedEvents(dossier.code);
    const exact = computeDeadline(cal, of('record_supplement', 1).at, limitOf(CORRECTION.code)).deadline;
    expect(resumed.appointmentAt).toBe(formatVnIso(exact));

    const history = await expectHistory(dossier.code, [
      'receive',
      'complete',
      'complete',
      'request_supplement',
      'record_supplement',
      'request_supplement',
      'record_supplement',
    ]);
    expect(eventOf(history, 'request_supplement', 1).payload).toMatchObject({ count: 2 });
    expect(eventOf(history, 'request_supplement', 1).actor.username).toBe('head');
    expect(history.rejected).toEqual([]);
  });
});

describe('refusal', () => {
  it('by the head of the division of the step, with reasons: status 3, and nothing more is possible', async () => {
    const dossier = await walkTo(api, await receive(), 'tham-dinh');
    // The head of another division may not refuse this division's dossier.
    await refused(dossier.code, 'refuse', 'head2', { reasons: ['Không'] }, 403, 'DOSSIER.WRONG_DIVISION');

    const reasons = ['Văn bằng không do Sở cấp', 'Nội dung đề nghị chỉnh sửa không có căn cứ'];
    const done = await act(dossier.code, 'refuse', 'head', { reasons });
    expect(done).toMatchObject({
      status: 3,
      phase: 'refused',
      currentStep: null,
      finishedAt: expect.any(String),
      clock: { running: false, paused: false },
    });

    const attempts: [path: string, username: string, body: object][] = [
      ['complete', 'specialist', { stepId: 'tham-dinh' }],
      ['refuse', 'head', { reasons: ['Lần nữa'] }],
      ['stop', 'director', { reason: 'Dừng' }],
      ['withdraw', 'receiver', { reason: 'Rút' }],
      ['supplement-request', 'head', { reason: 'Bổ sung', items: ['KS'] }],
      ['supplement-received', 'receiver', {}],
      ['send-back', 'head', { stepId: 'tham-dinh', reason: 'Trả lại' }],
      ['return', 'receiver', {}],
    ];
    const codes: string[] = [];
    for (const [path, username, body] of attempts) {
      codes.push(
        await refused(dossier.code, path, username, body, 409, 'DOSSIER.CLOSED', 'DOSSIER.INVALID_STATE'),
      );
    }
    expect(snapshot(await dossierOf(api, dossier.code))).toEqual(snapshot(done));

    const history = await expectHistory(dossier.code, ['receive', 'complete', 'complete', 'refuse']);
    expect(eventOf(history, 'refuse')).toMatchObject({
      actor: { username: 'head', role: 'head' },
      stepId: 'tham-dinh',
      fromStatus: 4,
      toStatus: 3,
      fromStepId: 'tham-dinh',
      toStepId: null,
      payload: { reasons },
    });
    expect(history.rejected.map((r) => r.code)).toEqual(['DOSSIER.WRONG_DIVISION', ...codes]);
  });
});

describe('withdrawal', () => {
  it('is recorded by the receiver (status 7), then the receiver stops the dossier (status 8)', async () => {
    const dossier = await walkTo(api, await receive(), 'tham-dinh');
    await refused(dossier.code, 'withdraw', 'specialist', { reason: 'Rút' }, 403, 'DOSSIER.WRONG_ROLE');
    const withdrawn = await act(dossier.code, 'withdraw', 'receiver', {
      reason: 'Công dân có đơn xin rút hồ sơ',
    });
    expect(withdrawn).toMatchObject({
      status: 7,
      phase: 'withdrawal_requested',
      currentStep: { stepId: 'tham-dinh' },
      clock: { running: false },
    });
    // Nothing moves on while the withdrawal is pending.
    await refused(
      dossier.code,
      'complete',
      'specialist',
      { stepId: 'tham-dinh' },
      409,
      'DOSSIER.INVALID_STATE',
    );
    await refused(dossier.code, 'withdraw', 'receiver', { reason: 'Lại' }, 409, 'DOSSIER.INVALID_STATE');

    const stopped = await act(dossier.code, 'stop', 'receiver', { reason: 'Dừng xử lý theo đơn rút hồ sơ' });
    expect(stopped).toMatchObject({
      status: 8,
      phase: 'stopped',
      currentStep: null,
      finishedAt: expect.any(String),
    });
    await refused(
      dossier.code,
      'stop',
      'receiver',
      { reason: 'Lại' },
      409,
      'DOSSIER.CLOSED',
      'DOSSIER.INVALID_STATE',
    );

    const history = await expectHistory(dossier.code, [
      'receive',
      'complete',
      'complete',
      'withdraw',
      'stop',
    ]);
    expect(eventOf(history, 'withdraw')).toMatchObject({
      actor: { username: 'receiver' },
      fromStatus: 4,
      toStatus: 7,
      payload: { reason: 'Công dân có đơn xin rút hồ sơ', fromPhase: 'processing' },
    });
    expect(eventOf(history, 'stop')).toMatchObject({
      actor: { username: 'receiver' },
      fromStatus: 7,
      toStatus: 8,
      toStepId: null,
      payload: { reason: 'Dừng xử lý theo đơn rút hồ sơ' },
    });
    expect(history.rejected.map((r) => r.code)).toEqual([
      'DOSSIER.WRONG_ROLE',
      'DOSSIER.INVALID_STATE',
      'DOSSIER.INVALID_STATE',
      expect.stringMatching(/^DOSSIER\.(CLOSED|INVALID_STATE)$/),
    ]);
  });

  it('is not possible once the result is ready (409), nor after the return', async () => {
    const ready = await walkTo(api, await receive(), 'tra-ket-qua');
    expect(ready.status).toBe(9);
    await refused(ready.code, 'withdraw', 'receiver', { reason: 'Rút' }, 409, 'DOSSIER.INVALID_STATE');
    await refused(ready.code, 'withdraw', 'admin', { reason: 'Rút' }, 409, 'DOSSIER.INVALID_STATE');
    // Nor stopped, once the result is ready.
    await refused(ready.code, 'stop', 'director', { reason: 'Dừng' }, 409, 'DOSSIER.INVALID_STATE');
    expect(snapshot(await dossierOf(api, ready.code))).toEqual(snapshot(ready));

    await act(ready.code, 'return', 'receiver');
    await refused(
      ready.code,
      'withdraw',
      'receiver',
      { reason: 'Rút' },
      409,
      'DOSSIER.CLOSED',
      'DOSSIER.INVALID_STATE',
    );
    const history = await expectHistory(ready.code, [
      'receive',
      'complete',
      'complete',
      'complete',
      'complete',
      'approve',
      // A document result is digitised (its file attached) before it is declared ready.
      'attach_result',
      'mark_result_ready',
      'return_result',
    ]);
    expect(history.rejected.map((r) => r.action)).toEqual(['withdraw', 'withdraw', 'stop', 'withdraw']);
  });
});

describe('stop by the leadership', () => {
  it('the director stops a dossier in process directly: status 8', async () => {
    const dossier = await walkTo(api, await receive(), 'phan-cong');
    // Without a withdrawal request, stopping is not the desk's decision.
    await refused(dossier.code, 'stop', 'receiver', { reason: 'Dừng' }, 403, 'DOSSIER.WRONG_ROLE');
    const stopped = await act(dossier.code, 'stop', 'director', {
      reason: 'Cơ sở đề nghị đã giải thể, dừng giải quyết',
    });
    expect(stopped).toMatchObject({
      status: 8,
      phase: 'stopped',
      currentStep: null,
      finishedAt: expect.any(String),
    });
    const history = await expectHistory(dossier.code, ['receive', 'complete', 'stop']);
    expect(eventOf(history, 'stop')).toMatchObject({
      actor: { username: 'director', role: 'director' },
      stepId: 'phan-cong',
      fromStatus: 4,
      toStatus: 8,
      payload: { reason: 'Cơ sở đề nghị đã giải thể, dừng giải quyết' },
    });
    expect(history.rejected.map((r) => r.code)).toEqual(['DOSSIER.WRONG_ROLE']);
  });
});

describe('send back', () => {
  it('returns the dossier to the previous step with a reason and a fresh step deadline; never from the receipt step', async () => {
    const received = await receive();
    await refused(
      received.code,
      'send-back',
      'receiver',
      { stepId: 'tiep-nhan', reason: 'Trả lại' },
      409,
      'DOSSIER.CANNOT_SEND_BACK',
    );
    const atAppraisal = await walkTo(api, received, 'tham-dinh');
    await act(atAppraisal.code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'specialist' });

    const back = await act(atAppraisal.code, 'send-back', 'specialist', {
      stepId: 'tham-dinh',
      reason: 'Phân công nhầm lĩnh vực, đề nghị phân công lại',
    });
    expect(back).toMatchObject({
      status: 4,
      phase: 'processing',
      currentStep: { stepId: 'phan-cong', index: 1, assignee: null },
      appointmentAt: received.appointmentAt,
    });
    const { of } = await storedEvents(atAppraisal.code);
    const sentBackAt = of('send_back').at;
    expect(back.currentStep!.startedAt).toBe(formatVnIso(sentBackAt));
    expect(back.currentStep!.deadline).toBe(
      formatVnIso(stepDeadlineFrom(CORRECTION.code, 'phan-cong', sentBackAt)),
    );

    // Once more, back to the receipt step (status 2), where nothing is before.
    const atReceipt = await act(atAppraisal.code, 'send-back', 'head', {
      stepId: 'phan-cong',
      reason: 'Hồ sơ cần kiểm tra lại tại bộ phận một cửa',
    });
    expect(atReceipt).toMatchObject({ status: 2, currentStep: { stepId: 'tiep-nhan', index: 0 } });
    await refused(
      atAppraisal.code,
      'send-back',
      'receiver',
      { stepId: 'tiep-nhan', reason: 'Trả lại' },
      409,
      'DOSSIER.CANNOT_SEND_BACK',
    );
    const forward = await act(atAppraisal.code, 'complete', 'receiver', { stepId: 'tiep-nhan' });
    expect(forward).toMatchObject({ status: 4, currentStep: { stepId: 'phan-cong' } });

    const history = await expectHistory(atAppraisal.code, [
      'receive',
      'complete',
      'complete',
      'assign',
      'send_back',
      'send_back',
      'complete',
    ]);
    expect(eventOf(history, 'send_back', 0)).toMatchObject({
      actor: { username: 'specialist' },
      stepId: 'tham-dinh',
      fromStepId: 'tham-dinh',
      toStepId: 'phan-cong',
      fromStatus: 4,
      toStatus: 4,
      onTime: expect.stringMatching(/^(early|on_time|late)$/),
      payload: { reason: 'Phân công nhầm lĩnh vực, đề nghị phân công lại' },
    });
    expect(eventOf(history, 'send_back', 1)).toMatchObject({
      actor: { username: 'head' },
      fromStepId: 'phan-cong',
      toStepId: 'tiep-nhan',
      fromStatus: 4,
      toStatus: 2,
    });
    expect(history.rejected.map((r) => r.code)).toEqual([
      'DOSSIER.CANNOT_SEND_BACK',
      'DOSSIER.CANNOT_SEND_BACK',
    ]);
  });
});
