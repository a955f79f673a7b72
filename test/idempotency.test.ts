import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestDigest } from '../api/idempotency.js';
import type { Database } from '../db/database.js';
import {
  findOfficerByUsername,
  upsertDivision,
  upsertOfficer,
  upsertTenant,
} from '../db/organisation.repository.js';
import { divisions } from '../db/seed/organisation.seed.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import { loginAs } from './support/app.js';
import { applicant, CORRECTION, historyOf, type ApiDriver, type DossierBody } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import type { AppInstance } from '../api/app.js';

let harness: DossierHarness | undefined;
let db: Database;
let api: ApiDriver;
let app: AppInstance;

beforeAll(async () => {
  harness = await startDossierHarness();
  ({ db, api, app } = harness);
});
afterAll(() => harness?.stop());

const key = () => `test-${randomUUID()}`;
const idem = (k: string) => ({ 'idempotency-key': k });

async function received(): Promise<string> {
  const res = await api.receive();
  expect(res.statusCode, res.body).toBe(201);
  return res.json<DossierBody>().code;
}

const completions = async (code: string) =>
  (await historyOf(api, code)).items.filter((e) => e.type === 'complete');

const expectReused = (res: { statusCode: number; json(): unknown; body: string }) => {
  expect(res.statusCode, res.body).toBe(422);
  expect(res.json()).toMatchObject({
    code: 'DOSSIER.IDEMPOTENCY_KEY_REUSED',
    field: 'headers.idempotency-key',
  });
};

const officerId = async (username: string) => (await findOfficerByUsername(db, username))!.id;

/** Leaves the key's row as a crashed process would: no answer, and a lease that has lapsed. */
async function crash(k: string): Promise<void> {
  await db
    .updateTable('idempotent_request')
    .set({ status_code: null, response_body: null, leased_until: sql<Date>`now() - interval '1 second'` })
    .where('tenant', '=', 'default')
    .where('key', '=', k)
    .execute();
}

describe('Idempotency-Key on a dossier action', () => {
  it('replays the same request, refuses another officer, body or operation (422)', async () => {
    const code = await received();
    const k = key();
    const body = { stepId: 'tiep-nhan' };
    const first = await api.act(code, 'complete', 'receiver', body, idem(k));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await api.act(code, 'complete', 'receiver', body, idem(k));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());

    expectReused(await api.act(code, 'complete', 'receiver', { ...body, note: 'Khác' }, idem(k)));
    expectReused(await api.act(code, 'complete', 'admin', body, idem(k)));
    expectReused(await api.act(code, 'approve', 'receiver', body, idem(k)));
    const other = await received();
    expectReused(await api.act(other, 'complete', 'receiver', body, idem(k)));

    expect(await completions(code)).toHaveLength(1);
    expect((await historyOf(api, code)).rejected).toEqual([]);
    // The other dossier was not touched.
    expect(await completions(other)).toHaveLength(0);
  });

  it('applies a concurrent double submit with one key once: both answer the one result', async () => {
    const code = await received();
    const k = key();
    const answers = await Promise.all(
      Array.from({ length: 3 }, () =>
        api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }, idem(k)),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await completions(code)).toHaveLength(1);
    expect((await historyOf(api, code)).rejected).toEqual([]);
  });

  it('stores a refusal (4xx) as the answer of its key', async () => {
    const code = await received();
    const k = key();
    const wrong = await api.act(code, 'complete', 'receiver', { stepId: 'phan-cong' }, idem(k));
    expect(wrong.statusCode, wrong.body).toBe(409);
    const again = await api.act(code, 'complete', 'receiver', { stepId: 'phan-cong' }, idem(k));
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(wrong.json());
    // Recorded once: the replay did not reach the workflow.
    expect((await historyOf(api, code)).rejected).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS while the first request holds the key, then runs after its lease lapses', async () => {
    const code = await received();
    const k = key();
    const body = { stepId: 'tiep-nhan' };
    // A first request that is still running (or crashed a moment ago): its lease is fresh.
    await db
      .insertInto('idempotent_request')
      .values({
        tenant: 'default',
        key: k,
        officer_id: await officerId('receiver'),
        operation: 'completeDossierStep',
        request_digest: requestDigest({ params: { code }, body }),
        lease_token: randomUUID(),
        leased_until: sql<Date>`now() + interval '60 seconds'`,
        expires_at: sql<Date>`now() + interval '1 day'`,
      })
      .execute();
    const busy = await api.act(code, 'complete', 'receiver', body, idem(k));
    expect(busy.statusCode, busy.body).toBe(409);
    expect(busy.json()).toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
      field: 'headers.idempotency-key',
    });
    expect(busy.headers['retry-after']).toBe('1');
    expect(await completions(code)).toHaveLength(0);

    await db
      .updateTable('idempotent_request')
      .set({ leased_until: sql<Date>`now() - interval '1 second'` })
      .where('key', '=', k)
      .execute();
    const taken = await api.act(code, 'complete', 'receiver', body, idem(k));
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.headers['idempotent-replayed']).toBeUndefined();
    expect(await completions(code)).toHaveLength(1);
  });

  it('re-runs a request whose process crashed after the workflow applied it, without applying it twice', async () => {
    const code = await received();
    const k = key();
    const body = { stepId: 'tiep-nhan' };
    const first = await api.act(code, 'complete', 'receiver', body, idem(k));
    expect(first.statusCode, first.body).toBe(200);
    await crash(k);
    const rerun = await api.act(code, 'complete', 'receiver', body, idem(k));
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json<DossierBody>().currentStep).toEqual(first.json<DossierBody>().currentStep);
    expect(await completions(code)).toHaveLength(1);
    expect((await historyOf(api, code)).rejected).toEqual([]);
  });

  it('frees a key once it expired', async () => {
    const code = await received();
    const k = key();
    expect((await api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }, idem(k))).statusCode).toBe(
      200,
    );
    await db
      .updateTable('idempotent_request')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('key', '=', k)
      .execute();
    const next = await api.act(code, 'complete', 'head', { stepId: 'phan-cong' }, idem(k));
    expect(next.statusCode, next.body).toBe(200);
    expect(next.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['not ASCII', 'khóa-1'],
    ['a control character', 'a\tb'],
    ['201 characters', 'k'.repeat(201)],
  ])('refuses a key that is %s (400 headers.idempotency-key)', async (_title, value) => {
    const code = await received();
    const res = await api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }, idem(value));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'headers.idempotency-key' });
  });

  it('documents the header on every mutating officer route', async () => {
    const spec = (await app.inject({ url: '/openapi.json' })).json<{
      paths: Record<
        string,
        Record<string, { security?: unknown; parameters?: { in: string; name: string }[] }>
      >;
    }>();
    const missing: string[] = [];
    // Not an officer action: a session token is never stored to be replayed.
    const sessions = new Set(['POST /auth/refresh']);
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (method === 'get' || !op.security || sessions.has(`${method.toUpperCase()} ${path}`)) continue;
        const has = (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
        if (!has) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('Idempotency-Key on receipt', () => {
  it('answers the first dossier to the same officer and request, 422 to another officer or request', async () => {
    const k = key();
    const first = await api.receive({}, idem(k));
    expect(first.statusCode, first.body).toBe(201);
    const again = await api.receive({}, idem(k));
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.json<DossierBody>().code).toBe(first.json<DossierBody>().code);
    expectReused(await api.receive({}, idem(k), 'admin'));
    expectReused(await api.receive({ applicant: { ...applicant, fullName: 'Người khác' } }, idem(k)));
  });

  it('answers from the dossier a crashed first run received, and receives no second one', async () => {
    const k = key();
    const first = await api.receive({}, idem(k));
    expect(first.statusCode, first.body).toBe(201);
    const { code } = first.json<DossierBody>();
    await crash(k);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('dossier')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const rerun = await api.receive({}, idem(k));
    expect(rerun.statusCode, rerun.body).toBe(201);
    expect(rerun.json<DossierBody>().code).toBe(code);
    expect(await count()).toBe(before);
  });
});

describe('Idempotency-Key on a catalog route (publishProcedure)', () => {
  const tenant = 'idem-test';
  const admins: Record<string, { authorization: string }> = {};
  let definition: ProcedureDefinition;

  beforeAll(async () => {
    await upsertTenant(db, { code: tenant, name: 'Sở thử nghiệm khóa', unit_code: '000.00.96.IDM' });
    for (const d of divisions) await upsertDivision(db, { tenant, ...d });
    const hash = await bcrypt.hash('motcua', 4);
    for (const username of ['idem-admin', 'idem-admin2']) {
      await upsertOfficer(db, {
        tenant,
        username,
        full_name: username,
        email: `${username}@motcua.local`,
        role: 'admin',
        division_code: null,
        password_hash: hash,
      });
      admins[username] = await loginAs(app, username);
    }
    const res = await app.inject({ url: `/procedures/${CORRECTION.code}`, headers: await api.as('admin') });
    definition = { ...res.json<{ definition: ProcedureDefinition }>().definition, code: 'IDEM.TEST.1' };
  });

  const publish = (as: string, payload: object, k: string) =>
    app.inject({ method: 'POST', url: '/procedures', headers: { ...admins[as], ...idem(k) }, payload });

  it('publishes once for a repeated key, and refuses the key to another admin or definition', async () => {
    const k = key();
    const first = await publish('idem-admin', definition, k);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ version: 1 });
    const again = await publish('idem-admin', definition, k);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectReused(await publish('idem-admin2', definition, k));
    expectReused(await publish('idem-admin', { ...definition, name: `${definition.name} (sửa)` }, k));
    const versions = await db
      .selectFrom('procedure_version')
      .select('version')
      .where('tenant', '=', tenant)
      .where('code', '=', definition.code)
      .execute();
    expect(versions).toHaveLength(1);
    // Without a key, each request publishes.
    const next = await app.inject({
      method: 'POST',
      url: '/procedures',
      headers: admins['idem-admin'],
      payload: definition,
    });
    expect(next.json()).toMatchObject({ version: 2 });
  });
});
