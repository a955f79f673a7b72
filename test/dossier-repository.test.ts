import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import { createDossierActivities, DossierActivityErrors } from '../activities/dossier.activities.js';
import {
  chainFieldsFromEvent,
  eventHash,
  GENESIS_HASH,
  payloadDigest,
  verifyChain,
} from '../db/dossier-chain.js';
import {
  allocateDossierCode,
  applyDossierEvent,
  dossierProjection,
  findDossier,
  findIdempotencyKey,
  formatDossierCode,
  insertDossier,
  insertDossierRejection,
  insertIdempotencyKey,
  insertReceiptGuidance,
  listDossierEvents,
  listDossierRejections,
  listDossiers,
  type DossierEventInput,
} from '../db/dossier.repository.js';
import type { NewDossierRow } from '../db/dossier.table.js';
import { upsertTenant } from '../db/organisation.repository.js';
import type { DossierEvent, DossierState } from '../domain/dossier/types.js';
import { AGENCY_DESK_ROUTE } from '../domain/dossier/index.js';
import { connectTestDatabase } from './support/db.js';
import { procedureCode, units } from './support/catalog.js';

const db = connectTestDatabase();
afterAll(() => db.destroy());

/** A unit code of its own per test: counters and dossier codes never collide across runs. */
const freshUnit = () => `T${randomUUID().slice(0, 8)}`;
const RECEIVED = Date.parse('2026-03-02T08:30:00+07:00');
const HOUR = 3_600_000;

const receiver = {
  officerId: randomUUID(),
  username: 'receiver',
  fullName: 'Nguyễn Thị Tiếp Nhận',
  role: 'receiver',
  divisionCode: 'BPMC',
} as const;

function stateOf(code: string, over: Partial<DossierState> = {}): DossierState {
  return {
    code,
    tenant: 'default',
    procedureCode: procedureCode('3.000466'),
    procedureVersion: 1,
    calendarVersion: 1,
    ruleSet: 'ND118_2025',
    desk: AGENCY_DESK_ROUTE,
    phase: 'processing',
    status: 2,
    receivedAt: RECEIVED,
    appointmentAt: RECEIVED + 72 * HOUR,
    originalAppointmentAt: RECEIVED + 72 * HOUR,
    currentStep: {
      stepId: 'receipt',
      index: 0,
      startedAt: RECEIVED,
      deadline: RECEIVED + HOUR,
      assignee: null,
    },
    supplements: [],
    multipleSupplements: false,
    overdue: false,
    resultReadyAt: null,
    finishedAt: null,
    outcome: null,
    seq: 1,
    ...over,
  };
}

function eventOf(code: string, seq: number, over: Partial<DossierEvent> = {}): DossierEvent {
  return {
    dossierCode: code,
    seq,
    at: RECEIVED + seq * 60_000,
    type: seq === 1 ? 'receive' : 'complete',
    actor: receiver,
    stepId: seq === 1 ? null : `step-${seq - 1}`,
    fromPhase: seq === 1 ? null : 'processing',
    toPhase: 'processing',
    fromStatus: seq === 1 ? null : 2,
    toStatus: seq === 1 ? 2 : 4,
    fromStepId: seq === 1 ? null : `step-${seq - 1}`,
    toStepId: `step-${seq}`,
    onTime: seq === 1 ? null : 'on_time',
    payload: { note: `bước ${seq}`, items: ['don', 'cccd'] },
    ...over,
  };
}

function dossierRow(code: string, over: Partial<NewDossierRow> = {}): NewDossierRow {
  const state = stateOf(code);
  return {
    code,
    tenant: 'default',
    unit_code: code.split('-')[0]!,
    procedure_code: state.procedureCode,
    procedure_version: 1,
    procedure_name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    calendar_version: 1,
    applicant_name: 'Trần Văn An',
    applicant_id_number: '036090001234',
    applicant_email: null,
    applicant_phone: '0912345678',
    rule_set: 'ND118_2025',
    received_unit: 'BPMC',
    return_method: 'counter',
    return_unit: 'BPMC',
    components: JSON.stringify(['don', 'cccd']),
    received_at: new Date(RECEIVED),
    received_by: 'receiver',
    ...dossierProjection(stateOf(code, { seq: 0 }), 'BPMC', 'receiver', 'BPMC'),
    ...over,
  };
}

async function newDossier(over: Partial<NewDossierRow> = {}): Promise<string> {
  const code = formatDossierCode(freshUnit(), '2026-03-02', 1);
  await insertDossier(db, dossierRow(code, over));
  return code;
}

describe('dossier code', () => {
  it('numbers 50 concurrent receipts of a unit on a day 1..50, distinct and without gaps', async () => {
    const unit = freshUnit();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction().execute(async (trx) => {
          const allocated = await allocateDossierCode(trx, unit, '2026-03-02');
          await sql`select pg_sleep(0.002)`.execute(trx); // hold the row lock a little: real contention
          return allocated;
        }),
      ),
    );
    const numbers = results.map((r) => r.sequence).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.code)).size).toBe(50);
    expect(results.find((r) => r.sequence === 7)?.code).toBe(`${unit}-260302-0007`);
  });

  it('gives a rolled-back number back, and counts each day apart', async () => {
    const unit = freshUnit();
    const allocate = (day: string) => db.transaction().execute((trx) => allocateDossierCode(trx, unit, day));
    expect((await allocate('2026-03-02')).sequence).toBe(1);
    const failed = db.transaction().execute(async (trx) => {
      expect((await allocateDossierCode(trx, unit, '2026-03-02')).sequence).toBe(2);
      throw new Error('receipt failed');
    });
    await expect(failed).rejects.toThrow('receipt failed');
    expect(await allocate('2026-03-02')).toEqual({ code: `${unit}-260302-0002`, sequence: 2 });
    expect(await allocate('2026-03-03')).toEqual({ code: `${unit}-260303-0001`, sequence: 1 });
  });

  it('formats the code and keeps growing past 9999', () => {
    expect(formatDossierCode(units.department, '2026-12-31', 99)).toBe(`${units.department}-261231-0099`);
    expect(formatDossierCode(units.department, '2026-12-31', 12345)).toBe(`${units.department}-261231-12345`);
    expect(() => formatDossierCode('X', '2026-3-2', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('X', '2026-03-02', 0)).toThrow(RangeError);
  });
});

/** The receipt event of a dossier at the one-stop desk, as the workflow stores it. */
const receiptInput = (code: string) => ({
  event: eventOf(code, 1),
  state: stateOf(code),
  stepDivision: 'BPMC',
  stepRole: 'receiver',
  deskUnit: 'BPMC',
});

describe('audit chain', () => {
  it('stores an event once: the same seq again is not applied', async () => {
    const code = await newDossier();
    const input = receiptInput(code);
    const first = await applyDossierEvent(db, input);
    const second = await applyDossierEvent(db, input);

    expect(first).toMatchObject({ applied: true });
    expect(second).toEqual({ applied: false, hash: first.hash, identical: true });
    expect(await listDossierEvents(db, code)).toHaveLength(1);
  });

  it('stores an event once when the same one is stored concurrently (a lost workflow task run again)', async () => {
    const code = await newDossier();
    const input = receiptInput(code);
    const concurrently = async (i: typeof input) => {
      const results = await Promise.all(Array.from({ length: 8 }, () => applyDossierEvent(db, i)));
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      const hash = results.find((r) => r.applied)!.hash;
      for (const r of results.filter((x) => !x.applied)) expect(r).toMatchObject({ hash, identical: true });
    };
    // The receipt numbers a form (stored in a transaction); a step done within the same status does not
    // (stored without one).
    await concurrently(input);
    await concurrently({
      ...input,
      event: eventOf(code, 2, { toStatus: 2 }),
      state: stateOf(code, { seq: 2 }),
    });
    expect(await listDossierEvents(db, code)).toHaveLength(2);
    expect((await findDossier(db, code))?.seq).toBe(2);
  });

  it('takes the same event with a later instant as the stored one (a lost workflow task run again)', async () => {
    const code = await newDossier();
    const input = { state: stateOf(code), stepDivision: null, stepRole: null, deskUnit: null };
    const first = await applyDossierEvent(db, { ...input, event: eventOf(code, 1) });
    const later = { ...eventOf(code, 1), at: eventOf(code, 1).at + 2_000 };
    expect(await applyDossierEvent(db, { ...input, event: later })).toEqual({
      applied: false,
      hash: first.hash,
      identical: true,
      remade: true,
    });
    // Later and different is still a conflict.
    const differentLater = { ...eventOf(code, 1, { payload: { note: 'khác' } }), at: later.at };
    expect(await applyDossierEvent(db, { ...input, event: differentLater })).toMatchObject({
      identical: false,
    });
    const stored = await listDossierEvents(db, code);
    expect(stored.map((e) => e.at.getTime())).toEqual([eventOf(code, 1).at]);
  });

  it('reports a different event under a stored seq as not identical, and keeps the stored one', async () => {
    const code = await newDossier();
    await applyDossierEvent(db, {
      event: eventOf(code, 1),
      state: stateOf(code),
      stepDivision: null,
      stepRole: null,
      deskUnit: null,
    });
    const other = eventOf(code, 1, { payload: { note: 'khác' } });
    const result = await applyDossierEvent(db, {
      event: other,
      state: stateOf(code),
      stepDivision: null,
      stepRole: null,
      deskUnit: null,
    });

    expect(result).toMatchObject({ applied: false, identical: false });
    expect((await listDossierEvents(db, code))[0]?.payload).toEqual({
      note: 'bước 1',
      items: ['don', 'cccd'],
    });
  });

  it('links each event to the previous hash, and the stored chain verifies', async () => {
    const code = await newDossier();
    for (let seq = 1; seq <= 4; seq++) {
      const actor = seq === 4 ? null : receiver; // seq 4: a system event (overdue timer)
      await applyDossierEvent(db, {
        event: eventOf(code, seq, { actor }),
        state: stateOf(code, { seq }),
        stepDivision: 'QLCL',
        stepRole: 'specialist',
        deskUnit: null,
      });
    }
    const rows = await listDossierEvents(db, code);

    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]?.hash));
    expect(rows[3]).toMatchObject({ actor_id: null, actor_username: null, actor_role: null });
    expect(rows[1]).toMatchObject({
      actor_id: receiver.officerId,
      actor_name: receiver.fullName,
      on_time: 'on_time',
    });
    expect(verifyChain(rows)).toEqual({ valid: true, brokenAtSeq: null });
  });

  it('hashes in the statement exactly as eventHash does, whatever the text (diacritics, astral, newline)', async () => {
    const code = await newDossier();
    const actor = { ...receiver, fullName: 'Đặng Thị Ánh Nguyệt 𠀧\n"x"' };
    const events = [1, 2, 3].map((seq) =>
      eventOf(code, seq, { actor, stepId: seq === 1 ? null : `bước-${seq}`, toStatus: 2 }),
    );
    let prevHash = GENESIS_HASH;
    for (const event of events) {
      // Steps 2 and 3 stay in the status: the one-statement path (no form, no national status).
      const result = await applyDossierEvent(db, {
        event,
        state: stateOf(code, { seq: event.seq }),
        stepDivision: null,
        stepRole: null,
        deskUnit: null,
      });
      const expected = eventHash(prevHash, chainFieldsFromEvent(event, payloadDigest(event.payload)));
      expect(result).toMatchObject({ applied: true, hash: expected });
      prevHash = expected;
    }
    const rows = await listDossierEvents(db, code);
    expect(rows.at(-1)?.hash).toBe(prevHash);
    expect(verifyChain(rows)).toEqual({ valid: true, brokenAtSeq: null });
    expect((await findDossier(db, code))?.seq).toBe(3);
  });

  it('refuses an event whose predecessor is not stored yet (transient: retried)', async () => {
    const code = await newDossier();
    const input = {
      event: eventOf(code, 2),
      state: stateOf(code, { seq: 2 }),
      stepDivision: null,
      stepRole: null,
      deskUnit: null,
    };
    await expect(applyDossierEvent(db, input)).rejects.toThrow(/event 1 not stored yet/);
    await expect(applyDossierEvent(db, { ...input, event: eventOf('no-such-dossier', 1) })).rejects.toThrow(
      /no projection row/,
    );
    expect(await listDossierEvents(db, code)).toEqual([]);
  });

  it('refuses to update, delete or truncate stored events; a tampered copy fails verification', async () => {
    const code = await newDossier();
    for (const seq of [1, 2, 3]) {
      const state = stateOf(code, { seq });
      await applyDossierEvent(db, {
        event: eventOf(code, seq),
        state,
        stepDivision: null,
        stepRole: null,
        deskUnit: null,
      });
    }
    const update = db
      .updateTable('dossier_event')
      .set({ payload_digest: 'x' } as never)
      .where('dossier_code', '=', code);
    await expect(update.execute()).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.deleteFrom('dossier_event').where('dossier_code', '=', code).execute()).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    const truncate = db.transaction().execute(async (trx) => {
      await sql`truncate dossier_event cascade`.execute(trx);
      throw new Error('the trigger did not fire'); // rolls the truncation back in any case
    });
    await expect(truncate).rejects.toThrow(/append-only: TRUNCATE refused/);

    const rows = await listDossierEvents(db, code);
    expect(rows).toHaveLength(3);
    const tampered = rows.map((r) => (r.seq === 2 ? { ...r, payload: { note: 'sửa lén' } } : r));
    expect(verifyChain(tampered)).toEqual({ valid: false, brokenAtSeq: 2 });
  });
});

describe('projection', () => {
  it('follows the state of a newer event only', async () => {
    // The receipt wrote the projection as of seq 1 already.
    const code = await newDossier({ seq: 1 });
    const stale = stateOf(code, { seq: 1, status: 4 });
    await applyDossierEvent(db, {
      event: eventOf(code, 1),
      state: stale,
      stepDivision: 'X',
      stepRole: 'head',
      deskUnit: null,
    });
    expect(await findDossier(db, code)).toMatchObject({ seq: 1, status: 2, current_division: 'BPMC' });

    const assignee = { officerId: randomUUID(), username: 'specialist', fullName: 'Lê Chuyên Viên' };
    const newer = stateOf(code, {
      seq: 2,
      status: 4,
      overdue: true,
      currentStep: {
        stepId: 'handle',
        index: 1,
        startedAt: RECEIVED,
        deadline: RECEIVED + 8 * HOUR,
        assignee,
      },
      supplements: [
        {
          requestedAt: RECEIVED,
          requestedBy: 'receiver',
          reason: 'thiếu',
          items: ['cccd'],
          resumedAt: null,
          pausedWorkingMinutes: null,
        },
      ],
    });
    await applyDossierEvent(db, {
      event: eventOf(code, 2),
      state: newer,
      stepDivision: 'QLCL',
      stepRole: 'specialist',
      deskUnit: null,
    });
    const row = await findDossier(db, code);

    expect(row).toMatchObject({
      seq: 2,
      status: 4,
      phase: 'processing',
      overdue: true,
      supplement_count: 1,
      current_step_id: 'handle',
      current_division: 'QLCL',
      current_role: 'specialist',
      assignee_id: assignee.officerId,
      assignee_username: 'specialist',
      step_deadline: new Date(RECEIVED + 8 * HOUR),
    });
    expect(row?.state).toEqual(newer);
    expect(row?.components).toEqual(['don', 'cccd']);
  });
});

describe('listDossiers', () => {
  const tenant = `dossiers-${randomUUID().slice(0, 8)}`;
  const unit = freshUnit();
  const day = (d: number) => new Date(Date.parse('2026-03-01T09:00:00+07:00') + d * 24 * HOUR);
  /** 12 dossiers received one a day; every third overdue, divisions alternate, status by index. */
  const codes = Array.from({ length: 12 }, (_, i) => formatDossierCode(unit, '2026-03-01', i + 1));

  beforeAll(async () => {
    await upsertTenant(db, { code: tenant, name: 'Sở GDĐT thử nghiệm', unit_code: `000.00.${tenant}` });
    for (const [i, code] of codes.entries()) {
      await insertDossier(
        db,
        dossierRow(code, {
          tenant,
          received_at: day(i),
          status: i < 4 ? 2 : i < 8 ? 4 : 10,
          overdue: i % 3 === 0,
          current_division: i % 2 === 0 ? 'QLCL' : 'VP',
          procedure_code: i === 5 ? 'P-5' : 'P-ALL',
          assignee_id: i === 7 ? receiver.officerId : null,
        }),
      );
    }
  });

  const list = (filter: Partial<Parameters<typeof listDossiers>[1]>) =>
    listDossiers(db, { tenant, page: 1, pageSize: 100, ...filter });
  const indexes = (items: { code: string }[]) => items.map((d) => codes.indexOf(d.code));

  it('pages newest receipt first and counts every match', async () => {
    const first = await list({ page: 1, pageSize: 5 });
    const third = await list({ page: 3, pageSize: 5 });
    const beyond = await list({ page: 4, pageSize: 5 });

    expect(indexes(first.items)).toEqual([11, 10, 9, 8, 7]);
    expect(indexes(third.items)).toEqual([1, 0]);
    expect([first.total, third.total, beyond.total, beyond.items.length]).toEqual([12, 12, 12, 0]);
    expect(first.items[0]).not.toHaveProperty('state');
  });

  it.each([
    [{ status: [2, 10] }, [11, 10, 9, 8, 3, 2, 1, 0]],
    [{ division: 'VP', status: [4] }, [7, 5]],
    [{ procedureCode: 'P-5' }, [5]],
    [{ overdue: true }, [9, 6, 3, 0]],
    [{ overdue: false, status: [2] }, [2, 1]],
    [{ receivedFrom: day(2), receivedTo: day(5) }, [4, 3, 2]],
    [{ assigneeId: receiver.officerId }, [7]],
    [{ status: [] }, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]],
  ])('filters by %o', async (filter, expected) => {
    const { items, total } = await list(filter);
    expect(indexes(items)).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('refuses a page size over 100 and a page below 1', async () => {
    await expect(list({ pageSize: 101 })).rejects.toThrow(RangeError);
    await expect(list({ page: 0 })).rejects.toThrow(RangeError);
  });
});

describe('rejections, idempotency keys, receipt guidance', () => {
  it('records refused attempts, even on a code that does not exist', async () => {
    const code = `nowhere-${randomUUID()}`;
    await insertDossierRejection(db, {
      dossier_code: code,
      action: 'approve',
      code: 'DOSSIER.NOT_FOUND',
      message: 'Không tìm thấy hồ sơ',
    });
    await insertDossierRejection(db, {
      dossier_code: code,
      actor_id: receiver.officerId,
      actor_username: 'receiver',
      actor_role: 'receiver',
      action: 'complete',
      code: 'DOSSIER.STEP_MISMATCH',
      message: 'Hồ sơ không ở bước này',
      payload: JSON.stringify({ stepId: 'x' }),
    });
    const rows = await listDossierRejections(db, code);

    expect(rows.map((r) => [r.code, r.payload])).toEqual([
      ['DOSSIER.NOT_FOUND', {}],
      ['DOSSIER.STEP_MISMATCH', { stepId: 'x' }],
    ]);
  });

  it('stores an idempotency key once; a second insert of the key reports false', async () => {
    const key = randomUUID();
    const row = { tenant: 'default', key, dossier_code: 'A-260302-0001', request_digest: 'd1' };
    expect(await db.transaction().execute((trx) => insertIdempotencyKey(trx, row))).toBe(true);
    expect(await insertIdempotencyKey(db, { ...row, dossier_code: 'B' })).toBe(false);
    expect(await findIdempotencyKey(db, 'default', key)).toMatchObject({ dossier_code: 'A-260302-0001' });
    expect(await findIdempotencyKey(db, 'default', randomUUID())).toBeUndefined();
  });

  it('records the written guidance given instead of a receipt', async () => {
    const missing = [{ code: 'cccd', name: 'Bản sao Căn cước công dân' }];
    const row = await insertReceiptGuidance(db, {
      tenant: 'default',
      procedure_code: procedureCode('3.000466'),
      procedure_version: 1,
      applicant_name: 'Trần Văn An',
      applicant_id_number: '036090001234',
      applicant_email: null,
      applicant_phone: null,
      rule_set: 'ND118_2025',
      missing: JSON.stringify(missing),
      given_by: 'receiver',
    });
    expect(row).toMatchObject({ missing, given_by: 'receiver' });
    expect(row.given_at).toBeInstanceOf(Date);
  });
});

describe('recordDossierEvent activity', () => {
  const activities = createDossierActivities({ db });
  const recordDossierEvent = (input: DossierEventInput) => activities.recordDossierEvent(input);
  const logged: LogEntry[] = [];
  const env = new MockActivityEnvironment(undefined, {
    logger: new DefaultLogger('INFO', (entry) => logged.push(entry)),
  });

  it('records once, answers applied false on a retry, and fails non-retryably on a conflict', async () => {
    const code = await newDossier();
    const input = {
      event: eventOf(code, 1),
      state: stateOf(code),
      stepDivision: null,
      stepRole: null,
      deskUnit: null,
    };

    expect(await env.run(recordDossierEvent, input)).toEqual({ applied: true });
    expect(await env.run(recordDossierEvent, input)).toEqual({ applied: false });
    const conflict = env.run(recordDossierEvent, { ...input, event: eventOf(code, 1, { type: 'stop' }) });
    await expect(conflict).rejects.toSatisfy(
      (err) =>
        err instanceof ApplicationFailure &&
        err.type === DossierActivityErrors.eventConflict &&
        err.nonRetryable === true,
    );
    const ours = logged.filter((e) => e.message.startsWith('dossier event'));
    expect(ours.map((e) => [e.level, e.message])).toEqual([
      ['INFO', 'dossier event recorded'],
      ['INFO', 'dossier event already recorded'],
      ['ERROR', 'dossier event conflicts with the stored one'],
    ]);
  });

  it('fails non-retryably on an event that does not belong to the state', async () => {
    const code = await newDossier();
    const input = {
      event: eventOf(code, 1),
      state: stateOf('other'),
      stepDivision: null,
      stepRole: null,
      deskUnit: null,
    };
    await expect(env.run(recordDossierEvent, input)).rejects.toMatchObject({
      type: DossierActivityErrors.invalidEvent,
      nonRetryable: true,
    });
  });
});
