/**
 * A database with no connection free in time (a burst of receipts holding every client of the pool) is
 * answered 503 `SERVICE_UNAVAILABLE` with `Retry-After`, not 500: on the real app and PostgreSQL, with a
 * pool of one client held by another request and a short connect timeout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { DATABASE_BUSY_RETRY_AFTER_SECONDS } from '../api/error-handler.js';
import { createDatabase, isConnectTimeout, type Database } from '../db/database.js';
import { buildTestApp } from './support/app.js';
import { apiDriver, ok, type ApiDriver } from './support/dossiers.js';

let db: Database;
let app: AppInstance;
let api: ApiDriver;

beforeAll(async () => {
  db = createDatabase({ url: inject('databaseUrl'), poolMax: 1, connectionTimeoutMs: 200 });
  app = await buildTestApp(db);
  api = apiDriver(app);
  await api.as('receiver');
});
afterAll(async () => {
  await app?.close();
  await db?.destroy();
});

/** Runs `during` while the pool's only client is checked out by another unit of work. */
async function withPoolHeld<T>(during: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const holder = db.connection().execute(async () => {
    held();
    await released;
  });
  await holding;
  try {
    return await during();
  } finally {
    release();
    await holder;
  }
}

describe('a saturated database pool', () => {
  it('answers a receipt 503 SERVICE_UNAVAILABLE with Retry-After, and the retry succeeds', async () => {
    const res = await withPoolHeld(() => api.receive());
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe(String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
    expect(res.json()).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Hệ thống đang bận, vui lòng thử lại sau ít giây.',
    });
    expect(res.json()).not.toHaveProperty('field');
    // Once the pool has a client free again, the same request goes through.
    expect((await ok(api.receive())).code).toMatch(/-\d{6}-\d{4}$/);
  });

  it('tells a connect timeout, even wrapped, from other database errors', () => {
    const timeout = new Error('timeout exceeded when trying to connect');
    expect(isConnectTimeout(timeout)).toBe(true);
    expect(isConnectTimeout(new Error('query failed', { cause: timeout }))).toBe(true);
    expect(isConnectTimeout(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isConnectTimeout(new Error('relation "x" does not exist'))).toBe(false);
    expect(isConnectTimeout('timeout exceeded when trying to connect')).toBe(false);
  });
});
