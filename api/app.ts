import type { X509Certificate } from 'node:crypto';
import { resolve } from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from '../config/logger.js';
import type { VnpayTerminal } from '../common/vnpay.js';
import { DEV_ARCHIVE_INDEX_KEY } from '../domain/archive/index-key.js';
import { devVnpayTerminal } from '../domain/payment/dev-terminal.js';
import type { Database } from '../db/database.js';
import { countOpenIncidents } from '../db/incident.repository.js';
import type { AppInstance } from './app-instance.js';
import { installAuth, type AuthHooks, type TokenService } from './auth.js';
import { installCitizenSessions } from './citizen-session.js';
import { registerCitizenSessionRoutes } from './routes/citizen-session.routes.js';
import { createCitizenLogin, type CitizenLoginSettings } from './citizen-login.js';
import { registerCitizenLoginRoutes } from './routes/citizen-login.routes.js';
import { createCalendarService, type CalendarService } from './calendar.service.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { registerCalendarRoutes } from './routes/calendar.routes.js';
import { dossierReaders, registerDossierRoutes } from './routes/dossier.routes.js';
import type { TemporalDeps } from './routes/dossier-deps.js';
import { registerResultFileRoutes } from './routes/result-file.routes.js';
import { createFileStore, type FileStore } from '../common/file-store.js';
import { registerPaymentRoutes } from './routes/payment.routes.js';
import { registerVnpayRoutes } from './routes/vnpay.routes.js';
import { registerLiaisonRoutes } from './routes/liaison.routes.js';
import { registerNotificationRoutes } from './routes/notification.routes.js';
import { registerEscalationRoutes } from './routes/escalation.routes.js';
import { registerIncidentRoutes } from './routes/incident.routes.js';
import { registerArchiveRoutes } from './routes/archive.routes.js';
import { registerNationalSyncRoutes } from './routes/national-sync.routes.js';
import {
  calendarRolloutWorkflow,
  calendarRolloutWorkflowId,
} from '../workflows/calendar-rollout.workflow.js';
import { registerProcedureRoutes } from './routes/procedure.routes.js';
import { registerFormRoutes } from './routes/form.routes.js';
import { registerReportRoutes } from './routes/report.routes.js';
import { answerFrameworkError, installErrorHandler } from './error-handler.js';
import { installHttpHeaders } from './http-headers.js';
import { installIdempotency } from './idempotency.js';
import { withinDeadline } from './outage.js';
import type { HealthProbe } from './health.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerLookupRoutes } from './routes/lookup.routes.js';
import { registerVerifyRoutes } from './routes/verify.routes.js';
import { defaultRateLimits, installRateLimits, type RateLimitSettings } from './rate-limit.js';
import { registerWebRoutes } from './routes/web.routes.js';
import { defaultTenant } from '../db/seed/organisation.seed.js';
import type { PortalDeps } from './portal/deps.js';
import { registerOnlineSubmissionRoutes } from './routes/online-submission.routes.js';
import { registerOnlineSubmissionFormRoutes } from './routes/online-submission-forms.routes.js';
import { registerPortalDossierRoutes } from './routes/portal-dossiers.routes.js';
import { registerPortalDossierActionRoutes } from './routes/portal-dossier-actions.routes.js';
import { registerPortalDraftRoutes } from './routes/portal-drafts.routes.js';
import { registerPortalProcedureRoutes } from './routes/portal-procedures.routes.js';
import { registerPortalSubmissionRoutes } from './routes/portal-submissions.routes.js';
import { registerPortalUploadRoutes } from './routes/portal-uploads.routes.js';

/** Re-exported for the callers that build the app (tests, benchmarks); route modules import `./app-instance.js`. */
export type { AppInstance };

/** Everything the HTTP API needs, wired by `api/main.ts` (real parts) or by tests. */
export interface AppDeps {
  logger: Logger | false;
  health: Record<string, HealthProbe>;
  db: Database;
  tokens: TokenService;
  /** Defaults to a service over `db`; tests may share one. */
  calendars?: CalendarService;
  /** Temporal client and where dossier workflows run. */
  temporal: TemporalDeps;
  /** First receipt date of the Decree 118/2025 rule set (`RULE_SET_SWITCH_DATE`); default its legal date. */
  ruleSetSwitchDate?: string;
  version?: string;
  /**
   * Where uploaded files go and how large they may be (`STORAGE_ROOT`, `FILE_MAX_BYTES`); default
   * `.data/files` under the working directory and 20 MiB.
   */
  files?: { store: FileStore; maxBytes: number };
  /**
   * The VNPAY terminal (`VNPAY_TMN_CODE`, `VNPAY_HASH_SECRET`, `VNPAY_PAY_URL`) and the API's public address
   * (`PUBLIC_BASE_URL`, VNPAY's return URL); default the dev sandbox's terminal and http://localhost:3000.
   */
  vnpay?: { terminal: Pick<VnpayTerminal, 'tmnCode' | 'hashSecret' | 'payUrl'>; publicBaseUrl: string };
  /** Requests per client and window on public routes (`RATE_LIMIT_*`); default {@link defaultRateLimits}. */
  rateLimits?: RateLimitSettings;
  /** Which proxies' `X-Forwarded-For` names the client (`TRUST_PROXY`); default none. */
  trustProxy?: boolean | string[];
  /** The built officer console served at `/`; default `web/dist` under the working directory. */
  webRoot?: string;
  /** Lifetimes of citizens' portal sessions (seconds); default 30 min idle, 12 h in all. */
  citizenSessions?: { idleSeconds?: number; maxSessionSeconds?: number };
  /**
   * Citizens' e-ID login through an OpenID Connect provider (`OIDC_*`, `CITIZEN_ID_CLAIM`); without it
   * `GET /portal/auth/login` and `/portal/auth/callback` answer 503 `CITIZEN.LOGIN_UNAVAILABLE`.
   */
  citizenLogin?: CitizenLoginSettings;
  /** Clock of the citizen portal and online receipt (epoch ms), for tests; default the system clock. */
  now?: () => number;
  /** Roots result signatures must chain to (`SIGNING_TRUSTED_ROOTS`, docs/signatures.md); default none. */
  trustedSigningRoots?: readonly X509Certificate[];
  /** The tenant whose procedures the citizen portal offers; default the seeded tenant. */
  portalTenant?: string;
  /** Key of the archive index's applicant ID hashes (`ARCHIVE_INDEX_KEY`, as the worker's); default the dev key. */
  archiveIndexKey?: string;
}

/** Builds the Fastify app (routes, schemas, OpenAPI, error mapping) without listening. */
export async function buildApp(deps: AppDeps): Promise<AppInstance> {
  const options: FastifyServerOptions = {
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
    // Longer than any path parameter's schema allows, so an over-long parameter is answered by the route's
    // validation (400 naming `params.…`) rather than by the router (414 outside the API's error shape).
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: answerFrameworkError,
    trustProxy: deps.trustProxy ?? false,
    ...(deps.logger === false ? { logger: false } : { loggerInstance: deps.logger }),
  };
  const app: AppInstance = Fastify(options).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const production = process.env.NODE_ENV === 'production';
  installErrorHandler(app);
  await installHttpHeaders(app, { production });
  await installRateLimits(app, deps.rateLimits ?? defaultRateLimits);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Một Cửa API',
        description: 'One-stop administrative procedures (thủ tục hành chính) of a Sở GDĐT.',
        version: deps.version ?? '0.1.0',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  const auth: AuthHooks = installAuth(app, { tokens: deps.tokens, db: deps.db });
  const idempotency = installIdempotency(app, { db: deps.db });
  const now = deps.now ?? Date.now;
  const citizens = installCitizenSessions(app, {
    db: deps.db,
    production,
    ...deps.citizenSessions,
    now: () => new Date(now()),
  });
  const calendars = deps.calendars ?? createCalendarService(deps.db);
  registerHealthRoutes(app, deps.health, {
    dossiersNeedingAttention: () => countOpenIncidents(deps.db),
  });
  registerAuthRoutes(app, { db: deps.db, tokens: deps.tokens, auth });
  const citizenLogin = deps.citizenLogin && createCitizenLogin(deps.citizenLogin, production);
  registerCitizenLoginRoutes(app, {
    citizens,
    login: citizenLogin,
    production,
    now: () => new Date(now()),
  });
  registerCitizenSessionRoutes(app, {
    citizens,
    endSessionUrl: () => citizenLogin?.endSessionUrl() ?? null,
  });
  registerCalendarRoutes(app, {
    db: deps.db,
    calendars,
    auth,
    idempotency,
    startRollout: async (tenant, version) => {
      await withinDeadline(
        deps.temporal.client,
        () =>
          deps.temporal.client.workflow.start(calendarRolloutWorkflow, {
            taskQueue: deps.temporal.taskQueue,
            workflowId: calendarRolloutWorkflowId(tenant, version),
            args: [{ tenant, version }],
          }),
        deps.temporal.actionTimeoutMs,
      );
    },
  });
  registerProcedureRoutes(app, { db: deps.db, auth, idempotency });
  registerDossierRoutes(app, {
    db: deps.db,
    client: deps.temporal.client,
    taskQueue: deps.temporal.taskQueue,
    actionTimeoutMs: deps.temporal.actionTimeoutMs,
    ruleSetSwitchDate: deps.ruleSetSwitchDate,
    auth,
    idempotency,
    calendars,
    temporal: deps.temporal,
  });
  const files = deps.files ?? {
    store: createFileStore({ root: resolve(process.cwd(), '.data/files') }),
    maxBytes: 20 * 1024 * 1024,
  };
  const readers = dossierReaders({ db: deps.db, temporal: deps.temporal, calendars });
  registerResultFileRoutes(app, {
    db: deps.db,
    auth,
    idempotency,
    client: deps.temporal.client,
    actionTimeoutMs: deps.temporal.actionTimeoutMs,
    fileStore: files.store,
    maxBytes: files.maxBytes,
    ...readers,
  });
  const vnpay = deps.vnpay ?? { terminal: devVnpayTerminal, publicBaseUrl: 'http://localhost:3000' };
  if (production && vnpay.terminal.hashSecret === devVnpayTerminal.hashSecret) {
    throw new Error('buildApp: the VNPAY hash secret must be set in production');
  }
  registerPaymentRoutes(app, { db: deps.db, auth });
  registerVnpayRoutes(app, { db: deps.db, client: deps.temporal.client, ...vnpay });
  registerLiaisonRoutes(app, {
    db: deps.db,
    client: deps.temporal.client,
    actionTimeoutMs: deps.temporal.actionTimeoutMs,
    auth,
  });
  registerLookupRoutes(app, { db: deps.db, fileStore: files.store });
  registerVerifyRoutes(app, {
    db: deps.db,
    fileStore: files.store,
    trustedRoots: deps.trustedSigningRoots ?? [],
    officers: { auth, loadDossier: readers.loadDossier },
  });
  registerNotificationRoutes(app, { db: deps.db, auth });
  registerFormRoutes(app, {
    db: deps.db,
    auth,
    ruleSetSwitchDate: deps.ruleSetSwitchDate,
    ...dossierReaders({ db: deps.db, temporal: deps.temporal, calendars }),
  });
  registerEscalationRoutes(app, { db: deps.db, auth });
  registerIncidentRoutes(app, {
    db: deps.db,
    auth,
    idempotency,
    client: deps.temporal.client,
    actionTimeoutMs: deps.temporal.actionTimeoutMs,
    ...dossierReaders({ db: deps.db, temporal: deps.temporal, calendars }),
  });
  registerReportRoutes(app, { db: deps.db, auth });
  registerArchiveRoutes(app, {
    db: deps.db,
    auth,
    indexKey: deps.archiveIndexKey ?? DEV_ARCHIVE_INDEX_KEY,
  });
  registerNationalSyncRoutes(app, { db: deps.db, auth, idempotency, ...deps.temporal });
  const portal: PortalDeps = {
    db: deps.db,
    client: deps.temporal.client,
    taskQueue: deps.temporal.taskQueue,
    actionTimeoutMs: deps.temporal.actionTimeoutMs,
    ruleSetSwitchDate: deps.ruleSetSwitchDate,
    citizens,
    auth,
    idempotency,
    calendars,
    fileStore: files.store,
    maxBytes: files.maxBytes,
    now,
    tenant: deps.portalTenant ?? defaultTenant.code,
    publicBaseUrl: vnpay.publicBaseUrl,
  };
  registerPortalProcedureRoutes(app, portal);
  registerPortalDraftRoutes(app, portal);
  registerPortalUploadRoutes(app, portal);
  registerPortalSubmissionRoutes(app, portal);
  registerPortalDossierRoutes(app, portal);
  registerPortalDossierActionRoutes(app, portal);
  registerOnlineSubmissionRoutes(app, {
    ...portal,
    ...dossierReaders({ db: deps.db, temporal: deps.temporal, calendars }),
  });
  registerOnlineSubmissionFormRoutes(app, portal);
  await registerWebRoutes(app, deps.webRoot ? { root: deps.webRoot } : {});
  return app;
}
