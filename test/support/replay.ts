import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';

/**
 * Replays a dossier's Temporal history with the current workflow code (a nondeterminism fails the test)
 * and, with RECORD_HISTORIES=1, keeps it as `test/replay/histories/<name>` for test/replay.test.ts (never
 * overwriting one). Names follow docs/workflow-versioning.md: `dossier-g<generation>-<path>.json`.
 */
export async function replayAndRecord(client: Client, workflowId: string, name: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory(
    { workflowBundle: { code: inject('workflowBundleCode') } },
    history,
    workflowId,
  );
  const file = fileURLToPath(new URL(`../replay/histories/${name}`, import.meta.url));
  if (process.env.RECORD_HISTORIES === '1' && !existsSync(file))
    await writeFile(file, withoutCheckoutPath(historyToJSON(history)));
}

/** The checkout's folder (failure stack traces name it): recorded as `/repo/`, so no machine path is kept. */
const checkout = fileURLToPath(new URL('../../', import.meta.url));
export const withoutCheckoutPath = (json: string): string => json.split(checkout).join('/repo/');
