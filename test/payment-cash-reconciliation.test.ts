import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import type { VnpaySandbox } from '../dev/vnpay-sandbox.js';
import { findPaymentRequest } from '../db/payment.repository.js';
import { paymentReconciliationWorkflow } from '../workflows/payment-reconciliation.workflow.js';
import { buildTestApp, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { apiDriver, dossierOf, ok, type ApiDriver } from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import {
  atPayment,
  FEE,
  outcomes,
  snapshot,
  type DossierWithPayment,
  type PaymentTestParts,
} from './support/payments.js';
import { replayAndRecord } from './support/replay.js';
import { eventually, startDevWorker, type RunningWorker } from './support/temporal.js';
import { listenForVnpay, payThroughVnpay, startTestVnpay, terminalOf, vnpayDepsOf } from './support/vnpay.js';

let db: Database;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;
let sandbox: VnpaySandbox;
let baseUrl: string;
let parts: PaymentTestParts;

beforeAll(async () => {
  db = connectTestDatabase();
  sandbox = await startTestVnpay();
  worker = await startDevWorker({ db, log: testLogger, vnpay: terminalOf(sandbox) });
  app = await buildTestApp(db, vnpayDepsOf(sandbox), worker.taskQueue);
  api = apiDriver(app);
  baseUrl = await listenForVnpay(app, sandbox);
  parts = { db, app, api };
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await sandbox?.close();
  await db?.destroy();
});

describe('cash at the desk, then VNPAY', () => {
  it('cash first cancels the request; a VNPAY payment that still comes is answered 02 and listed for refund', async () => {
    const { code, reference } = await atPayment(parts);
    // The payer opens the gateway, then pays at the desk before finishing online.
    const link = await fetch(`${baseUrl}/payments/vnpay/pay/${reference}`, { redirect: 'manual' });
    const page = await (await fetch(link.headers.get('location') ?? '')).text();
    const cash = (await ok(
      api.act(code, 'cash-payment', 'receiver', { stepId: 'thu-phi', amount: FEE, receiptNumber: 'BL-0001' }),
    )) as DossierWithPayment;
    expect(cash.payment).toMatchObject({ status: 'paid', method: 'cash', transactionId: 'BL-0001' });
    await eventually(async () =>
      (await findPaymentRequest(db, reference))?.status === 'cancelled' ? true : undefined,
    );
    const after = await snapshot(parts, code, reference);

    const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const paid = await fetch(`${sandbox.url}/paymentv2/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session, action: 'pay' }).toString(),
    });
    expect(paid.status).toBe(302);
    const tx = sandbox.transactions.find((t) => t.txnRef === reference)!;
    expect(tx.ipnAnswers).toEqual([{ RspCode: '02', Message: 'Order already confirmed', status: 200 }]);
    expect(await sandbox.replayIpn(reference)).toMatchObject({ RspCode: '02' });
    const { dossier, events } = await snapshot(parts, code, reference);
    expect({ dossier, events }).toEqual({ dossier: after.dossier, events: after.events });
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      status: 'cancelled',
      transaction_id: null,
      refund_due: [tx.transactionNo],
    });
    expect(await outcomes(db, reference)).toEqual(['request_cancelled', 'request_cancelled']);
    const view = await app.inject({ url: `/dossiers/${code}/payment`, headers: await api.as('auditor') });
    expect(view.json()).toMatchObject({ requests: [{ status: 'cancelled', refundDue: [tx.transactionNo] }] });
    const closed = await app.inject({ url: `/payments/vnpay/pay/${reference}` });
    expect(closed.json()).toMatchObject({ code: 'PAYMENT.NOT_PAYABLE' });
    // The cash path (the request cancelled after the stored event) is a replay fixture.
    await replayAndRecord(testTemporalClient(), code, 'dossier-g1-payment-cash.json');
  });
});

describe('end-of-day reconciliation (querydr)', () => {
  it('pays a request whose IPN never came, once; a second run finds nothing more', async () => {
    const { code, reference } = await atPayment(parts);
    sandbox.callIpn = false;
    try {
      const trip = await payThroughVnpay(baseUrl, reference);
      // The return alone changes nothing: the portal is told, the dossier still waits.
      expect(trip.portal).toMatch(/thanh-toan=thanh-cong$/);
    } finally {
      sandbox.callIpn = true;
    }
    expect(await findPaymentRequest(db, reference)).toMatchObject({ status: 'pending' });
    const run = () =>
      testTemporalClient().workflow.execute(paymentReconciliationWorkflow, {
        taskQueue: worker.taskQueue,
        workflowId: `payment-reconciliation-test-${reference}-${Date.now()}`,
        args: [{}],
      });
    const summary = await run();
    expect(summary.references.paid).toContain(reference);
    expect(summary.references.failed).toEqual([]);
    const tx = sandbox.transactions.find((t) => t.txnRef === reference && t.state === 'paid')!;
    expect(await findPaymentRequest(db, reference)).toMatchObject({
      status: 'paid',
      transaction_id: tx.transactionNo,
    });
    expect(((await dossierOf(api, code)) as DossierWithPayment).payment).toMatchObject({
      status: 'paid',
      method: 'online',
    });
    expect((await run()).references.paid).not.toContain(reference);
    // The IPN arriving late after all pays nothing twice.
    expect(await sandbox.replayIpn(reference)).toMatchObject({ RspCode: '02' });
    expect(await outcomes(db, reference)).toEqual(['applied', 'duplicate']);
  });
});
