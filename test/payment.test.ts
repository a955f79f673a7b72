import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createPaymentActivities } from '../activities/payment.activities.js';
import { createVnpayProvider } from '../activities/payment-provider.js';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import type { VnpaySandbox } from '../dev/vnpay-sandbox.js';
import { findPaymentRequest, listPaymentCallbacks } from '../db/payment.repository.js';
import { buildTestApp } from './support/app.js';
import { dossierOf, historyOf, type ApiDriver } from './support/dossiers.js';
import {
  atPayment,
  deliverIpn,
  FEE,
  ipnQuery,
  outcomes,
  paidParams,
  receiveCopy,
  snapshot,
  type DossierWithPayment,
  startPaymentTestWorld,
  type PaymentTestParts,
  type PaymentTestWorld,
} from './support/payments.js';
import { payThroughVnpay, TEST_TMN_CODE } from './support/vnpay.js';

let world: PaymentTestWorld;
let db: Database;
let app: AppInstance;
let api: ApiDriver;
let sandbox: VnpaySandbox;
let baseUrl: string;
let parts: PaymentTestParts;

beforeAll(async () => {
  world = await startPaymentTestWorld();
  ({ db, app, api, sandbox, baseUrl } = world);
  parts = world;
});
afterAll(() => world?.stop());

describe('the payment request activity', () => {
  it('stores one request per reference with our stable VNPAY pay link; a retry gets the stored one back', async () => {
    const code = await receiveCopy(parts);
    const env = new MockActivityEnvironment();
    const calls: string[] = [];
    const vnpay = createVnpayProvider({ publicBaseUrl: 'http://pay.test/' });
    const activities = createPaymentActivities({
      db,
      provider: {
        name: vnpay.name,
        createPaymentRequest: (r) => (calls.push(r.reference), vnpay.createPaymentRequest(r)),
      },
    });
    const { tenant } = await db
      .selectFrom('dossier')
      .select('tenant')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const input = { tenant, dossierCode: code, reference: `${code}-TT9`, amount: FEE, description: 'Phí' };
    const create = activities.createPaymentRequest.bind(activities);
    const first = await env.run(create, input);
    expect(first).toEqual({
      reference: input.reference,
      payUrl: `http://pay.test/payments/vnpay/pay/${input.reference}`,
    });
    expect(await env.run(create, input)).toEqual(first);
    expect(calls).toEqual([input.reference]);
    expect(await findPaymentRequest(db, input.reference)).toMatchObject({
      provider: 'vnpay',
      provider_ref: input.reference,
      status: 'pending',
    });
    const conflict = await env.run(create, { ...input, amount: 1 }).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ type: 'PAYMENT.REQUEST_CONFLICT', nonRetryable: true });
  });
});

describe('the pay link (GET /payments/vnpay/pay/:reference)', () => {
  it('redirects to a freshly signed VNPAY URL of the request, and remembers its vnp_CreateDate', async () => {
    const { code, reference } = await atPayment(parts);
    const res = await app.inject({ url: `/payments/vnpay/pay/${reference}`, remoteAddress: '203.0.113.7' });
    expect(res.statusCode, res.body).toBe(302);
    const url = new URL(res.headers.location as string);
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/paymentv2/vpcpay.html`);
    const p = Object.fromEntries(url.searchParams);
    expect(p).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: TEST_TMN_CODE,
      vnp_Amount: String(FEE * 100),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: reference,
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: 'http://127.0.0.1:3000/payments/vnpay/return',
      vnp_IpAddr: '203.0.113.7',
      vnp_SecureHash: expect.stringMatching(/^[0-9a-f]{128}$/),
    });
    expect(p.vnp_OrderInfo).toMatch(/^[A-Za-z0-9 ]+$/);
    expect(p.vnp_OrderInfo).toContain(code.replace(/[.-]/g, ' '));
    expect(Number(p.vnp_ExpireDate) - Number(p.vnp_CreateDate)).toBeGreaterThan(0);
    expect((await findPaymentRequest(db, reference))?.gateway_create_date).toBe(p.vnp_CreateDate);
  });

  it('answers 404 PAYMENT.UNKNOWN_REFERENCE and 400 naming the parameter', async () => {
    const unknown = await app.inject({ url: '/payments/vnpay/pay/X-TT1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PAYMENT.UNKNOWN_REFERENCE' });
    const bad = await app.inject({ url: '/payments/vnpay/pay/%00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'params.reference' });
  });
});

describe('paying through the VNPAY sandbox, end to end over HTTP', () => {
  it('pays: pay link → gateway page → IPN → dossier paid → return to the portal; a replayed IPN pays nothing more', async () => {
    const { code, reference } = await atPayment(parts);
    const trip = await payThroughVnpay(baseUrl, reference);
    expect(trip.page).toContain('10.000 đ');
    expect(trip.page).toMatch(/<button[^>]*aria-label="[^"]+"[^>]*>Thanh toán<\/button>/);
    expect(trip.page).toContain('Hủy giao dịch');
    expect(trip.portal).toBe(`/dvc/ho-so/${code}?thanh-toan=thanh-cong`);
    const tx = sandbox.transactions.find((t) => t.txnRef === reference)!;
    expect(tx.ipnAnswers).toEqual([{ RspCode: '00', Message: 'Confirm Success', status: 200 }]);
    const dossier = (await dossierOf(api, code)) as DossierWithPayment;
    expect(dossier).toMatchObject({
      currentStep: { stepId: 'tham-dinh' },
      payment: { reference, status: 'paid', method: 'online', transactionId: tx.transactionNo },
    });
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      status: 'paid',
      transaction_id: tx.transactionNo,
    });
    const after = await snapshot(parts, code, reference);

    expect(await sandbox.replayIpn(reference)).toMatchObject({
      RspCode: '02',
      Message: 'Order already confirmed',
    });
    expect(await snapshot(parts, code, reference)).toEqual(after);
    expect(await outcomes(db, reference)).toEqual(['applied', 'duplicate']);
    expect((await historyOf(api, code)).items.filter((e) => e.type === 'payment_confirmed')).toHaveLength(1);
    // Paid: the pay link no longer leads to the gateway.
    const again = await app.inject({ url: `/payments/vnpay/pay/${reference}` });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PAYMENT.NOT_PAYABLE' });
  });

  it('records a payment cancelled at the gateway (24): the request stays payable, the portal says huy', async () => {
    const { code, reference } = await atPayment(parts);
    const trip = await payThroughVnpay(baseUrl, reference, 'cancel');
    expect(trip.portal).toBe(`/dvc/ho-so/${code}?thanh-toan=huy`);
    expect(await outcomes(db, reference)).toEqual(['payment_failed']);
    expect(await findPaymentRequest(db, reference)).toMatchObject({ status: 'pending' });
    const paid = await payThroughVnpay(baseUrl, reference);
    expect(paid.portal).toMatch(/thanh-cong$/);
    expect(await outcomes(db, reference)).toEqual(['payment_failed', 'applied']);
  });

  it('never changes state on the return; a forged return goes to the portal with loi', async () => {
    const { code, reference } = await atPayment(parts);
    const before = await snapshot(parts, code, reference);
    const forged = ipnQuery(paidParams(reference), 'not-the-secret-of-the-terminal-0123456789');
    const res = await app.inject({ url: `/payments/vnpay/return?${forged}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/dvc/ho-so/${code}?thanh-toan=loi`);
    const genuine = await app.inject({ url: `/payments/vnpay/return?${ipnQuery(paidParams(reference))}` });
    expect(genuine.headers.location).toBe(`/dvc/ho-so/${code}?thanh-toan=thanh-cong`);
    expect(await snapshot(parts, code, reference)).toEqual(before);
    expect(await outcomes(db, reference)).toEqual([]);
  });
});

describe('IPNs refused (each answered as VNPAY expects, logged, nothing changes)', () => {
  it('forged signature → 97, unknown reference → 01, wrong amount → 04', async () => {
    const { code, reference } = await atPayment(parts);
    const before = await snapshot(parts, code, reference);
    const params = paidParams(reference);
    expect(await deliverIpn(app, ipnQuery(params, 'a-key-vnpay-does-not-have-0123456789'))).toEqual({
      RspCode: '97',
      Message: 'Invalid signature',
    });
    const tampered = ipnQuery(params).replace(`vnp_Amount=${FEE * 100}`, 'vnp_Amount=100');
    expect((await deliverIpn(app, tampered)).RspCode).toBe('97');
    expect((await deliverIpn(app, 'vnp_TxnRef=%00&vnp_SecureHash=zz')).RspCode).toBe('97');
    expect(await deliverIpn(app, ipnQuery(paidParams(`${code}-TT77`)))).toEqual({
      RspCode: '01',
      Message: 'Order not found',
    });
    expect(await deliverIpn(app, ipnQuery(paidParams(reference, { vnp_Amount: '900000' })))).toEqual({
      RspCode: '04',
      Message: 'Invalid amount',
    });
    expect(await snapshot(parts, code, reference)).toEqual(before);
    const logged = await listPaymentCallbacks(db, reference);
    expect(logged.map((c) => [c.outcome, c.signature_valid])).toEqual([
      ['forged', false],
      ['forged', false],
      ['mismatch', true],
    ]);
    expect(await outcomes(db, `${code}-TT77`)).toEqual(['unknown_reference']);
  });

  it('applies the same transaction delivered twice at once exactly once (00 and 02)', async () => {
    const { code, reference } = await atPayment(parts);
    const query = ipnQuery(paidParams(reference));
    const answers = await Promise.all([deliverIpn(app, query), deliverIpn(app, query)]);
    expect(answers.map((a) => a.RspCode).sort()).toEqual(['00', '02']);
    expect((await historyOf(api, code)).items.filter((e) => e.type === 'payment_confirmed')).toHaveLength(1);
    expect((await outcomes(db, reference)).sort()).toEqual(['applied', 'duplicate']);
  });
});

describe('VNPAY configuration', () => {
  it('refuses the dev terminal in production, and the app refuses to start with the dev secret', async () => {
    const { refusedVariables } = await import('./support/config.js');
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua', NODE_ENV: 'production' };
    expect(refusedVariables(base)).toEqual(
      expect.arrayContaining(['VNPAY_TMN_CODE', 'VNPAY_HASH_SECRET', 'VNPAY_PAY_URL', 'VNPAY_API_URL']),
    );
    vi.stubEnv('NODE_ENV', 'production');
    try {
      await expect(buildTestApp(db)).rejects.toThrow(/VNPAY/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('shows the request to the officers of the tenant (GET /dossiers/:code/payment)', async () => {
    const { code, reference } = await atPayment(parts);
    const res = await app.inject({ url: `/dossiers/${code}/payment`, headers: await api.as('specialist') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      requests: [
        { reference, provider: 'vnpay', payUrl: `http://localhost:3000/payments/vnpay/pay/${reference}` },
      ],
    });
  });
});
