import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { canonicalJson } from '../db/dossier-chain.js';
import {
  findIdempotentRequest,
  lapseIdempotentLease,
  recordIdempotentResource,
  reserveIdempotentRequest,
  storeIdempotentAnswer,
  takeOverIdempotentRequest,
  type IdempotentLease,
} from '../db/idempotency.repository.js';
import type { IdempotentRequestRow } from '../db/idempotency.table.js';
import type { AppInstance } from './app-instance.js';
import { principalOf } from './auth.js';
import { ApiError } from './errors.js';

/**
 * `Idempotency-Key` on mutating officer routes.
 *
 * A route opts in with {@link IdempotencyHooks.guard} as a preHandler after authentication (or, when its
 * canonical request is known only inside the handler, such as a multipart upload, by calling
 * {@link IdempotencyHooks.begin}), and declares {@link idempotencyHeaders} as its `headers` schema.
 *
 * A key is unique per tenant and bound, on first use, to (officer, operation id, SHA-256 of the canonical
 * request: path parameters + body + the query when the route declares one). Then:
 * - first use: the key is reserved atomically with a lease ({@link LEASE_SECONDS}), the operation runs;
 * - the answer is stored before it is sent: every 2xx and 4xx answer is final and replayed as is (with
 *   `Idempotent-Replayed: true` and the same status), so a key always gives the same answer; a client that
 *   fixes a refused request sends a new key. A 5xx stores nothing: the lease ends at once and the key stays
 *   bound to its request, so a retry with the same key runs it again (safely: see below) and another
 *   request with it is still refused;
 * - same key, other officer, operation or request: 422 `DOSSIER.IDEMPOTENCY_KEY_REUSED`
 *   (`headers.idempotency-key`), whatever the state of the first request;
 * - same request while the first still runs: waits up to {@link WAIT_MS} for its answer and replays it,
 *   else 409 `IDEMPOTENCY_KEY_IN_PROGRESS` with `Retry-After`;
 * - a lease that lapses without an answer (a crashed process) is taken over by the next same request,
 *   which runs the operation again. Operations make that re-run harmless: dossier actions use
 *   {@link idempotentUpdateId} as Temporal Update id (Temporal runs an update id once), a receipt records
 *   the dossier it created with {@link recordResource} in its own transaction and answers from it.
 * Keys expire after {@link TTL_SECONDS}; the repository deletes expired keys as it reserves new ones.
 */

/** How long a first request holds its key before another may take it over. */
export const LEASE_SECONDS = 60;
/** How long a key and its answer are kept. */
export const TTL_SECONDS = 24 * 60 * 60;
/** How long a repeated request waits for the first one's answer before 409. */
export const WAIT_MS = 3_000;

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** The header's value: 1–200 printable ASCII characters. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x20-\x7e]{1,200}$/, 'Idempotency-Key gồm 1–200 ký tự ASCII in được.')
  .describe(
    'Optional. 1–200 printable ASCII characters (e.g. a UUID), unique per intent: the same key with the same ' +
      'request answers the first answer again (Idempotent-Replayed: true); with another officer, operation ' +
      'or request, 422 DOSSIER.IDEMPOTENCY_KEY_REUSED; kept 24 h',
  );

/** The `headers` schema of a route that accepts an Idempotency-Key. */
export const idempotencyHeaders = z.object({ [IDEMPOTENCY_HEADER]: idempotencyKeySchema.optional() });

/** Stable codes of this mechanism. */
export const IdempotencyErrorCode = {
  REUSED: 'DOSSIER.IDEMPOTENCY_KEY_REUSED',
  IN_PROGRESS: 'IDEMPOTENCY_KEY_IN_PROGRESS',
} as const;

const FIELD = `headers.${IDEMPOTENCY_HEADER}`;

/** Headers of an answer that are stored and replayed with it. */
const REPLAYED_HEADERS = ['location'] as const;

/** The key a request holds while it runs (`request.idempotency`). */
export interface IdempotencyReservation extends IdempotentLease {
  officerId: string;
  operation: string;
  requestDigest: string;
  /** What an earlier run of this same request recorded before it crashed (see {@link recordResource}). */
  resource: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while the request holds its Idempotency-Key; undefined without a key or on a replay. */
    idempotency?: IdempotencyReservation;
  }
}

/** How a route maps its request to the idempotency check. */
export interface IdempotencyOptions {
  /**
   * The canonical request whose digest binds the key; default path parameters, body and (when the route
   * declares a querystring schema) query, as validated.
   */
  canonical?: (request: FastifyRequest) => unknown;
  /**
   * The status a replay answers with, given the stored one; default the same. (A receipt answers 201 once
   * and 200 to replays, as it always has.)
   */
  replayStatus?: (stored: number) => number;
}

/** A preHandler that may answer the request itself (a replay): it then resolves to the reply. */
export type IdempotencyPreHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply | undefined>;

export interface IdempotencyHooks {
  /** The preHandler that opts a route in; list it after the authentication preHandler. */
  guard(options?: IdempotencyOptions): IdempotencyPreHandler;
  /**
   * The same check from a handler, with the canonical request given: true when a stored answer was sent
   * (the handler returns `reply`), false when the request goes on (holding the key, or without one).
   */
  begin(
    request: FastifyRequest,
    reply: FastifyReply,
    canonical: unknown,
    options?: Pick<IdempotencyOptions, 'replayStatus'>,
  ): Promise<boolean>;
}

export interface IdempotencyDeps {
  db: Database;
  leaseSeconds?: number;
  ttlSeconds?: number;
  waitMs?: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** SHA-256 (hex) of the canonical JSON of a request. */
export const requestDigest = (canonical: unknown): string => sha256(canonicalJson(canonical ?? null));

/**
 * The Temporal Update id of a dossier action sent with a key: derived from the tenant, officer and key
 * (and the operation and request the key is bound to, so that a key reused after it expired is another
 * update), the same for every run of the request, so a re-run after a crash cannot apply it twice.
 * Undefined without a key.
 */
export function idempotentUpdateId(request: FastifyRequest): string | undefined {
  const r = request.idempotency;
  if (!r) return undefined;
  return `idem-${sha256(canonicalJson([r.tenant, r.officerId, r.key, r.operation, r.requestDigest]))}`;
}

/**
 * Records, in the operation's transaction, what the request created (see {@link IdempotencyReservation}
 * `resource`). Throws 409 `IDEMPOTENCY_KEY_IN_PROGRESS` when the request lost its lease to a take-over:
 * the transaction rolls back and the other run creates it.
 */
export async function recordResource(
  trx: Database,
  reservation: IdempotencyReservation | undefined,
  resource: string,
): Promise<void> {
  if (!reservation) return;
  if (!(await recordIdempotentResource(trx, reservation, resource))) throw inProgress();
}

const reused = () =>
  new ApiError(
    422,
    IdempotencyErrorCode.REUSED,
    'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.',
    FIELD,
    [{ field: FIELD, message: 'Khóa đã được dùng cho một yêu cầu khác; hãy dùng khóa mới.' }],
  );

const inProgress = () =>
  new ApiError(
    409,
    IdempotencyErrorCode.IN_PROGRESS,
    'Yêu cầu với khóa Idempotency-Key này đang được xử lý, vui lòng thử lại sau giây lát.',
    FIELD,
  );

function defaultCanonical(request: FastifyRequest): unknown {
  const withQuery = request.routeOptions.schema?.querystring !== undefined;
  return {
    params: request.params ?? {},
    body: request.body ?? null,
    ...(withQuery ? { query: request.query ?? {} } : {}),
  };
}

function operationOf(request: FastifyRequest): string {
  const schema = request.routeOptions.schema as { operationId?: unknown } | undefined;
  return typeof schema?.operationId === 'string'
    ? schema.operationId
    : `${request.method} ${request.routeOptions.url ?? request.url}`;
}

/**
 * Installs the hook that stores each answer of a request holding a key (before it is sent), and returns
 * the route hooks. Call once, before the routes are registered.
 */
export function installIdempotency(app: AppInstance, deps: IdempotencyDeps): IdempotencyHooks {
  const leaseSeconds = deps.leaseSeconds ?? LEASE_SECONDS;
  const ttlSeconds = deps.ttlSeconds ?? TTL_SECONDS;
  const waitMs = deps.waitMs ?? WAIT_MS;
  if (!app.hasRequestDecorator('idempotency')) app.decorateRequest('idempotency', undefined);

  app.addHook('onSend', async (request, reply, payload) => {
    const reservation = request.idempotency;
    if (!reservation) return payload;
    request.idempotency = undefined;
    const statusCode = reply.statusCode;
    try {
      const body = statusCode < 500 && typeof payload === 'string' ? parseJson(payload) : undefined;
      if (body === undefined) {
        // 5xx (or an answer that is not JSON): nothing to replay; the next same request runs it again.
        await lapseIdempotentLease(deps.db, reservation);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      const stored = await storeIdempotentAnswer(deps.db, reservation, { statusCode, body, headers });
      if (!stored)
        request.log.warn({ key: reservation.key }, 'idempotency: lease taken over, answer not stored');
    } catch (err) {
      // The answer still goes out; the key's lease lapses and the next same request runs it again.
      request.log.error({ err, key: reservation.key }, 'idempotency: could not store the answer');
    }
    return payload;
  });

  function replay(
    reply: FastifyReply,
    row: IdempotentRequestRow,
    replayStatus: ((stored: number) => number) | undefined,
  ): void {
    const status = row.status_code ?? 200;
    void reply
      .status(replayStatus ? replayStatus(status) : status)
      .headers(row.response_headers)
      .header(IDEMPOTENT_REPLAYED_HEADER, 'true')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(row.response_body));
  }

  async function begin(
    request: FastifyRequest,
    reply: FastifyReply,
    canonical: unknown,
    options: Pick<IdempotencyOptions, 'replayStatus'> = {},
  ): Promise<boolean> {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string') return false;
    const principal = principalOf(request);
    const binding = {
      tenant: principal.tenant,
      key,
      officerId: principal.officerId,
      operation: operationOf(request),
      requestDigest: requestDigest(canonical),
    };
    const hold = (row: IdempotentRequestRow): false => {
      request.idempotency = { ...binding, leaseToken: row.lease_token, resource: row.resource };
      return false;
    };
    const deadline = Date.now() + waitMs;
    for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
      const leaseToken = randomUUID();
      const reserved = await reserveIdempotentRequest(deps.db, {
        ...binding,
        leaseToken,
        leaseSeconds,
        ttlSeconds,
      });
      if (reserved) return hold(reserved);
      const found = await findIdempotentRequest(deps.db, binding.tenant, key);
      if (!found) continue; // expired meanwhile: reserve again
      if (
        found.officer_id !== binding.officerId ||
        found.operation !== binding.operation ||
        found.request_digest !== binding.requestDigest
      ) {
        throw reused();
      }
      if (found.status_code !== null) {
        replay(reply, found, options.replayStatus);
        return true;
      }
      if (found.lease_lapsed) {
        const taken = await takeOverIdempotentRequest(deps.db, {
          tenant: binding.tenant,
          key,
          leaseToken,
          leaseSeconds,
        });
        if (taken) {
          request.log.warn({ key, operation: binding.operation }, 'idempotency: took over a lapsed lease');
          return hold(taken);
        }
        continue;
      }
      if (Date.now() + pause > deadline) {
        void reply.header('retry-after', '1');
        throw inProgress();
      }
      await sleep(pause);
    }
  }

  function guard(options: IdempotencyOptions = {}): IdempotencyPreHandler {
    const canonical = options.canonical ?? defaultCanonical;
    // Returning the reply after sending it tells Fastify the request is answered (no handler).
    return async (request, reply) =>
      (await begin(request, reply, canonical(request), options)) ? reply : undefined;
  }

  return { guard, begin };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
