import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  payUrlParams,
  queryDrRequest,
  queryDrRequestText,
  queryDrResponseText,
  signedQueryText,
  type PayUrlInput,
  type QueryDrResponse,
} from '../domain/payment/vnpay.js';

/**
 * The signing side of the VNPAY protocol (HMAC-SHA512, lowercase hex), on top of the pure parts in
 * `domain/payment/vnpay.ts`: pay URLs, verification of signed queries (IPN, return) and the querydr call.
 */

/** The merchant's terminal at VNPAY (VNPAY_TMN_CODE, VNPAY_HASH_SECRET) and its two addresses. */
export interface VnpayTerminal {
  tmnCode: string;
  hashSecret: string;
  /** The gateway's pay page (VNPAY_PAY_URL), e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html. */
  payUrl: string;
  /** The merchant web API of querydr (VNPAY_API_URL). */
  apiUrl: string;
}

/** HMAC-SHA512 of the text with the terminal's secret, lowercase hex. */
export const vnpayHmac = (text: string, secret: string): string =>
  createHmac('sha512', secret).update(text, 'utf8').digest('hex');

/** Constant-time comparison of two hex signatures (case-insensitive); false when either is malformed. */
export function sameSignature(given: string | undefined, expected: string): boolean {
  if (!given || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(expected, 'hex'));
}

/** The signed gateway URL a payer is sent to (valid 15 minutes), and its vnp_CreateDate. */
export function signedPayUrl(
  terminal: Pick<VnpayTerminal, 'tmnCode' | 'hashSecret' | 'payUrl'>,
  input: Omit<PayUrlInput, 'tmnCode'>,
): { url: string; createDate: string } {
  const params = payUrlParams({ ...input, tmnCode: terminal.tmnCode });
  const text = signedQueryText(params);
  return {
    url: `${terminal.payUrl}?${text}&vnp_SecureHash=${vnpayHmac(text, terminal.hashSecret)}`,
    createDate: params.vnp_CreateDate ?? '',
  };
}

/** Whether a query VNPAY signed (IPN, return URL) carries the signature of its vnp_ parameters. */
export function verifySignedQuery(params: Readonly<Record<string, string>>, secret: string): boolean {
  return sameSignature(params.vnp_SecureHash, vnpayHmac(signedQueryText(params), secret));
}

/** What a querydr call learnt: the verified answer, or why there is none. */
export type QueryDrResult =
  | { kind: 'answer'; answer: QueryDrResponse }
  | { kind: 'forged'; answer: QueryDrResponse }
  | { kind: 'failed'; error: string };

/**
 * Asks VNPAY the state of a transaction (vnp_Command=querydr: POST JSON, signed with the pipe-joined
 * fields). `transactionDate` is the vnp_CreateDate of the pay URL the payer used.
 */
export async function queryVnpayTransaction(
  terminal: VnpayTerminal,
  query: { reference: string; transactionDate: string; ipAddr: string; now: number },
): Promise<QueryDrResult> {
  const body = queryDrRequest({
    ...query,
    requestId: randomUUID().replace(/-/g, ''),
    tmnCode: terminal.tmnCode,
  });
  const signed = { ...body, vnp_SecureHash: vnpayHmac(queryDrRequestText(body), terminal.hashSecret) };
  let res: Response;
  try {
    res = await fetch(terminal.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signed),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    return { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
  if (!res.ok) return { kind: 'failed', error: `HTTP ${res.status}` };
  const answer = (await res.json().catch(() => undefined)) as QueryDrResponse | undefined;
  if (!answer || typeof answer !== 'object') return { kind: 'failed', error: 'not JSON' };
  const genuine = sameSignature(
    answer.vnp_SecureHash,
    vnpayHmac(queryDrResponseText(answer), terminal.hashSecret),
  );
  return { kind: genuine ? 'answer' : 'forged', answer };
}
