import * as oidc from 'openid-client';
import type { CitizenIdentity } from '../db/citizen.repository.js';
import { createLoginStateSealer, type LoginState } from './citizen-login-state.js';
import { CitizenLoginError, citizenFromClaims } from './citizen-claims.js';

export { CitizenLoginError, type LoginFailure } from './citizen-claims.js';

/**
 * Citizens' login with their e-ID through OpenID Connect (authorization code flow with PKCE S256, state and
 * nonce), as a relying party of VNeID / the national SSO in production and of the local provider
 * (dev/oidc-provider.ts) in development and tests. openid-client verifies the authorization response
 * (state, RFC 9207 `iss`), the ID token (issuer, audience, signature against the provider's JWKS, expiry,
 * nonce) and the PKCE exchange; this module maps the vouched claims to the portal's citizen.
 */

/** How the portal is registered at the identity provider (config: `OIDC_*`, `CITIZEN_ID_CLAIM`). */
export interface CitizenLoginSettings {
  /** Issuer URL; https except in development and tests. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Our callback, exactly as registered at the provider. */
  redirectUri: string;
  /** Space-separated scopes, `openid` among them. */
  scopes: string;
  /** Claim holding the 12-digit personal identification number. */
  idClaim: string;
  /** Secret from which the login-state cookie's key is derived (HKDF; the API's JWT secret). */
  stateSecret: string;
}

export interface CitizenLogin {
  /** Starts a login: the provider's authorization URL and the sealed state for the cookie. */
  begin(returnTo: string, now: Date): Promise<{ authorizationUrl: string; stateCookie: string }>;
  /** Finishes it from the callback's query; throws {@link CitizenLoginError}. */
  finish(
    query: URLSearchParams,
    stateCookie: string | undefined,
    now: Date,
  ): Promise<{ citizen: CitizenIdentity; returnTo: string }>;
  /** The provider's RP-initiated logout URL, when it advertises one and discovery was done; else null. */
  endSessionUrl(): string | null;
}

/** Where a citizen lands when `returnTo` is missing or not one of the portal's own paths. */
export const DEFAULT_RETURN_TO = '/dvc/ho-so';

/** `value` when it is a relative path of the portal (`/dvc…`), normalised; else the default: no open redirect. */
export function safeReturnTo(value: unknown): string {
  // eslint-disable-next-line no-control-regex -- controls, spaces and backslashes are refused outright
  if (typeof value !== 'string' || !value.startsWith('/') || /[\x00-\x20\\]/.test(value)) {
    return DEFAULT_RETURN_TO;
  }
  const base = 'http://portal.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== base || !/^\/dvc(\/|$)/.test(url.pathname)) return DEFAULT_RETURN_TO;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.length <= 500 ? path : DEFAULT_RETURN_TO;
}

/** Whether an error is the provider being unreachable (network, timeout, 5xx) rather than a refusal. */
function unreachable(err: unknown): boolean {
  if (err instanceof oidc.ResponseBodyError) return err.status >= 500;
  if (!(err instanceof Error)) return false;
  if (err.name === 'TypeError' || err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  const code = (err as { code?: unknown }).code;
  return code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && /status code/i.test(err.message);
}

function describe(err: unknown): string {
  if (err instanceof oidc.ResponseBodyError) {
    return `${err.name} ${err.status}: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`;
  }
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.name}: ${err.cause.message})` : '';
  return `${err.name}: ${err.message}${cause}`;
}

/** The relying party. Discovery is lazy: the API starts while the provider is down and retries on use. */
export function createCitizenLogin(settings: CitizenLoginSettings, production: boolean): CitizenLogin {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:';
  if (insecure && production) throw new Error('createCitizenLogin: the issuer must be https in production');
  const sealer = createLoginStateSealer(settings.stateSecret);
  let discovered: oidc.Configuration | undefined;
  let discovering: Promise<oidc.Configuration> | undefined;

  function configuration(): Promise<oidc.Configuration> {
    if (discovered) return Promise.resolve(discovered);
    discovering ??= oidc
      .discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        // Plain http only for a local development issuer (refused above in production).
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 5,
      })
      .then(
        (config) => {
          config.timeout = 10;
          discovered = config;
          return config;
        },
        (err: unknown) => {
          discovering = undefined; // the next login tries again
          throw new CitizenLoginError('tam-ngung', `discovery of ${issuer.href} failed: ${describe(err)}`);
        },
      );
    return discovering;
  }

  async function exchange(config: oidc.Configuration, query: URLSearchParams, saved: LoginState) {
    // The callback URL as registered, with the provider's parameters: never built from the Host header.
    const current = new URL(settings.redirectUri);
    current.search = query.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        pkceCodeVerifier: saved.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new CitizenLoginError('khong-hop-le', 'no ID token in the token response');
      if (claims[settings.idClaim] !== undefined || !config.serverMetadata().userinfo_endpoint) return claims;
      // Providers that keep profile claims out of the ID token serve them at UserInfo (same subject checked).
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { ...info, ...claims };
    } catch (err) {
      if (err instanceof CitizenLoginError) throw err;
      if (unreachable(err)) throw new CitizenLoginError('tam-ngung', describe(err));
      throw new CitizenLoginError('khong-hop-le', describe(err));
    }
  }

  return {
    async begin(returnTo, now) {
      const config = await configuration();
      const saved: LoginState = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo: safeReturnTo(returnTo),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        state: saved.state,
        nonce: saved.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(saved.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { authorizationUrl: url.href, stateCookie: await sealer.seal(saved, now) };
    },

    async finish(query, stateCookie, now) {
      const error = query.get('error');
      if (error === 'access_denied')
        throw new CitizenLoginError('huy', 'the citizen cancelled at the provider');
      const saved = await sealer.open(stateCookie, now);
      if (saved === 'missing') throw new CitizenLoginError('het-han', 'no login state (missing or expired)');
      if (saved === 'invalid') throw new CitizenLoginError('khong-hop-le', 'login state cookie refused');
      if (error)
        throw new CitizenLoginError('khong-hop-le', `provider answered error=${error.slice(0, 100)}`);
      const claims = await exchange(await configuration(), query, saved);
      return { citizen: citizenFromClaims(claims, settings.idClaim), returnTo: saved.returnTo };
    },

    endSessionUrl() {
      if (!discovered?.serverMetadata().end_session_endpoint) return null;
      const back = new URL('/dvc', settings.redirectUri).href;
      return oidc.buildEndSessionUrl(discovered, { post_logout_redirect_uri: back }).href;
    },
  };
}
