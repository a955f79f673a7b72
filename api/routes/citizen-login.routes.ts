import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppInstance } from '../app-instance.js';
import { CitizenLoginError, safeReturnTo, type CitizenLogin } from '../citizen-login.js';
import { LOGIN_STATE_COOKIE, LOGIN_STATE_PATH, LOGIN_STATE_SECONDS } from '../citizen-login-state.js';
import { cookieHeader, cookieValue, type CitizenSessions } from '../citizen-session.js';
import { ApiError, errorBodySchema } from '../errors.js';

export interface CitizenLoginRoutesDeps {
  citizens: CitizenSessions;
  /** The relying party; absent when no identity provider is configured (the routes answer 503). */
  login: CitizenLogin | undefined;
  production: boolean;
  now: () => Date;
}

/** Stable code of the login routes when no identity provider is configured. */
export const LOGIN_UNAVAILABLE = 'CITIZEN.LOGIN_UNAVAILABLE';

/** The portal's sign-in page showing why a login failed. */
export const loginFailurePage = (code: string): string => `/dvc/dang-nhap?loi=${code}`;

const redirect = z.null().describe('Redirect: see the `Location` header');

const loginQuery = z.object({
  returnTo: z
    .string()
    .optional()
    .describe('Portal path to come back to (`/dvc…`); anything else goes to `/dvc/ho-so`'),
});

const callbackQuery = z.looseObject({
  code: z.string().optional().describe('Authorization code'),
  state: z.string().optional(),
  iss: z.string().optional().describe('Issuer of the authorization response (RFC 9207)'),
  error: z.string().optional().describe('`access_denied` when the citizen cancelled'),
  error_description: z.string().optional(),
});

/**
 * `GET /portal/auth/login` (to the identity provider) and `GET /portal/auth/callback` (back from it): the
 * citizen's e-ID login by OpenID Connect. Both answer redirects for the browser: to the provider, to the
 * portal path asked for, or to `/dvc/dang-nhap?loi=<code>` when the login failed.
 */
export function registerCitizenLoginRoutes(app: AppInstance, deps: CitizenLoginRoutesDeps): void {
  const { login, production } = deps;
  const stateCookie = (value: string, maxAgeSeconds: number) =>
    cookieHeader(LOGIN_STATE_COOKIE, value, { production, maxAgeSeconds, path: LOGIN_STATE_PATH });
  const required = (): CitizenLogin => {
    if (login) return login;
    throw new ApiError(
      503,
      LOGIN_UNAVAILABLE,
      'Chức năng đăng nhập bằng tài khoản định danh điện tử chưa được cấu hình. Vui lòng thử lại sau.',
    );
  };
  const failed = (request: FastifyRequest, reply: FastifyReply, err: unknown) => {
    if (!(err instanceof CitizenLoginError)) throw err;
    request.log.warn({ failure: err.failure, reason: err.message }, 'citizen login failed');
    return reply.redirect(loginFailurePage(err.failure), 302);
  };
  // Without a provider the operations are not offered: kept out of the OpenAPI document.
  const hide = login ? {} : { hide: true };

  app.get(
    '/portal/auth/login',
    {
      schema: {
        ...hide,
        operationId: 'citizenLogin',
        tags: ['portal'],
        summary: "Sends the citizen to the identity provider's login (OpenID Connect, PKCE)",
        querystring: loginQuery,
        response: { 302: redirect, 503: errorBodySchema },
      },
    },
    async (request, reply) => {
      const rp = required();
      try {
        const { authorizationUrl, stateCookie: sealed } = await rp.begin(
          safeReturnTo(request.query.returnTo),
          deps.now(),
        );
        void reply.header('set-cookie', stateCookie(sealed, LOGIN_STATE_SECONDS));
        return reply.redirect(authorizationUrl, 302);
      } catch (err) {
        return failed(request, reply, err);
      }
    },
  );

  app.get(
    '/portal/auth/callback',
    {
      schema: {
        ...hide,
        operationId: 'citizenLoginCallback',
        tags: ['portal'],
        summary: 'Return from the identity provider: opens the citizen session, back to the portal',
        querystring: callbackQuery,
        response: { 302: redirect, 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request, reply) => {
      const rp = required();
      // One attempt per state: the cookie goes whatever the outcome.
      void reply.header('set-cookie', stateCookie('', 0));
      try {
        const query = new URL(request.url, 'http://callback.invalid').searchParams;
        const { citizen, returnTo } = await rp.finish(
          query,
          cookieValue(request, LOGIN_STATE_COOKIE),
          deps.now(),
        );
        await deps.citizens.start(reply, citizen);
        return reply.redirect(returnTo, 302);
      } catch (err) {
        return failed(request, reply, err);
      }
    },
  );
}
