import { condition, continueAsNew, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import {
  onlineCompletedSignal,
  onlineDecisionSignal,
  onlineSubmissionStateQuery,
  type OnlineSubmissionProgress,
  type OnlineSubmissionWorkflowInput,
  type OnlineWorkflowOutcome,
  type OnlineWorkflowStatus,
} from './messages.js';

const { notifyOnlineSubmission } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // An SMTP outage is waited out; the ledger sends each mail at most once.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
const { loadOnlineSubmissionProgress } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // A database outage is waited out (no attempt limit): a missing row is an answer, not a failure.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** While undecided, the database is read again this often, so a lost signal is made up within hours. */
export const RECHECK_MS = 2 * 60 * 60_000;
/** How long the first read waits for the submission's row (the API commits just after the start). */
export const ORPHAN_WAIT_MS = 10 * 60_000;
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;
/** Passes (wake-ups) per run before the history is rolled over. */
const PASSES_PER_RUN = 200;

type Found = Extract<OnlineSubmissionProgress, { exists: true }>;

/**
 * One online submission (docs/domain.md, "Online receipt"), from the citizen's filing to the desk's final
 * decision. PostgreSQL is the source of truth: after each wake-up (a signal from the API, or a durable
 * timer) the workflow reads where the submission stands and mails exactly what it has not mailed yet —
 * the acknowledgement, the latest completion request while the citizen is asked, the refusal or the
 * acceptance — through the ledger (once per key, so a duplicate wake-up never mails twice). While
 * undecided it sleeps until the check deadline (then, if still pending, the receiving unit's receivers
 * are reminded once) or the next re-check ({@link RECHECK_MS}), whichever comes first; it ends once the
 * final decision is mailed, or quietly when the submission's row never appears (its commit failed).
 */
export async function onlineSubmissionWorkflow(
  input: OnlineSubmissionWorkflowInput,
): Promise<OnlineWorkflowOutcome> {
  const { code } = input;
  let woken = false;
  let status: OnlineWorkflowStatus = 'pending';
  let reminded = input.carried?.reminded ?? false;
  let requestsMailed = input.carried?.completionRequestsMailed ?? 0;
  // The payloads are not trusted: a signal only says "read the database now".
  setHandler(onlineDecisionSignal, () => void (woken = true));
  setHandler(onlineCompletedSignal, () => void (woken = true));
  setHandler(onlineSubmissionStateQuery, () => ({ status, reminded }));

  let progress: Found;
  if (input.carried) {
    progress = await loadFound(code);
  } else {
    const first = await awaitRow(code, () => woken);
    if (!first) {
      log.warn('online submission never stored; its workflow ends', { code });
      return 'missing';
    }
    progress = first;
    await notifyOnlineSubmission({ code, kind: 'submitted' });
  }
  for (let pass = 0; ; pass++) {
    status = progress.status;
    const { latestRequest, decision } = progress;
    if (status === 'awaiting_completion' && latestRequest && progress.completionRequests > requestsMailed) {
      // Only the request the citizen is asked now: an earlier one was superseded.
      await notifyOnlineSubmission({ ...latestRequest, code, seq: progress.completionRequests });
      requestsMailed = progress.completionRequests;
    }
    if (decision) {
      await notifyOnlineSubmission({ ...decision, code });
      return decision.kind;
    }
    if (status === 'pending' && !reminded && Date.now() >= input.checkBy) {
      await notifyOnlineSubmission({ code, kind: 'check_due' });
      reminded = true;
    }
    if (pass >= PASSES_PER_RUN) {
      return continueAsNew<typeof onlineSubmissionWorkflow>({
        ...input,
        carried: { completionRequestsMailed: requestsMailed, reminded },
      });
    }
    const untilCheck = status === 'pending' && !reminded ? input.checkBy - Date.now() : RECHECK_MS;
    await condition(() => woken, Math.min(RECHECK_MS, untilCheck));
    woken = false;
    progress = await loadFound(code);
  }
}

/** The submission's progress; its row, once seen, never goes away. */
async function loadFound(code: string): Promise<Found> {
  const progress = await loadOnlineSubmissionProgress(code);
  if (!progress.exists) throw new Error(`online submission ${code} disappeared`);
  return progress;
}

/**
 * The first read: the API starts the workflow just before it commits the row, so a missing row is read
 * again (1 s doubling to a minute, or at once on a signal) for {@link ORPHAN_WAIT_MS}; `undefined` when it
 * never appears.
 */
async function awaitRow(code: string, signalled: () => boolean): Promise<Found | undefined> {
  const giveUpAt = Date.now() + ORPHAN_WAIT_MS;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    const progress = await loadOnlineSubmissionProgress(code);
    if (progress.exists) return progress;
    if (Date.now() >= giveUpAt) return undefined;
    await condition(signalled, Math.min(wait, giveUpAt - Date.now()));
  }
}
