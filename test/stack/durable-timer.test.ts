import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { systemCheckWorkflow } from '../../workflows/system-check.workflow.js';
import { ensureSearchAttributes } from '../../worker/temporal-namespace.js';

const DAY = 24 * 60 * 60 * 1000;

describe('durable timers on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
    });
    // The test server knows no custom search attributes until they are registered.
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('sleeps ten days on a durable timer and wakes up on time', async () => {
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { code: inject('workflowBundleCode') },
    });
    const startMs = await env.currentTimeMs();
    const wakeAt = startMs + 10 * DAY;

    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(systemCheckWorkflow, {
        taskQueue,
        workflowId: `system-check-${randomUUID()}`,
        args: [{ tenant: 'default', wakeAt }],
      });
      return handle.result();
    });

    expect(result.wokeAt).toBeGreaterThanOrEqual(wakeAt);
    expect(result.wokeAt - startMs).toBeLessThan(11 * DAY);
  });
});
