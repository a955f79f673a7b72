import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import {
  onlineCompletedSignal,
  onlineDecisionSignal,
  onlineSubmissionStateQuery,
  type OnlineDecision,
  type OnlineSubmissionWorkflowInput,
  type OnlineWorkflowStatus,
} from './messages.js';

const { notifyOnlineSubmission } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // An SMTP outage is waited out; the ledger sends each mail at most once.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

type Arrival = OnlineDecision | { kind: 'completed'; at: number };

/**
 * One online submission (docs/domain.md, "Online receipt"), from the citizen's filing to the desk's final
 * decision: acknowledges the filing to the citizen, waits for the desk's decision with a durable timer to
 * the legal check time (when it passes undecided, the receiving unit's receivers are reminded once), tells
 * the citizen each decision (what to add, the refusal and its reason, the acceptance and the appointment),
 * waits for the citizen's completion after a completion request, and ends when accepted or refused.
 * Decisions are stored by the API first, then signalled here: the workflow only mails.
 */
export async function onlineSubmissionWorkflow(
  input: OnlineSubmissionWorkflowInput,
): Promise<OnlineWorkflowStatus> {
  const inbox: Arrival[] = [];
  let status: OnlineWorkflowStatus = 'pending';
  let reminded = false;
  let completionRequests = 0;
  setHandler(onlineDecisionSignal, (d) => void inbox.push(d));
  setHandler(onlineCompletedSignal, (c) => void inbox.push({ kind: 'completed', at: c.at }));
  setHandler(onlineSubmissionStateQuery, () => ({ status, reminded }));

  await notifyOnlineSubmission({ code: input.code, kind: 'submitted' });
  for (;;) {
    if (inbox.length === 0) {
      const remindable = status === 'pending' && !reminded;
      const left = input.checkBy - Date.now();
      const arrived = !remindable
        ? await condition(() => inbox.length > 0).then(() => true)
        : left > 0
          ? await condition(() => inbox.length > 0, left)
          : false;
      if (!arrived) {
        reminded = true;
        await notifyOnlineSubmission({ code: input.code, kind: 'check_due' });
        continue;
      }
    }
    const next = inbox.shift()!;
    switch (next.kind) {
      case 'completion_requested':
        completionRequests += 1;
        status = 'awaiting_completion';
        await notifyOnlineSubmission({ ...next, code: input.code, seq: completionRequests });
        break;
      case 'completed':
        status = 'pending';
        break;
      case 'refused':
      case 'accepted':
        status = next.kind;
        await notifyOnlineSubmission({ ...next, code: input.code });
        return status;
    }
  }
}
