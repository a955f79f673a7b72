import type { Database } from '../db/database.js';
import type { Logger } from '../config/logger.js';
import { createDossierActivities } from './dossier.activities.js';

/** What activities may touch: narrow dependencies wired once by `worker/main.ts`. */
export interface ActivityDeps {
  db: Database;
  log: Logger;
}

/** All activities registered on the worker. Workflows import only the type of this factory. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDossierActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
