/** Every workflow the worker registers: the worker's only `workflowsPath`. */
export { systemCheckWorkflow } from './system-check.workflow.js';
export { dossierWorkflow } from './dossier/dossier.workflow.js';
export { liaisonWorkflow } from './liaison/liaison.workflow.js';
export { calendarRolloutWorkflow } from './calendar-rollout.workflow.js';
export { leadershipDigestWorkflow } from './leadership-digest.workflow.js';
export { reportReminderWorkflow } from './report-reminder.workflow.js';
export { nationalSyncWorkflow } from './national-sync/national-sync.workflow.js';
export { nationalSyncSweepWorkflow } from './national-sync-sweep.workflow.js';
export { paymentReconciliationWorkflow } from './payment-reconciliation.workflow.js';
export { onlineSubmissionWorkflow } from './online-submission/online-submission.workflow.js';
export { anonymiseWorkflow } from './anonymise.workflow.js';
