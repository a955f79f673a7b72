import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The answer link of a liaison request: what a partner agency must present to answer it. The token is
 * `<base64url(JSON payload)>.<base64url(HMAC-SHA256(partner's callback_secret, first part))>`: a bearer
 * credential for one request of one partner, valid until `exp`. It is signed with the partner agency's
 * own key (`partner_agency.callback_secret`), so the partner named in the payload is the one whose key
 * must verify it, and rotating that key revokes every link still out.
 */
export interface LiaisonTokenPayload {
  tenant: string;
  requestId: string;
  dossierCode: string;
  partnerCode: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

/**
 * How long an answer link works: 60 days after the request is sent. Far longer than any liaison step's
 * budget (a partner who answers late must still be able to), yet links found in an old mailbox die.
 */
export const LIAISON_TOKEN_TTL_MS = 60 * 24 * 3_600_000;

/** Longest token accepted (the payload is a few short codes): anything longer is malformed. */
export const LIAISON_TOKEN_MAX_LENGTH = 2048;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;

const mac = (signedPart: string, secret: string): Buffer =>
  createHmac('sha256', secret).update(signedPart, 'utf8').digest();

const isCode = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** Signs a token for `payload` with the partner's key. */
export function signLiaisonToken(payload: LiaisonTokenPayload, secret: string): string {
  const { tenant, requestId, dossierCode, partnerCode, exp } = payload;
  const body = Buffer.from(
    JSON.stringify({ tenant, requestId, dossierCode, partnerCode, exp }),
    'utf8',
  ).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

function split(token: string): [string, string] | undefined {
  if (token.length > LIAISON_TOKEN_MAX_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [body, signature] = parts as [string, string];
  return BASE64URL.test(body) && BASE64URL.test(signature) ? [body, signature] : undefined;
}

/**
 * The payload of a well-formed token, WITHOUT verifying it (to find the partner whose key verifies it);
 * undefined when the token is malformed. Never act on it before {@link verifyLiaisonToken} says 'ok'.
 */
export function readLiaisonToken(token: string): LiaisonTokenPayload | undefined {
  const parts = split(token);
  if (!parts) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const p = parsed as Record<string, unknown>;
  if (!isCode(p.tenant) || !isCode(p.requestId) || !isCode(p.dossierCode) || !isCode(p.partnerCode))
    return undefined;
  if (typeof p.exp !== 'number' || !Number.isSafeInteger(p.exp)) return undefined;
  return {
    tenant: p.tenant,
    requestId: p.requestId,
    dossierCode: p.dossierCode,
    partnerCode: p.partnerCode,
    exp: p.exp,
  };
}

/**
 * Checks a token against the partner's key at `now` (epoch ms): 'forged' when malformed or the signature
 * does not match (compared in constant time), else 'expired' from `exp` on, else 'ok'.
 */
export function verifyLiaisonToken(token: string, secret: string, now: number): 'ok' | 'forged' | 'expired' {
  const parts = split(token);
  const payload = readLiaisonToken(token);
  if (!parts || !payload) return 'forged';
  const given = Buffer.from(parts[1], 'base64url');
  const expected = mac(parts[0], secret);
  if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, expected)) return 'forged';
  // The canonical encoding only: a signature valid for another spelling of the same bytes is refused.
  if (given.toString('base64url') !== parts[1]) return 'forged';
  return now >= payload.exp ? 'expired' : 'ok';
}
