import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseIsoInstant } from '../domain/calendar/index.js';
import { canonicalJson } from '../db/dossier-chain.js';

/**
 * Signed payment callbacks. The provider signs what it confirms with the shared secret
 * (`PAYMENT_CALLBACK_SECRET`):
 *
 *   x-payment-signature: sha256=<hex HMAC-SHA256 of the canonical JSON of the payload>
 *
 * where the canonical JSON has the keys sorted and no spaces, e.g.
 * `{"amount":10000,"paidAt":"2026-11-27T09:00:00+07:00","reference":"…-TT1","transactionId":"…"}`.
 * `paidAt` is an ISO-8601 instant with its offset, exactly as sent (it is signed as a string).
 */

export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature';

/** A callback older than this (by its `paidAt`) is refused as expired: a replay window of one day. */
export const CALLBACK_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Tolerated clock skew for a `paidAt` in the future. */
export const CALLBACK_MAX_SKEW_MS = 5 * 60 * 1000;

/** What the provider signs and sends. */
export interface PaymentCallbackPayload {
  reference: string;
  /** In đồng. */
  amount: number;
  transactionId: string;
  /** ISO-8601 instant with offset. */
  paidAt: string;
}

/** The bytes signed: canonical JSON of exactly the four fields (extra body fields are not covered). */
export function signedText(payload: PaymentCallbackPayload): string {
  const { reference, amount, transactionId, paidAt } = payload;
  return canonicalJson({ reference, amount, transactionId, paidAt });
}

function hmac(payload: PaymentCallbackPayload, secret: string): Buffer {
  return createHmac('sha256', secret).update(signedText(payload), 'utf8').digest();
}

/** The header value the provider sends: `sha256=<hex>`. */
export function signPaymentCallback(payload: PaymentCallbackPayload, secret: string): string {
  return `sha256=${hmac(payload, secret).toString('hex')}`;
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** Whether the header is the payload's signature with the secret (constant-time comparison). */
export function verifyPaymentSignature(
  payload: PaymentCallbackPayload,
  header: string | undefined,
  secret: string,
): boolean {
  const match = SIGNATURE.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(Buffer.from(match[1], 'hex'), hmac(payload, secret));
}

/** Whether `paidAt` is within the accepted window around `now` (epoch ms); unparseable is not. */
export function isFresh(paidAt: string, now: number): boolean {
  const at = parseIsoInstant(paidAt);
  if (at === undefined) return false;
  return at >= now - CALLBACK_MAX_AGE_MS && at <= now + CALLBACK_MAX_SKEW_MS;
}

/**
 * Checks a callback: `forged` when the signature is missing or wrong, else `expired` when `paidAt` is
 * outside [now − 24 h, now + 5 min] (so "expired" is only ever said of a genuine callback), else `valid`.
 */
export function verifyPaymentCallback(
  payload: PaymentCallbackPayload,
  header: string | undefined,
  secret: string,
  now: number,
): 'valid' | 'forged' | 'expired' {
  if (!verifyPaymentSignature(payload, header, secret)) return 'forged';
  return isFresh(payload.paidAt, now) ? 'valid' : 'expired';
}
