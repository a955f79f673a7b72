import { expect } from 'vitest';
import type { AppInstance } from '../../api/app.js';
import type { VnpayTerminal } from '../../common/vnpay.js';
import { startVnpaySandbox, type VnpaySandbox } from '../../dev/vnpay-sandbox.js';

/** The suite's VNPAY terminal (the sandbox knows it). */
export const TEST_TMN_CODE = 'TESTTMN1';
export const TEST_HASH_SECRET = 'test-vnpay-hash-secret-of-the-suite-0123456789';

/** Starts a local VNPAY sandbox for the test file; its IPN URL is set by {@link listenForVnpay}. */
export function startTestVnpay(opts: { callIpn?: boolean } = {}): Promise<VnpaySandbox> {
  return startVnpaySandbox({
    merchants: [{ tmnCode: TEST_TMN_CODE, hashSecret: TEST_HASH_SECRET, ipnUrl: 'http://127.0.0.1:9/unset' }],
    ...opts,
  });
}

/** The terminal pointing at a sandbox (API, worker). */
export const terminalOf = (sandbox: VnpaySandbox): VnpayTerminal => ({
  tmnCode: TEST_TMN_CODE,
  hashSecret: TEST_HASH_SECRET,
  payUrl: `${sandbox.url}/paymentv2/vpcpay.html`,
  apiUrl: `${sandbox.url}/merchant_webapi/api/transaction`,
});

/** App deps of the VNPAY routes (public base URL fixed later by {@link listenForVnpay}). */
export const vnpayDepsOf = (sandbox: VnpaySandbox) => ({
  vnpay: { terminal: terminalOf(sandbox), publicBaseUrl: 'http://127.0.0.1:3000' },
});

/** Makes the app listen on a free port and tells the sandbox its IPN URL; answers the app's base URL. */
export async function listenForVnpay(app: AppInstance, sandbox: VnpaySandbox): Promise<string> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  sandbox.configureMerchant({
    tmnCode: TEST_TMN_CODE,
    hashSecret: TEST_HASH_SECRET,
    ipnUrl: `${address}/payments/vnpay/ipn`,
  });
  return address;
}

const manual = (url: string, init: RequestInit = {}) => fetch(url, { ...init, redirect: 'manual' });

/**
 * A payer's trip over real HTTP: our pay link (302 to the gateway), the sandbox's page, its button
 * ("Thanh toán" or "Hủy giao dịch"; the sandbox calls the IPN), the return to our API (302 to the portal).
 */
export async function payThroughVnpay(
  baseUrl: string,
  reference: string,
  action: 'pay' | 'cancel' = 'pay',
): Promise<{ gatewayUrl: string; page: string; returnUrl: string; portal: string }> {
  const link = await manual(`${baseUrl}/payments/vnpay/pay/${encodeURIComponent(reference)}`);
  expect(link.status, await link.clone().text()).toBe(302);
  const gatewayUrl = link.headers.get('location') ?? '';
  const pageRes = await fetch(gatewayUrl);
  const page = await pageRes.text();
  expect(pageRes.status, page).toBe(200);
  const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const confirmed = await manual(new URL('/paymentv2/confirm', gatewayUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, action }).toString(),
  });
  expect(confirmed.status).toBe(302);
  const returnUrl = confirmed.headers.get('location') ?? '';
  // vnp_ReturnUrl names the public base URL the app was built with; the app listens on a free port.
  const back = await manual(returnUrl.replace(/^https?:\/\/[^/]+/, baseUrl));
  expect(back.status).toBe(302);
  return { gatewayUrl, page, returnUrl, portal: back.headers.get('location') ?? '' };
}
