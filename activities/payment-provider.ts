import { VNPAY_PROVIDER, vnpayPayLink } from '../domain/payment/links.js';

/**
 * The payment provider port (cổng thanh toán): where a dossier's fee is requested. The provider later
 * confirms the payment server to server (VNPAY's IPN, `GET /payments/vnpay/ipn`), so creating a request is
 * all the dossier workflow ever asks of it.
 */

/** `payment_request.provider` of the requests paid through VNPAY. */
export { VNPAY_PROVIDER };

/** A fee to collect: one per payment step of a dossier, identified by our reference. */
export interface ProviderPaymentRequest {
  /** Our reference `<dossier code>-TT<n>`; the provider echoes it (vnp_TxnRef). */
  reference: string;
  /** In đồng, a positive integer. */
  amount: number;
  /** Shown to the payer (Vietnamese). */
  description: string;
  tenant: string;
  dossierCode: string;
}

/** What the provider gives back: its own id of the request and where the payer pays (if online). */
export interface ProviderPaymentAnswer {
  providerRef: string;
  payUrl: string | null;
}

export interface PaymentProvider {
  /** Stored with each request (`payment_request.provider`). */
  readonly name: string;
  /**
   * Registers the request with the provider. Must be idempotent on `reference`: the activity may call
   * it again after a crash before the answer was stored.
   */
  createPaymentRequest(req: ProviderPaymentRequest): Promise<ProviderPaymentAnswer>;
}

export interface VnpayProviderOptions {
  /** Public address of the API, which serves our stable pay links (no trailing slash needed). */
  publicBaseUrl: string;
}

/**
 * VNPAY (docs/payments.md). Nothing is registered at VNPAY in advance: a payment exists there once the
 * payer opens a signed pay URL, and that URL expires after 15 minutes. So the stored pay link is ours and
 * stable (`GET /payments/vnpay/pay/:reference` signs a fresh URL each time), and VNPAY knows the request
 * by our reference (vnp_TxnRef), which is also its provider reference.
 */
export function createVnpayProvider({ publicBaseUrl }: VnpayProviderOptions): PaymentProvider {
  return {
    name: VNPAY_PROVIDER,
    createPaymentRequest(req) {
      return Promise.resolve({
        providerRef: req.reference,
        payUrl: vnpayPayLink(publicBaseUrl, req.reference),
      });
    },
  };
}
