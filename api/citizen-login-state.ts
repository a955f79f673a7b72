import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/**
 * What the portal must remember between sending a citizen to the identity provider and their return: the
 * OAuth `state`, the OpenID `nonce`, the PKCE verifier and where to go afterwards. Kept in the browser, in
 * an encrypted (A256GCM) and so tamper-proof cookie living 10 minutes, readable only by the login routes;
 * every API replica derives the same key from the configured secret, so the return may reach any replica.
 */
export interface LoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Name of the login-state cookie. */
export const LOGIN_STATE_COOKIE = 'mc_citizen_login';
/** Path of the login-state cookie: only the login and callback routes receive it. */
export const LOGIN_STATE_PATH = '/portal/auth';
/** Lifetime of a login attempt, in seconds. */
export const LOGIN_STATE_SECONDS = 600;

/** Why a login-state cookie is refused: absent or past its 10 minutes, or not one we made. */
export type LoginStateProblem = 'missing' | 'invalid';

export interface LoginStateSealer {
  seal(value: LoginState, now: Date): Promise<string>;
  open(cookie: string | undefined, now: Date): Promise<LoginState | LoginStateProblem>;
}

const TEXT = /^[\x21-\x7e]{1,512}$/;

function asLoginState(payload: Record<string, unknown>): LoginState | null {
  const { state, nonce, codeVerifier, returnTo } = payload;
  for (const v of [state, nonce, codeVerifier, returnTo])
    if (typeof v !== 'string' || !TEXT.test(v)) return null;
  return { state, nonce, codeVerifier, returnTo } as LoginState;
}

/** Seals and opens login-state cookies with a key derived (HKDF-SHA256) from `secret`, for this use only. */
export function createLoginStateSealer(secret: string): LoginStateSealer {
  const key = new Uint8Array(hkdfSync('sha256', secret, 'mot-cua', 'citizen-login-state/v1', 32));
  return {
    async seal(value, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new EncryptJWT({ ...value })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(iat)
        .setExpirationTime(iat + LOGIN_STATE_SECONDS)
        .encrypt(key);
    },
    async open(cookie, now) {
      if (!cookie) return 'missing';
      try {
        const { payload } = await jwtDecrypt(cookie, key, {
          currentDate: now,
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        return asLoginState(payload) ?? 'invalid';
      } catch (err) {
        return (err as { code?: unknown }).code === 'ERR_JWT_EXPIRED' ? 'missing' : 'invalid';
      }
    },
  };
}
