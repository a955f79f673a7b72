import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedPayUrl, verifySignedQuery, type VnpayTerminal } from '../../common/vnpay.js';
import { settleVnpayTransaction, type SettlementDeps } from '../../common/vnpay-settlement.js';
import type { Database } from '../../db/database.js';
import { findPaymentRequest, paymentLedger, setGatewayCreateDate } from '../../db/payment.repository.js';
import { portalDossierPath, vnpayReturnUrl } from '../../domain/payment/links.js';
import { IPN_ANSWERS, isPaid, returnResultOf, type IpnAnswer } from '../../domain/payment/vnpay-codes.js';
import { fromVnpAmount, parseVnpDate } from '../../domain/payment/vnpay.js';
import { safeName, storableText } from '../../domain/text.js';
import { paymentConfirmedUpdate } from '../../workflows/dossier/messages.js';
import type { AppInstance } from '../app-instance.js';
import { ApiError, errorBodySchema } from '../errors.js';

export interface VnpayRoutesDeps {
  db: Database;
  client: Client;
  terminal: Pick<VnpayTerminal, 'tmnCode' | 'hashSecret' | 'payUrl'>;
  /** Public address of the API: VNPAY sends the payer back to its `/payments/vnpay/return`. */
  publicBaseUrl: string;
}

/** Stable codes of the VNPAY routes. */
export const VnpayErrorCode = {
  UNKNOWN_REFERENCE: 'PAYMENT.UNKNOWN_REFERENCE',
  NOT_PAYABLE: 'PAYMENT.NOT_PAYABLE',
} as const;

const ipnAnswerSchema = z.object({
  RspCode: z
    .string()
    .describe(
      "'00' confirmed, '01' order not found, '02' already confirmed, '04' invalid amount, '97' invalid signature, '99' error",
    ),
  Message: z.string(),
});

/** A 302 answer (no body; the target is in `Location`). */
const redirect = (description: string) => z.null().describe(description);

/** The vnp_ parameters of a query, or undefined when one of them is repeated (VNPAY never repeats one). */
function vnpParams(query: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!key.startsWith('vnp_')) continue;
    if (typeof value !== 'string') return undefined;
    out[key] = value;
  }
  return out;
}

/** A value of an unverified query as it may be logged (never refused by PostgreSQL). */
const loggable = (value: string | undefined): string => storableText(value ?? '')?.slice(0, 200) ?? '';

/**
 * The VNPAY payment path (docs/payments.md): our stable pay link (signs a fresh gateway URL), the IPN
 * VNPAY calls server to server (the only thing that changes a payment's state), and the payer's return.
 */
export function registerVnpayRoutes(app: AppInstance, deps: VnpayRoutesDeps): void {
  const { db } = deps;
  const settlement: SettlementDeps = {
    ledger: paymentLedger(db),
    client: deps.client,
    update: paymentConfirmedUpdate,
  };

  app.get(
    '/payments/vnpay/pay/:reference',
    {
      schema: {
        operationId: 'openVnpayPayment',
        tags: ['payments'],
        summary:
          'The pay link of a payment request (public, in the payment mail): redirects to a freshly signed ' +
          'VNPAY pay URL, valid 15 minutes',
        params: z.object({ reference: safeName(200).describe('Our reference `<dossier code>-TT<n>`') }),
        response: {
          302: redirect('To the VNPAY pay page'),
          400: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const row = await findPaymentRequest(db, request.params.reference);
      if (!row) {
        throw new ApiError(404, VnpayErrorCode.UNKNOWN_REFERENCE, 'Không tìm thấy yêu cầu thanh toán.');
      }
      if (row.status !== 'pending') {
        throw new ApiError(
          409,
          VnpayErrorCode.NOT_PAYABLE,
          row.status === 'paid'
            ? 'Phí, lệ phí của hồ sơ đã được thanh toán.'
            : 'Yêu cầu thanh toán đã bị hủy vì phí, lệ phí đã được nộp bằng tiền mặt.',
        );
      }
      const { url, createDate } = signedPayUrl(deps.terminal, {
        reference: row.reference,
        amount: row.amount,
        orderInfo: `Thanh toan phi le phi ho so ${row.dossier_code}`,
        returnUrl: vnpayReturnUrl(deps.publicBaseUrl),
        ipAddr: request.ip,
        now: Date.now(),
      });
      await setGatewayCreateDate(db, row.reference, createDate);
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/payments/vnpay/ipn',
    {
      schema: {
        operationId: 'vnpayIpn',
        tags: ['payments'],
        summary:
          "VNPAY's IPN (server to server, signed vnp_ query parameters): applies a payment once; always " +
          'HTTP 200 with {RspCode, Message} as VNPAY expects',
        response: { 200: ipnAnswerSchema },
      },
    },
    async (request): Promise<IpnAnswer> => {
      const params = vnpParams(request.query);
      if (!params || !verifySignedQuery(params, deps.terminal.hashSecret)) {
        await logForged(request, params ?? {});
        return IPN_ANSWERS.invalidSignature;
      }
      try {
        const { answer, outcome, dossierCode } = await settleVnpayTransaction(settlement, {
          reference: params.vnp_TxnRef ?? '',
          amount: fromVnpAmount(params.vnp_Amount),
          transactionId: params.vnp_TransactionNo ?? '',
          paid: isPaid(params.vnp_ResponseCode, params.vnp_TransactionStatus),
          paidAt: new Date(parseVnpDate(params.vnp_PayDate) ?? Date.now()),
          detail: {
            source: 'ipn',
            requestId: request.id,
            responseCode: params.vnp_ResponseCode,
            transactionStatus: params.vnp_TransactionStatus,
            bankCode: params.vnp_BankCode,
            payDate: params.vnp_PayDate,
          },
        });
        const level = answer.RspCode === '00' && outcome === 'applied' ? 'info' : 'warn';
        request.log[level]({ reference: params.vnp_TxnRef, outcome, dossierCode, answer }, 'VNPAY IPN');
        return answer;
      } catch (err) {
        request.log.error({ err, reference: params.vnp_TxnRef }, 'VNPAY IPN failed: VNPAY will retry');
        return IPN_ANSWERS.unknownError;
      }
    },
  );

  /** A forged IPN changes nothing and is kept as evidence. */
  async function logForged(request: FastifyRequest, params: Record<string, string>): Promise<void> {
    const entry = {
      reference: loggable(params.vnp_TxnRef),
      transactionId: loggable(params.vnp_TransactionNo),
      amount: fromVnpAmount(params.vnp_Amount) ?? 0,
    };
    request.log.warn(entry, 'VNPAY IPN with an invalid signature');
    await settlement.ledger.log({
      ...entry,
      signatureValid: false,
      outcome: 'forged',
      detail: { source: 'ipn', requestId: request.id, rspCode: IPN_ANSWERS.invalidSignature.RspCode },
    });
  }

  app.get(
    '/payments/vnpay/return',
    {
      schema: {
        operationId: 'vnpayReturn',
        tags: ['payments'],
        summary:
          "The payer's browser back from VNPAY: redirects to the dossier's page of the citizen portal with " +
          'the result (thanh-cong, huy, loi); never changes a payment (only the IPN does)',
        response: { 302: redirect("To the citizen portal's dossier page") },
      },
    },
    async (request, reply) => {
      const params = vnpParams(request.query) ?? {};
      const valid = verifySignedQuery(params, deps.terminal.hashSecret);
      const reference = loggable(params.vnp_TxnRef);
      const row = reference ? await findPaymentRequest(db, reference) : undefined;
      const result = returnResultOf(valid && row !== undefined, params.vnp_ResponseCode);
      request.log.info({ reference, valid, result }, 'VNPAY return');
      return reply.redirect(
        row ? portalDossierPath(row.dossier_code, result) : `/dvc?thanh-toan=${result}`,
        302,
      );
    },
  );
}
