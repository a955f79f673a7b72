import { ApplicationFailure, log } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { applyDossierEvent, type DossierEventInput } from '../db/dossier.repository.js';
import { closeDossierIncident, openDossierIncident, type IncidentReport } from '../db/incident.repository.js';
import type { IncidentResolution } from '../db/incident.table.js';
import type { DB } from '../db/schema.js';

/** What the dossier activities need. */
export interface DossierActivityDeps {
  db: Kysely<DB>;
  /**
   * Kicks the dossier's national-sync pusher after the event's transaction committed (`appended`: it
   * recorded a national status; else only when statuses are pending, e.g. a retry after a crash).
   */
  kickNationalSync?: (dossierCode: string, appended: boolean) => Promise<void>;
}

/** Codes of the non-retryable failures of the dossier activities (for `nonRetryableErrorTypes`). */
export const DossierActivityErrors = {
  /** The event does not fit the state it comes with (a workflow bug): retrying cannot help. */
  invalidEvent: 'DOSSIER.INVALID_EVENT',
  /** Another event is already stored under this (code, seq): the audit chain never changes. */
  eventConflict: 'DOSSIER.EVENT_CONFLICT',
  /** PostgreSQL refused the event for good (a data exception or a constraint): retrying cannot help. */
  storageRejected: 'DOSSIER.STORAGE_REJECTED',
} as const;

/**
 * SQLSTATE classes that no retry can cure: 22 data exception (e.g. 22P05 a NUL character in jsonb, 22021
 * in text) and 23 integrity constraint violation. Anything else (connection loss, 40 serialization, 53
 * resources, 57 operator intervention) is transient and retried.
 */
const PERMANENT_SQLSTATE = /^(22|23)[0-9A-Z]{3}$/;

/** The SQLSTATE of a pg error, if it is one. */
export function sqlStateOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Activities that persist a dossier's progress: audit chain, projection, storage incidents. */
export function createDossierActivities({ db, kickNationalSync }: DossierActivityDeps) {
  return {
    /**
     * Appends the event to the hash-chained audit trail and updates the projection, idempotently on
     * (dossier code, seq): safe under activity retries and workflow replays. A missing dossier row or
     * previous event is transient (plain Error, retried); an event PostgreSQL refuses for good is a
     * non-retryable `DOSSIER.STORAGE_REJECTED` (the workflow opens an incident instead of retrying).
     */
    async recordDossierEvent(input: DossierEventInput): Promise<{ applied: boolean }> {
      const { event, state } = input;
      if (!Number.isSafeInteger(event.seq) || event.seq < 1 || event.dossierCode !== state.code) {
        throw ApplicationFailure.nonRetryable(
          `event ${event.dossierCode}#${event.seq} does not fit state ${state.code}#${state.seq}`,
          DossierActivityErrors.invalidEvent,
        );
      }
      let result;
      try {
        result = await applyDossierEvent(db, input);
      } catch (err) {
        const sqlState = sqlStateOf(err);
        if (sqlState && PERMANENT_SQLSTATE.test(sqlState)) {
          const message = err instanceof Error ? err.message : String(err);
          log.error('dossier event refused by the database', {
            dossierCode: event.dossierCode,
            seq: event.seq,
            type: event.type,
            sqlState,
            error: message,
          });
          throw ApplicationFailure.create({
            type: DossierActivityErrors.storageRejected,
            message: `event ${event.dossierCode}#${event.seq} refused by the database: ${message}`,
            nonRetryable: true,
            details: [sqlState],
          });
        }
        throw err;
      }
      const meta = { dossierCode: event.dossierCode, seq: event.seq, type: event.type, hash: result.hash };
      if (result.applied) {
        log.info('dossier event recorded', meta);
      } else if (result.identical) {
        log.info(
          result.remade
            ? 'dossier event already recorded by a lost workflow task (its first instant kept)'
            : 'dossier event already recorded',
          meta,
        );
      } else {
        log.error('dossier event conflicts with the stored one', meta);
        throw ApplicationFailure.nonRetryable(
          `another event ${event.dossierCode}#${event.seq} is already stored`,
          DossierActivityErrors.eventConflict,
        );
      }
      await kickNationalSync?.(event.dossierCode, result.applied && result.nationalStatusRecorded);
      return { applied: result.applied };
    },

    /**
     * Opens the dossier's storage incident and flags its projection row (idempotent: the open incident is
     * given back on a retry). The workflow then waits for an administrator.
     */
    async openDossierIncident(report: IncidentReport): Promise<{ incidentId: string; flaggedAt: number }> {
      const row = await openDossierIncident(db, report);
      log.warn('dossier needs attention', {
        dossierCode: report.dossierCode,
        seq: report.seq,
        incidentId: row.id,
        errorCode: report.errorCode,
      });
      return { incidentId: String(row.id), flaggedAt: row.flagged_at.getTime() };
    },

    /** Closes the dossier's open incident as the administrator decided and clears the flag. */
    async closeDossierIncident(input: {
      dossierCode: string;
      resolution: IncidentResolution;
      resolvedBy: string;
      note: string;
    }): Promise<void> {
      await closeDossierIncident(db, input);
      log.info('dossier incident resolved', {
        dossierCode: input.dossierCode,
        resolution: input.resolution,
        resolvedBy: input.resolvedBy,
      });
    },
  };
}

export type DossierActivities = ReturnType<typeof createDossierActivities>;
