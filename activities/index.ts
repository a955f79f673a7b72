import type { Database } from '../db/database.js';
import type { Logger } from '../config/logger.js';
import { createAnonymisationActivities } from './anonymisation.activities.js';
import { createArchiveActivities } from './archive.activities.js';
import { createCalendarActivities } from './calendar.activities.js';
import { createDossierActivities } from './dossier.activities.js';
import { createLiaisonActivities } from './liaison.activities.js';
import type { NationalPortalTarget } from './national-portal-client.js';
import {
  createNationalSyncActivities,
  nationalSyncKicker,
  type TemporalTarget,
} from './national-sync.activities.js';
import { createDirectoryArchiveStore, type ArchiveStore } from '../common/archive-store.js';
import type { Mailer } from '../common/mailer.js';
import { createNotificationActivities } from './notification.activities.js';
import { createOnlineSubmissionActivities } from './online-submission.activities.js';
import { createPaymentActivities } from './payment.activities.js';
import { createPaymentReconciliationActivities } from './payment-reconciliation.activities.js';
import { createReportReminderActivities } from './report-reminder.activities.js';
import { createSigningActivities } from './signing.activities.js';
import type { ResultSigners } from '../common/signing/index.js';
import { createVnpayProvider, type PaymentProvider } from './payment-provider.js';
import type { VnpayTerminal } from '../common/vnpay.js';
import type { SettlementDeps } from '../common/vnpay-settlement.js';
import { DEV_ARCHIVE_INDEX_KEY } from '../domain/archive/index-key.js';
import { devVnpayTerminal } from '../domain/payment/dev-terminal.js';

/** What activities may touch: narrow dependencies wired once by `worker/main.ts`. */
export interface ActivityDeps {
  db: Database;
  log: Logger;
  /** Outbound e-mail (liaison requests to partner agencies); `publicBaseUrl` is where their answer links point. */
  mailer: Mailer;
  /** Where fees are requested; default VNPAY (`createVnpayProvider`). */
  paymentProvider?: PaymentProvider;
  /** Public address of the API, for pay links and other links in mails; default http://localhost:3000. */
  publicBaseUrl?: string;
  /** The worker's Temporal client and task queue, for activities that start or signal workflows. */
  temporal?: TemporalTarget;
  /** Where national statuses are pushed (docs/national-sync.md); without it they stay pending. */
  nationalPortal?: NationalPortalTarget;
  /** VNPAY terminal of the end-of-day reconciliation (VNPAY_*); default the dev sandbox's. */
  vnpay?: VnpayTerminal;
  /**
   * A Temporal client and the dossier workflow's payment update, with which the reconciliation applies the
   * payments VNPAY reports (wired by the worker; without it the reconciliation fails).
   */
  paymentSettlement?: Pick<SettlementDeps, 'client' | 'update'>;
  /** PERSONAL_DATA_RETENTION_YEARS: how long after its end a dossier keeps its personal data; default 5. */
  personalDataRetentionYears?: number;
  /** Where finished dossiers' packages go (`ARCHIVE_URL`); default a directory store in `.data/archive`. */
  archiveStore?: ArchiveStore;
  /** Root of the content-addressed file store (`STORAGE_ROOT`); default `.data/files`. */
  storageRoot?: string;
  /** The keys that sign results (docs/signatures.md); without them signed results cannot be issued. */
  signers?: ResultSigners;
  /** Key of the archive index's applicant ID hashes (`ARCHIVE_INDEX_KEY`); default the dev key. */
  archiveIndexKey?: string;
}

/** All activities registered on the worker. Workflows import only the type of this factory. */
export function createActivities(deps: ActivityDeps) {
  const provider =
    deps.paymentProvider ??
    createVnpayProvider({ publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000' });
  const notifications = createNotificationActivities({
    db: deps.db,
    mailer: deps.mailer,
    publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
  });
  const nationalSync = { db: deps.db, portal: deps.nationalPortal, temporal: deps.temporal };
  return {
    ...createDossierActivities({ db: deps.db, kickNationalSync: nationalSyncKicker(nationalSync) }),
    ...createNationalSyncActivities(nationalSync),
    ...createCalendarActivities({ db: deps.db }),
    ...createAnonymisationActivities({ db: deps.db, retentionYears: deps.personalDataRetentionYears ?? 5 }),
    ...createArchiveActivities({
      db: deps.db,
      store: deps.archiveStore ?? createDirectoryArchiveStore('.data/archive'),
      storageRoot: deps.storageRoot ?? '.data/files',
      indexKey: deps.archiveIndexKey ?? DEV_ARCHIVE_INDEX_KEY,
    }),
    ...createSigningActivities({
      db: deps.db,
      signers: deps.signers,
      storageRoot: deps.storageRoot ?? '.data/files',
    }),
    ...createPaymentActivities({ db: deps.db, provider }),
    ...createPaymentReconciliationActivities({
      db: deps.db,
      terminal: deps.vnpay ?? devVnpayTerminal,
      settlement: deps.paymentSettlement,
    }),
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
