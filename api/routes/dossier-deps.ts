import type { Client } from '@temporalio/client';
import type { Actor, DossierState } from '../../domain/dossier/index.js';
import type { Database } from '../../db/database.js';
import type { DossierRow } from '../../db/dossier.table.js';
import type { AuthHooks, Principal } from '../auth.js';
import type { CalendarService } from '../calendar.service.js';
import type { DossierView } from '../dossier-view.js';
import type { IdempotencyHooks } from '../idempotency.js';

/*
 * The dependencies of the dossier route modules (types only): their own module so that
 * dossier.routes.ts, which registers the others, and the modules it registers need not import each other.
 */

export interface TemporalDeps {
  client: Client;
  taskQueue: string;
  namespace: string;
  uiUrl: string;
  /**
   * How long a request waits for Temporal (`ACTION_TIMEOUT_MS`): an officer action's Update, a workflow
   * start; then 503 with Retry-After. Default `DEFAULT_ACTION_TIMEOUT_MS` (api/outage.ts).
   */
  actionTimeoutMs?: number | undefined;
}

export interface DossierRoutesDeps {
  db: Database;
  client: Client;
  taskQueue: string;
  /** How long a request waits for Temporal (`TemporalDeps.actionTimeoutMs`). */
  actionTimeoutMs?: number | undefined;
  /** First receipt date of the Decree 118/2025 rule set; default its legal date. */
  ruleSetSwitchDate?: string | undefined;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
  calendars: CalendarService;
  /** The dossier of the officer's tenant, or 404 (never reveal another tenant's dossier). */
  loadDossier(code: string, principal: Principal): Promise<DossierRow>;
  /** The API view of a dossier in a given state, as `viewer` sees it (the actions they may take). */
  view(row: DossierRow, state: DossierState, viewer: Actor): Promise<DossierView>;
}
