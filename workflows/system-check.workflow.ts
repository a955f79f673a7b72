import { defineQuery, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { DossierTenant } from './search-attributes.js';

export interface SystemCheckInput {
  tenant: string;
  /** Absolute instant (epoch ms) to sleep until, on a durable timer. */
  wakeAt: number;
}

export interface SystemCheckResult {
  startedAt: number;
  wokeAt: number;
}

export const systemCheckPhaseQuery = defineQuery<'sleeping' | 'done'>('systemCheckPhase');

/**
 * Operational probe: proves end to end that the worker runs workflow code, that a durable timer
 * survives restarts (it may sleep for days) and that visibility indexes the tenant search attribute.
 * Started by operators (`temporal workflow start --type systemCheckWorkflow`) and by the test suite.
 */
export async function systemCheckWorkflow(input: SystemCheckInput): Promise<SystemCheckResult> {
  let phase: 'sleeping' | 'done' = 'sleeping';
  setHandler(systemCheckPhaseQuery, () => phase);
  upsertSearchAttributes([{ key: DossierTenant, value: input.tenant }]);
  const startedAt = workflowInfo().startTime.getTime();
  const wait = input.wakeAt - Date.now();
  if (wait > 0) await sleep(wait);
  phase = 'done';
  return { startedAt, wokeAt: Date.now() };
}
