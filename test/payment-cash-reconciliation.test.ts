import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPaymentRequest } from '../db/payment.repository.js';
import { paymentReconciliationWorkflow } from '../workflows/payment-reconciliation.workflow.js';
import { testTemporalClient } from './support/app.js';
import { dossierOf, ok } from './support/dossiers.js';
import {
  atPayment,
  FEE,
  outcomes,
  snapshot,
  type DossierWithPayment,
  startPaymentTestWorld,
  type PaymentTestWorld,
} from './support/payments.js';
import { replayAndRecord } from './support/replay.js';
import { eventually } from './support/temporal.js';
import { payThroughVnpay } from './support/vnpay.js';

let w: PaymentTestWorld;

beforeAll(async () => {
  w = await startPaymentTestWorld();
});
afterAll(() => w?.stop());

describe('cash at the desk, then VNPAY', () => {
  it('cash first cancels the request; a VNPAY payment that still comes is answered 02 and listed for refund', async () => {
    const { code, reference } = await atPayment(w);
    // The payer opens the gateway, then pays at the desk before finishing online.
    const link = await fetch(`${w.baseUrl}/payments/vnpay/pay/${reference}`, { redirect: 'manual' });
    const page = await (await fetch(link.headers.get('location') ?? '')).text();
    const cash = (await ok(
      w.api.act(code, 'cash-payment', 'receiver', {
        stepId: 'thu-phi',
        amount: FEE,
        receiptNumber: 'BL-0001',
      }),
    )) as DossierWithPayment;
    expect(cash.payment).toMatchObject({ status: 'paid', method: 'cash', transactionId: 'BL-0001' });
    await eventually(async () =>
      (await findPaymentRequest(w.db, reference))?.status === 'cancelled' ? true : undefined,
    );
    const after = await snapshot(w, code, reference);

    const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const paid = await fetch(`${w.sandbox.url}/paymentv2/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session, action: 'pay' }).toString(),
    });
    expect(paid.status).toBe(302);
    const tx = w.sandbox.transactions.find((t) => t.txnRef === reference)!;
    expect(tx.ipnAnswers).toEqual([{ RspCode: '02', Message: 'Order already confirmed', status: 200 }]);
    expect(await w.sandbox.replayIpn(reference)).toMatchObject({ RspCode: '02' });
    const { dossier, events } = await snapshot(w, code, reference);
    expect({ dossier, events }).toEqual({ dossier: after.dossier, events: after.events });
    expect(await findPaymentRequest(w.db, reference)).toMatchObject({
      status: 'cancelled',
      transaction_id: null,
      refund_due: [tx.transactionNo],
    });
    expect(await outcomes(w.db, reference)).toEqual(['request_cancelled', 'request_cancelled']);
    const view = await w.app.inject({ url: `/dossiers/${code}/payment`, headers: await w.api.as('auditor') });
    expect(view.json()).toMatchObject({ requests: [{ status: 'cancelled', refundDue: [tx.transactionNo] }] });
    const closed = await w.app.inject({ url: `/payments/vnpay/pay/${reference}` });
    expect(closed.json()).toMatchObject({ code: 'PAYMENT.NOT_PAYABLE' });
    // The cash path (the request cancelled after the stored event) is a replay fixture.
    await replayAndRecord(testTemporalClient(), code, 'dossier-g1-payment-cash.json');
  });
});

describe('end-of-day reconciliation (querydr)', () => {
  it('pays a request whose IPN never came, once; a second run finds nothing more', async () => {
    const { code, reference } = await atPayment(w);
    w.sandbox.callIpn = false;
    try {
      const trip = await payThroughVnpay(w.baseUrl, reference);
      // The return alone changes nothing: the portal is told, the dossier still waits.
      expect(trip.portal).toMatch(/thanh-toan=thanh-cong$/);
    } finally {
      w.sandbox.callIpn = true;
    }
    expect(await findPaymentRequest(w.db, reference)).toMatchObject({ status: 'pending' });
    const run = () =>
      testTemporalClient().workflow.execute(paymentReconciliationWorkflow, {
        taskQueue: w.worker.taskQueue,
        workflowId: `payment-reconciliation-test-${reference}-${Date.now()}`,
        args: [{}],
      });
    const summary = await run();
    expect(summary.references.paid).toContain(reference);
    expect(summary.references.failed).toEqual([]);
    const tx = w.sandbox.transactions.find((t) => t.txnRef === reference && t.state === 'paid')!;
    expect(await findPaymentRequest(w.db, reference)).toMatchObject({
      status: 'paid',
      transaction_id: tx.transactionNo,
    });
    expect(((await dossierOf(w.api, code)) as DossierWithPayment).payment).toMatchObject({
      status: 'paid',
      method: 'online',
    });
    expect((await run()).references.paid).not.toContain(reference);
    // The IPN arriving late after all pays nothing twice.
    expect(await w.sandbox.replayIpn(reference)).toMatchObject({ RspCode: '02' });
    expect(await outcomes(w.db, reference)).toEqual(['applied', 'duplicate']);
  });
});
