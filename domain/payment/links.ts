/**
 * Our public links of the VNPAY payment path (docs/payments.md). Pure, so the worker (pay link in the
 * payment mail), the API and the citizen portal build the same ones.
 */

/** Name of the VNPAY provider in `payment_request.provider`. */
export const VNPAY_PROVIDER = 'vnpay';

const trimBase = (publicBaseUrl: string): string => publicBaseUrl.replace(/\/+$/, '');

/**
 * Our stable pay link of a payment request: it never expires (a VNPAY URL does, after 15 minutes), and
 * opening it signs a fresh gateway URL (`GET /payments/vnpay/pay/:reference`, 302).
 */
export const vnpayPayLink = (publicBaseUrl: string, reference: string): string =>
  `${trimBase(publicBaseUrl)}/payments/vnpay/pay/${encodeURIComponent(reference)}`;

/** Where VNPAY sends the payer's browser back (vnp_ReturnUrl). */
export const vnpayReturnUrl = (publicBaseUrl: string): string =>
  `${trimBase(publicBaseUrl)}/payments/vnpay/return`;

/** Where VNPAY calls us server to server (the IPN URL registered on VNPAY's merchant portal). */
export const vnpayIpnUrl = (publicBaseUrl: string): string => `${trimBase(publicBaseUrl)}/payments/vnpay/ipn`;

/** The citizen portal's page of a dossier, with the result of the payer's trip to the gateway. */
export const portalDossierPath = (dossierCode: string, result: string): string =>
  `/dvc/ho-so/${encodeURIComponent(dossierCode)}?thanh-toan=${result}`;
