import { Context, log } from '@temporalio/activity';
import { anonymiseDueDossiers, type AnonymisationBatch } from '../db/anonymisation.repository.js';
import type { Database } from '../db/database.js';
import { whileHeartbeating } from './heartbeat.js';

/** Dossiers anonymised per activity call (one transaction). */
export const ANONYMISE_BATCH_SIZE = 200;

/** What the anonymisation needs: the database and the retention period (PERSONAL_DATA_RETENTION_YEARS). */
export interface AnonymisationDeps {
  db: Database;
  retentionYears: number;
}

/** Activities of the personal data retention job (docs/personal-data.md). */
export function createAnonymisationActivities(deps: AnonymisationDeps) {
  return {
    /** One batch: see {@link anonymiseDueDossiers}. Logs counts and dossier codes only. */
    async anonymiseBatch(
      input: { limit?: number } = {},
    ): Promise<Omit<AnonymisationBatch, 'finishedBefore'>> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? 'manual';
      const batch = await whileHeartbeating(() =>
        anonymiseDueDossiers(deps.db, {
          retentionYears: deps.retentionYears,
          limit: input.limit ?? ANONYMISE_BATCH_SIZE,
          actor: `system:anonymise:${workflowId}`,
        }),
      );
      const { codes, guidances, citizens } = batch;
      if (codes.length + guidances + citizens > 0) {
        log.info('personal data anonymised', { dossiers: codes.length, guidances, citizens });
      }
      return { codes, guidances, citizens };
    },
  };
}
