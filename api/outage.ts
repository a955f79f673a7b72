import {
  isGrpcServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { isConnectTimeout, isDatabaseUnavailable } from '../db/database.js';

/**
 * When a dependency of a request (PostgreSQL, Temporal, a worker of the task queue) does not answer, the
 * API answers 503 `SERVICE_UNAVAILABLE` with `Retry-After` instead of 500 or an endless wait: the request
 * is not at fault and may be sent again. What each case looks like, and the bound of the waits on Temporal.
 */

/**
 * How long a request waits for Temporal (`ACTION_TIMEOUT_MS`): an officer action's Update until its event
 * is stored, a workflow start. A healthy action takes a fraction of a second (docs/benchmarks.md); the
 * first action on a dossier whose worker crashed waits for the sticky task queue's 10 s schedule-to-start
 * timeout before another worker replays it (found by test/national-sync-crash.test.ts), and a worker
 * restart or an audit write retried through a short database blip take a few seconds more, so 20 s lets
 * those finish while staying under a reverse proxy's usual 30–60 s read timeout;
 * past it the answer is 503 and a retry with the same Idempotency-Key gets the same Update's outcome.
 */
export const DEFAULT_ACTION_TIMEOUT_MS = 20_000;

/**
 * Seconds a client waits before retrying when the database had no connection free in time: a burst
 * drains in about that, and the pool's own wait (`connectionTimeoutMillis`) has already passed.
 */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * Seconds a client waits before retrying when PostgreSQL or Temporal cannot be reached, or an action was
 * not confirmed in time: a restart or fail-over of either takes seconds, and a worker back on the task
 * queue runs the waiting Update at once. Long enough not to hammer a recovering server.
 */
export const DEPENDENCY_DOWN_RETRY_AFTER_SECONDS = 5;

/** Why a request could not be served for now; the answer is 503 with `Retry-After`. */
export interface Outage {
  /** For the log: what did not answer. */
  reason: 'database_busy' | 'database_unavailable' | 'temporal_unavailable' | 'action_timeout';
  // `database_unavailable` also names a socket error (refused, reset, host unknown) of another server that
  // reached the handler unhandled; the routes' other outside calls (OpenID provider, mail) handle their own.
  retryAfterSeconds: number;
  /** Vietnamese, for people. */
  message: string;
}

/**
 * gRPC statuses of a Temporal frontend that cannot be reached (`UNAVAILABLE`, after the client's own
 * retries), did not answer within the call's deadline (`DEADLINE_EXCEEDED`) or sheds load
 * (`RESOURCE_EXHAUSTED`).
 */
const GRPC_UNAVAILABLE = new Set([
  14, // UNAVAILABLE
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
]);

/** Whether `err` or an error it wraps as `cause` is a Temporal call that could not be made for now. */
export function isTemporalUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && GRPC_UNAVAILABLE.has(e.code)) return true;
  }
  return false;
}

const BUSY = 'Hệ thống đang bận, vui lòng thử lại sau ít giây.';
const DOWN = 'Hệ thống đang tạm gián đoạn, vui lòng thử lại sau.';
const ACTION_PENDING = 'Hệ thống đang bận, thao tác chưa được xác nhận; vui lòng thử lại sau ít giây.';

/** The outage `err` says happened, or undefined for any other error. */
export function outageOf(err: unknown): Outage | undefined {
  if (isConnectTimeout(err)) {
    return { reason: 'database_busy', retryAfterSeconds: DATABASE_BUSY_RETRY_AFTER_SECONDS, message: BUSY };
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    // The Update was sent but not completed in time (no worker on the task queue, or its audit write
    // still retrying): it may still run; the same Update id gets its outcome.
    return {
      reason: 'action_timeout',
      retryAfterSeconds: DEPENDENCY_DOWN_RETRY_AFTER_SECONDS,
      message: ACTION_PENDING,
    };
  }
  if (isTemporalUnavailable(err)) {
    return {
      reason: 'temporal_unavailable',
      retryAfterSeconds: DEPENDENCY_DOWN_RETRY_AFTER_SECONDS,
      message: DOWN,
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      reason: 'database_unavailable',
      retryAfterSeconds: DEPENDENCY_DOWN_RETRY_AFTER_SECONDS,
      message: DOWN,
    };
  }
  return undefined;
}

/**
 * Runs `call` (one or more Temporal client calls) with a gRPC deadline `timeoutMs` from now: every RPC
 * still pending then fails with `DEADLINE_EXCEEDED` (an Update with
 * `WorkflowUpdateRPCTimeoutOrCancelledError`) and nothing keeps waiting in the background. The work the
 * server already accepted is not undone: an admitted Update still runs when a worker takes it, a start
 * may have happened (callers say how a retry finds it).
 */
export function withinDeadline<T>(
  client: Pick<Client, 'withDeadline'>,
  call: () => Promise<T>,
  timeoutMs: number = DEFAULT_ACTION_TIMEOUT_MS,
): Promise<T> {
  return client.withDeadline(Date.now() + timeoutMs, call);
}
