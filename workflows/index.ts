/** Every workflow the worker registers: the worker's only `workflowsPath`. */
export { systemCheckWorkflow } from './system-check.workflow.js';
