import { z } from 'zod';
import {
  DEV_VNPAY_API_URL,
  DEV_VNPAY_HASH_SECRET,
  DEV_VNPAY_PAY_URL,
  DEV_VNPAY_TMN_CODE,
} from '../domain/payment/dev-terminal.js';
import { DEV_ARCHIVE_INDEX_KEY } from '../domain/archive/index-key.js';
import { DEFAULT_RULE_SET_SWITCH_DATE } from '../domain/rules/rule-sets.js';
import { checkUnitCodes, unitCodeEnvShape } from './units.js';

const booleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';

/** Client secret of the portal at the local OpenID Connect provider of development; refused in production. */
export const DEV_OIDC_CLIENT_SECRET = 'dev-only-oidc-client-secret-0123456789';

/** The worker's workflow cache when WORKER_MAX_CACHED_WORKFLOWS is unset (docs/benchmarks.md). */
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 1_000;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** Years after a dossier's end (once archived) before its personal data is anonymised. */
    PERSONAL_DATA_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(5),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port')
      .default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('mot-cua'),
    TEMPORAL_UI_URL: z.url().default('http://localhost:8233'),
    /**
     * How long an API request waits for Temporal (an officer action's Update until its event is stored, a
     * workflow start) before answering 503 with Retry-After (api/outage.ts). At most 50 s: less than the
     * Idempotency-Key's 60 s lease, so a retry never takes over a request that is still waiting.
     */
    ACTION_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(50_000).default(20_000),
    /**
     * Dossier workflows a worker keeps in memory between their tasks (the SDK's workflow cache). Fewer:
     * less memory, more replays when a dossier wakes up. Default 2,000: about 0.3 MB each, so the
     * worker stays near 1 GB RSS whatever the number of open dossiers (docs/benchmarks.md, "Per cached
     * workflow"); the SDK's own default sizes the cache from the machine's memory instead.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS),
    /** Prebuilt workflow bundle (production); without it the worker bundles `workflows/` at start-up. */
    WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('"Một Cửa Sở GDĐT" <motcua@localhost>'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
    JWT_SECRET: z.string().min(32).default(DEV_JWT_SECRET),
    /** The merchant's terminal code at VNPAY (vnp_TmnCode, 8 characters). */
    VNPAY_TMN_CODE: z
      .string()
      .regex(/^[A-Za-z0-9]{8}$/, 'expected the 8-character terminal code VNPAY gave')
      .default(DEV_VNPAY_TMN_CODE),
    /** The terminal's secret at VNPAY (vnp_HashSecret): HMAC-SHA512 key of every message both ways. */
    VNPAY_HASH_SECRET: z.string().min(32).default(DEV_VNPAY_HASH_SECRET),
    /** VNPAY's pay page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html; default the dev sandbox. */
    VNPAY_PAY_URL: z.url({ protocol: /^https?$/ }).default(DEV_VNPAY_PAY_URL),
    /** VNPAY's merchant web API (querydr), e.g. https://sandbox.vnpayment.vn/merchant_webapi/api/transaction. */
    VNPAY_API_URL: z.url({ protocol: /^https?$/ }).default(DEV_VNPAY_API_URL),
    SEED_DEV_USERS: booleanString.optional(),
    /**
     * Where the worker pushes each national status of a dossier (the national portal's sync endpoint,
     * docs/national-sync.md); unset: the statuses wait in the outbox, pushed once it is set.
     */
    NATIONAL_PORTAL_SYNC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Bearer token of the national portal's sync endpoint; required with NATIONAL_PORTAL_SYNC_URL. */
    NATIONAL_PORTAL_TOKEN: z.string().min(8).optional(),
    /**
     * First receipt date (Vietnam local, YYYY-MM-DD) of the Decree 118/2025 rule set; dossiers received
     * earlier stay under Decree 61/2018 to their end (domain/rules/rule-sets.ts, docs/domain.md "Rule sets and receiving units").
     */
    RULE_SET_SWITCH_DATE: z.iso.date('expected YYYY-MM-DD').default(DEFAULT_RULE_SET_SWITCH_DATE),
    /** Where uploaded files (digitised results) are kept; a relative path is taken from the working directory. */
    STORAGE_ROOT: z.string().min(1).default('.data/files'),
    /** Where archival packages of finished dossiers go: `file:///path` or a path (docs/archive.md). */
    ARCHIVE_URL: z.string().min(1).default('.data/archive'),
    /** HMAC-SHA256 key of the applicant ID hashes in the archive index (API and worker: the same value). */
    ARCHIVE_INDEX_KEY: z.string().min(32).default(DEV_ARCHIVE_INDEX_KEY),
    /** Largest accepted upload, in bytes (default 20 MiB). */
    FILE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    /** Requests per client (IP) and window to the citizen lookup, its download and the rating together. */
    RATE_LIMIT_LOOKUP_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Login attempts per client (IP) and window. */
    RATE_LIMIT_LOGIN_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10),
    /** Payment and liaison callbacks per client (IP) and window. */
    RATE_LIMIT_CALLBACK_MAX: z.coerce.number().int().min(1).max(1_000_000).default(300),
    /** Length of the rate-limit window, in seconds. */
    RATE_LIMIT_WINDOW: z.coerce.number().int().min(1).max(86_400).default(60),
    /**
     * Which proxies' `X-Forwarded-For` names the client (Fastify `trustProxy`): `false` (default: none,
     * the socket's address counts and the header is ignored), `true` (every hop: only behind a proxy that
     * overwrites the header), or a comma-separated list of the proxies' addresses, CIDRs or the names
     * `loopback`, `linklocal`, `uniquelocal` (proxy-addr). Hop counts are not offered: Fastify ignores them.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(
        /^(true|false|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/,
        'true, false, or comma-separated addresses, CIDRs or loopback/linklocal/uniquelocal',
      )
      .transform((v): boolean | string[] =>
        v === 'true' ? true : v === 'false' ? false : v.split(/\s*,\s*/),
      )
      .default(false),
    /**
     * Citizens' e-ID login (OpenID Connect): the provider's issuer URL (VNeID / the national SSO in
     * production, the local dev provider in development). Unset: the portal's login answers 503.
     */
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().trim().min(1).max(200).default('mot-cua'),
    OIDC_CLIENT_SECRET: z.string().min(16).default(DEV_OIDC_CLIENT_SECRET),
    /** Where the provider sends the citizen back; default `${PUBLIC_BASE_URL}/portal/auth/callback`. */
    OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Claim of the ID token (or UserInfo) holding the 12-digit personal identification number. Standard
     * OIDC has none (and `sub` may be an opaque or pairwise identifier), so it is named per provider.
     */
    CITIZEN_ID_CLAIM: z
      .string()
      .regex(/^[A-Za-z_][\w.:-]{0,99}$/, 'expected a claim name')
      .default('personal_id'),
    /** Space-separated scopes asked of the provider; must include `openid`. */
    OIDC_SCOPES: z
      .string()
      .trim()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'expected space-separated scopes')
      .refine((s) => s.split(' ').includes('openid'), 'must include openid')
      .default('openid profile email phone personal_id'),
    /** PKCS#12 file (key + certificate chain) of the local result signer (docs/signatures.md); dev: .data/ca/leader.p12. */
    SIGNING_P12_PATH: z.string().min(1).optional(),
    SIGNING_P12_PASSWORD: z.string().default(''),
    /** Leaders' own PKCS#12 keys, `<username>.p12` (same password); a leader without one signs with SIGNING_P12_PATH. */
    SIGNING_P12_DIR: z.string().min(1).optional(),
    /** The agency's seal key (PKCS#12) the văn thư applies; unset: SIGNING_P12_PATH. */
    SIGNING_SEAL_P12_PATH: z.string().min(1).optional(),
    /** Trusted root certificates for signature verification: comma-separated paths of PEM files. */
    SIGNING_TRUSTED_ROOTS: z
      .string()
      .trim()
      .min(1)
      .transform((v) => v.split(/\s*,\s*/).filter(Boolean))
      .optional(),
    /** Remote signing service (Cloud Signature Consortium API v2): its root URL; when set it signs instead of the PKCS#12. */
    CSC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    CSC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
    CSC_CLIENT_SECRET: z.string().min(8).optional(),
    /** Which credential signs; unset: the first the service lists. */
    CSC_CREDENTIAL_ID: z.string().trim().min(1).max(200).optional(),
    /** The agency's seal credential at the signing service; unset: CSC_CREDENTIAL_ID. */
    CSC_SEAL_CREDENTIAL_ID: z.string().trim().min(1).max(200).optional(),
    ...unitCodeEnvShape,
  })
  .superRefine((env, ctx) => {
    checkUnitCodes(env, (variable, message) => ctx.addIssue({ code: 'custom', path: [variable], message }));
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'must be set to a secret value in production',
      });
    }
    if (env.NODE_ENV === 'production' && env.ARCHIVE_INDEX_KEY === DEV_ARCHIVE_INDEX_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ARCHIVE_INDEX_KEY'],
        message: 'must be set to a secret value in production (the same for the API and the worker)',
      });
    }
    if (env.NODE_ENV === 'production') {
      checkVnpayInProduction(env, (variable, message) =>
        ctx.addIssue({ code: 'custom', path: [variable], message }),
      );
    }
    for (const name of ['CSC_CLIENT_ID', 'CSC_CLIENT_SECRET'] as const) {
      if (env.CSC_BASE_URL !== undefined && env[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'required with CSC_BASE_URL' });
      }
    }
    if (env.NATIONAL_PORTAL_SYNC_URL !== undefined && env.NATIONAL_PORTAL_TOKEN === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['NATIONAL_PORTAL_TOKEN'],
        message: 'required with NATIONAL_PORTAL_SYNC_URL',
      });
    }
    if (env.NODE_ENV === 'production' && env.OIDC_ISSUER) {
      if (!env.OIDC_ISSUER.startsWith('https://')) {
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_ISSUER'],
          message: 'must be an https URL in production',
        });
      }
      if (env.OIDC_CLIENT_SECRET === DEV_OIDC_CLIENT_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_CLIENT_SECRET'],
          message: 'must be set to the secret the identity provider issued in production',
        });
      }
    }
    if (env.NODE_ENV === 'production' && env.SEED_DEV_USERS === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['SEED_DEV_USERS'],
        message: 'dev users are never seeded in production',
      });
    }
  });

/** Production talks to the real VNPAY: its own terminal and secret, over HTTPS. */
function checkVnpayInProduction(
  env: { VNPAY_TMN_CODE: string; VNPAY_HASH_SECRET: string; VNPAY_PAY_URL: string; VNPAY_API_URL: string },
  refuse: (variable: string, message: string) => void,
): void {
  if (env.VNPAY_HASH_SECRET === DEV_VNPAY_HASH_SECRET) {
    refuse('VNPAY_HASH_SECRET', 'must be set to the secret VNPAY gave the terminal in production');
  }
  if (env.VNPAY_TMN_CODE === DEV_VNPAY_TMN_CODE) {
    refuse('VNPAY_TMN_CODE', 'must be set to the terminal code VNPAY gave in production');
  }
  for (const variable of ['VNPAY_PAY_URL', 'VNPAY_API_URL'] as const) {
    if (!env[variable].startsWith('https://')) refuse(variable, 'must be an https:// address in production');
  }
}

/** The whole runtime configuration, parsed once from the environment at start-up. */
export type Config = Readonly<z.output<typeof envSchema>>;

/** Where the identity provider sends citizens back after login (`OIDC_REDIRECT_URI` or its default). */
export function oidcRedirectUri(config: Pick<Config, 'OIDC_REDIRECT_URI' | 'PUBLIC_BASE_URL'>): string {
  return config.OIDC_REDIRECT_URI ?? new URL('/portal/auth/callback', config.PUBLIC_BASE_URL).href;
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws {@link ConfigError} naming every variable at fault. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
      })),
    );
  }
  return Object.freeze(parsed.data);
}

/** Loads the config or prints the problem and exits with code 78 (EX_CONFIG). Entry points only. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
