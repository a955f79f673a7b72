/**
 * The VNPAY payment gateway protocol, version 2.1.0 (docs/payments.md): the pure parts. Building the
 * parameters of a pay URL and of a querydr request, the text each signature covers, the amount and date
 * formats, and the gateway's code tables. The HMAC-SHA512 itself is in `common/vnpay.ts` (domain/ has
 * no crypto).
 */

export const VNPAY_VERSION = '2.1.0';

/** How long a signed pay URL may be used (vnp_ExpireDate = vnp_CreateDate + 15 min). */
export const PAY_URL_TTL_MS = 15 * 60_000;

/** VNPAY counts in hundredths of a đồng: vnp_Amount = đồng × 100. */
export const toVnpAmount = (dong: number): string => String(dong * 100);

/** đồng of a vnp_Amount, or undefined when it is not a whole number of đồng. */
export function fromVnpAmount(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,17}$/.test(value)) return undefined;
  const hundredths = Number(value);
  return hundredths % 100 === 0 && Number.isSafeInteger(hundredths) ? hundredths / 100 : undefined;
}

/** Vietnam keeps UTC+7 all year (no daylight saving): VNPAY's dates are in GMT+7. */
const GMT7_MS = 7 * 3_600_000;

/** yyyyMMddHHmmss in GMT+7, VNPAY's format of vnp_CreateDate, vnp_ExpireDate, vnp_PayDate. */
export function formatVnpDate(epochMs: number): string {
  const d = new Date(epochMs + GMT7_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    String(d.getUTCFullYear()) +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds())
  );
}

/** The instant of a yyyyMMddHHmmss GMT+7 date, or undefined when it is not one. */
export function parseVnpDate(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? '');
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  return ms - GMT7_MS;
}

/**
 * vnp_OrderInfo as VNPAY requires it: Vietnamese without diacritics and without special characters
 * (letters, digits and single spaces only), at most 255 characters.
 */
export function orderInfoText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .slice(0, 255)
    .trim();
}

/** One key or value as VNPAY's Node sample encodes it before hashing: URL-encoded, spaces as '+'. */
export const vnpEncode = (text: string): string => encodeURIComponent(text).replace(/%20/g, '+');

/** Parameters that are never covered by the signature. */
const UNSIGNED = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/**
 * The text a pay URL's (or an IPN's, or a return's) vnp_SecureHash covers: every vnp_ parameter but the
 * hash itself, sorted by key, `key=value` URL-encoded (spaces as '+'), joined with '&'. It is also the
 * query string of the URL, to which `&vnp_SecureHash=<hex>` is appended.
 */
export function signedQueryText(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !UNSIGNED.has(k))
    .sort()
    .map((k) => `${vnpEncode(k)}=${vnpEncode(params[k] ?? '')}`)
    .join('&');
}

/** What the merchant says in a pay URL. */
export interface PayUrlInput {
  tmnCode: string;
  /** Our reference `<dossier code>-TT<n>` (vnp_TxnRef). */
  reference: string;
  /** In đồng. */
  amount: number;
  /** Free text; made VNPAY-safe by {@link orderInfoText}. */
  orderInfo: string;
  returnUrl: string;
  /** The payer's IP address. */
  ipAddr: string;
  now: number;
}

/** The parameters of a pay URL (vnp_Command=pay), unsigned. */
export function payUrlParams(input: PayUrlInput): Record<string, string> {
  return {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: input.tmnCode,
    vnp_Amount: toVnpAmount(input.amount),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: input.reference,
    vnp_OrderInfo: orderInfoText(input.orderInfo) || input.reference,
    vnp_OrderType: 'other',
    vnp_Locale: 'vn',
    vnp_ReturnUrl: input.returnUrl,
    vnp_IpAddr: input.ipAddr,
    vnp_CreateDate: formatVnpDate(input.now),
    vnp_ExpireDate: formatVnpDate(input.now + PAY_URL_TTL_MS),
  };
}

/** A querydr request (POST JSON to the merchant web API), unsigned. */
export interface QueryDrRequest {
  vnp_RequestId: string;
  vnp_Version: string;
  vnp_Command: 'querydr';
  vnp_TmnCode: string;
  vnp_TxnRef: string;
  vnp_OrderInfo: string;
  /** vnp_CreateDate of the pay URL the transaction came from. */
  vnp_TransactionDate: string;
  vnp_CreateDate: string;
  vnp_IpAddr: string;
}

export function queryDrRequest(input: {
  requestId: string;
  tmnCode: string;
  reference: string;
  transactionDate: string;
  ipAddr: string;
  now: number;
}): QueryDrRequest {
  return {
    vnp_RequestId: input.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'querydr',
    vnp_TmnCode: input.tmnCode,
    vnp_TxnRef: input.reference,
    vnp_OrderInfo: orderInfoText(`Truy van giao dich ${input.reference}`),
    vnp_TransactionDate: input.transactionDate,
    vnp_CreateDate: formatVnpDate(input.now),
    vnp_IpAddr: input.ipAddr,
  };
}

/** The text a querydr request's vnp_SecureHash covers: fields in VNPAY's order, joined with '|'. */
export const queryDrRequestText = (r: QueryDrRequest): string =>
  [
    r.vnp_RequestId,
    r.vnp_Version,
    r.vnp_Command,
    r.vnp_TmnCode,
    r.vnp_TxnRef,
    r.vnp_TransactionDate,
    r.vnp_CreateDate,
    r.vnp_IpAddr,
    r.vnp_OrderInfo,
  ].join('|');

/** A querydr answer (fields absent when the transaction was not found). */
export interface QueryDrResponse {
  vnp_ResponseId: string;
  vnp_Command: string;
  vnp_ResponseCode: string;
  vnp_Message: string;
  vnp_TmnCode: string;
  vnp_TxnRef?: string;
  vnp_Amount?: string;
  vnp_BankCode?: string;
  vnp_PayDate?: string;
  vnp_TransactionNo?: string;
  vnp_TransactionType?: string;
  vnp_TransactionStatus?: string;
  vnp_OrderInfo?: string;
  vnp_PromotionCode?: string;
  vnp_PromotionAmount?: string;
  vnp_SecureHash?: string;
}

/** The text a querydr answer's vnp_SecureHash covers: fields in VNPAY's order, '|', absent ones empty. */
export const queryDrResponseText = (r: QueryDrResponse): string =>
  [
    r.vnp_ResponseId,
    r.vnp_Command,
    r.vnp_ResponseCode,
    r.vnp_Message,
    r.vnp_TmnCode,
    r.vnp_TxnRef,
    r.vnp_Amount,
    r.vnp_BankCode,
    r.vnp_PayDate,
    r.vnp_TransactionNo,
    r.vnp_TransactionType,
    r.vnp_TransactionStatus,
    r.vnp_OrderInfo,
    r.vnp_PromotionCode,
    r.vnp_PromotionAmount,
  ]
    .map((v) => v ?? '')
    .join('|');
