import { ApplicationFailure, log } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { cancelPaymentRequest, findPaymentRequest, insertPaymentRequest } from '../db/payment.repository.js';
import type { DB } from '../db/schema.js';
import type { PaymentProvider } from './payment-provider.js';

/** What the payment activities need. */
export interface PaymentActivityDeps {
  db: Kysely<DB>;
  provider: PaymentProvider;
}

/** Codes of the non-retryable failures of the payment activities. */
export const PaymentActivityErrors = {
  /** The input cannot be a payment request (a workflow bug): retrying cannot help. */
  invalidRequest: 'PAYMENT.INVALID_REQUEST',
  /** Another request is already stored under this reference (other dossier or amount). */
  requestConflict: 'PAYMENT.REQUEST_CONFLICT',
} as const;

/** Input of `createPaymentRequest`: the fee of a dossier's payment step. */
export interface CreatePaymentRequestInput {
  tenant: string;
  dossierCode: string;
  /** `<dossier code>-TT<n>`. */
  reference: string;
  /** In đồng. */
  amount: number;
  description: string;
}

/** Input of `cancelPaymentRequest`: the online request a cash payment replaced. */
export interface CancelPaymentRequestInput {
  dossierCode: string;
  reference: string;
  /** Vietnamese, shown on the pay page. */
  reason: string;
}

/** Activities that talk to the payment provider. */
export function createPaymentActivities({ db, provider }: PaymentActivityDeps) {
  return {
    /**
     * Creates the payment request with the provider and stores it, idempotently on `reference`: a retry
     * (or a replayed workflow) gets back the stored request and the provider is not asked again.
     */
    async createPaymentRequest(
      input: CreatePaymentRequestInput,
    ): Promise<{ reference: string; payUrl: string | null }> {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || !input.reference) {
        throw ApplicationFailure.nonRetryable(
          `payment request ${input.reference} for ${input.amount} đ is not valid`,
          PaymentActivityErrors.invalidRequest,
        );
      }
      const meta = { dossierCode: input.dossierCode, reference: input.reference, amount: input.amount };
      const existing = await findPaymentRequest(db, input.reference);
      let stored = existing;
      if (!stored) {
        const answer = await provider.createPaymentRequest(input);
        ({ row: stored } = await insertPaymentRequest(db, {
          reference: input.reference,
          tenant: input.tenant,
          dossier_code: input.dossierCode,
          amount: input.amount,
          description: input.description,
          provider: provider.name,
          provider_ref: answer.providerRef,
          pay_url: answer.payUrl,
        }));
      }
      if (stored.dossier_code !== input.dossierCode || stored.amount !== input.amount) {
        log.error('payment request conflicts with the stored one', meta);
        throw ApplicationFailure.nonRetryable(
          `another payment request ${input.reference} is already stored`,
          PaymentActivityErrors.requestConflict,
        );
      }
      log.info(existing ? 'payment request already created' : 'payment request created', meta);
      return { reference: stored.reference, payUrl: stored.pay_url };
    },

    /**
     * The fee was paid in cash at the desk: the online request of the step can no longer be paid.
     * Idempotent (a retry or replay finds it cancelled); no request (cash came first) is fine too. A
     * request already paid online cannot be (the workflow took only one payment): logged for the operator.
     */
    async cancelPaymentRequest(input: CancelPaymentRequestInput): Promise<'cancelled' | 'paid' | 'missing'> {
      const outcome = await cancelPaymentRequest(db, {
        reference: input.reference,
        reason: input.reason,
        at: new Date(),
      });
      const meta = { dossierCode: input.dossierCode, reference: input.reference, outcome };
      if (outcome === 'paid') log.error('payment request paid online while the fee was taken in cash', meta);
      else log.info('online payment request cancelled after a cash payment', meta);
      return outcome;
    },
  };
}

export type PaymentActivities = ReturnType<typeof createPaymentActivities>;
