import { Connection } from '@temporalio/client';
import type { Database } from '../db/database.js';
import { pingDatabase } from '../db/health.repository.js';
import type { HealthProbe } from './health.js';

/** Each probe's own deadline, below the route's bound so a hung component is reported, not waited on. */
export const PROBE_DEADLINE_MS = 1_400;

/**
 * The connection `/health` probes Temporal with: no retry interceptor (a probe answers once, within its
 * deadline; the SDK's retries would outlive it and fire after the connection is closed).
 */
export function healthProbeConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [] });
}

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
    postgres: () => pingDatabase(targets.db),
    smtp: () => targets.smtp.verify(PROBE_DEADLINE_MS),
  };
}
