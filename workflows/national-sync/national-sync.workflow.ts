import {
  ActivityFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import type { PushRound } from '../../activities/national-sync.activities.js';
import { nationalStatusRecordedSignal, type NationalSyncInput } from './messages.js';

const { pushNationalStatuses } = proxyActivities<Activities>({
  // Short, so a hung portal or a lost worker does not hold the dossier's statuses for long.
  startToCloseTimeout: '10 seconds',
  // The workflow waits failures out itself, on durable timers with its own backoff.
  retry: { maximumAttempts: 1 },
});

/** Backoff after a failed round: 10 s, doubling, at most 5 min. */
export const FIRST_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 5 * 60_000;
/** With nothing pending: end after this long once the dossier is final, else after a week of silence. */
const IDLE_AFTER_FINAL_MS = 60 * 60_000;
const IDLE_MS = 7 * 24 * 60 * 60_000;
/** Rounds per run before the history is rolled over. */
const ROUNDS_PER_RUN = 100;

const nextBackoff = (ms: number): number => (ms === 0 ? FIRST_BACKOFF_MS : Math.min(ms * 2, MAX_BACKOFF_MS));

/**
 * The pusher of one dossier's national statuses (ID `national-sync:<code>`, docs/national-sync.md). Each
 * round pushes the pending statuses in order; after a failure it waits a durable timer (10 s doubling
 * to 5 min, cut short by a new signal) and tries again; with nothing pending it waits for the next
 * "status recorded" signal. It ends a while after the dossier's last status is final with nothing
 * pending, or when no portal is configured; a later signal-with-start begins a new run.
 */
export async function nationalSyncWorkflow(input: NationalSyncInput): Promise<void> {
  const { dossierCode } = input;
  let signalled = false;
  let resendAll = input.resendAll ?? false;
  let backoff = input.backoffMs ?? 0;
  /** Whether the last wait was cut short by a signal (a new status) rather than run to its end. */
  let cutShort = false;
  setHandler(nationalStatusRecordedSignal, (signal) => {
    signalled = true;
    if (signal?.resendAll) resendAll = true;
  });
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    signalled = false;
    const resend = resendAll;
    resendAll = false;
    let outcome: PushRound;
    try {
      outcome = await pushNationalStatuses({ dossierCode, resendAll: resend });
    } catch (err) {
      // A timeout (hung portal, worker lost mid-round): the same as a failed round.
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('national sync round failed', { dossierCode, error: err.message });
      const failure = { statusSeq: 0, error: err.message, retryable: true };
      outcome = { configured: true, delivered: 0, remaining: 1, failure, final: false };
    }
    if (!outcome.configured) return;
    if (outcome.failure) {
      resendAll ||= resend;
      // The wait grows with the outage's length, not with the dossier's activity: a round started early by
      // a new status and failing again keeps the current wait (else a burst of statuses during a short
      // outage would push the next try minutes after the portal is back).
      if (!cutShort || backoff === 0) backoff = nextBackoff(backoff);
      cutShort = await condition(() => signalled, backoff);
      continue;
    }
    backoff = 0;
    cutShort = false;
    if (outcome.remaining > 0) continue;
    const woken = await condition(() => signalled, outcome.final ? IDLE_AFTER_FINAL_MS : IDLE_MS);
    if (!woken) return;
  }
  await continueAsNew<typeof nationalSyncWorkflow>({ dossierCode, resendAll, backoffMs: backoff });
}
