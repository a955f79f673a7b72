import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import type { AppInstance } from './app-instance.js';
import { ApiError, ErrorCode } from './errors.js';

/**
 * How many requests one client (IP address, IPv6 by /64) may make per window to each budget of public
 * routes. Configured by `RATE_LIMIT_*` (config/config.ts); tests raise them (test/support/app.ts).
 */
export interface RateLimitSettings {
  /** Citizen lookup, its result download, the satisfaction rating and the result verification: one budget. */
  lookup: number;
  /** Officer login (password guessing). */
  login: number;
  /** Public callbacks: VNPAY (pay link, IPN, return) and partner agencies' liaison answers (looser). */
  callbacks: number;
  /** Length of the window, in milliseconds. */
  windowMs: number;
}

export const defaultRateLimits: RateLimitSettings = {
  lookup: 10,
  login: 10,
  callbacks: 300,
  windowMs: 60_000,
};

type Budget = Exclude<keyof RateLimitSettings, 'windowMs'>;

/**
 * The limited routes, by operationId, and the budget each one draws on. Routes of one budget share the
 * counter, so an applicant's lookup, download and rating together make at most `lookup` requests a window,
 * and the rating route is no second guessing oracle beside the lookup.
 */
export const limitedOperations: Readonly<Record<string, Budget>> = {
  lookupDossier: 'lookup',
  downloadLookupResult: 'lookup',
  rateDossier: 'lookup',
  verifyResult: 'lookup',
  login: 'login',
  openVnpayPayment: 'callbacks',
  vnpayIpn: 'callbacks',
  vnpayReturn: 'callbacks',
  getLiaisonAnswerForm: 'callbacks',
  answerLiaison: 'callbacks',
};

/** Clients remembered per budget (least recently seen forgotten first). */
const CLIENTS_PER_BUDGET = 10_000;

/** The client a request is counted against: its IP as Fastify resolved it (see `trustProxy`). */
const clientOf = (request: FastifyRequest): string => normalizeIP(request.ip);

/**
 * Installs per-client rate limits (@fastify/rate-limit, in-memory per process) on the routes of
 * {@link limitedOperations}. Call before registering routes: a route registered afterwards whose
 * operationId is listed gets its budget's check as its first `onRequest` hook, i.e. before the body is
 * parsed or validated, so malformed requests count too. Exceeding answers 429 `RATE_LIMITED` with a
 * Vietnamese message and `Retry-After` (seconds).
 *
 * The client is `request.ip`: the socket's address unless Fastify's `trustProxy` says which proxies'
 * `X-Forwarded-For` to believe (`TRUST_PROXY`; by default none, so a forged header changes nothing).
 */
export async function installRateLimits(app: AppInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    cache: CLIENTS_PER_BUDGET,
    keyGenerator: clientOf,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiError(
        429,
        ErrorCode.RATE_LIMITED,
        `Quá nhiều yêu cầu từ địa chỉ của bạn. Vui lòng thử lại sau ${seconds} giây.`,
      );
    },
  });
  const checks: Record<Budget, onRequestAsyncHookHandler> = {
    lookup: budgetCheck(app, settings.lookup, settings.windowMs),
    login: budgetCheck(app, settings.login, settings.windowMs),
    callbacks: budgetCheck(app, settings.callbacks, settings.windowMs),
  };
  app.addHook('onRoute', (route: RouteOptions) => {
    const operationId = (route.schema as { operationId?: unknown } | undefined)?.operationId;
    const budget = typeof operationId === 'string' ? limitedOperations[operationId] : undefined;
    if (!budget) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [checks[budget], ...existing];
  });
}

/** One counter per budget: the same handler (hence the same store) on every route of the budget. */
function budgetCheck(app: AppInstance, max: number, windowMs: number): onRequestAsyncHookHandler {
  return app.rateLimit({ max, timeWindow: windowMs });
}
