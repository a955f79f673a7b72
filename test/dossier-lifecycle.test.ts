import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import {
  CORRECTION,
  ok,
  samplePdf,
  walkCorrection,
  type ApiDriver,
  type DossierBody,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { units } from './support/catalog.js';
import { connectDevServer } from './support/temporal.js';

let db: Database;
let api: ApiDriver;

let harness: DossierHarness | undefined;

beforeAll(async () => {
  harness = await startDossierHarness();
  ({ db, api } = harness);
});
afterAll(() => harness?.stop());

describe('chỉnh sửa nội dung văn bằng, straight through', () => {
  it('is received with a code, an appointment 5 working days on, and waits at the desk', async () => {
    const res = await api.receive();
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<DossierBody>();
    expect(body.code.slice(0, units.department.length + 1)).toBe(`${units.department}-`);
    expect(body.code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
    expect(res.headers.location).toBe(`/dossiers/${body.code}`);
    expect(body).toMatchObject({
      status: 2,
      phase: 'processing',
      currentStep: { stepId: 'tiep-nhan', division: 'BPMC' },
    });
    expect(body.appointmentAt).toMatch(/\+07:00$/);
  });

  it('walks every step to the returned result, with a valid audit chain of every handover', async () => {
    const { code } = (await api.receive()).json<DossierBody>();
    const final = await walkCorrection(api, code);
    expect(final).toMatchObject({ status: 10, phase: 'returned', currentStep: null, outcome: 'early' });

    const history = (await api.history(code)).json<{
      items: { seq: number; type: string; actor: { username: string }; onTime: string | null }[];
      chainValid: boolean;
    }>();
    expect(history.chainValid).toBe(true);
    expect(history.items.map((e) => e.type)).toEqual([
      'receive',
      'complete',
      'complete',
      'assign',
      'complete',
      'complete',
      'approve',
      'attach_result',
      'mark_result_ready',
      'return_result',
    ]);
    expect(history.items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(history.items[6]?.actor.username).toBe('deputy');
    expect(
      history.items
        .filter((e) => !['assign', 'receive', 'attach_result'].includes(e.type))
        .every((e) => e.onTime === 'early'),
    ).toBe(true);
    const dossier = (await api.get(code)).json<DossierBody>();
    expect(dossier).toMatchObject({
      status: 10,
      finishedAt: expect.any(String),
      resultReadyAt: expect.any(String),
    });
  });

  it('still tells where a waiting dossier waits: the stack trace Temporal UI shows (worker/workflow-sandbox.ts)', async () => {
    const { code } = (await api.receive()).json<DossierBody>();
    const { client, connection } = await connectDevServer();
    try {
      const trace = await client.workflow.getHandle(code).query<string>('__stack_trace');
      expect(trace).toMatch(/at waitForSomething \(.*dossier\.workflow\.ts:\d+:\d+\)/);
    } finally {
      await connection.close();
    }
  });

  it('shows the status codes of the national contract along the way (2 → 4 → 9 → 10)', async () => {
    const { code } = (await api.receive()).json<DossierBody>();
    expect((await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }))).status).toBe(4);
    await ok(api.act(code, 'complete', 'head', { stepId: 'phan-cong' }));
    await ok(api.act(code, 'complete', 'head', { stepId: 'tham-dinh' }));
    await ok(api.act(code, 'complete', 'head', { stepId: 'xem-xet' }));
    await ok(api.act(code, 'approve', 'director', { stepId: 'ky-duyet' }));
    const upload = await api.upload(code, 'vanthu', 'so-hoa-ket-qua', samplePdf());
    expect(upload.statusCode, upload.body).toBe(200);
    expect((await ok(api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' }))).status).toBe(9);
    expect((await ok(api.act(code, 'return', 'receiver'))).status).toBe(10);
  });
});

describe('receipt', () => {
  it('refuses an incomplete dossier with 422 listing what is missing, records the guidance and starts nothing', async () => {
    const before = await db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await api.receive({ components: ['DON', 'VB'] });
    expect(res.statusCode).toBe(422);
    const body = res.json<{ code: string; missing: { code: string }[]; guidanceId: number }>();
    expect(body.code).toBe('DOSSIER.INCOMPLETE');
    expect(body.missing.map((m) => m.code)).toEqual(['HT', 'KS', 'GTTT']);
    const guidance = await db
      .selectFrom('receipt_guidance')
      .selectAll()
      .where('id', '=', body.guidanceId)
      .executeTakeFirstOrThrow();
    expect(guidance).toMatchObject({ applicant_name: 'Nguyễn Văn Ân', given_by: 'receiver' });
    const after = await db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers the first dossier to a repeated Idempotency-Key and never creates two', async () => {
    const key = `key-${Date.now()}`;
    const [a, b] = await Promise.all([
      api.receive({}, { 'idempotency-key': key }),
      api.receive({}, { 'idempotency-key': key }),
    ]);
    const codes = [a, b].map((r) => r.json<DossierBody>().code);
    expect(codes[0]).toBe(codes[1]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const again = await api.receive({}, { 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect(again.json<DossierBody>().code).toBe(codes[0]);
    const sameRequestReordered = await api.receive(
      { components: [...CORRECTION.components].reverse() },
      { 'idempotency-key': key },
    );
    expect(sameRequestReordered.json<DossierBody>().code).toBe(codes[0]);
    const other = await api.receive(
      { applicant: { fullName: 'Người khác', idNumber: '001122334455', address: 'Hà Nội' } },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      code: 'DOSSIER.IDEMPOTENCY_KEY_REUSED',
      field: 'headers.idempotency-key',
    });
  });

  it('gives 50 parallel receipts of one day 50 distinct, gap-free codes', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => api.receive()));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const numbers = results
      .map((r) => Number(r.json<DossierBody>().code.split('-').at(-1)))
      .sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.at(-1)! - numbers[0]!).toBe(49);
  });

  it.each(['specialist', 'head', 'deputy', 'director', 'auditor'])(
    'is not for a %s (403)',
    async (username) => {
      expect((await api.receive({}, {}, username)).statusCode).toBe(403);
    },
  );
});

describe('actions that are not allowed', () => {
  it('applies a double-clicked action once: the second answers 409 and the history has one event', async () => {
    const { code } = (await api.receive()).json<DossierBody>();
    const [a, b] = await Promise.all([
      api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }),
      api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const history = (await api.history(code)).json<{
      items: { type: string }[];
      rejected: { code: string }[];
    }>();
    expect(history.items.filter((e) => e.type === 'complete')).toHaveLength(1);
    expect(history.rejected.map((r) => r.code)).toEqual(['DOSSIER.STEP_MISMATCH']);
  });

  it('rejects another division, a wrong role and the auditor with 403, changing nothing', async () => {
    const { code } = (await api.receive()).json<DossierBody>();
    await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    const cases = [
      ['head2', 'DOSSIER.WRONG_DIVISION'],
      ['specialist', 'DOSSIER.WRONG_ROLE'],
      ['auditor', 'DOSSIER.READ_ONLY_ROLE'],
    ] as const;
    for (const [username, errorCode] of cases) {
      const res = await api.act(code, 'complete', username, { stepId: 'phan-cong' });
      expect(res.statusCode, username).toBe(403);
      expect(res.json()).toMatchObject({ code: errorCode });
    }
    expect((await api.get(code)).json<DossierBody>()).toMatchObject({ currentStep: { stepId: 'phan-cong' } });
  });

  it('answers 404 for an unknown dossier and 400 naming the field for bad input', async () => {
    expect(
      (await api.act(`${units.department}-000000-9999`, 'complete', 'receiver', { stepId: 'x' })).statusCode,
    ).toBe(404);
    const { code } = (await api.receive()).json<DossierBody>();
    const bad = await api.act(code, 'refuse', 'head', { reasons: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'body.reasons' });
  });
});
