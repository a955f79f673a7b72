import type { Client } from '@temporalio/client';
import type { Database } from '../../db/database.js';
import type { AuthHooks } from '../auth.js';
import type { CalendarService } from '../calendar.service.js';
import type { CitizenSessions } from '../citizen-session.js';
import type { FileStore } from '../../common/file-store.js';
import type { IdempotencyHooks } from '../idempotency.js';

/** What the citizen portal's and the online queue's routes need (wired in api/app.ts). */
export interface PortalDeps {
  db: Database;
  client: Client;
  taskQueue: string;
  /** How long a request waits for Temporal (`ACTION_TIMEOUT_MS`); default `DEFAULT_ACTION_TIMEOUT_MS`. */
  actionTimeoutMs?: number | undefined;
  ruleSetSwitchDate?: string | undefined;
  citizens: CitizenSessions;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
  calendars: CalendarService;
  fileStore: FileStore;
  /** Largest accepted upload (`FILE_MAX_BYTES`). */
  maxBytes: number;
  /** The clock (epoch ms); tests set it. */
  now: () => number;
  /** The tenant whose procedures the portal offers. */
  tenant: string;
  /** Public address of the API (`PUBLIC_BASE_URL`): the pay links the portal gives. */
  publicBaseUrl: string;
}
