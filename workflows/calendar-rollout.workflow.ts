import { continueAsNew, getExternalWorkflowHandle, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { calendarPublishedSignal } from './dossier/messages.js';

const { listOpenDossierCodes, calendarVersionExists } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Dossiers signalled per page, and pages per run before the history is rolled over. */
const PAGE = 200;
const PAGES_PER_RUN = 5;

export interface CalendarRolloutInput {
  tenant: string;
  version: number;
  /** Resume after this dossier code (continue-as-new). */
  after?: string;
  signalled?: number;
}

/** Workflow ID of the rollout of one calendar version: publishing twice starts it once. */
export const calendarRolloutWorkflowId = (tenant: string, version: number): string =>
  `calendar-rollout:${tenant}:${version}`;

/**
 * Tells every open dossier of the tenant that calendar `version` was published, page by page (by dossier
 * code), so each counts its deadlines again. Durable: a restart resumes at the page it was on; a dossier
 * that finished meanwhile is skipped.
 */
export async function calendarRolloutWorkflow(input: CalendarRolloutInput): Promise<{ signalled: number }> {
  // Started inside the publication's transaction: wait until it is committed (seen by the dossiers'
  // own reads), or give up when it never is (rolled back).
  if (input.after === undefined) {
    let published = await calendarVersionExists(input);
    for (let i = 0; i < 30 && !published; i++) {
      await sleep('2 seconds');
      published = await calendarVersionExists(input);
    }
    if (!published) {
      log.warn('calendar version never published; nothing to roll out', { ...input });
      return { signalled: 0 };
    }
  }
  let after = input.after ?? '';
  let signalled = input.signalled ?? 0;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const codes = await listOpenDossierCodes({ tenant: input.tenant, after, limit: PAGE });
    if (codes.length === 0) {
      log.info('calendar rollout finished', { tenant: input.tenant, version: input.version, signalled });
      return { signalled };
    }
    await Promise.all(
      codes.map((code) =>
        getExternalWorkflowHandle(code)
          .signal(calendarPublishedSignal, { tenant: input.tenant, version: input.version })
          .then(
            () => void signalled++,
            // Closed since it was listed (returned, refused…): nothing to recount.
            (err: unknown) => log.info('dossier not signalled', { code, err }),
          ),
      ),
    );
    after = codes[codes.length - 1]!;
  }
  return continueAsNew<typeof calendarRolloutWorkflow>({ ...input, after, signalled });
}
