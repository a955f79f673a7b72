import { readFileSync } from 'node:fs';
import { certificatesFromPem } from '../common/signing/verify.js';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit, oidcRedirectUri } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { unitCodesOf } from '../config/units.js';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDatabase } from '../db/seed/index.js';
import { createTokenService } from './auth.js';
import { createMailer } from '../common/mailer.js';
import { buildApp } from './app.js';
import { createFileStore } from '../common/file-store.js';
import { createHealthProbes, healthProbeConnection, PROBE_DEADLINE_MS } from './probes.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config, 'api');
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    connectionTimeoutMs: PROBE_DEADLINE_MS,
    applicationName: 'mot-cua-api',
  });
  await migrateToLatest(db);
  await seedDatabase(db, {
    devUsers: config.SEED_DEV_USERS ?? config.NODE_ENV !== 'production',
    units: unitCodesOf(config),
  });
  // Lazy: the API starts (and /health answers 503) even while Temporal is down; calls reconnect by themselves.
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const healthConnection = healthProbeConnection(config.TEMPORAL_ADDRESS);
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });

  const app = await buildApp({
    logger: log,
    health: createHealthProbes({ temporal: healthConnection, db, smtp: mailer }),
    db,
    tokens: createTokenService({ secret: config.JWT_SECRET }),
    temporal: {
      client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      namespace: config.TEMPORAL_NAMESPACE,
      uiUrl: config.TEMPORAL_UI_URL,
      actionTimeoutMs: config.ACTION_TIMEOUT_MS,
    },
    ruleSetSwitchDate: config.RULE_SET_SWITCH_DATE,
    archiveIndexKey: config.ARCHIVE_INDEX_KEY,
    vnpay: {
      terminal: {
        tmnCode: config.VNPAY_TMN_CODE,
        hashSecret: config.VNPAY_HASH_SECRET,
        payUrl: config.VNPAY_PAY_URL,
      },
      publicBaseUrl: config.PUBLIC_BASE_URL,
    },
    rateLimits: {
      lookup: config.RATE_LIMIT_LOOKUP_MAX,
      login: config.RATE_LIMIT_LOGIN_MAX,
      callbacks: config.RATE_LIMIT_CALLBACK_MAX,
      windowMs: config.RATE_LIMIT_WINDOW * 1000,
    },
    trustProxy: config.TRUST_PROXY,
    trustedSigningRoots: (config.SIGNING_TRUSTED_ROOTS ?? []).flatMap((path) =>
      certificatesFromPem(readFileSync(resolve(process.cwd(), path), 'utf8')),
    ),
    files: {
      store: createFileStore({ root: resolve(process.cwd(), config.STORAGE_ROOT) }),
      maxBytes: config.FILE_MAX_BYTES,
    },
    ...(config.OIDC_ISSUER && {
      citizenLogin: {
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        redirectUri: oidcRedirectUri(config),
        scopes: config.OIDC_SCOPES,
        idClaim: config.CITIZEN_ID_CLAIM,
        stateSecret: config.JWT_SECRET,
      },
    }),
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    await app.close();
    mailer.close();
    await connection.close();
    await healthConnection.close();
    await db.destroy();
    log.info('api stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await app.listen({ host: config.HOST, port: config.PORT });
}

run().catch((err: unknown) => {
  process.stderr.write(`api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
