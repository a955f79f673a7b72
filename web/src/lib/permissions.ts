/**
 * Which actions the console offers on a dossier: the ones the officer's role may take now, others
 * hidden. Mirrors the rules of domain/dossier/authorise.ts and machine.ts; the API stays the authority
 * (an action refused there shows its Vietnamese message).
 */
import { type DossierView, type Officer, type Role } from '../api/types';

export type ActionPath =
  | 'assign'
  | 'complete'
  | 'approve'
  | 'send-back'
  | 'supplement-request'
  | 'supplement-received'
  | 'refuse'
  | 'withdraw'
  | 'stop'
  | 'cash-payment'
  | 'result-file'
  | 'result-ready'
  | 'return'
  | 'sign-apology';

const DESK = 'BPMC';
const isLeader = (role: Role | null | undefined) => role === 'deputy' || role === 'director';

function canWorkStep(me: Officer, dossier: DossierView): boolean {
  const step = dossier.currentStep;
  if (!step || me.role === 'auditor') return false;
  if (me.role === 'admin') return true;
  if (isLeader(step.role)) return isLeader(me.role);
  if (me.divisionCode !== step.division) return false;
  if (me.role !== step.role && !(me.role === 'head' && step.role === 'specialist')) return false;
  return !(me.role === 'specialist' && step.assignee && step.assignee.username !== me.username);
}

function canDecide(me: Officer, dossier: DossierView): boolean {
  if (me.role === 'admin' || isLeader(me.role)) return true;
  if (me.role !== 'head') return false;
  return !dossier.currentStep || dossier.currentStep.division === me.divisionCode;
}

const atDesk = (me: Officer) => me.role === 'admin' || (me.role === 'receiver' && me.divisionCode === DESK);

/** The actions `me` may take on `dossier` now, in the order the page shows them. */
export function allowedActions(me: Officer, dossier: DossierView): ActionPath[] {
  if (me.role === 'auditor') return [];
  const { phase, currentStep: step } = dossier;
  const out: ActionPath[] = [];
  const processing = phase === 'processing' && step !== null;
  if (processing && canWorkStep(me, dossier)) {
    switch (step.kind) {
      case 'approval':
        out.push('approve');
        break;
      case 'payment':
        out.push('cash-payment');
        break;
      case 'digitisation':
        out.push('result-file', 'result-ready');
        break;
      case 'return':
        break;
      case 'receipt':
      case 'handling':
      case 'liaison':
      case null:
        out.push('complete');
    }
    if (step.index > 0) out.push('send-back');
  }
  if (
    processing &&
    (me.role === 'admin' || isLeader(me.role) || (me.role === 'head' && step.division === me.divisionCode))
  ) {
    out.unshift('assign');
  }
  if (processing && (step.division === DESK ? atDesk(me) : canWorkStep(me, dossier))) {
    out.push('supplement-request');
  }
  if (phase === 'result_ready' && step?.kind === 'return' && canWorkStep(me, dossier)) out.push('return');
  if (phase === 'awaiting_supplement' && atDesk(me)) out.push('supplement-received');
  if ((phase === 'processing' || phase === 'awaiting_supplement') && atDesk(me)) out.push('withdraw');
  if ((phase === 'processing' || phase === 'awaiting_supplement') && canDecide(me, dossier))
    out.push('refuse');
  if (
    ((phase === 'processing' || phase === 'awaiting_supplement') && canDecide(me, dossier)) ||
    (phase === 'withdrawal_requested' && (atDesk(me) || canDecide(me, dossier)))
  ) {
    out.push('stop');
  }
  const required =
    dossier.apologyRequired ??
    ((dossier.overdue || Boolean(dossier.atRisk)) && !dossier.apology && !dossier.finishedAt);
  if ((isLeader(me.role) || me.role === 'admin') && required) {
    out.push('sign-apology');
  }
  return out;
}

/** May this officer receive dossiers at the desk? */
export const canReceive = (me: Officer): boolean => me.role === 'receiver' || me.role === 'admin';

/** Leaders (and the inspectorate, read-only) see the late dossiers view. */
export const seesLateDossiers = (me: Officer): boolean =>
  isLeader(me.role) || me.role === 'admin' || me.role === 'auditor' || me.role === 'head';

export const isLeadership = isLeader;
