import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createMailer } from '../common/mailer.js';
import type { ActivityDeps } from '../activities/index.js';
import { loadConfigOrExit, type Config } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { paymentConfirmedUpdate } from '../workflows/dossier/messages.js';
import {
  ensureAnonymiseSchedule,
  ensureDigestSchedules,
  ensureNationalSyncSweepSchedule,
  ensurePaymentReconciliationSchedule,
  ensureReportReminderSchedules,
} from './schedules.js';
import { ensureSearchAttributes } from './temporal-namespace.js';
import { createWorker } from './worker.js';
import { resultSignersOf, type ResultSigners } from '../common/signing/index.js';
import { archiveStoreFromUrl } from '../common/archive-store-url.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config, 'worker');
  Runtime.install({
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
    // The runtime shuts every worker down gracefully on these signals (in-flight tasks finish).
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    applicationName: 'mot-cua-worker',
  });
  await migrateToLatest(db);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger: log });
  try {
    const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    if (added.length > 0) log.info({ added }, 'registered search attributes');
    // The worker's own client, kept for as long as the worker runs: the schedules below, and the
    // activities that signal or update workflows (national-sync kicks, the VNPAY reconciliation).
    const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    try {
      const tenants = await db.selectFrom('tenant').select('code').execute();
      const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
      const opts = { taskQueue: config.TEMPORAL_TASK_QUEUE, tenants: tenants.map((t) => t.code) };
      const schedules = [
        ...(await ensureDigestSchedules(client, opts)),
        ...(await ensureReportReminderSchedules(client, opts)),
        ...(await ensureNationalSyncSweepSchedule(client, opts)),
        ...(await ensurePaymentReconciliationSchedule(client, opts)),
        ...(await ensureAnonymiseSchedule(client, opts)),
      ];
      if (schedules.length > 0) log.info({ schedules }, 'created the schedules');
      if (!config.NATIONAL_PORTAL_SYNC_URL) {
        log.warn('NATIONAL_PORTAL_SYNC_URL is not set: national statuses wait in the outbox, unsent');
      }
      const signers = signersOf(config);
      if (!signers) {
        log.warn(
          'no signing key (SIGNING_P12_PATH or CSC_*): results that are signed digitally cannot be issued',
        );
      }
      const workflowBundleCode = config.WORKFLOW_BUNDLE_PATH
        ? await readFile(config.WORKFLOW_BUNDLE_PATH, 'utf8')
        : undefined;
      const worker = await createWorker({
        connection,
        config,
        deps: {
          db,
          log,
          mailer,
          publicBaseUrl: config.PUBLIC_BASE_URL,
          archiveStore: archiveStoreFromUrl(config.ARCHIVE_URL),
          archiveIndexKey: config.ARCHIVE_INDEX_KEY,
          storageRoot: config.STORAGE_ROOT,
          signers,
          temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE },
          ...nationalPortalOf(config),
          vnpay: {
            tmnCode: config.VNPAY_TMN_CODE,
            hashSecret: config.VNPAY_HASH_SECRET,
            payUrl: config.VNPAY_PAY_URL,
            apiUrl: config.VNPAY_API_URL,
          },
          paymentSettlement: { client, update: paymentConfirmedUpdate },
          personalDataRetentionYears: config.PERSONAL_DATA_RETENTION_YEARS,
        },
        workflowBundleCode,
        log,
      });
      log.info(
        { taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE },
        'worker started',
      );
      await worker.run();
      log.info('worker stopped');
    } finally {
      await clientConnection.close();
    }
  } finally {
    mailer.close();
    await connection.close();
    await db.destroy();
  }
}

/** The keys that sign results (docs/signatures.md): the remote service (`CSC_*`) first, else PKCS#12 files. */
function signersOf(config: Config): ResultSigners | undefined {
  const csc =
    config.CSC_BASE_URL && config.CSC_CLIENT_ID && config.CSC_CLIENT_SECRET
      ? {
          baseUrl: config.CSC_BASE_URL,
          clientId: config.CSC_CLIENT_ID,
          clientSecret: config.CSC_CLIENT_SECRET,
          credentialId: config.CSC_CREDENTIAL_ID,
          sealCredentialId: config.CSC_SEAL_CREDENTIAL_ID,
        }
      : undefined;
  const p12 = config.SIGNING_P12_PATH
    ? {
        path: config.SIGNING_P12_PATH,
        password: config.SIGNING_P12_PASSWORD,
        dir: config.SIGNING_P12_DIR,
        sealPath: config.SIGNING_SEAL_P12_PATH,
      }
    : undefined;
  return resultSignersOf({ csc, p12 });
}

/** The national portal's sync endpoint, when configured (config refuses a URL without its token). */
function nationalPortalOf(config: Config): Pick<ActivityDeps, 'nationalPortal'> {
  const { NATIONAL_PORTAL_SYNC_URL: syncUrl, NATIONAL_PORTAL_TOKEN: token } = config;
  return syncUrl && token ? { nationalPortal: { syncUrl, token } } : {};
}

run().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
