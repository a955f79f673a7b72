import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// timestamptz -> Date (default), int8 -> number: our bigint columns are counters far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// date -> 'YYYY-MM-DD' string: a calendar date has no time zone, and a JS Date would invent one.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  /** Fail fast when the server is unreachable instead of queueing forever. */
  connectionTimeoutMs?: number;
  applicationName?: string;
}

export type Database = Kysely<DB>;

/**
 * What repository functions run their queries on: the database or one of its transactions
 * (`Transaction<DB>` extends `Kysely<DB>`, so either fits). A function that must run inside a transaction
 * takes `Transaction<DB>` instead.
 */
export type Executor = Kysely<DB>;

/**
 * pg's errors when no connection could be had within `connectionTimeoutMillis`: every client of the pool
 * busy (pg-pool's checkout timeout, e.g. under a burst of receipts), or the server slow to accept a new
 * one. pg gives them no code, only these messages (pg-pool 3, pg 8).
 */
const CONNECT_TIMEOUT_MESSAGES = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
]);

/**
 * Whether `err` (or an error it wraps as `cause`) is a connect timeout of the pool: the database is
 * saturated or slow for now, nothing is wrong with the request, and a retry shortly after may succeed.
 */
export function isConnectTimeout(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (CONNECT_TIMEOUT_MESSAGES.has(e.message)) return true;
  }
  return false;
}

/**
 * Node's socket errors of a server that cannot be reached or went away: refused, reset, unreachable,
 * timed out, its host name not resolvable (a stopped container's name disappears from Docker's DNS).
 */
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that refuses connections or drops them for now: `57P01` admin shutdown, `57P02`
 * crash shutdown, `57P03` cannot connect now (starting up, recovering), `53300` too many connections;
 * class `08` (connection exception) is matched as a class.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg's messages (no code) when the server closed the connection under a query or a pooled client. */
const CONNECTION_LOST_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * Whether `err` (or an error it wraps as `cause`, or one of an `AggregateError`'s) says PostgreSQL cannot
 * be reached or refuses connections for now: the request is not at fault, and the same request may
 * succeed once the server is back. A pool that is merely saturated is {@link isConnectTimeout}.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (UNREACHABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (CONNECTION_LOST_MESSAGES.has(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Creates the kysely instance over a pg pool. Call `db.destroy()` on shutdown. */
export function createDatabase(opts: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
    application_name: opts.applicationName ?? 'mot-cua',
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor a checked-out client between two queries (pg emits 'error' on the client itself then, which the
  // pool does not listen to while the client is out): the next query on it fails, and the pool drops it
  // when it is released. Found by the soak run (docs/soak.md): PostgreSQL killed, worker exited with 1.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
