import type { Connection } from '@temporalio/client';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { HealthProbe } from './health.js';

/** Each probe's own deadline, below the route's bound so a hung component is reported, not waited on. */
export const PROBE_DEADLINE_MS = 1_400;

export interface ProbeTargets {
  temporal: Connection;
  db: Database;
  smtp: { verify(timeoutMs: number): Promise<void> };
}

/** The reachability probes behind `/health`: Temporal's health service, `select 1`, an SMTP handshake. */
export function createHealthProbes(targets: ProbeTargets): Record<string, HealthProbe> {
  return {
    temporal: () =>
      targets.temporal.withDeadline(Date.now() + PROBE_DEADLINE_MS, () =>
        targets.temporal.healthService.check({}),
      ),
    postgres: () => sql`select 1`.execute(targets.db),
    smtp: () => targets.smtp.verify(PROBE_DEADLINE_MS),
  };
}
