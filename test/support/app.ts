import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { buildApp, type AppDeps, type AppInstance } from '../../api/app.js';
import { createTokenService } from '../../api/auth.js';
import type { Database } from '../../db/database.js';
import { devPassword } from '../../db/seed/organisation.seed.js';
import { createFileStore } from '../../common/file-store.js';

export const testJwtSecret = 'test-secret-for-the-suite-only-0123456789abcdef';

let sharedClient: Client | undefined;

/** A client of the suite's Temporal dev server (lazy: connects on first use), shared by the file. */
export function testTemporalClient(): Client {
  sharedClient ??= new Client({
    connection: Connection.lazy({ address: inject('temporalAddress') }),
    namespace: inject('temporalNamespace'),
  });
  return sharedClient;
}

/**
 * The real Fastify app on the suite's database and Temporal dev server, with a silent logger and no
 * health probes by default. `taskQueue` is where a test worker runs the dossier workflows.
 */
export function buildTestApp(
  db: Database,
  overrides: Partial<AppDeps> = {},
  taskQueue = 'no-worker',
): Promise<AppInstance> {
  return buildApp({
    logger: false,
    health: {},
    db,
    tokens: createTokenService({ secret: testJwtSecret }),
    temporal: {
      client: testTemporalClient(),
      taskQueue,
      namespace: inject('temporalNamespace'),
      uiUrl: 'http://localhost:8233',
    },
    // One store for the run: a dossier's result file is readable by the app of any later test file.
    files: { store: createFileStore({ root: inject('storageRoot') }), maxBytes: 20 * 1024 * 1024 },
    // Files log in and call back far more often than a person would; test/lookup.test.ts proves the real limits.
    rateLimits: { lookup: 100_000, login: 100_000, callbacks: 100_000, windowMs: 60_000 },
    ...overrides,
  });
}

/** Logs a seeded dev user in (password `motcua`) and returns the Authorization header. */
export async function loginAs(app: AppInstance, username: string): Promise<{ authorization: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username, password: devPassword },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}
