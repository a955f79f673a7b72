import { ApplicationFailure, log } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { applyDossierEvent, type DossierEventInput } from '../db/dossier.repository.js';
import type { DB } from '../db/schema.js';

/** What the dossier activities need. */
export interface DossierActivityDeps {
  db: Kysely<DB>;
}

/** Codes of the non-retryable failures of the dossier activities (for `nonRetryableErrorTypes`). */
export const DossierActivityErrors = {
  /** The event does not fit the state it comes with (a workflow bug): retrying cannot help. */
  invalidEvent: 'DOSSIER.INVALID_EVENT',
  /** Another event is already stored under this (code, seq): the audit chain never changes. */
  eventConflict: 'DOSSIER.EVENT_CONFLICT',
} as const;

/** Activities that persist a dossier's progress: audit chain and projection. */
export function createDossierActivities({ db }: DossierActivityDeps) {
  return {
    /**
     * Appends the event to the hash-chained audit trail and updates the projection, idempotently on
     * (dossier code, seq): safe under activity retries and workflow replays. A missing dossier row or
     * previous event is transient (plain Error, retried).
     */
    async recordDossierEvent(input: DossierEventInput): Promise<{ applied: boolean }> {
      const { event, state } = input;
      if (!Number.isSafeInteger(event.seq) || event.seq < 1 || event.dossierCode !== state.code) {
        throw ApplicationFailure.nonRetryable(
          `event ${event.dossierCode}#${event.seq} does not fit state ${state.code}#${state.seq}`,
          DossierActivityErrors.invalidEvent,
        );
      }
      const result = await applyDossierEvent(db, input);
      const meta = { dossierCode: event.dossierCode, seq: event.seq, type: event.type, hash: result.hash };
      if (result.applied) {
        log.info('dossier event recorded', meta);
      } else if (result.identical) {
        log.info('dossier event already recorded', meta);
      } else {
        log.error('dossier event conflicts with the stored one', meta);
        throw ApplicationFailure.nonRetryable(
          `another event ${event.dossierCode}#${event.seq} is already stored`,
          DossierActivityErrors.eventConflict,
        );
      }
      return { applied: result.applied };
    },
  };
}

export type DossierActivities = ReturnType<typeof createDossierActivities>;
