import bcrypt from 'bcryptjs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findOfficerById, findOfficerByUsername } from '../db/organisation.repository.js';
import type { OfficerRow } from '../db/organisation.table.js';
import type { DB } from '../db/schema.js';
import { roleSchema, type Role } from '../domain/roles.js';
import type { AppInstance } from './app-instance.js';
import { ApiError } from './errors.js';

/** The authenticated officer of a request, as handlers see it (`request.principal`). */
export interface Principal {
  officerId: string;
  username: string;
  fullName: string;
  tenant: string;
  role: Role;
  divisionCode: string | null;
  /** The receiving unit whose desk the officer works at (receivers); null otherwise. */
  receivingUnit: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `authenticate` preHandler; undefined on public routes. */
    principal?: Principal;
  }
}

/** Stable codes of authentication and authorisation failures. */
export const AuthErrorCode = {
  MISSING_TOKEN: 'AUTH.MISSING_TOKEN',
  INVALID_TOKEN: 'AUTH.INVALID_TOKEN',
  TOKEN_EXPIRED: 'AUTH.TOKEN_EXPIRED',
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'AUTH.ACCOUNT_DISABLED',
  FORBIDDEN_ROLE: 'AUTH.FORBIDDEN_ROLE',
  SESSION_TOO_LONG: 'AUTH.SESSION_TOO_LONG',
} as const;

const missingToken = () =>
  new ApiError(401, AuthErrorCode.MISSING_TOKEN, 'Chưa đăng nhập: thiếu mã xác thực (Bearer token).');
const invalidToken = () =>
  new ApiError(401, AuthErrorCode.INVALID_TOKEN, 'Mã xác thực không hợp lệ. Vui lòng đăng nhập lại.');
const tokenExpired = () =>
  new ApiError(401, AuthErrorCode.TOKEN_EXPIRED, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
const invalidCredentials = () =>
  new ApiError(401, AuthErrorCode.INVALID_CREDENTIALS, 'Tên đăng nhập hoặc mật khẩu không đúng.');
const accountDisabled = () =>
  new ApiError(
    401,
    AuthErrorCode.ACCOUNT_DISABLED,
    'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.',
  );
const sessionTooLong = () =>
  new ApiError(
    401,
    AuthErrorCode.SESSION_TOO_LONG,
    'Phiên làm việc đã kéo dài quá thời gian cho phép. Vui lòng đăng nhập lại.',
  );
const forbiddenRole = () =>
  new ApiError(403, AuthErrorCode.FORBIDDEN_ROLE, 'Vai trò của bạn không được phép thực hiện thao tác này.');

// ---------------------------------------------------------------------------------------------------------
// Tokens

/** Options of {@link createTokenService}. */
export interface TokenServiceOptions {
  /** HS256 key; at least 32 characters (`JWT_SECRET`). */
  secret: string;
  /** Lifetime of a token; default 1800 s (30 minutes). */
  ttlSeconds?: number;
  /** `iss` claim written and required; default `mot-cua`. */
  issuer?: string;
  /**
   * Longest a session may be extended by {@link TokenService.refresh}, counted from the password login;
   * default 43 200 s (12 hours, a long working day).
   */
  maxSessionSeconds?: number;
  /** Clock, for tests; default the system clock. */
  now?: () => Date;
}

/** A signed access token and the instant it stops being accepted. */
export interface SignedToken {
  token: string;
  expiresAt: Date;
}

/** Signs and verifies access tokens (JWT, HS256). */
export interface TokenService {
  /** A token of a new session (password login): its `auth_time` is now. */
  sign(principal: Principal): Promise<SignedToken>;
  /** The token's principal; throws ApiError 401 `AUTH.INVALID_TOKEN` or `AUTH.TOKEN_EXPIRED`. */
  verify(token: string): Promise<Principal>;
  /**
   * A fresh token for the same session: `token` must still be valid (401 as {@link verify} otherwise),
   * and its session's login no older than `maxSessionSeconds` (401 `AUTH.SESSION_TOO_LONG`). The new
   * token keeps the login's `auth_time` and carries `principal` (the officer as the database says now).
   */
  refresh(token: string, principal: Principal): Promise<SignedToken>;
}

const claimsSchema = z.object({
  sub: z.guid(),
  username: z.string().min(1),
  name: z.string(),
  tenant: z.string().min(1),
  role: roleSchema,
  division: z.string().nullable(),
  /** Receiving unit of a desk officer (absent in tokens of older builds: none). */
  unit: z.string().nullable().optional(),
  /** Seconds since the epoch of the password login that started the session (tokens of old builds: `iat`). */
  auth_time: z.number().int().optional(),
  iat: z.number().int().optional(),
  exp: z.number().int().optional(),
});

/** How many verified tokens {@link createTokenService} remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;

const claimsToPrincipal = (claims: z.output<typeof claimsSchema>): Principal => ({
  officerId: claims.sub,
  username: claims.username,
  fullName: claims.name,
  tenant: claims.tenant,
  role: claims.role,
  divisionCode: claims.division,
  receivingUnit: claims.unit ?? null,
});

/** Creates the token service. Throws when the secret is shorter than 32 characters. */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const {
    ttlSeconds = 1800,
    maxSessionSeconds = 12 * 3600,
    issuer = 'mot-cua',
    now = () => new Date(),
  } = options;
  if (options.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
  const key = new TextEncoder().encode(options.secret);

  async function signSession(principal: Principal, authTime?: number): Promise<SignedToken> {
    const issuedAt = Math.floor(now().getTime() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = await new SignJWT({
      username: principal.username,
      name: principal.fullName,
      tenant: principal.tenant,
      role: principal.role,
      division: principal.divisionCode,
      unit: principal.receivingUnit,
      auth_time: authTime ?? issuedAt,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(principal.officerId)
      .setIssuer(issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /**
   * Tokens whose signature and claims were already checked: an officer's every request carries the same
   * token, and its HMAC check (WebCrypto) is a notable part of a request's CPU. Its expiry is still checked
   * at every use; what the database says of the officer (active, role) is read per request by the caller.
   */
  const verified = new Map<string, z.output<typeof claimsSchema>>();

  async function verifiedClaims(token: string): Promise<z.output<typeof claimsSchema>> {
    const known = verified.get(token);
    if (known?.exp !== undefined) {
      if (known.exp > now().getTime() / 1000) return known;
      verified.delete(token);
      throw tokenExpired();
    }
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'], currentDate: now() }));
    } catch (err) {
      // jose checks the signature before the claims, so "expired" is only said of a genuine token.
      if (err instanceof joseErrors.JWTExpired) throw tokenExpired();
      if (err instanceof joseErrors.JOSEError) throw invalidToken();
      throw err;
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw invalidToken();
    if (claims.data.exp !== undefined) {
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
      verified.set(token, claims.data);
    }
    return claims.data;
  }

  async function refresh(token: string, principal: Principal): Promise<SignedToken> {
    const claims = await verifiedClaims(token);
    const authTime = claims.auth_time ?? claims.iat;
    if (authTime === undefined) throw invalidToken();
    if (Math.floor(now().getTime() / 1000) - authTime > maxSessionSeconds) throw sessionTooLong();
    return signSession(principal, authTime);
  }

  return {
    sign: (principal) => signSession(principal),
    verify: async (token) => claimsToPrincipal(await verifiedClaims(token)),
    refresh,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Credentials

// A bcrypt hash (cost 10, like the seeded ones) of a random string nobody knows: compared against when the
// username does not exist, so an unknown user costs the same time as a wrong password.
const DUMMY_HASH = '$2b$10$YcpW9lJ8IGtq0GYpsBXCFeu52LQrlExZpIiK3vHOLYL1zqzVV3QeW';

/** The principal of an officer row. */
export function officerToPrincipal(officer: OfficerRow): Principal {
  return {
    officerId: officer.id,
    username: officer.username,
    fullName: officer.full_name,
    tenant: officer.tenant,
    role: officer.role,
    divisionCode: officer.division_code,
    receivingUnit: officer.receiving_unit_code,
  };
}

/**
 * Checks a username and password in constant work: bcrypt always runs. Throws ApiError 401
 * `AUTH.INVALID_CREDENTIALS` for an unknown user or a wrong password (same answer for both), and
 * `AUTH.ACCOUNT_DISABLED` for a deactivated officer, said only to whoever knows the password.
 */
export async function verifyCredentials(
  db: Kysely<DB>,
  username: string,
  password: string,
): Promise<OfficerRow> {
  const officer = await findOfficerByUsername(db, username);
  const matches = await bcrypt.compare(password, officer?.password_hash ?? DUMMY_HASH);
  if (!officer || !matches) throw invalidCredentials();
  if (!officer.active) throw accountDisabled();
  return officer;
}

// ---------------------------------------------------------------------------------------------------------
// Fastify

/** What {@link installAuth} needs. */
export interface AuthDeps {
  tokens: TokenService;
  db: Kysely<DB>;
}

/** A route-level preHandler. */
export type AuthPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The preHandlers returned by {@link installAuth}. */
export interface AuthHooks {
  /** Requires a valid Bearer token of an existing, active officer; sets `request.principal`. */
  authenticate: AuthPreHandler;
  /** Authenticates if not done yet, then requires one of `roles` (403 `AUTH.FORBIDDEN_ROLE`). */
  requireRole(...roles: Role[]): AuthPreHandler;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The Bearer token of the request; throws 401 `AUTH.MISSING_TOKEN` when absent or malformed. */
export function bearerToken(request: FastifyRequest): string {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match?.[1]) throw missingToken();
  return match[1];
}

/** The principal set by `authenticate`; throws 401 when the route forgot to authenticate. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw missingToken();
  return request.principal;
}

/**
 * Decorates `request.principal` and returns the `authenticate` and `requireRole` preHandlers. The token
 * proves who the officer is; the officer row (a primary-key lookup per request) says whether the account
 * is still active and what its role and division are now, so deactivation and role changes apply at once.
 */
export function installAuth(app: AppInstance, deps: AuthDeps): AuthHooks {
  if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', undefined);

  async function resolvePrincipal(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    try {
      const claims = await deps.tokens.verify(bearerToken(request));
      const officer = await findOfficerById(deps.db, claims.officerId);
      if (!officer || officer.tenant !== claims.tenant) throw invalidToken();
      if (!officer.active) throw accountDisabled();
      return officerToPrincipal(officer);
    } catch (err) {
      if (err instanceof ApiError && err.statusCode === 401) void reply.header('WWW-Authenticate', 'Bearer');
      throw err;
    }
  }

  const authenticate: AuthPreHandler = async (request, reply) => {
    request.principal = await resolvePrincipal(request, reply);
  };

  function requireRole(...roles: Role[]): AuthPreHandler {
    if (roles.length === 0) throw new Error('requireRole needs at least one role');
    const allowed = new Set<Role>(roles);
    return async (request, reply) => {
      request.principal ??= await resolvePrincipal(request, reply);
      if (!allowed.has(request.principal.role)) throw forbiddenRole();
    };
  }

  return { authenticate, requireRole };
}
