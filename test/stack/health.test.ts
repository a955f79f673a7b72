import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Connection } from '@temporalio/client';
import { createDatabase, type Database } from '../../db/database.js';
import { createMailer, type Mailer } from '../../common/mailer.js';
import type { AppInstance } from '../../api/app.js';
import { buildTestApp } from '../support/app.js';
import { connectTestDatabase } from '../support/db.js';
import { createHealthProbes, healthProbeConnection } from '../../api/probes.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { startHangingServer } from '../support/hanging-server.js';

interface Parts {
  temporal: Connection;
  db: Database;
  mailer: Mailer;
}

async function appOn(parts: Parts): Promise<AppInstance> {
  return buildTestApp(parts.db, {
    health: createHealthProbes({ temporal: parts.temporal, db: parts.db, smtp: parts.mailer }),
  });
}

async function timedHealth(app: AppInstance) {
  const started = performance.now();
  const res = await app.inject({ method: 'GET', url: '/health' });
  return {
    res,
    body: res.json<{ status: string; components: Record<string, { status: string }> }>(),
    ms: performance.now() - started,
  };
}

describe('GET /health', () => {
  let smtp: TestSmtp;
  let good: Parts;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    good = {
      temporal: healthProbeConnection(inject('temporalAddress')),
      db: createDatabase({ url: inject('databaseUrl'), connectionTimeoutMs: 1_000 }),
      mailer: createMailer({ smtpUrl: smtp.url, from: 'motcua@localhost' }),
    };
    closers.push(
      () => good.temporal.close(),
      () => good.db.destroy(),
      () => smtp.close(),
    );
  });
  afterAll(async () => {
    good.mailer.close();
    for (const close of closers.reverse()) await close();
  });

  it('answers 200 when Temporal, PostgreSQL and SMTP are reachable', async () => {
    const app = await appOn(good);
    const { res, body } = await timedHealth(app);
    expect(res.statusCode).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.components).sort()).toEqual(['postgres', 'smtp', 'temporal']);
    await app.close();
  });

  it('answers 503 naming Temporal within 2 s when the Temporal server is gone', async () => {
    const dead = healthProbeConnection('127.0.0.1:1');
    const app = await appOn({ ...good, temporal: dead });
    const { res, body, ms } = await timedHealth(app);
    expect(res.statusCode).toBe(503);
    expect(body.components.temporal?.status).toBe('down');
    expect(body.components.postgres?.status).toBe('ok');
    expect(ms).toBeLessThan(2_000);
    await app.close();
    await dead.close();
  });

  it('answers 503 naming Temporal within 2 s when the Temporal server hangs', async () => {
    const hanging = await startHangingServer();
    const stuck = healthProbeConnection(`127.0.0.1:${hanging.port}`);
    const app = await appOn({ ...good, temporal: stuck });
    const { res, body, ms } = await timedHealth(app);
    expect(res.statusCode).toBe(503);
    expect(body.components.temporal?.status).toBe('down');
    expect(ms).toBeLessThan(2_000);
    await app.close();
    await stuck.close();
    await hanging.close();
  });

  it.each([
    [
      'refuses connections',
      () => Promise.resolve({ url: 'postgres://postgres@127.0.0.1:1/x', close: () => Promise.resolve() }),
    ],
    [
      'hangs',
      async () => {
        const h = await startHangingServer();
        return { url: `postgres://postgres@127.0.0.1:${h.port}/x`, close: () => h.close() };
      },
    ],
  ])('answers 503 naming PostgreSQL within 2 s when it %s', async (_case, makeTarget) => {
    const target = await makeTarget();
    const db = createDatabase({ url: target.url, connectionTimeoutMs: 1_000 });
    const app = await appOn({ ...good, db });
    const { res, body, ms } = await timedHealth(app);
    expect(res.statusCode).toBe(503);
    expect(body.components.postgres?.status).toBe('down');
    expect(body.components.temporal?.status).toBe('ok');
    expect(ms).toBeLessThan(2_000);
    await app.close();
    await db.destroy().catch(() => undefined);
    await target.close();
  });

  it('answers 503 naming SMTP when the mail server hangs', async () => {
    const hanging = await startHangingServer();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${hanging.port}`, from: 'motcua@localhost' });
    const app = await appOn({ ...good, mailer });
    const { res, body, ms } = await timedHealth(app);
    expect(res.statusCode).toBe(503);
    expect(body.components.smtp?.status).toBe('down');
    expect(ms).toBeLessThan(2_000);
    await app.close();
    mailer.close();
    await hanging.close();
  });
});

describe('API description', () => {
  const db = connectTestDatabase();
  afterAll(() => db.destroy());

  it('serves OpenAPI 3.1 where every route has an operationId, and a docs page', async () => {
    const app = await buildTestApp(db);
    const spec = (await app.inject({ url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    expect(spec.openapi).toBe('3.1.0');
    const operations = Object.values(spec.paths).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
    const docs = await app.inject({ url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
    await app.close();
  });

  it('answers an unknown route with 404 and a stable code', async () => {
    const app = await buildTestApp(db);
    const res = await app.inject({ url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    await app.close();
  });
});
