/**
 * Prints the API's OpenAPI document (what `/openapi.json` answers) without a running server: the app is
 * built with `buildApp` on parts that never connect (a kysely instance with a dummy driver, a lazy Temporal
 * connection nobody uses), made ready, and asked for its spec. The officer console generates its API
 * types from this output (web/package.json, `gen:api`).
 *
 *   node --import tsx scripts/openapi.ts > openapi.json
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../api/app.js';
import { createTokenService } from '../api/auth.js';
import type { Database } from '../db/database.js';

/** Builds queries, never runs one: a route called by mistake at build time would answer nothing. */
const db: Database = new Kysely({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const app = await buildApp({
  logger: false,
  health: {},
  db,
  tokens: createTokenService({ secret: 'openapi-document-only-never-signs-a-token' }),
  // Lazy: connects on first use, and the document uses none.
  temporal: {
    client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:7233' }) }),
    taskQueue: 'openapi',
    namespace: 'default',
    uiUrl: '',
  },
  // Production's demand for a real VNPAY secret does not apply to a document.
  vnpay: {
    terminal: { tmnCode: 'OPENAPI0', hashSecret: 'openapi-document-only-never-verifies', payUrl: '' },
    publicBaseUrl: '',
  },
});
await app.ready();
process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await db.destroy();
