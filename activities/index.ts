import type { Database } from '../db/database.js';
import type { Logger } from '../config/logger.js';
import { createCalendarActivities } from './calendar.activities.js';
import { createDossierActivities } from './dossier.activities.js';
import { createLiaisonActivities } from './liaison.activities.js';
import type { Mailer } from '../common/mailer.js';
import { createNotificationActivities } from './notification.activities.js';
import { createOnlineSubmissionActivities } from './online-submission.activities.js';
import { createPaymentActivities } from './payment.activities.js';
import { createReportReminderActivities } from './report-reminder.activities.js';
import { createSimulatedProvider, type PaymentProvider } from './payment-provider.js';

/** What activities may touch: narrow dependencies wired once by `worker/main.ts`. */
export interface ActivityDeps {
  db: Database;
  log: Logger;
  /** Outbound e-mail (liaison requests to partner agencies); `publicBaseUrl` is where their answer links point. */
  mailer: Mailer;
  /** Where fees are requested; default the simulated provider (development, tests). */
  paymentProvider?: PaymentProvider;
  /** Public address of the API, for the simulated provider's pay links; default http://localhost:3000. */
  publicBaseUrl?: string;
}

/** All activities registered on the worker. Workflows import only the type of this factory. */
export function createActivities(deps: ActivityDeps) {
  const provider =
    deps.paymentProvider ??
    createSimulatedProvider({ publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000' });
  const notifications = createNotificationActivities({
    db: deps.db,
    mailer: deps.mailer,
    publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
  });
  return {
    ...createDossierActivities(deps),
    ...createCalendarActivities({ db: deps.db }),
    ...createPaymentActivities({ db: deps.db, provider }),
    ...createLiaisonActivities({
      db: deps.db,
      mailer: deps.mailer,
      publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
    }),
    ...notifications,
    ...createReportReminderActivities({
      db: deps.db,
      publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
      sendNotification: notifications.sendNotification,
    }),
    ...createOnlineSubmissionActivities({
      db: deps.db,
      publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
      sendNotification: notifications.sendNotification,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
