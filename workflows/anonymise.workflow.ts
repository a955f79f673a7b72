import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { anonymiseBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // The activity heartbeats while its transaction runs: a lost attempt is retried within a minute.
  heartbeatTimeout: '1 minute',
  // A batch is one transaction and idempotent (anonymised dossiers are not picked again).
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Schedule ID (and workflow ID prefix) of the daily personal data retention job. */
export const ANONYMISE_SCHEDULE_ID = 'anonymise-personal-data';

/** Batches run before the workflow continues as new (keeps its history short). */
const BATCHES_PER_RUN = 100;

/** What one run (and its continuations) anonymised. */
export interface AnonymiseTotals {
  dossiers: number;
  guidances: number;
  citizens: number;
}

/**
 * The personal data retention job (docs/personal-data.md), started daily by a Schedule: anonymises archived
 * dossiers past their retention in batches until none is left, continuing as new when long.
 */
export async function anonymiseWorkflow(
  input: { limit?: number; totals?: AnonymiseTotals } = {},
): Promise<AnonymiseTotals> {
  const totals = { ...(input.totals ?? { dossiers: 0, guidances: 0, citizens: 0 }) };
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const batch = await anonymiseBatch({ limit: input.limit });
    totals.dossiers += batch.codes.length;
    totals.guidances += batch.guidances;
    totals.citizens += batch.citizens;
    if (batch.codes.length + batch.guidances === 0) return totals;
  }
  return continueAsNew<typeof anonymiseWorkflow>({ limit: input.limit, totals });
}
