/**
 * Route tests of the dossier API on the real Temporal dev server and PostgreSQL: who may do what
 * (role × action), invalid input field by field, authentication and tenancy, and the list filters.
 */
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { upsertOfficer, upsertTenant } from '../db/organisation.repository.js';
import { devPassword } from '../db/seed/organisation.seed.js';
import { parseIsoInstant, toVnDate } from '../domain/calendar/index.js';
import { buildTestApp } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import {
  apiDriver,
  applicant,
  CORRECTION,
  dossierOf,
  historyOf,
  walkTo,
  type ApiDriver,
  type DossierDetail,
} from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { eventually, startDevWorker, type RunningWorker } from './support/temporal.js';
import { procedureCode, units } from './support/catalog.js';

/** Chuyển trường THPT: its appraisal is the GDTRH division's (specialist2, head2). */
const TRANSFER = { code: procedureCode('2.002478'), components: ['DON', 'HB', 'BTN', 'TTLOP10', 'GGT'] };

/** An officer of another tenant (admin there: every refusal below is the tenancy's). */
const OUTSIDER = { tenant: 'routes-other', username: 'routes-outsider' };

const users = [
  'receiver',
  'specialist',
  'head',
  'specialist2',
  'head2',
  'deputy',
  'director',
  'auditor',
  'admin',
  'vanthu',
] as const;

let db: Database;
let workerDb: Database;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;
/** Before the first receipt of this file: the list tests look at [start, now). */
let start: number;
/** Every dossier received by this file. */
const created = new Set<string>();

beforeAll(async () => {
  db = connectTestDatabase();
  // The worker's activities get a pool of their own: parallel receipts hold the API's connections while
  // they wait for the day's code counter, and would starve the activities storing the first events.
  workerDb = connectTestDatabase();
  worker = await startDevWorker({ db: workerDb, log: testLogger });
  app = await buildTestApp(db, {}, worker.taskQueue);
  api = apiDriver(app);
  await upsertTenant(db, {
    code: OUTSIDER.tenant,
    name: 'Sở GDĐT khác',
    unit_code: `000.00.${OUTSIDER.tenant}`,
  });
  await upsertOfficer(db, {
    tenant: OUTSIDER.tenant,
    username: OUTSIDER.username,
    full_name: 'Quản trị đơn vị khác',
    email: 'routes-outsider@motcua.local',
    role: 'admin',
    division_code: null,
    password_hash: await bcrypt.hash(devPassword, 4),
  });
  start = Date.now();
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await workerDb?.destroy();
  await db?.destroy();
});

async function receive(
  procedure: { code: string; components: string[] } = CORRECTION,
  username = 'receiver',
): Promise<DossierDetail> {
  const res = await api.receive(
    { procedureCode: procedure.code, components: procedure.components },
    {},
    username,
  );
  expect(res.statusCode, res.body).toBe(201);
  const dossier = res.json<DossierDetail>();
  created.add(dossier.code);
  return dossier;
}

/** A correction dossier at its appraisal step (QLCL, specialist), not assigned. */
const atAppraisal = async (): Promise<DossierDetail> => walkTo(api, await receive(), 'tham-dinh');

/** The part of the view a refused action must leave alone. */
const snapshot = (d: DossierDetail) => ({
  status: d.status,
  phase: d.phase,
  currentStep: d.currentStep,
  appointmentAt: d.appointmentAt,
  originalAppointmentAt: d.originalAppointmentAt,
  clock: d.clock,
  overdue: d.overdue,
  resultReadyAt: d.resultReadyAt,
  finishedAt: d.finishedAt,
  outcome: d.outcome,
});

/** A request with any body (a string is sent as is, as JSON) or none, as a dev user or with given headers. */
async function send(options: {
  method?: 'GET' | 'POST';
  url: string;
  as?: string;
  headers?: Record<string, string>;
  payload?: unknown;
}) {
  const auth = options.as === undefined ? {} : await api.as(options.as);
  const { payload } = options;
  const json = payload === undefined ? {} : { 'content-type': 'application/json' };
  return app.inject({
    method: options.method ?? 'GET',
    url: options.url,
    headers: { ...auth, ...json, ...options.headers },
    ...(payload === undefined
      ? {}
      : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Role × action

type Outcome = 'OK' | 'WD' | 'WR' | 'RO' | 'IS' | 'WA';
const rejectionOf: Record<Exclude<Outcome, 'OK'>, [status: number, code: string]> = {
  WD: [403, 'DOSSIER.WRONG_DIVISION'],
  WR: [403, 'DOSSIER.WRONG_ROLE'],
  RO: [403, 'DOSSIER.READ_ONLY_ROLE'],
  IS: [409, 'DOSSIER.INVALID_STATE'],
  WA: [409, 'DOSSIER.WRONG_ACTION_FOR_STEP'],
};

interface ActionSpec {
  type: string;
  body: object;
  /** What an accepted action leads to. */
  after: object;
}

/** The actions at the appraisal step "tham-dinh" (of either procedure used here). */
const actionSpecs: Record<string, ActionSpec> = {
  assign: {
    type: 'assign',
    body: { stepId: 'tham-dinh', assignee: 'specialist2' },
    after: { status: 4, currentStep: { stepId: 'tham-dinh', assignee: { username: 'specialist2' } } },
  },
  complete: {
    type: 'complete',
    body: { stepId: 'tham-dinh', note: 'Đủ điều kiện' },
    after: { status: 4, currentStep: { stepId: 'xem-xet' } },
  },
  approve: { type: 'approve', body: { stepId: 'tham-dinh' }, after: {} },
  'send-back': {
    type: 'send_back',
    body: { stepId: 'tham-dinh', reason: 'Kiểm tra lại thành phần hồ sơ' },
    after: { status: 2, currentStep: { stepId: 'tiep-nhan' } },
  },
  'supplement-request': {
    type: 'request_supplement',
    body: { reason: 'Thiếu giấy giới thiệu của trường chuyển đi', items: ['GGT'] },
    after: { status: 5, phase: 'awaiting_supplement', clock: { paused: true } },
  },
  'supplement-received': { type: 'record_supplement', body: {}, after: {} },
  refuse: {
    type: 'refuse',
    body: { reasons: ['Không đủ điều kiện chuyển trường'] },
    after: { status: 3, phase: 'refused', currentStep: null },
  },
  withdraw: {
    type: 'withdraw',
    body: { reason: 'Công dân xin rút hồ sơ' },
    after: { status: 7, phase: 'withdrawal_requested' },
  },
  stop: {
    type: 'stop',
    body: { reason: 'Dừng xử lý' },
    after: { status: 8, phase: 'stopped', currentStep: null },
  },
  'result-ready': { type: 'mark_result_ready', body: { stepId: 'tham-dinh' }, after: {} },
  return: { type: 'return_result', body: {}, after: {} },
};

/**
 * At the appraisal step of the transfer procedure (GDTRH, a specialist's step, not assigned), per user in
 * the order of {@link users}. The QLCL specialist and head are of another division; the auditor (thanh
 * tra) only reads: every action is 403 for them, whatever the state.
 */
const matrix: Record<string, Outcome[]> = {
  //                    recv  spec  head  spec2 head2 dep   dir   audit admin vanthu
  assign: /*         */ ['WR', 'WR', 'WD', 'WR', 'OK', 'OK', 'OK', 'RO', 'OK', 'WR'],
  complete: /*       */ ['WD', 'WD', 'WD', 'OK', 'OK', 'WD', 'WD', 'RO', 'OK', 'WD'],
  approve: /*        */ ['WA', 'WA', 'WA', 'WA', 'WA', 'WA', 'WA', 'RO', 'WA', 'WA'],
  'send-back': /*    */ ['WD', 'WD', 'WD', 'OK', 'OK', 'WD', 'WD', 'RO', 'OK', 'WD'],
  'supplement-request': ['WD', 'WD', 'WD', 'OK', 'OK', 'WD', 'WD', 'RO', 'OK', 'WD'],
  'supplement-received': ['IS', 'IS', 'IS', 'IS', 'IS', 'IS', 'IS', 'RO', 'IS', 'IS'],
  refuse: /*         */ ['WR', 'WR', 'WD', 'WR', 'OK', 'OK', 'OK', 'RO', 'OK', 'WR'],
  withdraw: /*       */ ['OK', 'WR', 'WR', 'WR', 'WR', 'WR', 'WR', 'RO', 'OK', 'WR'],
  stop: /*           */ ['WR', 'WR', 'WD', 'WR', 'OK', 'OK', 'OK', 'RO', 'OK', 'WR'],
  'result-ready': /* */ ['WA', 'WA', 'WA', 'WA', 'WA', 'WA', 'WA', 'RO', 'WA', 'WA'],
  return: /*         */ ['IS', 'IS', 'IS', 'IS', 'IS', 'IS', 'IS', 'RO', 'IS', 'IS'],
};

const describeOutcome = (o: Outcome) => (o === 'OK' ? '200' : `${rejectionOf[o][0]} ${rejectionOf[o][1]}`);

const matrixRows = Object.entries(matrix).flatMap(([path, outcomes]) =>
  users.map((user, i) => {
    const outcome = outcomes[i]!;
    return [`${user} ${path} → ${describeOutcome(outcome)}`, { user, path, outcome }] as const;
  }),
);

/** A transfer dossier at its appraisal step (GDTRH, specialist), not assigned. */
const transferAtAppraisal = async (): Promise<DossierDetail> =>
  walkTo(api, await receive(TRANSFER), 'tham-dinh');

/**
 * Expects an action to be refused on `code` as `outcome` says, the dossier unchanged (as `before`, still
 * with `events` events) and the attempt listed in its history's refused attempts with the code. Safe to
 * run concurrently on one dossier: nothing changes it, and each (user, action) is tried once.
 */
async function expectRefused(
  code: string,
  before: DossierDetail,
  events: number,
  user: string,
  path: string,
  body: object,
  outcome: Exclude<Outcome, 'OK'>,
) {
  const [status, errorCode] = rejectionOf[outcome];
  const res = await api.act(code, path, user, body);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toMatchObject({ code: errorCode, message: expect.any(String) });
  expect(snapshot(await dossierOf(api, code))).toEqual(snapshot(before));
  const history = await historyOf(api, code);
  expect(history.items).toHaveLength(events);
  expect(history.chainValid).toBe(true);
  expect(history.rejected).toContainEqual(
    expect.objectContaining({ actor: user, action: actionSpecs[path]!.type, code: errorCode }),
  );
}

/** Dossiers left waiting for a supplement by the matrix (reused by the desk table). */
const awaiting: string[] = [];

// Concurrent: the refused attempts share one dossier they cannot change; each accepted one has its own.
describe.concurrent('who may do what at the GDTRH appraisal step (role × action)', () => {
  let shared: DossierDetail;
  let sharedEvents: number;

  beforeAll(async () => {
    shared = await transferAtAppraisal();
    sharedEvents = (await historyOf(api, shared.code)).items.length;
    expect(sharedEvents).toBe(2);
  });

  it.each(matrixRows)('%s', async (_title, { user, path, outcome }) => {
    const spec = actionSpecs[path]!;
    if (outcome !== 'OK') {
      await expectRefused(shared.code, shared, sharedEvents, user, path, spec.body, outcome);
      return;
    }
    const dossier = await transferAtAppraisal();
    const res = await api.act(dossier.code, path, user, spec.body);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<DossierDetail>();
    expect(after).toMatchObject(spec.after);
    // The answer is the acting officer's view of the new state (`allowedActions` are theirs).
    expect((await api.get(dossier.code, user)).json<DossierDetail>()).toEqual(after);
    const history = await historyOf(api, dossier.code);
    expect(history.chainValid).toBe(true);
    expect(history.items.at(-1)).toMatchObject({ seq: 3, type: spec.type, actor: { username: user } });
    if (after.status === 5) awaiting.push(dossier.code);
  });
});

describe('who may record a supplement at the desk', () => {
  const rows = users.map((user) => {
    const outcome: Outcome =
      user === 'receiver' || user === 'admin' ? 'OK' : user === 'auditor' ? 'RO' : 'WR';
    return [`${user} supplement-received → ${describeOutcome(outcome)}`, { user, outcome }] as const;
  });
  let shared: DossierDetail;
  let sharedEvents: number;
  const waiting = async (): Promise<DossierDetail> => {
    const reused = awaiting.pop();
    if (reused) return dossierOf(api, reused);
    const dossier = await transferAtAppraisal();
    const res = await api.act(
      dossier.code,
      'supplement-request',
      'specialist2',
      actionSpecs['supplement-request']!.body,
    );
    return res.json<DossierDetail>();
  };

  beforeAll(async () => {
    shared = await waiting();
    expect(shared.status).toBe(5);
    sharedEvents = (await historyOf(api, shared.code)).items.length;
  });

  it.each(rows)('%s', async (_title, { user, outcome }) => {
    if (outcome !== 'OK') {
      await expectRefused(shared.code, shared, sharedEvents, user, 'supplement-received', {}, outcome);
      return;
    }
    const dossier = await waiting();
    expect(dossier.status).toBe(5);
    const res = await api.act(dossier.code, 'supplement-received', user, { note: 'Đã nhận' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 4, clock: { paused: false } });
  });
});

describe('receipt (receiveDossier) is for the one-stop desk', () => {
  it.each(users.map((user) => ({ user, expected: user === 'receiver' || user === 'admin' ? 201 : 403 })))(
    '$user → $expected',
    async ({ user, expected }) => {
      const res = await api.receive({}, {}, user);
      expect(res.statusCode, res.body).toBe(expected);
      if (expected === 201) created.add(res.json<DossierDetail>().code);
      else expect(res.json()).toMatchObject({ code: 'AUTH.FORBIDDEN_ROLE' });
    },
  );
});

// ---------------------------------------------------------------------------------------------------------
// Invalid input

describe('invalid input is answered 400 naming the field (never 500)', () => {
  let target: DossierDetail;
  let targetEvents: number;

  beforeAll(async () => {
    target = await atAppraisal();
    targetEvents = (await historyOf(api, target.code)).items.length;
  });
  afterAll(async () => {
    // None of it reached the dossier.
    expect(snapshot(await dossierOf(api, target.code))).toEqual(snapshot(target));
    expect((await historyOf(api, target.code)).items).toHaveLength(targetEvents);
  });

  const valid = { procedureCode: CORRECTION.code, applicant, components: CORRECTION.components };
  const withApplicant = (fields: Record<string, unknown>) => ({
    ...valid,
    applicant: { ...applicant, ...fields },
  });
  const receiptCases: { title: string; body: unknown; field: string; code?: string }[] = [
    {
      title: 'idNumber too short',
      body: withApplicant({ idNumber: 'abc' }),
      field: 'body.applicant.idNumber',
    },
    {
      title: 'idNumber with punctuation',
      body: withApplicant({ idNumber: '0360-9000-1234' }),
      field: 'body.applicant.idNumber',
    },
    {
      title: 'idNumber missing',
      body: withApplicant({ idNumber: undefined }),
      field: 'body.applicant.idNumber',
    },
    { title: 'email malformed', body: withApplicant({ email: 'an.nguyen@' }), field: 'body.applicant.email' },
    { title: 'phone malformed', body: withApplicant({ phone: 'gọi tôi' }), field: 'body.applicant.phone' },
    { title: 'fullName blank', body: withApplicant({ fullName: '   ' }), field: 'body.applicant.fullName' },
    { title: 'applicant missing', body: { ...valid, applicant: undefined }, field: 'body.applicant' },
    { title: 'components not a list', body: { ...valid, components: 'DON' }, field: 'body.components' },
    { title: 'components missing', body: { ...valid, components: undefined }, field: 'body.components' },
    {
      title: 'a component twice',
      body: { ...valid, components: [...CORRECTION.components, 'DON'] },
      field: 'body.components',
    },
    { title: 'a blank component', body: { ...valid, components: [''] }, field: 'body.components.0' },
    {
      title: 'an unknown component',
      body: { ...valid, components: ['GIAYPHEP', ...CORRECTION.components] },
      field: 'body.components.0',
      code: 'DOSSIER.UNKNOWN_COMPONENT',
    },
    { title: 'procedureCode blank', body: { ...valid, procedureCode: ' ' }, field: 'body.procedureCode' },
    {
      title: 'procedureCode not a string',
      body: { ...valid, procedureCode: 42 },
      field: 'body.procedureCode',
    },
    {
      title: 'procedureCode missing',
      body: { ...valid, procedureCode: undefined },
      field: 'body.procedureCode',
    },
    {
      title: 'procedureCode unknown',
      body: { ...valid, procedureCode: procedureCode('9.999999') },
      field: 'body.procedureCode',
      code: 'DOSSIER.UNKNOWN_PROCEDURE',
    },
    { title: 'channel unknown', body: { ...valid, channel: 'fax' }, field: 'body.channel' },
    { title: 'body a list', body: '[]', field: 'body' },
    { title: 'body not JSON', body: '{"procedureCode":', field: 'body' },
  ];

  it.each(receiptCases)('receiveDossier: $title → $field', async ({ body, field, code }) => {
    const res = await send({ method: 'POST', url: '/dossiers', as: 'receiver', payload: body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      field,
      code: code ?? 'VALIDATION_FAILED',
      requestId: expect.any(String),
    });
  });

  const long = (n: number) => 'x'.repeat(n);
  const actionCases: { path: string; body: unknown; field: string; code?: string; title?: string }[] = [
    { path: 'assign', body: { assignee: 'specialist' }, field: 'body.stepId' },
    { path: 'assign', body: { stepId: 'tham-dinh' }, field: 'body.assignee' },
    { path: 'assign', body: { stepId: 'tham-dinh', assignee: '' }, field: 'body.assignee' },
    { path: 'assign', body: { stepId: 'tham-dinh', assignee: long(101) }, field: 'body.assignee' },
    {
      path: 'assign',
      body: { stepId: 'tham-dinh', assignee: 'khong-ton-tai' },
      field: 'body.assignee',
      code: 'DOSSIER.UNKNOWN_ASSIGNEE',
    },
    {
      path: 'assign',
      body: { stepId: 'tham-dinh', assignee: OUTSIDER.username },
      field: 'body.assignee',
      code: 'DOSSIER.UNKNOWN_ASSIGNEE',
      title: 'an officer of another tenant',
    },
    {
      path: 'assign',
      body: { stepId: 'tham-dinh', assignee: 'auditor' },
      field: 'body.assignee',
      code: 'DOSSIER.INVALID_ASSIGNEE',
    },
    {
      path: 'assign',
      body: { stepId: 'tham-dinh', assignee: 'specialist2' },
      field: 'body.assignee',
      code: 'DOSSIER.ASSIGNEE_WRONG_DIVISION',
    },
    { path: 'complete', body: {}, field: 'body.stepId' },
    { path: 'complete', body: { stepId: '' }, field: 'body.stepId' },
    { path: 'complete', body: { stepId: 7 }, field: 'body.stepId' },
    { path: 'complete', body: { stepId: long(101) }, field: 'body.stepId' },
    { path: 'complete', body: { stepId: 'tham-dinh', note: '  ' }, field: 'body.note' },
    { path: 'complete', body: { stepId: 'tham-dinh', note: long(2001) }, field: 'body.note' },
    { path: 'complete', body: undefined, field: 'body', title: 'no body' },
    { path: 'complete', body: 'null', field: 'body', title: 'a null body' },
    { path: 'approve', body: {}, field: 'body.stepId' },
    { path: 'send-back', body: { stepId: 'tham-dinh' }, field: 'body.reason' },
    { path: 'send-back', body: { stepId: 'tham-dinh', reason: '   ' }, field: 'body.reason' },
    { path: 'send-back', body: { reason: 'Trả lại' }, field: 'body.stepId' },
    { path: 'supplement-request', body: { reason: 'Thiếu' }, field: 'body.items' },
    { path: 'supplement-request', body: { reason: 'Thiếu', items: [] }, field: 'body.items' },
    { path: 'supplement-request', body: { reason: 'Thiếu', items: 'KS' }, field: 'body.items' },
    { path: 'supplement-request', body: { reason: 'Thiếu', items: ['KS', ' '] }, field: 'body.items.1' },
    {
      path: 'supplement-request',
      body: { reason: 'Thiếu', items: Array.from({ length: 51 }, (_, i) => `M${i}`) },
      field: 'body.items',
      title: '51 items',
    },
    { path: 'supplement-request', body: { items: ['KS'] }, field: 'body.reason' },
    { path: 'supplement-received', body: { note: '' }, field: 'body.note' },
    { path: 'refuse', body: {}, field: 'body.reasons' },
    { path: 'refuse', body: { reasons: [] }, field: 'body.reasons' },
    { path: 'refuse', body: { reasons: 'Không' }, field: 'body.reasons' },
    { path: 'refuse', body: { reasons: [''] }, field: 'body.reasons.0' },
    { path: 'withdraw', body: {}, field: 'body.reason' },
    { path: 'withdraw', body: { reason: '' }, field: 'body.reason' },
    { path: 'stop', body: { reason: long(2001) }, field: 'body.reason' },
    { path: 'stop', body: '[]', field: 'body', title: 'a list body' },
    { path: 'result-ready', body: {}, field: 'body.stepId' },
    { path: 'return', body: { note: 12 }, field: 'body.note' },
  ];

  it.each(
    actionCases.map((c) => ({
      ...c,
      title: c.title ?? (JSON.stringify(c.body) ?? '').slice(0, 60),
    })),
  )('$path: $title → $field', async ({ path, body, field, code }) => {
    const res = await send({
      method: 'POST',
      url: `/dossiers/${encodeURIComponent(target.code)}/${path}`,
      as: 'head',
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field, code: code ?? 'VALIDATION_FAILED' });
  });

  it.each([
    { title: 'a code too long', url: `/dossiers/${long(101)}/complete`, field: 'params.code' },
    { title: 'an empty Idempotency-Key', url: null, field: 'headers.idempotency-key' },
  ])('action routes: $title → $field', async ({ url, field }) => {
    const res = await send({
      method: 'POST',
      url: url ?? `/dossiers/${encodeURIComponent(target.code)}/complete`,
      as: 'receiver',
      headers: url ? {} : { 'idempotency-key': '' },
      payload: { stepId: 'tham-dinh' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field });
  });

  it.each([
    ['status=x', 'query.status'],
    ['status=0', 'query.status'],
    ['status=11', 'query.status'],
    ['status=1,,2', 'query.status'],
    ['status=1&status=2', 'query.status'],
    ['pageSize=0', 'query.pageSize'],
    ['pageSize=101', 'query.pageSize'],
    ['pageSize=abc', 'query.pageSize'],
    ['pageSize=1.5', 'query.pageSize'],
    ['page=0', 'query.page'],
    ['page=-1', 'query.page'],
    ['overdue=yes', 'query.overdue'],
    ['division=', 'query.division'],
    ['procedure=', 'query.procedure'],
    ['assignee=', 'query.assignee'],
    ['receivedFrom=yesterday', 'query.receivedFrom'],
    ['receivedFrom=2026-02-30', 'query.receivedFrom'],
    ['receivedFrom=2026-11-27T10:00:00', 'query.receivedFrom'],
    ['receivedTo=27/11/2026', 'query.receivedTo'],
    ['receivedTo=2026-11-27T25:00:00%2B07:00', 'query.receivedTo'],
  ])('listDossiers: ?%s → %s', async (query, field) => {
    const res = await send({ url: `/dossiers?${query}`, as: 'auditor' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field, code: 'VALIDATION_FAILED' });
  });

  it.each(['', '/history'])('getDossier%s: a code too long → params.code', async (suffix) => {
    const res = await send({ url: `/dossiers/${long(101)}${suffix}`, as: 'auditor' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'params.code' });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Authentication and tenancy

describe('authentication', () => {
  let code: string;
  let tampered: string;
  beforeAll(async () => {
    code = (await receive()).code;
    // A genuine token with one character of its signature changed.
    const { authorization } = await api.as('receiver');
    const [header, claims, signature = ''] = authorization.slice('Bearer '.length).split('.');
    const changed = signature[5] === 'A' ? 'B' : 'A';
    tampered = `Bearer ${header}.${claims}.${signature.slice(0, 5)}${changed}${signature.slice(6)}`;
  });

  const routes = () => [
    {
      name: 'receiveDossier',
      method: 'POST' as const,
      url: '/dossiers',
      payload: { procedureCode: CORRECTION.code, applicant, components: CORRECTION.components } as object,
    },
    { name: 'listDossiers', method: 'GET' as const, url: '/dossiers' },
    { name: 'getDossier', method: 'GET' as const, url: `/dossiers/${code}` },
    { name: 'getDossierHistory', method: 'GET' as const, url: `/dossiers/${code}/history` },
    ...Object.entries(actionSpecs).map(([path, spec]) => ({
      name: path,
      method: 'POST' as const,
      url: `/dossiers/${code}/${path}`,
      payload: spec.body,
    })),
  ];
  const tokens: [string, () => Record<string, string>, string][] = [
    ['no token', () => ({}), 'AUTH.MISSING_TOKEN'],
    ['another scheme', () => ({ authorization: 'Basic cmVjZWl2ZXI6bW90Y3Vh' }), 'AUTH.MISSING_TOKEN'],
    ['a garbled token', () => ({ authorization: 'Bearer not.a.jwt' }), 'AUTH.INVALID_TOKEN'],
    ['a forged signature', () => ({ authorization: tampered }), 'AUTH.INVALID_TOKEN'],
  ];

  it.each(tokens)('%s → 401 on every dossier route', async (_name, headers, errorCode) => {
    for (const route of routes()) {
      const payload = 'payload' in route ? route.payload : undefined;
      const res = await send({ method: route.method, url: route.url, headers: headers(), payload });
      expect(res.statusCode, `${route.name}: ${res.body}`).toBe(401);
      expect(res.json(), route.name).toMatchObject({ code: errorCode });
      expect(res.headers['www-authenticate'], route.name).toBe('Bearer');
    }
    expect((await historyOf(api, code)).rejected).toEqual([]);
  });
});

describe('tenancy and unknown dossiers', () => {
  let code: string;
  beforeAll(async () => {
    code = (await receive()).code;
  });
  const unknown = `${units.department}-991231-9999`;

  it.each([
    ['getDossier', 'GET', ''],
    ['getDossierHistory', 'GET', '/history'],
    ...Object.keys(actionSpecs).map((path) => [path, 'POST', `/${path}`] as const),
  ] as const)('%s: another tenant’s dossier and an unknown code → 404', async (_name, method, suffix) => {
    const body = suffix.startsWith('/') && method === 'POST' ? actionSpecs[suffix.slice(1)]!.body : undefined;
    for (const [dossier, as] of [
      [code, OUTSIDER.username],
      [unknown, 'admin'],
    ] as const) {
      const res = await send({ method, url: `/dossiers/${dossier}${suffix}`, as, payload: body });
      expect(res.statusCode, `${dossier} as ${as}: ${res.body}`).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('assign: an unknown dossier answers 404 before its unknown assignee (read side by side)', async () => {
    const res = await send({
      method: 'POST',
      url: `/dossiers/${unknown}/assign`,
      as: 'admin',
      payload: { stepId: 'tham-dinh', assignee: 'khong-ton-tai' },
    });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves the dossier alone and lists no attempt of another tenant', async () => {
    const dossier = await dossierOf(api, code);
    expect(dossier).toMatchObject({ status: 2, currentStep: { stepId: 'tiep-nhan' } });
    // The receipt answers once the workflow has started; its first event is stored right after.
    const history = await eventually(async () => {
      const h = await historyOf(api, code);
      return h.items.length > 0 ? h : undefined;
    });
    expect(history.items.map((e) => e.type)).toEqual(['receive']);
    expect(history.rejected).toEqual([]);
  });

  it("lists none of this tenant's dossiers to another tenant, and receives nothing of its procedures", async () => {
    const list = await send({ url: '/dossiers?pageSize=100', as: OUTSIDER.username });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [], total: 0 });
    const res = await send({
      method: 'POST',
      url: '/dossiers',
      as: OUTSIDER.username,
      payload: { procedureCode: CORRECTION.code, applicant, components: CORRECTION.components },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'body.procedureCode', code: 'DOSSIER.UNKNOWN_PROCEDURE' });
  });
});

// ---------------------------------------------------------------------------------------------------------
// List filters

interface ListBody {
  items: {
    code: string;
    procedureCode: string;
    status: number;
    phase: string;
    currentStepId: string | null;
    division: string | null;
    assignee: string | null;
    receivedAt: string;
    overdue: boolean;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

describe('listDossiers filters', () => {
  let views: DossierDetail[];
  let assigned: DossierDetail;
  let split: number;
  let afterSplit: DossierDetail;
  let end: number;

  /** The list of this file's dossiers (received in [start, end)) with more filters. */
  async function list(query: string, username = 'auditor'): Promise<ListBody> {
    const window = `receivedFrom=${new Date(start).toISOString()}&receivedTo=${new Date(end).toISOString()}`;
    const res = await send({ url: `/dossiers?${window}&pageSize=100&${query}`, as: username });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ListBody>();
  }
  const codes = (body: ListBody) => body.items.map((i) => i.code).sort();
  const where = (predicate: (d: DossierDetail) => boolean) =>
    views
      .filter(predicate)
      .map((d) => d.code)
      .sort();

  beforeAll(async () => {
    // A correction dossier at its QLCL appraisal, assigned to specialist; the split instant lies between its
    // receipt and the next one.
    assigned = await atAppraisal();
    assigned = (
      await api.act(assigned.code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'specialist' })
    ).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    split = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    afterSplit = await receive();
    end = Date.now() + 1;
    views = await Promise.all([...created].map((c) => dossierOf(api, c)));
    // Dossiers of other test files lie outside [start, end) (earlier, or received at a skipped clock).
    expect(views.length).toBeGreaterThan(10);
  });

  it('without more filters: exactly this file’s dossiers, newest receipt first', async () => {
    const body = await list('');
    expect(body.total).toBe(views.length);
    expect(codes(body)).toEqual([...created].sort());
    const received = body.items.map((i) => parseIsoInstant(i.receivedAt)!);
    expect(received).toEqual([...received].sort((a, b) => b - a));
    expect(body.items[0]!.code).toBe(afterSplit.code);
    for (const item of body.items) {
      const view = views.find((v) => v.code === item.code)!;
      expect(item).toMatchObject({
        status: view.status,
        phase: view.phase,
        currentStepId: view.currentStep?.stepId ?? null,
        division: view.currentStep?.division ?? null,
        assignee: view.currentStep?.assignee?.username ?? null,
        receivedAt: view.receivedAt,
        overdue: view.overdue,
      });
    }
  });

  it.each([
    ['status=3', (d: DossierDetail) => d.status === 3],
    ['status=3,8', (d: DossierDetail) => d.status === 3 || d.status === 8],
    ['status=5', (d: DossierDetail) => d.status === 5],
    ['status=7', (d: DossierDetail) => d.status === 7],
    ['status=2,4', (d: DossierDetail) => d.status === 2 || d.status === 4],
    ['status=10', () => false],
    ['division=QLCL', (d: DossierDetail) => d.currentStep?.division === 'QLCL'],
    ['division=BPMC', (d: DossierDetail) => d.currentStep?.division === 'BPMC'],
    ['division=GDTRH', (d: DossierDetail) => d.currentStep?.division === 'GDTRH'],
    [`procedure=${TRANSFER.code}`, (d: DossierDetail) => d.procedure.code === TRANSFER.code],
    [`procedure=${CORRECTION.code}`, (d: DossierDetail) => d.procedure.code === CORRECTION.code],
    ['assignee=specialist', (d: DossierDetail) => d.currentStep?.assignee?.username === 'specialist'],
    ['assignee=specialist2', (d: DossierDetail) => d.currentStep?.assignee?.username === 'specialist2'],
    ['assignee=khong-ton-tai', () => false],
    [`assignee=${OUTSIDER.username}`, () => false],
    ['overdue=false', () => true],
    ['overdue=true', () => false],
    ['status=4&division=QLCL', (d: DossierDetail) => d.status === 4 && d.currentStep?.division === 'QLCL'],
  ] as const)('?%s', async (query, predicate) => {
    const body = await list(query);
    expect(codes(body)).toEqual(where(predicate));
    expect(body.total).toBe(body.items.length);
  });

  it('some filters pick something, so the table above is not vacuous', () => {
    for (const status of [2, 3, 4, 5, 7, 8])
      expect(
        views.some((d) => d.status === status),
        `status ${status}`,
      ).toBe(true);
    expect(assigned).toMatchObject({
      currentStep: { division: 'QLCL', assignee: { username: 'specialist' } },
    });
    for (const division of ['QLCL', 'GDTRH', 'BPMC'])
      expect(views.some((d) => d.currentStep?.division === division)).toBe(true);
    expect(views.some((d) => d.currentStep?.assignee?.username === 'specialist2')).toBe(true);
    expect(views.some((d) => d.procedure.code === TRANSFER.code)).toBe(true);
  });

  it('?overdue=true lists a dossier flagged overdue', async () => {
    // The legal clock runs on real time (days), so the flag is set on the projection row of a finished
    // dossier (no event will overwrite it) and restored afterwards.
    const finished = views.find((d) => d.status === 3)!;
    await db.updateTable('dossier').set({ overdue: true }).where('code', '=', finished.code).execute();
    try {
      expect(codes(await list('overdue=true'))).toEqual([finished.code]);
      expect(codes(await list('overdue=false'))).not.toContain(finished.code);
    } finally {
      await db.updateTable('dossier').set({ overdue: false }).where('code', '=', finished.code).execute();
    }
  });

  it('receivedFrom / receivedTo bound the receipt instant: [from, to), as instants or Vietnam dates', async () => {
    const fromSplit = `receivedFrom=${new Date(split).toISOString()}&receivedTo=${new Date(end).toISOString()}`;
    const res = await send({ url: `/dossiers?${fromSplit}`, as: 'auditor' });
    expect(res.json<ListBody>().items.map((i) => i.code)).toEqual([afterSplit.code]);

    const before = await send({
      url: `/dossiers?receivedFrom=${new Date(start).toISOString()}&receivedTo=${new Date(split).toISOString()}&pageSize=100`,
      as: 'auditor',
    });
    const beforeCodes = before.json<ListBody>().items.map((i) => i.code);
    expect(beforeCodes).toContain(assigned.code);
    expect(beforeCodes).not.toContain(afterSplit.code);
    expect(beforeCodes.sort()).toEqual([...created].filter((c) => c !== afterSplit.code).sort());

    // A date is midnight in Vietnam: from that day includes it, to that day excludes it.
    const day = toVnDate(parseIsoInstant(afterSplit.receivedAt)!);
    const fromDay = await send({
      url: `/dossiers?receivedFrom=${day}&receivedTo=${new Date(end).toISOString()}&pageSize=100`,
      as: 'auditor',
    });
    expect(fromDay.json<ListBody>().items.map((i) => i.code)).toContain(afterSplit.code);
    const toDay = await send({ url: `/dossiers?receivedTo=${day}&pageSize=100`, as: 'auditor' });
    expect(toDay.json<ListBody>().items.map((i) => i.code)).not.toContain(afterSplit.code);
    // Same instant written with an offset.
    const offset = await send({
      url: `/dossiers?receivedFrom=${encodeURIComponent(`${day}T00:00:00+07:00`)}&receivedTo=${new Date(end).toISOString()}&pageSize=100`,
      as: 'auditor',
    });
    expect(offset.json<ListBody>().total).toBe(fromDay.json<ListBody>().total);
  });

  it('pages: every dossier once, newest first, with the total on every page', async () => {
    const all = await list('');
    const seen: string[] = [];
    const pageSize = 4;
    const pages = Math.ceil(all.total / pageSize);
    for (let page = 1; page <= pages + 1; page++) {
      const window = `receivedFrom=${new Date(start).toISOString()}&receivedTo=${new Date(end).toISOString()}`;
      const res = await send({ url: `/dossiers?${window}&pageSize=${pageSize}&page=${page}`, as: 'auditor' });
      const body = res.json<ListBody>();
      expect(body).toMatchObject({ total: all.total, page, pageSize });
      expect(body.items.length).toBe(
        page <= pages ? Math.min(pageSize, all.total - (page - 1) * pageSize) : 0,
      );
      seen.push(...body.items.map((i) => i.code));
    }
    expect(seen).toEqual(all.items.map((i) => i.code));
  });
});
