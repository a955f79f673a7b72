import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { createActivities, type ActivityDeps } from '../activities/index.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

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
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = opts.workflowBundleCode
    ? { workflowBundle: { code: opts.workflowBundleCode } }
    : { workflowsPath };
  return Worker.create({
    connection: opts.connection,
    namespace: opts.config.TEMPORAL_NAMESPACE,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    activities: createActivities(opts.deps),
    ...(opts.config.WORKER_MAX_CACHED_WORKFLOWS === undefined
      ? {}
      : { maxCachedWorkflows: opts.config.WORKER_MAX_CACHED_WORKFLOWS }),
    ...workflowSource,
  });
}
