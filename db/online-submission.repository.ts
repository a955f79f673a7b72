import type { Executor } from './database.js';
import type {
  CompletionRequest,
  NewOnlineSubmissionRow,
  OnlineSubmissionEventRow,
  OnlineSubmissionEventType,
  OnlineSubmissionRow,
  OnlineSubmissionStatus,
  SubmittedComponent,
} from './online-submission.table.js';

/** Stores a new submission (status pending). */
export function insertOnlineSubmission(
  db: Executor,
  row: NewOnlineSubmissionRow,
): Promise<OnlineSubmissionRow> {
  return db.insertInto('online_submission').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The submission with this code, if any. */
export function findOnlineSubmission(db: Executor, code: string): Promise<OnlineSubmissionRow | undefined> {
  return db.selectFrom('online_submission').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The submission with this code, locked until the caller's transaction ends (decisions serialise on it). */
export function lockOnlineSubmission(db: Executor, code: string): Promise<OnlineSubmissionRow | undefined> {
  return db
    .selectFrom('online_submission')
    .selectAll()
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** What a decision or a completion changes on a submission. */
export interface SubmissionChange {
  status: OnlineSubmissionStatus;
  at: number;
  decidedBy?: string;
  refusalReason?: string;
  completionRequest?: CompletionRequest | null;
  components?: SubmittedComponent[];
}

/** Moves a submission to its new status (the caller holds its lock). */
export async function updateOnlineSubmission(db: Executor, code: string, c: SubmissionChange): Promise<void> {
  const final = c.status === 'accepted' || c.status === 'refused';
  await db
    .updateTable('online_submission')
    .set({
      status: c.status,
      updated_at: new Date(c.at),
      ...(final ? { decided_at: new Date(c.at), decided_by: c.decidedBy ?? null } : {}),
      ...(c.refusalReason !== undefined ? { refusal_reason: c.refusalReason } : {}),
      ...(c.completionRequest !== undefined
        ? { completion_request: c.completionRequest ? JSON.stringify(c.completionRequest) : null }
        : {}),
      ...(c.components ? { components: JSON.stringify(c.components) } : {}),
    })
    .where('code', '=', code)
    .execute();
}

/** Appends one entry to a submission's history. */
export async function appendOnlineSubmissionEvent(
  db: Executor,
  e: {
    code: string;
    at: number;
    type: OnlineSubmissionEventType;
    actorKind: 'citizen' | 'officer';
    actor: string;
    payload?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('online_submission_event')
    .values({
      submission_code: e.code,
      at: new Date(e.at),
      type: e.type,
      actor_kind: e.actorKind,
      actor: e.actor,
      payload: JSON.stringify(e.payload ?? {}),
    })
    .execute();
}

/** A submission's history, oldest first. */
export function listOnlineSubmissionEvents(db: Executor, code: string): Promise<OnlineSubmissionEventRow[]> {
  return db
    .selectFrom('online_submission_event')
    .selectAll()
    .where('submission_code', '=', code)
    .orderBy('id')
    .execute();
}

/** The officers' queue: one status of a tenant (optionally one receiving unit), oldest first. */
export async function listOnlineSubmissions(
  db: Executor,
  f: {
    tenant: string;
    status: OnlineSubmissionStatus;
    receivingUnit?: string;
    limit: number;
    offset: number;
  },
): Promise<{ rows: OnlineSubmissionRow[]; total: number }> {
  let query = db
    .selectFrom('online_submission')
    .where('tenant', '=', f.tenant)
    .where('status', '=', f.status);
  if (f.receivingUnit !== undefined) query = query.where('receiving_unit', '=', f.receivingUnit);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('submitted_at').orderBy('code').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A citizen's submissions, newest first. */
export function listCitizenSubmissions(db: Executor, personalId: string): Promise<OnlineSubmissionRow[]> {
  return db
    .selectFrom('online_submission')
    .selectAll()
    .where('personal_id', '=', personalId)
    .orderBy('submitted_at', 'desc')
    .orderBy('code', 'desc')
    .execute();
}
