import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  findCitizenSession,
  insertCitizenSession,
  revokeCitizenSession,
  touchCitizenSession,
  upsertCitizen,
  type CitizenIdentity,
} from '../db/citizen.repository.js';
import type { Database } from '../db/database.js';
import type { AppInstance } from './app-instance.js';
import { ApiError } from './errors.js';

/**
 * Sessions of the citizen portal. After the identity provider (VNeID, or the local OpenID Connect provider
 * of development) vouched for a citizen, the portal keeps a server-side session: the browser holds a random
 * token in an httpOnly cookie (Secure in production, SameSite=Lax so the provider's redirect back still
 * carries it), the database holds only the token's SHA-256. Every changing request must also echo the
 * session's synchronizer token in `X-CSRF-Token` (a cross-site form cannot read it), so a citizen's session
 * cannot be ridden by another site. A session ends after 30 idle minutes or 12 hours, or at logout.
 */

/** The citizen of a request, as portal handlers see it (`request.citizen`). */
export interface CitizenPrincipal extends CitizenIdentity {
  /** SHA-256 of the session token (the session's id in the database and in logs). */
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the citizen `authenticate` preHandler; undefined elsewhere. */
    citizen?: CitizenPrincipal;
  }
}

/** Stable codes of the citizen session's failures. */
export const CitizenAuthErrorCode = {
  UNAUTHENTICATED: 'CITIZEN.UNAUTHENTICATED',
  SESSION_EXPIRED: 'CITIZEN.SESSION_EXPIRED',
  CSRF: 'CITIZEN.CSRF',
} as const;

const unauthenticated = () =>
  new ApiError(
    401,
    CitizenAuthErrorCode.UNAUTHENTICATED,
    'Bạn chưa đăng nhập. Vui lòng đăng nhập bằng tài khoản định danh điện tử (VNeID).',
  );
const sessionExpired = () =>
  new ApiError(
    401,
    CitizenAuthErrorCode.SESSION_EXPIRED,
    'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại bằng tài khoản định danh điện tử (VNeID).',
  );
const csrfRefused = () =>
  new ApiError(
    403,
    CitizenAuthErrorCode.CSRF,
    'Yêu cầu không hợp lệ (thiếu hoặc sai mã chống giả mạo). Vui lòng tải lại trang và thử lại.',
  );

/** Name of the session cookie. */
export const CITIZEN_SESSION_COOKIE = 'mc_citizen';
/** Header every changing portal request must carry, with the session's `csrfToken`. */
export const CSRF_HEADER = 'x-csrf-token';

export interface CitizenSessionOptions {
  db: Database;
  /** Secure cookies (HTTPS only). */
  production: boolean;
  /** Idle lifetime; default 1800 s. */
  idleSeconds?: number;
  /** Absolute lifetime from login; default 43 200 s. */
  maxSessionSeconds?: number;
  /** Clock, for tests; default the system clock. */
  now?: () => Date;
}

export type CitizenPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** What {@link installCitizenSessions} gives the portal routes. */
export interface CitizenSessions {
  /** Requires a live session; sets `request.citizen` (401 `CITIZEN.UNAUTHENTICATED` / `SESSION_EXPIRED`). */
  authenticate: CitizenPreHandler;
  /** Authenticates if not done yet, then requires `X-CSRF-Token` to match the session (403 `CITIZEN.CSRF`). */
  requireCsrf: CitizenPreHandler;
  /** After the identity provider vouched for `who`: records the citizen, opens a session, sets the cookie. */
  start(reply: FastifyReply, who: CitizenIdentity): Promise<CitizenPrincipal>;
  /** Ends the request's session (if any) and clears the cookie. */
  end(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The value of cookie `name` in the request's Cookie header (the first, as browsers send the most specific first). */
export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value with the portal's attributes. */
export function cookieHeader(
  name: string,
  value: string,
  opts: { production: boolean; maxAgeSeconds: number; path?: string },
): string {
  return [
    `${name}=${value}`,
    `Path=${opts.path ?? '/'}`,
    `Max-Age=${opts.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(opts.production ? ['Secure'] : []),
  ].join('; ');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Decorates `request.citizen` and returns the portal's session hooks. */
export function installCitizenSessions(app: AppInstance, opts: CitizenSessionOptions): CitizenSessions {
  if (!app.hasRequestDecorator('citizen')) app.decorateRequest('citizen', undefined);
  const { db, production } = opts;
  const idleMs = (opts.idleSeconds ?? 1800) * 1000;
  const maxSeconds = opts.maxSessionSeconds ?? 43_200;
  const now = opts.now ?? (() => new Date());
  const clear = (reply: FastifyReply) =>
    reply.header('set-cookie', cookieHeader(CITIZEN_SESSION_COOKIE, '', { production, maxAgeSeconds: 0 }));

  async function resolve(request: FastifyRequest, reply: FastifyReply): Promise<CitizenPrincipal> {
    const token = cookieValue(request, CITIZEN_SESSION_COOKIE);
    if (!token) throw unauthenticated();
    if (!TOKEN.test(token)) {
      clear(reply);
      throw unauthenticated();
    }
    const at = now();
    const tokenHash = sha256(token);
    const row = await findCitizenSession(db, tokenHash, at);
    if (!row || row.last_seen_at.getTime() + idleMs <= at.getTime()) {
      clear(reply);
      throw sessionExpired();
    }
    // One write a minute at most: the idle clock needs no finer grain.
    if (at.getTime() - row.last_seen_at.getTime() > 60_000) await touchCitizenSession(db, tokenHash, at);
    return {
      personalId: row.personal_id,
      fullName: row.full_name,
      email: row.email,
      phone: row.phone,
      sessionId: tokenHash,
      csrfToken: row.csrf_token,
    };
  }

  const authenticate: CitizenPreHandler = async (request, reply) => {
    request.citizen = await resolve(request, reply);
  };

  const requireCsrf: CitizenPreHandler = async (request, reply) => {
    request.citizen ??= await resolve(request, reply);
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameText(sent, request.citizen.csrfToken)) throw csrfRefused();
  };

  return {
    authenticate,
    requireCsrf,
    async start(reply, who) {
      const session = await openCitizenSession(db, who, { now: now(), maxSessionSeconds: maxSeconds });
      void reply.header(
        'set-cookie',
        cookieHeader(CITIZEN_SESSION_COOKIE, session.token, { production, maxAgeSeconds: maxSeconds }),
      );
      return { ...who, sessionId: sha256(session.token), csrfToken: session.csrfToken };
    },
    async end(request, reply) {
      const token = cookieValue(request, CITIZEN_SESSION_COOKIE);
      if (token && TOKEN.test(token)) await revokeCitizenSession(db, sha256(token), now());
      clear(reply);
    },
  };
}

/**
 * Records the citizen the identity provider vouched for and opens a session: the cookie's token and the
 * session's CSRF token (the token itself is stored only as its SHA-256).
 */
export async function openCitizenSession(
  db: Database,
  who: CitizenIdentity,
  opts: { now: Date; maxSessionSeconds: number },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await upsertCitizen(trx, who);
    await insertCitizenSession(trx, {
      tokenHash: sha256(token),
      personalId: who.personalId,
      csrfToken,
      expiresAt: new Date(opts.now.getTime() + opts.maxSessionSeconds * 1000),
      now: opts.now,
    });
  });
  return { token, csrfToken };
}

/** The citizen set by `authenticate`; throws 401 when the route forgot to authenticate. */
export function citizenOf(request: FastifyRequest): CitizenPrincipal {
  if (!request.citizen) throw unauthenticated();
  return request.citizen;
}
