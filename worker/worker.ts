import { fileURLToPath } from 'node:url';
import { type BundleOptions, type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { DEFAULT_WORKER_MAX_CACHED_WORKFLOWS, type Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { createActivities, type ActivityDeps } from '../activities/index.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * The pure domain modules the workflows import, with everything they import (zod among them). The SDK
 * evaluates these once per worker thread and shares them, deep-frozen, between all workflows; every
 * other module of the bundle is evaluated again for each workflow it creates (its module cache is per
 * workflow). Only modules without per-workflow state and that never write to a module-level object
 * after load belong here, never `@temporalio/workflow` nor `workflows/**` (docs/benchmarks.md, "Per
 * cached workflow"). The first one sets the sandbox itself up (its stack-trace depth), before the rest.
 */
export const preloadedWorkflowModules = [
  './workflow-sandbox.ts',
  '../domain/calendar/index.ts',
  '../domain/dossier/index.ts',
  '../domain/dossier/notices.ts',
  '../domain/national-sync/ids.ts',
].map((module) => fileURLToPath(new URL(module, import.meta.url)));

/** The options of every workflow bundle: the worker's, `npm run bundle:workflows`', the tests' and benches'. */
export function workflowBundleOptions(extra: Pick<BundleOptions, 'logger'> = {}): BundleOptions {
  return { workflowsPath, preloadModules: preloadedWorkflowModules, ...extra };
}

export interface CreateWorkerOptions {
  connection: NativeConnection;
  config: Pick<Config, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'> &
    Partial<Pick<Config, 'WORKER_MAX_CACHED_WORKFLOWS'>>;
  deps: ActivityDeps;
  /** Prebuilt workflow bundle code; without it webpack bundles `workflows/` (about 1-2 s). */
  workflowBundleCode?: string;
  log?: Logger;
}

/** Builds the Temporal worker with the real activities. Shared by `worker/main.ts` and the tests. */
export async function createWorker(opts: CreateWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'bundlerOptions' | 'workflowBundle' | 'workflowsPath'> =
    opts.workflowBundleCode
      ? { workflowBundle: { code: opts.workflowBundleCode } }
      : { bundlerOptions: { preloadModules: preloadedWorkflowModules }, workflowsPath };
  return Worker.create({
    connection: opts.connection,
    namespace: opts.config.TEMPORAL_NAMESPACE,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    activities: createActivities(opts.deps),
    maxCachedWorkflows: opts.config.WORKER_MAX_CACHED_WORKFLOWS ?? DEFAULT_WORKER_MAX_CACHED_WORKFLOWS,
    ...workflowSource,
  });
}
