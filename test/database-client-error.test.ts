/**
 * A pooled client that loses its server while checked out (PostgreSQL restarted or killed between two
 * queries of a unit of work) must not crash the process with an unhandled 'error' event: its unit of work
 * fails, the pool drops it, and the next query works (found by the soak run, docs/soak.md).
 */
import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../db/database.js';

const db = createDatabase({ url: inject('databaseUrl'), poolMax: 2 });
afterAll(() => db.destroy());

describe('a checked-out client whose server connection ends', () => {
  it('does not crash the process; the next query runs on a new client', async () => {
    const held = db.connection().execute(async (conn) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(db);
      await sleep(300); // the FATAL message arrives while no query runs on this client
      await sql`select 1`.execute(conn);
    });
    await expect(held).rejects.toThrow();
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    expect(rows).toEqual([{ ok: 1 }]);
  });
});
