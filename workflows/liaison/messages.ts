import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LiaisonAnswer } from '../../domain/dossier/index.js';

/** Start input of a liaison (liên thông) child workflow. */
export interface LiaisonWorkflowInput {
  readonly tenant: string;
  readonly dossierCode: string;
  readonly requestId: string;
  readonly stepId: string;
  readonly partnerCode: string;
  readonly partnerName: string;
  readonly procedureName: string;
  /** The step's deadline (its budget in working time): the answer is expected by then. */
  readonly deadline: number;
}

/** The partner's answer, from a verified callback. `callbackId` identifies the callback in the log. */
export interface LiaisonAnswerInput {
  readonly answer: LiaisonAnswer;
  readonly note: string | null;
  readonly callbackId: string;
}

export interface LiaisonResult {
  readonly requestId: string;
  readonly answer: LiaisonAnswer;
  readonly note: string | null;
  readonly answeredAt: number;
}

/**
 * The partner's answer. The validator refuses a second answer (type `LIAISON.ALREADY_ANSWERED`,
 * detail 'conflict'), so a replayed or duplicate callback changes nothing.
 */
export const liaisonAnswerUpdate = defineUpdate<LiaisonResult, [LiaisonAnswerInput]>('liaisonAnswer');

export const liaisonStateQuery = defineQuery<{ sent: boolean; answer: LiaisonResult | null }>('liaisonState');

/** Workflow id of the liaison child: one per dossier and request. */
export const liaisonWorkflowId = (dossierCode: string, requestId: string): string =>
  `${dossierCode}:${requestId}`;
