import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createPaymentActivities } from '../activities/payment.activities.js';
import { createSimulatedProvider } from '../activities/payment-provider.js';
import type { AppInstance } from '../api/app.js';
import {
  signedText,
  signPaymentCallback,
  verifyPaymentCallback,
  verifyPaymentSignature,
  type PaymentCallbackPayload,
} from '../api/payment-signature.js';
import { ConfigError, loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { findPaymentRequest, listPaymentCallbacks } from '../db/payment.repository.js';
import { formatVnIso } from '../domain/calendar/index.js';
import { buildTestApp, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import {
  apiDriver,
  dossierOf,
  historyOf,
  ok,
  type ApiDriver,
  type DossierBody,
  type DossierDetail,
} from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { replayAndRecord } from './support/replay.js';
import { eventually, startDevWorker, type RunningWorker } from './support/temporal.js';
import { procedureCode, units } from './support/catalog.js';

/** Copy of a diploma: fee 10.000đ; tiep-nhan → thu-phi (payment) → tham-dinh → ky-duyet → … */
const COPY = { code: procedureCode('3.000465'), components: ['DON', 'GTTT'] };
const FEE = 10_000;
const SECRET = 'payment-callback-secret-of-the-suite-0123456789';
const HOUR = 3_600_000;

let db: Database;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;

beforeAll(async () => {
  db = connectTestDatabase();
  worker = await startDevWorker({ db, log: testLogger });
  app = await buildTestApp(db, { paymentSecret: SECRET }, worker.taskQueue);
  api = apiDriver(app);
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await db?.destroy();
});

interface PaymentView {
  reference: string;
  amount: number;
  status: 'pending' | 'paid' | 'cancelled';
  method: 'online' | 'cash' | null;
  transactionId: string | null;
  paidAt: string | null;
}
type DossierWithPayment = DossierDetail & { payment?: PaymentView | null };

interface DossierPaymentBody {
  dossierCode: string;
  payment: PaymentView | null;
  requests: (PaymentView & { payUrl: string | null; provider: string; description: string })[];
}

const confirmation = (
  reference: string,
  over: Partial<PaymentCallbackPayload> = {},
): PaymentCallbackPayload => ({
  reference,
  amount: FEE,
  transactionId: `TX-${randomUUID()}`,
  paidAt: formatVnIso(Date.now()),
  ...over,
});

/** Delivers a callback as the provider would, signed with the suite's secret unless told otherwise. */
function deliver(payload: object, signature?: string | null) {
  const headers: Record<string, string> = {};
  const header =
    signature === undefined ? signPaymentCallback(payload as PaymentCallbackPayload, SECRET) : signature;
  if (header !== null) headers['x-payment-signature'] = header;
  return app.inject({ method: 'POST', url: '/payments/callback', headers, payload });
}

async function receiveCopy(): Promise<string> {
  const res = await api.receive({ procedureCode: COPY.code, components: COPY.components, copies: 1 });
  expect(res.statusCode, res.body).toBe(201);
  const { code } = res.json<DossierBody>();
  // The receipt's event is stored by the workflow just after: wait for it, so snapshots stay still.
  await eventually(async () => {
    const row = await db.selectFrom('dossier').select('seq').where('code', '=', code).executeTakeFirst();
    return row && row.seq >= 1 ? true : undefined;
  });
  return code;
}

/** What must not move when a callback is refused: the dossier's last event and the ledger row. */
async function snapshot(code: string, reference: string) {
  const row = db.selectFrom('dossier').select(['seq', 'status', 'current_step_id']).where('code', '=', code);
  return {
    dossier: await row.executeTakeFirstOrThrow(),
    events: (await historyOf(api, code)).items.length,
    request: await findPaymentRequest(db, reference),
  };
}

const outcomes = async (reference: string) =>
  (await listPaymentCallbacks(db, reference)).map((c) => c.outcome);

/** Receives a copy dossier and completes its receipt: the workflow asks for the fee at `thu-phi`. */
async function atPayment(): Promise<{ code: string; reference: string }> {
  const code = await receiveCopy();
  await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  const dossier = await eventually(async () => {
    const d = (await dossierOf(api, code)) as DossierWithPayment;
    return d.payment?.status === 'pending' ? d : undefined;
  });
  return { code, reference: dossier.payment!.reference };
}

describe('signed callbacks (api/payment-signature.ts)', () => {
  const payload = confirmation(`${units.department}-261127-0001-TT1`, { transactionId: 'T-1' });

  it('signs the canonical JSON of the four fields with HMAC-SHA256 and verifies it', () => {
    expect(signedText({ ...payload, extra: 'ignored' } as PaymentCallbackPayload)).toBe(
      `{"amount":10000,"paidAt":"${payload.paidAt}","reference":"${units.department}-261127-0001-TT1","transactionId":"T-1"}`,
    );
    const header = signPaymentCallback(payload, SECRET);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyPaymentSignature(payload, header, SECRET)).toBe(true);
    expect(verifyPaymentSignature(payload, header.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(
      true,
    );
  });

  it.each([
    ['another amount', { amount: 1 }],
    ['another reference', { reference: 'X-TT1' }],
    ['another transaction', { transactionId: 'T-2' }],
    ['another paidAt', { paidAt: formatVnIso(Date.now() - 1000) }],
  ])('refuses a signature of the payload with %s', (_label, change) => {
    expect(
      verifyPaymentSignature({ ...payload, ...change }, signPaymentCallback(payload, SECRET), SECRET),
    ).toBe(false);
  });

  it.each([
    undefined,
    '',
    'sha256=',
    'sha256=zz',
    `sha1=${'0'.repeat(64)}`,
    signPaymentCallback(payload, 'x'.repeat(32)),
  ])('refuses the header %s', (header) => {
    expect(verifyPaymentSignature(payload, header, SECRET)).toBe(false);
  });

  it('accepts paidAt within [now − 24 h, now + 5 min] and calls the rest expired, but only when genuine', () => {
    const now = Date.now();
    const at = (ms: number) => {
      const p = { ...payload, paidAt: formatVnIso(ms) };
      return verifyPaymentCallback(p, signPaymentCallback(p, SECRET), SECRET, now);
    };
    expect(at(now - 24 * HOUR + 2000)).toBe('valid');
    expect(at(now - 24 * HOUR - 2000)).toBe('expired');
    expect(at(now + 4 * 60_000)).toBe('valid');
    expect(at(now + 6 * 60_000)).toBe('expired');
    const old = { ...payload, paidAt: formatVnIso(now - 48 * HOUR) };
    expect(verifyPaymentCallback(old, signPaymentCallback(old, 'y'.repeat(40)), SECRET, now)).toBe('forged');
  });

  it('requires PAYMENT_CALLBACK_SECRET (≥ 32 characters, not the dev default) in production', () => {
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua' };
    const issues = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        return err.issues.map((i) => i.variable);
      }
    };
    expect(loadConfig(base).PAYMENT_CALLBACK_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(issues({ ...base, NODE_ENV: 'production' })).toContain('PAYMENT_CALLBACK_SECRET');
    expect(issues({ ...base, PAYMENT_CALLBACK_SECRET: 'short' })).toContain('PAYMENT_CALLBACK_SECRET');
    expect(
      issues({
        ...base,
        NODE_ENV: 'production',
        JWT_SECRET: 'j'.repeat(40),
        PAYMENT_CALLBACK_SECRET: 'p'.repeat(40),
        UNIT_CODE: units.department,
      }),
    ).toEqual([]);
  });
});

describe('the payment request activity', () => {
  it('stores one request per reference with the simulated pay link; a retry gets the stored one back', async () => {
    const code = await receiveCopy();
    const env = new MockActivityEnvironment();
    const calls: string[] = [];
    const simulated = createSimulatedProvider({ publicBaseUrl: 'http://pay.test/' });
    const activities = createPaymentActivities({
      db,
      provider: {
        name: simulated.name,
        createPaymentRequest: (req) => (calls.push(req.reference), simulated.createPaymentRequest(req)),
      },
    });
    const { tenant } = await db
      .selectFrom('dossier')
      .select('tenant')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const input = { tenant, dossierCode: code, reference: `${code}-TT9`, amount: FEE, description: 'Phí' };
    const createPaymentRequest = activities.createPaymentRequest.bind(activities);
    const first = await env.run(createPaymentRequest, input);
    expect(first).toEqual({
      reference: input.reference,
      payUrl: `http://pay.test/payments/simulator/${input.reference}`,
    });
    expect(await env.run(createPaymentRequest, input)).toEqual(first);
    expect(calls).toEqual([input.reference]);
    expect(await findPaymentRequest(db, input.reference)).toMatchObject({
      dossier_code: code,
      amount: FEE,
      provider: 'simulator',
      provider_ref: `SIM-${input.reference}`,
      status: 'pending',
      transaction_id: null,
    });
    const conflict = await env.run(createPaymentRequest, { ...input, amount: 1 }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ApplicationFailure);
    expect(conflict).toMatchObject({ type: 'PAYMENT.REQUEST_CONFLICT', nonRetryable: true });
  });
});

describe('callbacks refused before the workflow (every one logged, nothing changes)', () => {
  let code: string;
  let reference: string;

  beforeAll(async () => {
    // A request created by the activity itself; the dossier stays at its receipt step.
    code = await receiveCopy();
    reference = `${code}-TT1`;
    const row = await db
      .selectFrom('dossier')
      .select('tenant')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const activities = createPaymentActivities({
      db,
      provider: createSimulatedProvider({ publicBaseUrl: 'http://localhost:3000' }),
    });
    await new MockActivityEnvironment().run(activities.createPaymentRequest.bind(activities), {
      tenant: row.tenant,
      dossierCode: code,
      reference,
      amount: FEE,
      description: 'Phí cấp bản sao',
    });
  });

  it.each([
    ['transactionId', (p: PaymentCallbackPayload) => ({ ...p, transactionId: undefined })],
    ['amount', (p: PaymentCallbackPayload) => ({ ...p, amount: '10000' })],
    ['amount', (p: PaymentCallbackPayload) => ({ ...p, amount: 10.5 })],
    ['paidAt', (p: PaymentCallbackPayload) => ({ ...p, paidAt: '2026-11-27T09:00:00' })],
    ['reference', (p: PaymentCallbackPayload) => ({ ...p, reference: '' })],
  ])('answers 400 naming body.%s for a malformed body', async (field, change) => {
    const res = await deliver(change(confirmation(reference)));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: `body.${field}` });
  });

  it('refuses a forged signature (wrong key, none, or a tampered amount) with 401 PAYMENT.FORGED', async () => {
    const before = await snapshot(code, reference);
    const p = confirmation(reference);
    const answers = [
      await deliver(p, signPaymentCallback(p, 'a-key-the-provider-does-not-have-0123456789')),
      await deliver(p, null),
      await deliver({ ...p, amount: 1 }, signPaymentCallback(p, SECRET)),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({ code: 'PAYMENT.FORGED' });
    }
    expect(await snapshot(code, reference)).toEqual(before);
    const logged = (await listPaymentCallbacks(db, reference)).filter((c) => c.outcome === 'forged');
    expect(logged).toHaveLength(3);
    expect(logged.every((c) => !c.signature_valid)).toBe(true);
    expect(logged.map((c) => c.amount)).toEqual([FEE, FEE, 1]);
  });

  it('refuses a genuine callback paid more than 24 h ago, or in the future, with 401 PAYMENT.EXPIRED', async () => {
    const before = await snapshot(code, reference);
    for (const paidAt of [Date.now() - 25 * HOUR, Date.now() + 10 * 60_000]) {
      const res = await deliver(confirmation(reference, { paidAt: formatVnIso(paidAt) }));
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({ code: 'PAYMENT.EXPIRED' });
    }
    expect(await snapshot(code, reference)).toEqual(before);
    const logged = (await listPaymentCallbacks(db, reference)).filter((c) => c.outcome === 'expired');
    expect(logged).toHaveLength(2);
    expect(logged.every((c) => c.signature_valid)).toBe(true);
  });

  it('answers 404 for an unknown reference, and logs it', async () => {
    const unknown = `${code}-TT77`;
    const res = await deliver(confirmation(unknown));
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ code: 'PAYMENT.UNKNOWN_REFERENCE' });
    expect(await outcomes(unknown)).toEqual(['unknown_reference']);
  });

  it('refuses another amount than requested with 409 PAYMENT.MISMATCH, dossier and ledger unchanged', async () => {
    const before = await snapshot(code, reference);
    const res = await deliver(confirmation(reference, { amount: 9_000 }));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PAYMENT.MISMATCH', field: 'body.amount' });
    expect(await snapshot(code, reference)).toEqual(before);
    const [logged] = (await listPaymentCallbacks(db, reference)).filter((c) => c.outcome === 'mismatch');
    expect(logged).toMatchObject({ amount: 9_000, signature_valid: true, detail: { requestedAmount: FEE } });
  });

  it('shows the request to the officers of the tenant (GET /dossiers/:code/payment)', async () => {
    const res = await app.inject({ url: `/dossiers/${code}/payment`, headers: await api.as('specialist') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DossierPaymentBody>()).toMatchObject({
      dossierCode: code,
      requests: [
        {
          reference,
          amount: FEE,
          status: 'pending',
          method: null,
          provider: 'simulator',
          payUrl: `http://localhost:3000/payments/simulator/${reference}`,
        },
      ],
    });
    expect((await app.inject({ url: `/dossiers/${code}/payment` })).statusCode).toBe(401);
    const unknown = await app.inject({
      url: `/dossiers/${units.department}-000000-9999/payment`,
      headers: await api.as('specialist'),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('serves the simulator page in Vietnamese with a "Thanh toán" button', async () => {
    const res = await app.inject({ url: `/payments/simulator/${reference}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('10.000 đ');
    expect(res.body).toContain(reference);
    expect(res.body).toMatch(/<form method="post"[^>]*>\s*<button type="submit">Thanh toán<\/button>/);
    expect((await app.inject({ url: `/payments/simulator/${code}-TT77` })).statusCode).toBe(404);
    const pay = await app.inject({ method: 'POST', url: `/payments/simulator/${code}-TT77/pay` });
    expect(pay.statusCode).toBe(404);
  });

  it('has no simulator at all in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      await expect(buildTestApp(db)).rejects.toThrow(/secret/);
      const prod = await buildTestApp(db, { paymentSecret: SECRET });
      for (const [method, url] of [
        ['GET', `/payments/simulator/${reference}`],
        ['POST', `/payments/simulator/${reference}/pay`],
        ['POST', `/payments/simulator/${reference}`],
      ] as const) {
        const res = await prod.inject({ method, url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
      }
      const spec = prod.swagger() as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths).filter((p) => p.includes('simulator'))).toEqual([]);
      expect(spec.paths['/payments/callback']).toBeDefined();
      await prod.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('online payment through the workflow', () => {
  it('asks for the fee on entering thu-phi: status 6, a pending request, and no return while unpaid', async () => {
    const { code, reference } = await atPayment();
    expect(reference).toBe(`${code}-TT1`);
    const dossier = (await dossierOf(api, code)) as DossierWithPayment;
    expect(dossier).toMatchObject({
      status: 6,
      currentStep: { stepId: 'thu-phi', kind: 'payment' },
      payment: { reference, amount: FEE, status: 'pending', method: null },
    });
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      dossier_code: code,
      amount: FEE,
      status: 'pending',
    });
    const before = await snapshot(code, reference);
    for (const [path, body] of [
      ['return', {}],
      ['complete', { stepId: 'thu-phi' }],
    ] as const) {
      const res = await api.act(code, path, 'receiver', body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(409);
      expect(res.json<{ code: string }>().code).toMatch(/^DOSSIER\./);
    }
    expect(await snapshot(code, reference)).toEqual(before);
  });

  it('applies a signed confirmation once: a duplicate changes nothing, another transaction is refused', async () => {
    const { code, reference } = await atPayment();
    const paid = confirmation(reference);

    const first = await deliver(paid);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ status: 'applied', reference, transactionId: paid.transactionId });
    const dossier = (await dossierOf(api, code)) as DossierWithPayment;
    expect(dossier).toMatchObject({
      status: 4,
      currentStep: { stepId: 'tham-dinh' },
      payment: { reference, status: 'paid', method: 'online', transactionId: paid.transactionId },
    });
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      status: 'paid',
      transaction_id: paid.transactionId,
      paid_at: expect.any(Date),
    });
    const after = await snapshot(code, reference);

    const again = await deliver(paid);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'duplicate' });
    expect(await snapshot(code, reference)).toEqual(after);

    const other = await deliver(confirmation(reference));
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json()).toMatchObject({ code: 'DOSSIER.NO_PAYMENT_PENDING' });
    expect(await snapshot(code, reference)).toEqual(after);

    const history = await historyOf(api, code);
    expect(history.chainValid).toBe(true);
    expect(history.items.filter((e) => e.type === 'payment_requested')).toHaveLength(1);
    const confirmed = history.items.filter((e) => e.type === 'payment_confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({
      fromStepId: 'thu-phi',
      toStepId: 'tham-dinh',
      actor: { username: null },
    });
    expect(await outcomes(reference)).toEqual(['applied', 'duplicate', 'no_payment_pending']);

    const view = await app.inject({ url: `/dossiers/${code}/payment`, headers: await api.as('receiver') });
    expect(view.json<DossierPaymentBody>().requests).toMatchObject([
      {
        reference,
        status: 'paid',
        method: 'online',
        transactionId: paid.transactionId,
        paidAt: expect.any(String),
      },
    ]);
  });

  it('applies a confirmation delivered twice at once exactly once', async () => {
    const { code, reference } = await atPayment();
    const paid = confirmation(reference);
    const answers = await Promise.all([deliver(paid), deliver(paid)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(answers.map((r) => r.json<{ status: string }>().status).sort()).toEqual(['applied', 'duplicate']);
    const history = await historyOf(api, code);
    expect(history.items.filter((e) => e.type === 'payment_confirmed')).toHaveLength(1);
    expect((await outcomes(reference)).sort()).toEqual(['applied', 'duplicate']);
  });
});

describe('the simulated provider, end to end', () => {
  it('pays through the real signed-callback path and answers what the callback answered', async () => {
    const { code, reference } = await atPayment();
    const res = await app.inject({ method: 'POST', url: `/payments/simulator/${reference}/pay` });
    expect(res.statusCode, res.body).toBe(200);
    const { transactionId } = res.json<{ status: string; transactionId: string }>();
    expect(res.json()).toMatchObject({
      status: 'applied',
      reference,
      transactionId: expect.stringMatching(/^SIM-/),
    });
    expect((await dossierOf(api, code)).currentStep?.stepId).toBe('tham-dinh');

    const replay = await app.inject({
      method: 'POST',
      url: `/payments/simulator/${reference}/pay`,
      payload: { transactionId },
    });
    expect(replay.json()).toMatchObject({ status: 'duplicate' });
    const another = await app.inject({ method: 'POST', url: `/payments/simulator/${reference}/pay` });
    expect(another.statusCode).toBe(409);
    expect(another.json()).toMatchObject({ code: 'DOSSIER.NO_PAYMENT_PENDING' });

    const logged = await listPaymentCallbacks(db, reference);
    expect(logged.map((c) => [c.outcome, c.signature_valid])).toEqual([
      ['applied', true],
      ['duplicate', true],
      ['no_payment_pending', true],
    ]);
    const page = await app.inject({ url: `/payments/simulator/${reference}` });
    expect(page.body).toContain('Đã thanh toán');
    expect(page.body).not.toContain('<button');
  });

  it('pays from the page’s form (HTML answer)', async () => {
    const { code, reference } = await atPayment();
    const res = await app.inject({
      method: 'POST',
      url: `/payments/simulator/${reference}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Thanh toán thành công');
    expect((await dossierOf(api, code)).currentStep?.stepId).toBe('tham-dinh');
    expect(await outcomes(reference)).toEqual(['applied']);
  });
});

describe('cash at the desk', () => {
  it('is recorded by the receiver and cancels the online request: a later online payment is refused, noted for refund', async () => {
    const { code, reference } = await atPayment();
    const wrong = await api.act(code, 'cash-payment', 'receiver', {
      stepId: 'thu-phi',
      amount: 5_000,
      receiptNumber: 'BL-0001',
    });
    expect(wrong.statusCode, wrong.body).toBe(409);
    const cash = (await ok(
      api.act(code, 'cash-payment', 'receiver', { stepId: 'thu-phi', amount: FEE, receiptNumber: 'BL-0001' }),
    )) as DossierWithPayment;
    expect(cash).toMatchObject({
      currentStep: { stepId: 'tham-dinh' },
      payment: { reference, status: 'paid', method: 'cash', transactionId: 'BL-0001' },
    });
    // The workflow cancels the online request right after the stored cash event.
    const cancelled = await eventually(async () => {
      const row = await findPaymentRequest(db, reference);
      return row?.status === 'cancelled' ? row : undefined;
    });
    expect(cancelled).toMatchObject({
      transaction_id: null,
      paid_at: null,
      cancelled_at: expect.any(Date),
      cancel_reason: expect.stringContaining('biên lai số BL-0001'),
      refund_due: [],
    });
    const page = await app.inject({ url: `/payments/simulator/${reference}` });
    expect(page.body).toContain('Đã hủy, không thể thanh toán');
    expect(page.body).toContain('tiền mặt');
    expect(page.body).not.toContain('<button');
    const after = await snapshot(code, reference);

    const paid = confirmation(reference);
    const online = await deliver(paid);
    expect(online.statusCode, online.body).toBe(409);
    expect(online.json()).toMatchObject({ code: 'PAYMENT.REQUEST_CANCELLED' });
    expect(online.json<{ message: string }>().message).toMatch(/hoàn trả/);
    // Delivered again: the same answer, the refund noted once.
    expect((await deliver(paid)).json()).toMatchObject({ code: 'PAYMENT.REQUEST_CANCELLED' });
    const { dossier, events } = await snapshot(code, reference);
    expect({ dossier, events }).toEqual({ dossier: after.dossier, events: after.events });
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      status: 'cancelled',
      transaction_id: null,
      refund_due: [paid.transactionId],
    });
    const logged = await listPaymentCallbacks(db, reference);
    expect(logged.map((c) => c.outcome)).toEqual(['request_cancelled', 'request_cancelled']);
    // The cash path (the request cancelled after the stored event) joins the replay fixtures.
    await replayAndRecord(testTemporalClient(), code, 'dossier-g1-payment-cash.json');
    expect(logged[0]).toMatchObject({
      signature_valid: true,
      detail: { code: 'PAYMENT.REQUEST_CANCELLED', refundDue: true },
    });
    // The simulator's button path gives the same refusal.
    const simulated = await app.inject({ method: 'POST', url: `/payments/simulator/${reference}/pay` });
    expect(simulated.statusCode).toBe(409);
    expect(simulated.json()).toMatchObject({ code: 'PAYMENT.REQUEST_CANCELLED' });

    const view = await app.inject({ url: `/dossiers/${code}/payment`, headers: await api.as('auditor') });
    expect(view.json<DossierPaymentBody>()).toMatchObject({
      payment: { status: 'paid', method: 'cash', transactionId: 'BL-0001' },
      requests: [
        {
          reference,
          status: 'cancelled',
          method: null,
          transactionId: null,
          cancelledAt: expect.any(String),
          cancelReason: expect.stringContaining('tiền mặt'),
          refundDue: [paid.transactionId, expect.stringMatching(/^SIM-/)],
        },
      ],
    });
  });

  it('is refused once the fee was paid online first; the online payment stands', async () => {
    const { code, reference } = await atPayment();
    const paid = confirmation(reference);
    expect((await deliver(paid)).statusCode).toBe(200);
    const cash = await api.act(code, 'cash-payment', 'receiver', {
      stepId: 'thu-phi',
      amount: FEE,
      receiptNumber: 'BL-0002',
    });
    expect(cash.statusCode, cash.body).toBe(409);
    expect(cash.json<{ code: string }>().code).toMatch(/^DOSSIER\./);
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      status: 'paid',
      transaction_id: paid.transactionId,
      cancelled_at: null,
    });
    expect(((await dossierOf(api, code)) as DossierWithPayment).payment).toMatchObject({
      status: 'paid',
      method: 'online',
      transactionId: paid.transactionId,
    });
  });
});
