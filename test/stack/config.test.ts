import { describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config/config.js';
import { refusedVariables } from '../support/config.js';
import type { Database } from '../../db/database.js';
import { repoRoot } from '../../scripts/paths.js';
import { createWorker } from '../../worker/worker.js';
import { createDiscardMailer } from '../support/discard-mailer.js';
import { testLogger } from '../support/logger.js';
import { testStorage } from '../support/storage.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua' };

describe('configuration from the environment', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: '' }, 'DATABASE_URL'],
    [{ TEMPORAL_ADDRESS: 'nohostport' }, 'TEMPORAL_ADDRESS'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SEED_DEV_USERS: 'yes' }, 'SEED_DEV_USERS'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'ARCHIVE_INDEX_KEY'],
    [{ WORKER_MAX_CACHED_WORKFLOWS: 'many' }, 'WORKER_MAX_CACHED_WORKFLOWS'],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '-1' }, 'WORKER_MAX_CACHED_WORKFLOWS'],
  ])('rejects %o naming %s', (override, variable) => {
    expect(refusedVariables({ ...base, ...override })).toContain(variable);
  });

  it("caps the worker's workflow cache at WORKER_MAX_CACHED_WORKFLOWS, else at the default 1,000", async () => {
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = (cap?: number) =>
      createWorker({
        connection,
        config: {
          TEMPORAL_NAMESPACE: inject('temporalNamespace'),
          TEMPORAL_TASK_QUEUE: `cache-${randomUUID()}`,
          ...(cap === undefined ? {} : { WORKER_MAX_CACHED_WORKFLOWS: cap }),
        },
        deps: { ...testStorage(), db: {} as Database, log: testLogger, mailer: createDiscardMailer() },
        workflowBundleCode: inject('workflowBundleCode'),
      });
    try {
      const capped = loadConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '250' }).WORKER_MAX_CACHED_WORKFLOWS;
      for (const [cap, check] of [
        [capped, (n: number) => expect(n).toBe(250)],
        [loadConfig(base).WORKER_MAX_CACHED_WORKFLOWS, (n: number) => expect(n).toBe(1_000)],
        [undefined, (n: number) => expect(n).toBe(1_000)],
      ] as const) {
        const w = await worker(cap);
        check(w.options.maxCachedWorkflows);
        // A worker holds its connection until it has run: run it for nothing, then close.
        await w.runUntil(Promise.resolve());
      }
    } finally {
      await connection.close();
    }
  });

  it('names a missing DATABASE_URL as required', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it.each(['api/main.ts', 'worker/main.ts'])(
    '%s stops at start-up on PORT=abc with a message naming it',
    (entry) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', entry], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...base, PORT: 'abc' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/PORT/);
    },
  );
});
