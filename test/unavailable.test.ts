/**
 * A dependency that does not answer gives 503 `SERVICE_UNAVAILABLE` with `Retry-After`, never a 500 nor
 * an endless wait (api/outage.ts), on the real app, Temporal dev server and PostgreSQL:
 * - an officer action on a dossier whose task queue no worker polls answers 503 within ACTION_TIMEOUT_MS;
 *   once a worker polls it, the retry with the same Idempotency-Key gets that Update's outcome, and the
 *   audit trail holds the action once;
 * - a Temporal frontend that cannot be reached: a receipt answers 503 and stores nothing;
 * - a database pool pointing at a closed port: a read route and write routes answer 503.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { TemporalDeps } from '../api/routes/dossier-deps.js';
import { DEPENDENCY_DOWN_RETRY_AFTER_SECONDS, isTemporalUnavailable, outageOf } from '../api/outage.js';
import { createDatabase, isDatabaseUnavailable, type Database } from '../db/database.js';
import { freePort } from '../scripts/net.js';
import { buildTestApp, loginAs, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import {
  apiDriver,
  applicant,
  CORRECTION,
  historyOf,
  type ApiDriver,
  type DossierBody,
} from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { startDevWorker, type RunningWorker } from './support/temporal.js';

/** The bound of the tests' apps: short, so the file stays quick. */
const ACTION_TIMEOUT_MS = 2_000;
/** What the machine may add to the bound (2 shared cores). */
const SLACK_MS = 2_500;

let db: Database;
let worker: RunningWorker | undefined;
const apps: AppInstance[] = [];
const closers: (() => Promise<unknown>)[] = [];

const temporalDeps = (taskQueue: string, client: Client = testTemporalClient()): TemporalDeps => ({
  client,
  taskQueue,
  namespace: inject('temporalNamespace'),
  uiUrl: 'http://localhost:8233',
  actionTimeoutMs: ACTION_TIMEOUT_MS,
});

async function app(
  database: Database,
  temporal: TemporalDeps,
): Promise<{ app: AppInstance; api: ApiDriver }> {
  const built = await buildTestApp(database, { temporal }, temporal.taskQueue);
  apps.push(built);
  return { app: built, api: apiDriver(built) };
}

beforeAll(() => {
  db = connectTestDatabase();
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await worker?.stop();
  for (const close of closers) await close();
  await db?.destroy();
});

const expectUnavailable = (res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['retry-after']).toBe(String(DEPENDENCY_DOWN_RETRY_AFTER_SECONDS));
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
  expect(body.message).toMatch(/thử lại sau/);
  expect(body).not.toHaveProperty('field');
};

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe('an officer action while no worker polls the dossier’s task queue', () => {
  it('answers 503 with Retry-After within the bound; the retry with the same key, once a worker polls, applies it once', async () => {
    // A queue of its own that no worker polls yet: the receipt starts the workflow (no worker needed).
    const taskQueue = `unavailable-${randomUUID()}`;
    const { api } = await app(db, temporalDeps(taskQueue));
    const received = await api.receive();
    expect(received.statusCode, received.body).toBe(201);
    const { code } = received.json<DossierBody>();

    const key = { 'idempotency-key': `unavailable-${randomUUID()}` };
    const body = { stepId: 'tiep-nhan', note: 'Chuyển phòng chuyên môn' };
    const first = await timed(() => api.act(code, 'complete', 'receiver', body, key));
    expectUnavailable(first.value);
    expect(first.value.json()).toMatchObject({ message: expect.stringMatching(/chưa được xác nhận/) });
    expect(first.ms).toBeGreaterThanOrEqual(ACTION_TIMEOUT_MS - 50);
    expect(first.ms).toBeLessThan(ACTION_TIMEOUT_MS + SLACK_MS);

    // Still no worker: the same key waits again (its lease lapsed with the 5xx, no 409) and answers 503.
    expectUnavailable(await api.act(code, 'complete', 'receiver', body, key));

    worker = await startDevWorker({ db, log: testLogger }, taskQueue);
    const retried = await api.act(code, 'complete', 'receiver', body, key);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.json<DossierBody>().currentStep?.stepId).not.toBe('tiep-nhan');

    const replayed = await api.act(code, 'complete', 'receiver', body, key);
    expect(replayed.statusCode, replayed.body).toBe(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');

    const history = await historyOf(api, code);
    expect(history.items.filter((e) => e.type === 'complete')).toHaveLength(1);
    const rejected = await db
      .selectFrom('dossier_rejection')
      .select('code')
      .where('dossier_code', '=', code)
      .execute();
    expect(rejected).toEqual([]);
  });
});

describe('a Temporal frontend that cannot be reached', () => {
  it('answers a receipt 503 with Retry-After within the bound, and stores no dossier', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    closers.push(() => connection.close());
    const client = new Client({ connection, namespace: inject('temporalNamespace') });
    const { api } = await app(db, temporalDeps('no-worker', client));
    const before = await db
      .selectFrom('dossier')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    await api.as('receiver'); // logged in before the clock starts
    const res = await timed(() => api.receive());
    expectUnavailable(res.value);
    expect(res.ms).toBeLessThan(ACTION_TIMEOUT_MS + SLACK_MS);
    const after = await db
      .selectFrom('dossier')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('a database that refuses connections', () => {
  let broken: AppInstance;
  let headers: { authorization: string };

  beforeAll(async () => {
    // A token from an app on the real database (same secret): the broken app cannot log anyone in.
    headers = await loginAs((await app(db, temporalDeps('no-worker'))).app, 'receiver');
    const closed = createDatabase({
      url: `postgres://postgres@127.0.0.1:${await freePort()}/motcua`,
      connectionTimeoutMs: 1_000,
    });
    closers.push(() => closed.destroy());
    ({ app: broken } = await app(closed, temporalDeps('no-worker')));
  });

  it('answers read routes 503 with Retry-After, not 500', async () => {
    expectUnavailable(await broken.inject({ method: 'GET', url: '/dossiers', headers }));
    expectUnavailable(await broken.inject({ method: 'GET', url: '/dossiers/ANY-CODE', headers }));
  });

  it('answers write routes 503 with Retry-After, not 500', async () => {
    const receipt = await broken.inject({
      method: 'POST',
      url: '/dossiers',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      payload: { procedureCode: CORRECTION.code, applicant, components: CORRECTION.components },
    });
    expectUnavailable(receipt);
    const action = await broken.inject({
      method: 'POST',
      url: '/dossiers/ANY-CODE/complete',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      payload: { stepId: 'tiep-nhan' },
    });
    expectUnavailable(action);
    const login = await broken.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'receiver', password: 'motcua' },
    });
    expectUnavailable(login);
  });
});

describe('the OpenAPI description', () => {
  it('declares the 503 on every operation', async () => {
    const { app: described } = await app(db, temporalDeps('no-worker'));
    const doc = (await described.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    }>();
    const missing = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => !op.responses?.['503'])
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('telling an outage from other errors', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('names an unreachable or refusing PostgreSQL', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', '57P01', '57P03', '53300', '08006', '08001']) {
      expect(isDatabaseUnavailable(pgError(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([pgError('ECONNREFUSED')], 'connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01') }))).toBe(true);
    for (const code of ['23505', '22P02', '42P01', '40001']) {
      expect(isDatabaseUnavailable(pgError(code)), code).toBe(false);
    }
    expect(outageOf(pgError('23505'))).toBeUndefined();
  });

  it('names an unreachable Temporal and an Update not confirmed in time', () => {
    const grpc = (code: number) => Object.assign(new Error('grpc'), { code, metadata: {}, details: '' });
    expect(isTemporalUnavailable(new Error('Failed to start Workflow', { cause: grpc(14) }))).toBe(true);
    expect(isTemporalUnavailable(grpc(4))).toBe(true);
    expect(isTemporalUnavailable(grpc(5))).toBe(false); // NOT_FOUND
    expect(isTemporalUnavailable(grpc(3))).toBe(false); // INVALID_ARGUMENT
    expect(outageOf(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'))).toMatchObject({
      reason: 'action_timeout',
    });
  });
});
