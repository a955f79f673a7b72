import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import {
  liaisonAnswerUpdate,
  liaisonStateQuery,
  type LiaisonAnswerInput,
  type LiaisonResult,
  type LiaisonWorkflowInput,
} from './messages.js';

const { sendLiaisonRequest } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // E-mail and webhook are retried with backoff until delivered (a partner's outage is waited out).
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * A liaison (liên thông) with a partner agency for one step of a dossier: sends the request (e-mail with
 * a signed, expiring answer link; a webhook when the partner has one) and waits for the partner's answer,
 * which arrives through an authenticated callback as the `liaisonAnswer` Update. The parent dossier
 * keeps the step's clock and flags the step late when the budget runs out; this workflow keeps waiting.
 */
export async function liaisonWorkflow(input: LiaisonWorkflowInput): Promise<LiaisonResult> {
  let answer: LiaisonResult | null = null;
  let sent = false;
  setHandler(liaisonStateQuery, () => ({ sent, answer }));
  setHandler(
    liaisonAnswerUpdate,
    (a: LiaisonAnswerInput) => {
      answer = { requestId: input.requestId, answer: a.answer, note: a.note, answeredAt: Date.now() };
      return answer;
    },
    {
      validator: (_a: LiaisonAnswerInput) => {
        if (answer) {
          throw ApplicationFailure.create({
            type: 'LIAISON.ALREADY_ANSWERED',
            message: 'Cơ quan phối hợp đã trả lời yêu cầu liên thông này.',
            nonRetryable: true,
            details: ['conflict'],
          });
        }
      },
    },
  );
  await sendLiaisonRequest(input);
  sent = true;
  await condition(() => answer !== null);
  return answer as unknown as LiaisonResult;
}
