import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { queryVnpayTransaction, type VnpayTerminal } from '../common/vnpay.js';
import { settleVnpayTransaction, type SettlementDeps } from '../common/vnpay-settlement.js';
import type { Database } from '../db/database.js';
import { listPendingGatewayRequests, paymentLedger } from '../db/payment.repository.js';
import { isPaid } from '../domain/payment/vnpay-codes.js';
import { fromVnpAmount, parseVnpDate } from '../domain/payment/vnpay.js';
import { VNPAY_PROVIDER } from './payment-provider.js';

/** What the reconciliation needs: the ledger, VNPAY's merchant API, and a client to confirm payments. */
export interface PaymentReconciliationDeps {
  db: Database;
  terminal: VnpayTerminal;
  /** The dossier workflows' client and their payment update (wired by the worker). */
  settlement: Pick<SettlementDeps, 'client' | 'update'> | undefined;
}

/** What one end-of-day run found. */
export interface ReconciliationSummary {
  /** Pending VNPAY requests asked about. */
  checked: number;
  /** Paid at VNPAY and applied now (their IPN never came). */
  paid: number;
  /** VNPAY's answer disagrees with the request (amount, or paid but not applicable: refund listed). */
  mismatched: number;
  /** No answer (network, forged answer, VNPAY error): asked again at the next run. */
  failed: number;
  references: { paid: string[]; mismatched: string[]; failed: string[] };
}

/** Our IP address as vnp_IpAddr of a server-to-server call. */
const SERVER_IP = '127.0.0.1';

/**
 * Activities of the end-of-day VNPAY reconciliation (docs/payments.md): querydr every pending VNPAY request
 * created in the last `sinceHours`, and settle the ones VNPAY says are paid through the very path of the
 * IPN (common/vnpay-settlement.ts: idempotent on the transaction, so a retry or a late IPN pays once).
 */
export function createPaymentReconciliationActivities(deps: PaymentReconciliationDeps) {
  return {
    async reconcileVnpayPayments(input: { sinceHours: number }): Promise<ReconciliationSummary> {
      if (!deps.settlement) {
        throw ApplicationFailure.nonRetryable('the worker gave the payment activities no Temporal client');
      }
      const settlement: SettlementDeps = { ...deps.settlement, ledger: paymentLedger(deps.db) };
      const now = Date.now();
      const pending = await listPendingGatewayRequests(
        deps.db,
        VNPAY_PROVIDER,
        new Date(now - input.sinceHours * 3_600_000),
      );
      const refs: ReconciliationSummary['references'] = { paid: [], mismatched: [], failed: [] };
      for (const request of pending) {
        // One beat per request: a lost attempt is retried on the proxy's heartbeat timeout, not after 30 min.
        Context.current().heartbeat(request.reference);
        const result = await queryVnpayTransaction(deps.terminal, {
          reference: request.reference,
          transactionDate: request.gateway_create_date ?? '',
          ipAddr: SERVER_IP,
          now,
        });
        if (result.kind !== 'answer' || !['00', '91'].includes(result.answer.vnp_ResponseCode)) {
          log.warn('querydr gave no usable answer', { reference: request.reference, result });
          refs.failed.push(request.reference);
          continue;
        }
        const a = result.answer;
        if (a.vnp_ResponseCode === '91' || !isPaid('00', a.vnp_TransactionStatus)) continue;
        const settled = await settleVnpayTransaction(settlement, {
          reference: request.reference,
          amount: fromVnpAmount(a.vnp_Amount),
          transactionId: a.vnp_TransactionNo ?? '',
          paid: true,
          paidAt: new Date(parseVnpDate(a.vnp_PayDate) ?? now),
          detail: { source: 'querydr', bankCode: a.vnp_BankCode, payDate: a.vnp_PayDate },
        });
        if (settled.outcome === 'applied') refs.paid.push(request.reference);
        else if (settled.outcome !== 'duplicate') refs.mismatched.push(request.reference);
      }
      const summary: ReconciliationSummary = {
        checked: pending.length,
        paid: refs.paid.length,
        mismatched: refs.mismatched.length,
        failed: refs.failed.length,
        references: refs,
      };
      log.info('VNPAY reconciliation done', { ...summary });
      return summary;
    },
  };
}
