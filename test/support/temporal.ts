import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities/index.js';
import { createWorker } from '../../worker/worker.js';
import { paymentConfirmedUpdate } from '../../workflows/dossier/messages.js';
import { createDiscardMailer } from './discard-mailer.js';
import { testStorage } from './storage.js';

/** A client on the suite's shared Temporal dev server. Close `connection` in afterAll. */
export async function connectDevServer(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return { client: new Client({ connection, namespace: inject('temporalNamespace') }), connection };
}

export interface RunningWorker {
  taskQueue: string;
  worker: Worker;
  stop(): Promise<void>;
}

/**
 * Runs the project's real worker (bundled workflows, real activities) on a fresh task queue of the
 * shared dev server (or on `taskQueue`, e.g. one whose dossiers waited without a worker) until `stop()`.
 * Without a `mailer`, e-mails (liaison requests) are accepted and discarded (see `createDiscardMailer`);
 * pass a mailer on `startTestSmtp()` to look at them.
 */
export async function startDevWorker(
  deps: Omit<ActivityDeps, 'mailer'> & { mailer?: ActivityDeps['mailer'] },
  taskQueue = `test-${randomUUID()}`,
): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  // The activities' own client (national-sync kicks), as worker/main.ts gives them.
  const own = await connectDevServer();
  const worker = await createWorker({
    connection,
    config: { TEMPORAL_NAMESPACE: inject('temporalNamespace'), TEMPORAL_TASK_QUEUE: taskQueue },
    deps: {
      temporal: { client: own.client, taskQueue },
      paymentSettlement: { client: own.client, update: paymentConfirmedUpdate },
      ...testStorage(),
      ...deps,
      mailer: deps.mailer ?? createDiscardMailer(),
    },
    workflowBundleCode: inject('workflowBundleCode'),
  });
  const running = worker.run();
  return {
    taskQueue,
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await own.connection.close();
    },
  };
}

/** Polls `check` until it returns a value (visibility is eventually consistent: never sleep a fixed time). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
