/**
 * `make dev`: the whole system on its embedded defaults, in the foreground. Ctrl-C stops all of it.
 *
 * Starts the Temporal dev server (SQLite under .data/, Web UI), PostgreSQL (DATABASE_URL, or an
 * embedded one under .data/), the dev mailbox (SMTP catch-all with a web page), the local e-ID provider
 * (OpenID Connect, dev/oidc-provider.ts), then the worker and the API, and prints every URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Connection } from '@temporalio/client';
import { ensureDatabase, withDatabase } from '../db/admin.js';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { startDevMailbox } from '../dev/mailbox.js';
import { startNationalPortalStandin } from '../dev/national-portal-standin.js';
import { devCaEnv, ensureDevCa } from './dev-ca.js';
import { devUsers } from '../db/seed/organisation.seed.js';
import { isLeadership } from '../domain/roles.js';
import { sandboxEnv, startVnpaySandbox } from '../dev/vnpay-sandbox.js';
import { devVnpayTerminal } from '../domain/payment/dev-terminal.js';
import { startDevOidcProvider } from '../dev/oidc-provider.js';
import { devCitizens } from '../dev/dev-citizens.js';
import { DEV_OIDC_CLIENT_SECRET } from '../config/config.js';
import { ensureSearchAttributes } from '../worker/temporal-namespace.js';
import { assertToolsInstalled, repoRoot, temporalCliPath } from './paths.js';

const env = process.env;
const ports = {
  api: Number(env.PORT ?? 3000),
  temporal: Number(env.DEV_TEMPORAL_PORT ?? 7233),
  temporalUi: Number(env.DEV_TEMPORAL_UI_PORT ?? 8233),
  smtp: Number(env.DEV_SMTP_PORT ?? 1025),
  mailbox: Number(env.DEV_MAILBOX_PORT ?? 8025),
  vnpay: Number(env.DEV_VNPAY_PORT ?? 8090),
  oidc: Number(env.DEV_OIDC_PORT ?? 8092),
};
const dataDir = join(repoRoot, '.data');
const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function log(message: string): void {
  process.stdout.write(`[dev] ${message}\n`);
}

/** Spawns a child in its own process group (so Ctrl-C reaches only us and we stop things in order). */
function launch(
  name: string,
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): ChildProcess {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      // Servers complain loudly about their peers going away while we stop them in order.
      if (!stopping) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push({ name, child });
  return child;
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${pattern.source}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    if (!child.stdout) return reject(new Error('no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      if (stopping) throw new Error('stopping');
      if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function startTemporal(): Promise<string> {
  await mkdir(join(dataDir, 'temporal'), { recursive: true });
  launch('temporal', temporalCliPath, [
    'server',
    'start-dev',
    '--db-filename',
    join(dataDir, 'temporal', 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(ports.temporal),
    '--ui-port',
    String(ports.temporalUi),
    '--namespace',
    'default',
    '--log-level',
    'warn',
  ]);
  const address = `127.0.0.1:${ports.temporal}`;
  const connection = await until('Temporal', 60_000, () =>
    Connection.connect({ address, connectTimeout: 1_000 }),
  );
  try {
    const added = await ensureSearchAttributes(connection, 'default');
    if (added.length > 0) log(`registered search attributes: ${added.join(', ')}`);
  } finally {
    await connection.close();
  }
  return address;
}

async function startPostgres(): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const child = launch('postgres', process.execPath, [
    '--import',
    'tsx',
    'scripts/embedded-postgres-main.ts',
  ]);
  const [, url] = await waitForLine(child, /^READY (\S+)$/, 60_000);
  return withDatabase(url!, 'motcua');
}

async function stopChild(name: string, child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    log(`${name} did not stop within ${graceMs} ms: killing it`);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

let closeMailbox: (() => Promise<void>) | undefined;
let closeVnpay: (() => Promise<void>) | undefined;
let closeOidc: (() => Promise<void>) | undefined;

/** The local e-ID provider with the portal as its one client; the API's OIDC_* settings to use it. */
async function startOidc(publicBaseUrl: string): Promise<Record<string, string>> {
  const redirectUri = new URL('/portal/auth/callback', publicBaseUrl).href;
  const oidc = await startDevOidcProvider({
    port: ports.oidc,
    citizens: Object.values(devCitizens),
    clients: [
      {
        clientId: 'mot-cua',
        clientSecret: DEV_OIDC_CLIENT_SECRET,
        redirectUris: [redirectUri],
        postLogoutRedirectUris: [new URL('/dvc', publicBaseUrl).href],
      },
    ],
  });
  closeOidc = () => oidc.close();
  return { OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: 'mot-cua', OIDC_REDIRECT_URI: redirectUri };
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  log('stopping…');
  // API and worker first (they finish in-flight work), then the servers they use.
  for (const name of ['api', 'worker', 'temporal', 'postgres']) {
    const entry = children.find((c) => c.name === name);
    if (entry) await stopChild(name, entry.child, 15_000);
  }
  await closeMailbox?.().catch(() => undefined);
  await closeVnpay?.().catch(() => undefined);
  await closeOidc?.().catch(() => undefined);
  log('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  assertToolsInstalled();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await mkdir(dataDir, { recursive: true });

  const mailbox = await startDevMailbox({
    smtpPort: ports.smtp,
    httpPort: ports.mailbox,
    storeDir: join(dataDir, 'mail'),
  });
  closeMailbox = () => mailbox.close();
  // The local VNPAY sandbox, with the dev terminal; its IPN reaches the API server to server.
  const { tmnCode, hashSecret } = devVnpayTerminal;
  const ipnUrl = `http://127.0.0.1:${ports.api}/payments/vnpay/ipn`;
  const vnpay = await startVnpaySandbox({ port: ports.vnpay, merchants: [{ tmnCode, hashSecret, ipnUrl }] });
  closeVnpay = () => vnpay.close();
  const [temporalAddress, databaseUrl] = await Promise.all([startTemporal(), startPostgres()]);
  await ensureDatabase(databaseUrl);
  const db = createDatabase({ url: databaseUrl });
  await migrateToLatest(db).finally(() => db.destroy());

  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${ports.api}`;
  // The local test CA (docs/signatures.md): created once; its root is what verification trusts.
  const leaders = devUsers.filter((u) => isLeadership(u.role));
  const ca = ensureDevCa(join(dataDir, 'ca'), leaders, 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình');
  const appEnv = {
    NODE_ENV: env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_UI_URL: `http://localhost:${ports.temporalUi}`,
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
    PORT: String(ports.api),
    PUBLIC_BASE_URL: publicBaseUrl,
    ...sandboxEnv(vnpay),
    ...devCaEnv(ca),
    ...(await startOidc(publicBaseUrl)),
  };
  // The national portal's stand-in (docs/national-sync.md): the worker pushes every national status to it.
  const nationalPortal = await startNationalPortalStandin({
    port: Number(env.DEV_NATIONAL_PORTAL_PORT ?? 8091),
    token: 'dev-national-portal-token',
  });
  launch('worker', process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    ...appEnv,
    NATIONAL_PORTAL_SYNC_URL: nationalPortal.url,
    NATIONAL_PORTAL_TOKEN: 'dev-national-portal-token',
  });
  launch('api', process.execPath, ['--import', 'tsx', 'api/main.ts'], appEnv);
  await until('API', 60_000, async () => {
    const res = await fetch(`http://127.0.0.1:${ports.api}/health`);
    if (!res.ok) throw new Error(`health ${res.status}`);
  });

  log('Một Cửa is running. Ctrl-C stops everything.');
  for (const [what, url] of [
    ['API', `http://localhost:${ports.api}`],
    ['API docs', `http://localhost:${ports.api}/docs`],
    ['Console', `http://localhost:${ports.api}/hop-viec`],
    ['Portal', `http://localhost:${ports.api}/dvc`],
    ['Health', `http://localhost:${ports.api}/health`],
    ['Temporal UI', `http://localhost:${ports.temporalUi}`],
    ['Dev mailbox', `http://localhost:${mailbox.httpPort}`],
    ['DVCQG', `${nationalPortal.baseUrl}/_received`],
    ['VNPAY sandbox', vnpay.url],
    ['Dev e-ID', `http://127.0.0.1:${ports.oidc} (citizens log in at /portal/auth/login)`],
    ['Database', databaseUrl.replace(/:[^:@/]+@/, ':***@')],
  ] as const) {
    log(`  ${what.padEnd(12)} ${url}`);
  }
}

main().catch((err: unknown) => {
  log(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
