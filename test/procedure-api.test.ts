import { AGENCY_DESK_ROUTE } from '../domain/dossier/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { AppInstance } from '../api/app.js';
import { createCalendarService } from '../api/calendar.service.js';
import { receiveCompleteDossier } from '../api/dossier-receipt.js';
import { defaultVietnamCalendar } from '../domain/calendar/index.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import type { Database } from '../db/database.js';
import { insertCalendarVersion } from '../db/calendar.repository.js';
import {
  insertReceivingUnitIfMissing,
  upsertDivision,
  upsertOfficer,
  upsertTenant,
} from '../db/organisation.repository.js';
import { divisions } from '../db/seed/organisation.seed.js';
import { findProcedureVersion } from '../db/procedure.repository.js';
import { seedProcedureCatalog } from '../db/seed/procedures.seed.js';
import { buildTestApp, loginAs, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { CORRECTION, applicant, type DossierBody } from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { startDevWorker, type RunningWorker } from './support/temporal.js';
import { procedureCode, units } from './support/catalog.js';

/** A tenant of its own, so publishing here changes nothing for the other test files. */
const tenant = 'procedure-test';
const UNIT = '000.00.97.PRC';
let db: Database;
let worker: RunningWorker;
let app: AppInstance;
const headers: Record<string, { authorization: string }> = {};

beforeAll(async () => {
  db = connectTestDatabase();
  await upsertTenant(db, { code: tenant, name: 'Sở thử nghiệm danh mục', unit_code: UNIT });
  for (const d of divisions) await upsertDivision(db, { tenant, ...d });
  // The Sở's own desk, where its receiver receives.
  await insertReceivingUnitIfMissing(db, {
    tenant,
    code: 'BPMC',
    name: 'Bộ phận Một cửa',
    kind: 'agency_desk',
    parent_name: null,
    unit_code: null,
    symbol: 'BPMC',
    address: 'Trụ sở Sở thử nghiệm',
    place: 'Ninh Bình',
    former_province: null,
  });
  const hash = await bcrypt.hash('motcua', 4);
  const officer = (username: string, role: 'admin' | 'receiver' | 'head', division: string | null) =>
    upsertOfficer(db, {
      tenant,
      username,
      full_name: username,
      email: `${username}@motcua.local`,
      role,
      division_code: division,
      password_hash: hash,
    });
  await officer('pt-admin', 'admin', null);
  await officer('pt-receiver', 'receiver', 'BPMC');
  await officer('pt-head', 'head', 'QLCL');
  await db.transaction().execute(async (trx) => {
    await insertCalendarVersion(trx, defaultVietnamCalendar(tenant), 'test');
    await seedProcedureCatalog(trx, tenant, units.province);
  });
  worker = await startDevWorker({ db, log: testLogger });
  app = await buildTestApp(db, {}, worker.taskQueue);
  for (const u of ['pt-admin', 'pt-receiver', 'pt-head']) headers[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await db?.destroy();
});

const receive = async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/dossiers',
    headers: headers['pt-receiver'],
    payload: { procedureCode: CORRECTION.code, applicant, components: CORRECTION.components },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<DossierBody & { procedure: { version: number } }>();
};

async function currentDefinition(): Promise<ProcedureDefinition> {
  const res = await app.inject({ url: `/procedures/${CORRECTION.code}`, headers: headers['pt-admin'] });
  return res.json<{ definition: ProcedureDefinition }>().definition;
}

describe('the procedure catalog', () => {
  it('lists the 12 seeded procedures with their limits', async () => {
    const res = await app.inject({ url: '/procedures', headers: headers['pt-head'] });
    const items = res.json<{ items: { code: string; legalLimit: object }[] }>().items;
    expect(items).toHaveLength(12);
    expect(items.find((p) => p.code === CORRECTION.code)?.legalLimit).toEqual({
      amount: 5,
      unit: 'working_days',
    });
  });

  it('rejects a process whose step budgets exceed the legal limit, whole, naming the steps', async () => {
    const def = await currentDefinition();
    const tooLong = {
      ...def,
      steps: def.steps.map((s) => (s.id === 'tham-dinh' ? { ...s, budgetHours: 30 } : s)),
    };
    const res = await app.inject({
      method: 'POST',
      url: '/procedures',
      headers: headers['pt-admin'],
      payload: tooLong,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PROCEDURE.INVALID_DEFINITION', field: 'body.steps' });
  });

  it('is published by admins only', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/procedures',
      headers: headers['pt-head'],
      payload: await currentDefinition(),
    });
    expect(res.statusCode).toBe(403);
  });

  it('publishes a new version that new dossiers use while running ones keep their snapshot', async () => {
    const running = await receive();
    expect(running.procedure.version).toBe(1);

    const def = await currentDefinition();
    const v2 = {
      ...def,
      name: `${def.name} (quy trình 2026)`,
      steps: def.steps.map((s) =>
        s.id === 'tham-dinh' ? { ...s, budgetHours: 16 } : s.id === 'xem-xet' ? { ...s, budgetHours: 8 } : s,
      ),
    };
    const published = await app.inject({
      method: 'POST',
      url: '/procedures',
      headers: headers['pt-admin'],
      payload: v2,
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, publishedBy: 'pt-admin' });

    const fresh = await receive();
    expect(fresh.procedure).toMatchObject({ version: 2, name: v2.name });

    // The running dossier moves on under version 1: its budgets, its name, its workflow snapshot.
    const moved = await app.inject({
      method: 'POST',
      url: `/dossiers/${encodeURIComponent(running.code)}/complete`,
      headers: headers['pt-receiver'],
      payload: { stepId: 'tiep-nhan' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      procedure: { version: 1, name: def.name },
      currentStep: { stepId: 'phan-cong' },
    });
    const v1 = await app.inject({
      url: `/procedures/${CORRECTION.code}?version=1`,
      headers: headers['pt-admin'],
    });
    expect(v1.json<{ definition: ProcedureDefinition }>().definition.steps).toEqual(def.steps);
  });
});

describe('the 2025 catalog: a code replaced by a successor', () => {
  /** Diploma correction before 01/07/2025; 3.000466 (CORRECTION) succeeds it. */
  const OLD = procedureCode('2.001914');

  it('is not listed: the list shows the versions in force today', async () => {
    const res = await app.inject({ url: '/procedures', headers: headers['pt-receiver'] });
    const items = res.json<{ items: { code: string; effectiveFrom: string }[] }>().items;
    const codes = items.map((p) => p.code);
    expect(codes).toContain(CORRECTION.code);
    expect(codes).not.toContain(OLD);
    expect(codes).not.toContain(procedureCode('1.006388'));
    expect(codes).toContain(procedureCode('1.012944'));
  });

  it('is refused at receipt with the new code named, and nothing is received', async () => {
    const before = await db.selectFrom('dossier').select('code').where('tenant', '=', tenant).execute();
    const res = await app.inject({
      method: 'POST',
      url: '/dossiers',
      headers: headers['pt-receiver'],
      payload: { procedureCode: OLD, applicant, components: CORRECTION.components },
    });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json<{ code: string; field: string; message: string }>();
    expect(body).toMatchObject({ code: 'DOSSIER.PROCEDURE_SUPERSEDED', field: 'body.procedureCode' });
    expect(body.message).toBe(
      `Thủ tục mã ${OLD} đã được thay thế từ ngày 01/07/2025 bởi thủ tục mã ${CORRECTION.code} ` +
        '(Chỉnh sửa nội dung văn bằng, chứng chỉ). Vui lòng tiếp nhận hồ sơ theo mã thủ tục mới.',
    );
    const after = await db.selectFrom('dossier').select('code').where('tenant', '=', tenant).execute();
    expect(after).toHaveLength(before.length);
  });

  it('is looked up as superseded, while each of its versions still reads', async () => {
    const today = await app.inject({ url: `/procedures/${OLD}`, headers: headers['pt-receiver'] });
    expect(today.statusCode).toBe(404);
    expect(today.json<{ code: string; message: string }>()).toMatchObject({
      code: 'PROCEDURE.SUPERSEDED',
      message: expect.stringContaining(CORRECTION.code) as unknown,
    });
    const v1 = await app.inject({ url: `/procedures/${OLD}?version=1`, headers: headers['pt-receiver'] });
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ code: OLD, version: 1, effectiveFrom: '2024-01-01' });
  });

  it('keeps a dossier received under it before the switch: it still reads and prints', async () => {
    const receivedAt = Date.parse('2025-06-30T09:00:00+07:00');
    const procedure = (await findProcedureVersion(db, tenant, OLD, 1))!.definition;
    const calendar = (await createCalendarService(db).inForce(tenant, receivedAt))!;
    const { row } = await receiveCompleteDossier(
      { db, client: testTemporalClient(), taskQueue: worker.taskQueue },
      {
        request: {
          procedureCode: OLD,
          applicant: { ...applicant, kind: 'citizen' },
          components: CORRECTION.components,
          channel: 'direct',
        },
        procedure,
        calendar,
        tenant,
        unitCode: UNIT,
        desk: AGENCY_DESK_ROUTE,
        actor: {
          officerId: randomUUID(),
          username: 'pt-receiver',
          fullName: 'pt-receiver',
          role: 'receiver',
          divisionCode: 'BPMC',
        },
        receivedAt,
      },
    );
    expect(row.code).toBe(`${UNIT}-250630-0001`);

    const read = await app.inject({
      url: `/dossiers/${encodeURIComponent(row.code)}`,
      headers: headers['pt-head'],
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ procedure: { code: OLD, version: 1 } });

    const slip = await app.inject({
      url: `/dossiers/${encodeURIComponent(row.code)}/forms/01`,
      headers: headers['pt-head'],
    });
    expect(slip.statusCode, slip.body).toBe(200);
    expect(slip.body).toContain(OLD);
  });
});
