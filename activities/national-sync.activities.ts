import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { kickNationalSync } from '../common/national-sync-kick.js';
import type { Database } from '../db/database.js';
import {
  hasPendingStatuses,
  lastNationalStatus,
  listDossiersPendingSince,
  listStatusesToPush,
  markStatusDelivered,
  markStatusFailed,
} from '../db/national-sync.repository.js';
import { finalNationalStatuses } from '../domain/national-sync/document.js';
import { pushStatusDocument, type NationalPortalTarget } from './national-portal-client.js';

/** The Temporal client of the worker and the task queue its workflows run on. */
export interface TemporalTarget {
  client: Client;
  taskQueue: string;
}

export interface NationalSyncActivityDeps {
  db: Database;
  /** Without it statuses stay pending in the outbox and nobody is kicked. */
  portal?: NationalPortalTarget;
  temporal?: TemporalTarget;
}

/** What one push round did (see {@link createNationalSyncActivities}). */
export interface PushRound {
  /** False: no portal is configured; the statuses stay pending. */
  configured: boolean;
  delivered: number;
  /** Statuses still to push after this round (a failure stops the round; a long backlog is cut in rounds). */
  remaining: number;
  /** The first failure of the round, which stopped it. */
  failure: { statusSeq: number; error: string; retryable: boolean } | null;
  /** The dossier's last status is final (3, 8, 10). */
  final: boolean;
}

/** Statuses pushed per round at most, and the time after which a round starts no new request. */
const ROUND_ROWS = 20;
const ROUND_BUDGET_MS = 5_000;

/**
 * Kicks the dossier's pusher when it has statuses to deliver, best effort: a failure is logged, not
 * thrown (the audit event is stored; the safety-net schedule kicks the dossier within minutes).
 */
export function nationalSyncKicker(deps: NationalSyncActivityDeps) {
  return async (dossierCode: string, appended: boolean): Promise<void> => {
    const { portal, temporal } = deps;
    if (!portal || !temporal) return;
    try {
      if (appended || (await hasPendingStatuses(deps.db, dossierCode))) {
        await kickNationalSync(temporal.client, temporal.taskQueue, dossierCode);
      }
    } catch (err) {
      log.warn('national sync not kicked; the safety net will', { dossierCode, error: String(err) });
    }
  };
}

/** Activities of the national-portal sync: the push rounds of a dossier, the safety net's sweep. */
export function createNationalSyncActivities(deps: NationalSyncActivityDeps) {
  const { db, portal, temporal } = deps;
  return {
    /**
     * Pushes the dossier's pending statuses (or all of them, `resendAll`) in order, marking each
     * delivered; stops at the first failure, recording it on its row, so a status never overtakes an
     * earlier one. Failures are returned, not thrown: the workflow waits them out with durable timers.
     */
    async pushNationalStatuses(input: { dossierCode: string; resendAll?: boolean }): Promise<PushRound> {
      const { dossierCode } = input;
      const final = async () => {
        const last = await lastNationalStatus(db, dossierCode);
        return last !== null && finalNationalStatuses.has(last);
      };
      if (!portal)
        return { configured: false, delivered: 0, remaining: 0, failure: null, final: await final() };
      const rows = await listStatusesToPush(db, dossierCode, { all: input.resendAll, limit: ROUND_ROWS });
      const started = Date.now();
      let delivered = 0;
      let failure: PushRound['failure'] = null;
      for (const row of rows) {
        if (Date.now() - started > ROUND_BUDGET_MS) break;
        const outcome = await pushStatusDocument(portal, row.document);
        if (!outcome.ok) {
          await markStatusFailed(db, row.id, outcome.error);
          failure = { statusSeq: row.status_seq, error: outcome.error, retryable: outcome.retryable };
          log.warn('national status not delivered', { dossierCode, ...failure });
          break;
        }
        await markStatusDelivered(db, row.id);
        delivered += 1;
      }
      const remaining = (await listStatusesToPush(db, dossierCode, { limit: ROUND_ROWS })).length;
      if (delivered > 0) log.info('national statuses delivered', { dossierCode, delivered, remaining });
      return { configured: true, delivered, remaining, failure, final: await final() };
    },

    /**
     * The safety net (a Schedule every 10 minutes): kicks the pusher of every dossier with a status
     * pending since before `olderThanMs` ago, in case the kick after its commit was lost to a crash.
     */
    async kickPendingNationalSyncs(input: {
      olderThanMs: number;
      limit: number;
    }): Promise<{ kicked: number }> {
      if (!portal || !temporal) return { kicked: 0 };
      const codes = await listDossiersPendingSince(db, new Date(Date.now() - input.olderThanMs), input.limit);
      for (const code of codes) await kickNationalSync(temporal.client, temporal.taskQueue, code);
      if (codes.length > 0) log.info('national sync kicked by the safety net', { kicked: codes.length });
      return { kicked: codes.length };
    },
  };
}

export type NationalSyncActivities = ReturnType<typeof createNationalSyncActivities>;
