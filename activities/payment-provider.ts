/**
 * The payment provider port (cổng thanh toán): where a dossier's fee is requested. The provider later
 * confirms the payment with a signed callback to `POST /payments/callback` (see `api/payment-signature.ts`),
 * so creating a request is all the worker ever asks of it.
 */

/** A fee to collect: one per payment step of a dossier, identified by our reference. */
export interface ProviderPaymentRequest {
  /** Our reference `<dossier code>-TT<n>`; the provider must echo it in its callback. */
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

export interface SimulatedProviderOptions {
  /** Public address of the API, which serves the simulator's pay page (no trailing slash needed). */
  publicBaseUrl: string;
}

/**
 * The provider of development and tests: no network. Its pay link opens the API's simulator page
 * (`GET /payments/simulator/:reference`, not registered in production), whose button plays the
 * provider's signed callback.
 */
export function createSimulatedProvider({ publicBaseUrl }: SimulatedProviderOptions): PaymentProvider {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    name: 'simulator',
    createPaymentRequest(req) {
      return Promise.resolve({
        providerRef: `SIM-${req.reference}`,
        payUrl: `${base}/payments/simulator/${encodeURIComponent(req.reference)}`,
      });
    },
  };
}
