import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type {
  OnlineSubmissionProgress,
  RequestedComponent,
} from '../workflows/online-submission/messages.js';

/** The payload of a `completion_requested` history entry (api/portal/online-decisions.ts). */
interface RequestPayload {
  components?: RequestedComponent[];
  note?: string;
}

/**
 * Where a submission stands in the database (docs/domain.md, "Online receipt"), for its workflow to mail
 * what it has not mailed yet: `exists: false` while the row is not there (not committed yet, or never).
 * An acceptance carries the received dossier's receipt time and appointment (same transaction, same code).
 */
export async function loadOnlineSubmissionProgress(
  db: Kysely<DB>,
  code: string,
): Promise<OnlineSubmissionProgress> {
  const row = await db
    .selectFrom('online_submission')
    .select(['status', 'decided_at', 'refusal_reason'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return { exists: false };
  const requests = await db
    .selectFrom('online_submission_event')
    .select(['at', 'payload'])
    .where('submission_code', '=', code)
    .where('type', '=', 'completion_requested')
    .orderBy('id')
    .execute();
  const last = requests.at(-1);
  const payload = (last?.payload ?? {}) as RequestPayload;
  const latestRequest = last
    ? {
        kind: 'completion_requested' as const,
        at: last.at.getTime(),
        components: payload.components ?? [],
        note: payload.note ?? '',
      }
    : null;
  return {
    exists: true,
    status: row.status,
    completionRequests: requests.length,
    latestRequest,
    decision: await decisionOf(db, code, row),
  };
}

async function decisionOf(
  db: Kysely<DB>,
  code: string,
  row: { status: string; decided_at: Date | null; refusal_reason: string | null },
): Promise<Extract<OnlineSubmissionProgress, { exists: true }>['decision']> {
  if (row.status === 'refused') {
    return { kind: 'refused', at: row.decided_at?.getTime() ?? 0, reason: row.refusal_reason ?? '' };
  }
  if (row.status !== 'accepted') return null;
  const dossier = await db
    .selectFrom('dossier')
    .select(['received_at', 'appointment_at'])
    .where('code', '=', code)
    .executeTakeFirst();
  // Stored in the acceptance's transaction: its absence is a fault to retry, not a state.
  if (!dossier) throw new Error(`online submission ${code} is accepted but its dossier is missing`);
  return {
    kind: 'accepted',
    at: dossier.received_at.getTime(),
    appointmentAt: dossier.appointment_at.getTime(),
  };
}
