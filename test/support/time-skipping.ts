import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import type { Actor } from '../../domain/dossier/index.js';
import { ensureSearchAttributes } from '../../worker/temporal-namespace.js';
import { testStorage } from './storage.js';

/** An officer as the workflow sees it, with a fresh id (tests that drive workflows without the API). */
export const testActor = (username: string, role: Actor['role'], divisionCode: string | null): Actor => ({
  officerId: randomUUID(),
  username,
  fullName: username,
  role,
  divisionCode,
});

/** The time-skipping test server with the project's real worker on it. */
export interface TimeSkippingWorker {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * Starts the time-skipping test server and a worker of the real workflows and activities on it; the
 * activities get the server's client as their own (`deps(client, taskQueue)`). `stop()` in afterAll.
 */
export async function startTimeSkippingWorker(
  deps: (temporal: NonNullable<ActivityDeps['temporal']>) => ActivityDeps,
): Promise<TimeSkippingWorker> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  const taskQueue = `time-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code: inject('workflowBundleCode') },
    activities: createActivities({
      ...testStorage(),
      ...deps({ client: env.client, taskQueue }),
    }),
  });
  const running = worker.run();
  return {
    env,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
