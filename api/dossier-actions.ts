import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  DossierRejection,
  type Actor,
  type DossierAction,
  type DossierState,
} from '../domain/dossier/index.js';
import { canWrite } from '../domain/roles.js';
import { storableText } from '../domain/text.js';
import type { Database } from '../db/database.js';
import { insertDossierRejection } from '../db/dossier.repository.js';
import { dossierActionUpdate } from '../workflows/dossier/messages.js';
import { ApiError } from './errors.js';
import { withinDeadline } from './outage.js';

const statusOfKind: Record<string, number> = { forbidden: 403, conflict: 409, invalid: 400 };

export interface ActionDeps {
  db: Database;
  client: Client;
  /** How long the Update may take (`ACTION_TIMEOUT_MS`); default `DEFAULT_ACTION_TIMEOUT_MS`. */
  actionTimeoutMs?: number | undefined;
}

/**
 * The rejection carried by a failed update: its stable code, HTTP status (from its kind), Vietnamese
 * message and, when the workflow names one, the request field at fault (`body.<name>`).
 */
export function rejectionOf(
  err: unknown,
): { code: string; status: number; message: string; field?: string } | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure) || !cause.type) return undefined;
  const kind = typeof cause.details?.[0] === 'string' ? cause.details[0] : 'conflict';
  const field = typeof cause.details?.[1] === 'string' ? `body.${cause.details[1]}` : undefined;
  return {
    code: cause.type,
    status: statusOfKind[kind] ?? 409,
    message: cause.message,
    ...(field ? { field } : {}),
  };
}

/** The API error of a rejection, with the field at fault when there is one. */
export function rejectionError(rejection: NonNullable<ReturnType<typeof rejectionOf>>): ApiError {
  const { status, code, message, field } = rejection;
  return field
    ? new ApiError(status, code, message, field, [{ field, message }])
    : new ApiError(status, code, message);
}

export function isClosedWorkflowError(err: unknown): boolean {
  return /already completed|workflow execution already finished|not found/i.test(
    String((err as Error)?.message),
  );
}

/**
 * Sends an officer action to the dossier's workflow as an Update and waits for its audit event to be
 * stored. A rejection (state, role, division) answers 403/409/400 with the workflow's code and is
 * recorded in `dossier_rejection`; the dossier does not change. A read-only role (thanh tra) is refused
 * 403 before anything else, whatever the dossier's state. `updateId` (from the request's Idempotency-Key,
 * see `idempotentUpdateId`) makes a retry of the same request the same Update, which Temporal runs once;
 * without one, each call is a new Update.
 *
 * The wait is bounded by `actionTimeoutMs` (a gRPC deadline on every call of the Update): when no worker
 * takes the dossier's task (none polls its queue) or its event cannot be stored yet, the client's
 * `WorkflowUpdateRPCTimeoutOrCancelledError` goes to the error handler, which answers 503 with
 * `Retry-After` (`api/outage.ts`). The Update may still run once a worker comes: a retry with the same
 * Idempotency-Key sends the same Update id and gets that Update's outcome (Temporal runs an id once).
 */
export async function performDossierAction(
  deps: ActionDeps,
  code: string,
  action: DossierAction,
  actor: Actor,
  updateId: string | undefined,
): Promise<DossierState> {
  if (!canWrite(actor.role)) {
    const rejection = DossierRejection.readOnlyRole();
    throw await recorded(deps, code, action, actor, new ApiError(403, rejection.code, rejection.message));
  }
  try {
    const id = updateId ?? randomUUID();
    return await withinDeadline(
      deps.client,
      () =>
        deps.client.workflow
          .getHandle(code)
          .executeUpdate(dossierActionUpdate, { args: [{ action, actor }], updateId: id }),
      deps.actionTimeoutMs,
    );
  } catch (err) {
    const rejection = rejectionOf(err);
    const answer = rejection
      ? rejectionError(rejection)
      : err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)
        ? new ApiError(409, 'DOSSIER.CLOSED', 'Hồ sơ đã kết thúc, không thể thao tác thêm.')
        : undefined;
    if (!answer) throw err;
    throw await recorded(deps, code, action, actor, answer);
  }
}

/** Records a refused attempt in `dossier_rejection` and gives back the answer. */
async function recorded(
  deps: ActionDeps,
  code: string,
  action: DossierAction,
  actor: Actor,
  answer: ApiError,
): Promise<ApiError> {
  await insertDossierRejection(deps.db, {
    dossier_code: code,
    actor_id: actor.officerId,
    actor_username: actor.username,
    actor_role: actor.role,
    action: action.type,
    code: answer.code,
    message: answer.message,
    // What the officer sent may hold text the database cannot store (it was refused for that): kept storable.
    payload: JSON.stringify(action, (_key, value: unknown) =>
      typeof value === 'string' ? storableText(value) : value,
    ),
  });
  return answer;
}
