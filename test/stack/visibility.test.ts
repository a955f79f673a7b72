import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { systemCheckWorkflow } from '../../workflows/system-check.workflow.js';
import { DossierTenant } from '../../workflows/search-attributes.js';
import { connectDevServer, eventually, startDevWorker, type RunningWorker } from '../support/temporal.js';
import { connectTestDatabase } from '../support/db.js';
import { testLogger } from '../support/logger.js';
import type { Database } from '../../db/database.js';

describe('visibility on the Temporal dev server', () => {
  let client: Client;
  let connection: Connection;
  let worker: RunningWorker;
  let db: Database;

  beforeAll(async () => {
    ({ client, connection } = await connectDevServer());
    db = connectTestDatabase();
    worker = await startDevWorker({ db, log: testLogger });
  });
  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await db?.destroy();
  });

  it('finds a workflow by the custom search attribute it set', async () => {
    const tenant = `t-${randomUUID()}`;
    const handle = await client.workflow.start(systemCheckWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId: `system-check-${randomUUID()}`,
      args: [{ tenant, wakeAt: Date.now() + 60 * 60 * 1000 }],
    });
    try {
      const found = await eventually(async () => {
        for await (const wf of client.workflow.list({ query: `DossierTenant = '${tenant}'` })) return wf;
        return undefined;
      });
      expect(found.workflowId).toBe(handle.workflowId);
      expect(found.typedSearchAttributes.get(DossierTenant)).toBe(tenant);
    } finally {
      await handle.terminate('test done');
    }
  });
});
