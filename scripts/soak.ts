/**
 * `npm run soak`: the chaos/soak run (issue #17). Starts its own stack on free ports — an embedded
 * PostgreSQL (own data folder), the Temporal dev server (own SQLite file), an in-process SMTP server that
 * records every message, the worker and the API as child processes — drives dossiers through complete paths
 * as simulated officers over HTTP, kills -9 one of worker / API / Temporal / PostgreSQL at random moments
 * (restarting it after a short pause) and takes SMTP and the national portal's stand-in down for a while;
 * the VNPAY stand-in, the national portal stand-in and the dev CA run in this process. Then it checks the
 * invariants, prints them and exits 1 on any violation. See docs/soak.md.
 *
 * Knobs (environment): SOAK_DOSSIERS (200), SOAK_MINUTES (5), SOAK_KILL_EVERY_S (mean seconds between
 * kills, 30), SOAK_SEED (random seed), SOAK_CONCURRENCY (6), SOAK_SETTLE_S (180), SOAK_PATHS (path mix),
 * SOAK_STEP_BUDGET_S (36), SOAK_OVERDUE_SHARE (0.3), SOAK_PORTAL_DOWN_S (45), SOAK_SHORT=1 (the small
 * version `make test` runs: 20 dossiers, 1.25 minutes, a kill every ~15 s), SOAK_KEEP=1 (keep the temp dir).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { ensureDatabase, withDatabase } from '../db/admin.js';
import { verifyChain } from '../db/dossier-chain.js';
import { createDatabase, type Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import { devPassword, devUsers } from '../db/seed/organisation.seed.js';
import { unitCodesFromEnv } from '../config/units.js';
import { certificatesFromPem, verifyPdfSignatures } from '../common/signing/verify.js';
import { startNationalPortalStandin, type NationalPortalStandin } from '../dev/national-portal-standin.js';
import { sandboxEnv, startVnpaySandbox, type VnpaySandbox } from '../dev/vnpay-sandbox.js';
import { devVnpayTerminal } from '../domain/payment/dev-terminal.js';
import { isLeadership } from '../domain/roles.js';
import { toVnDate } from '../domain/calendar/index.js';
import { allDayCalendar } from './all-day-calendar.js';
import { devCaEnv, ensureDevCa } from './dev-ca.js';
import { localProcedureCode } from '../domain/unit-codes.js';
import { minimalPdf } from '../test/support/pdf.js';
import { dossierStateQuery } from '../workflows/dossier/messages.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { freePort } from './net.js';
import { assertToolsInstalled, repoRoot, temporalCliPath } from './paths.js';

// ---------------------------------------------------------------------------------------------------------
// Knobs

const env = process.env;
const short = env.SOAK_SHORT === '1';
const knobs = {
  dossiers: Number(env.SOAK_DOSSIERS ?? (short ? 20 : 200)),
  minutes: Number(env.SOAK_MINUTES ?? (short ? 1.25 : 5)),
  killEveryS: Number(env.SOAK_KILL_EVERY_S ?? (short ? 15 : 30)),
  seed: Number(env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31)),
  concurrency: Number(env.SOAK_CONCURRENCY ?? 6),
  settleS: Number(env.SOAK_SETTLE_S ?? (short ? 45 : 180)),
  smtpDownS: Number(env.SOAK_SMTP_DOWN_S ?? (short ? 20 : 60)),
  keep: env.SOAK_KEEP === '1',
  /** The path mix, in turn: `name` or `name:weight`, comma-separated (default every path once). */
  paths: env.SOAK_PATHS ?? 'escalation,plain,supplement,cash,online,signed,liaison',
  portalDownS: Number(env.SOAK_PORTAL_DOWN_S ?? (short ? 15 : 45)),
  /** Budget of each step of the escalation path's procedure, in seconds of (all-day) working time. */
  stepBudgetS: Number(env.SOAK_STEP_BUDGET_S ?? (short ? 15 : 36)),
  /** Share of escalation dossiers whose officer sits past the appointment (minutes away: off in the short run). */
  overdueShare: Number(env.SOAK_OVERDUE_SHARE ?? (short ? 0 : 0.3)),
};

/** mulberry32: a small seeded generator, so a run can be repeated with SOAK_SEED. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(knobs.seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (lo: number, hi: number) => lo + random() * (hi - lo);

const t0 = Date.now();
const stamp = () => `${new Date().toISOString()} +${((Date.now() - t0) / 1000).toFixed(1)}s`;
function log(message: string): void {
  process.stdout.write(`[soak ${stamp()}] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Managed processes (each in its own process group, so kill -9 takes its children too)

interface Managed {
  name: Target;
  child?: ChildProcess;
  /** Set while we kill it on purpose: its exit is not a crash. */
  expectedExit: boolean;
  unexpectedExits: number;
  start(): Promise<void>;
}
type Target = 'postgres' | 'temporal' | 'worker' | 'api';

let stopping = false;
let logDir = '';
const logStreams = new Map<string, WriteStream>();

function spawnLogged(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number } = {},
): ChildProcess {
  let stream = logStreams.get(name);
  if (!stream) {
    stream = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    logStreams.set(name, stream);
  }
  stream.write(`--- ${stamp()} start ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: opts.cwd ?? repoRoot,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
  });
  child.stdout?.pipe(stream, { end: false });
  child.stderr?.pipe(stream, { end: false });
  return child;
}

function watchExit(proc: Managed): void {
  const child = proc.child!;
  child.once('exit', (code, signal) => {
    if (stopping || proc.expectedExit || proc.child !== child) return;
    proc.unexpectedExits++;
    log(`!! ${proc.name} exited on its own (code ${code ?? '-'}, signal ${signal ?? '-'}): restarting it`);
    down(proc.name);
    void (async () => {
      await sleep(1_000);
      await restartUntilUp(proc);
      up(proc.name);
    })();
  });
}

async function restartUntilUp(proc: Managed): Promise<void> {
  for (let attempt = 1; !stopping; attempt++) {
    try {
      await proc.start();
      return;
    } catch (err) {
      log(`${proc.name} did not come up (attempt ${attempt}): ${String(err).slice(0, 200)}; retrying`);
      killGroup(proc.child, 'SIGKILL');
      await sleep(2_000);
    }
  }
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

function exited(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms: ${String(err)}`);
      await sleep(250);
    }
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern.source} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      seen = (seen + d.toString()).slice(-4096);
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern.source}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Down windows: when a dependency was down (a 5xx outside one is a violation)

interface Window {
  what: string;
  from: number;
  to: number | null;
}
const windows: Window[] = [];
/** A request that started while something was down, or this soon after, may still end in a 503. */
const GRACE_MS = 20_000;

/** Outages of what the API does not depend on to answer (mail, the national portal). */
const OUTSIDE = new Set(['smtp', 'portal']);

function down(what: string): void {
  windows.push({ what, from: Date.now(), to: null });
}
function up(what: string): void {
  const open = windows.findLast((w) => w.what === what && w.to === null);
  if (open) open.to = Date.now();
}
function disturbedAt(from: number, to: number): boolean {
  return windows.some(
    (w) => !OUTSIDE.has(w.what) && w.from <= to && (w.to === null || w.to + GRACE_MS >= from),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The recording SMTP server (taken down and brought back on the same port)

interface ReceivedMail {
  messageId: string;
  notificationKey: string | null;
  to: string;
  at: number;
  /** The text of a liaison request (it carries the partner's answer token); other mails' texts are not kept. */
  liaisonText?: string;
}

function startSmtp(port: number, received: ReceivedMail[]): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const key = mail.headers.get('x-mot-cua-notification');
          received.push({
            messageId: mail.messageId ?? '',
            notificationKey: typeof key === 'string' ? key : null,
            to: mail.to
              ? [mail.to]
                  .flat()
                  .map((a) => a.text)
                  .join(', ')
              : '',
            at: Date.now(),
            ...(mail.headers.has('x-mot-cua-liaison-request') ? { liaisonText: mail.text ?? '' } : {}),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// HTTP as a simulated officer: Idempotency-Key on every write, retried with the same key

interface HttpRecord {
  method: string;
  path: string;
  status: number;
  retryAfter: string | null;
  started: number;
  ended: number;
  code?: string;
}
const http5xx: HttpRecord[] = [];
/** Online payments confirmed at the gateway while the API or the worker was down. */
let paidWhileDown = 0;
const httpStats = { requests: 0, retries: 0, connectionErrors: 0, s503: 0, other5xx: 0 };

class DriverError extends Error {}

function makeOfficers(baseUrl: string) {
  const tokens = new Map<string, string>();

  async function login(username: string): Promise<string> {
    const res = await send('POST', '/auth/login', undefined, { username, password: devPassword }, undefined);
    const token = (res.body as { token: string }).token;
    tokens.set(username, token);
    return token;
  }

  /**
   * One request until it has a final answer: connection errors, timeouts, 503 and 409 "in progress" are
   * retried with the same body and Idempotency-Key (waiting Retry-After); a 401 logs in again.
   */
  async function send(
    method: 'GET' | 'POST',
    path: string,
    username: string | undefined,
    body: object | undefined,
    idempotencyKey: string | undefined,
    opts: {
      multipart?: { payload: Buffer; contentType: string };
      headers?: Record<string, string>;
      /** Statuses answered to the caller instead of being errors (e.g. 409 of an answer taken once). */
      pass?: number[];
      raw?: boolean;
    } = {},
  ): Promise<{ status: number; body: unknown; bytes?: Buffer }> {
    const { multipart } = opts;
    const giveUpAt = Date.now() + 5 * 60_000;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) httpStats.retries++;
      if (Date.now() > giveUpAt) throw new DriverError(`${method} ${path}: no final answer within 5 minutes`);
      const headers: Record<string, string> = { ...opts.headers };
      if (username) headers.authorization = `Bearer ${tokens.get(username) ?? (await login(username))}`;
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      if (multipart) headers['content-type'] = multipart.contentType;
      else if (body) headers['content-type'] = 'application/json';
      const started = Date.now();
      httpStats.requests++;
      let res: Response;
      try {
        res = await fetch(`${baseUrl}${path}`, {
          method,
          headers,
          body: multipart ? new Uint8Array(multipart.payload) : body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(45_000),
        });
      } catch {
        httpStats.connectionErrors++;
        await sleep(between(500, 1500));
        continue;
      }
      if (opts.raw && res.status === 200) {
        const bytes = Buffer.from(await res.arrayBuffer());
        return { status: res.status, body: null, bytes };
      }
      const text = await res.text().catch(() => '');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      const code = (parsed as { code?: string } | null)?.code;
      if (res.status >= 500) {
        const record: HttpRecord = {
          method,
          path,
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          started,
          ended: Date.now(),
          ...(code ? { code } : {}),
        };
        http5xx.push(record);
        if (res.status === 503) httpStats.s503++;
        else httpStats.other5xx++;
        const wait = Number(record.retryAfter ?? 2);
        await sleep(Math.min(Number.isFinite(wait) ? wait : 2, 10) * 1000);
        continue;
      }
      if (res.status === 409 && code === 'IDEMPOTENCY_KEY_IN_PROGRESS') {
        await sleep(Math.min(Number(res.headers.get('retry-after') ?? 2), 10) * 1000);
        continue;
      }
      if (res.status === 401 && username) {
        tokens.delete(username);
        continue;
      }
      if (opts.pass?.includes(res.status)) return { status: res.status, body: parsed };
      if (res.status >= 300) {
        throw new DriverError(`${method} ${path} as ${username ?? '-'}: ${res.status} ${text.slice(0, 300)}`);
      }
      return { status: res.status, body: parsed };
    }
  }

  return {
    get: async (path: string, username = 'auditor') =>
      (await send('GET', path, username, undefined, undefined)).body,
    post: async (path: string, username: string, body: object) =>
      (await send('POST', path, username, body, randomUUID())).body,
    send,
    bytes: async (path: string, username: string) =>
      (await send('GET', path, username, undefined, undefined, { raw: true })).bytes!,
    upload: async (
      code: string,
      username: string,
      stepId: string,
      data: Buffer,
      fileName = 'ket-qua.pdf',
    ) => {
      const boundary = `----soak${randomUUID().replace(/-/g, '')}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="stepId"\r\n\r\n${stepId}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
            'Content-Type: application/pdf\r\n\r\n',
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return (
        await send(
          'POST',
          `/dossiers/${encodeURIComponent(code)}/result-file`,
          username,
          undefined,
          randomUUID(),
          { multipart: { payload, contentType: `multipart/form-data; boundary=${boundary}` } },
        )
      ).body;
    },
  };
}
type Officers = ReturnType<typeof makeOfficers>;

// ---------------------------------------------------------------------------------------------------------
// Dossier paths

const units = unitCodesFromEnv();
const procedures = {
  plain: {
    code: localProcedureCode('3.000466', units.province),
    components: ['DON', 'VB', 'HT', 'KS', 'GTTT'],
  },
  supplement: {
    code: localProcedureCode('1.004889', units.province),
    components: ['DON', 'VB', 'KQHT', 'GTTT'],
  },
  cash: { code: localProcedureCode('3.000465', units.province), components: ['DON', 'GTTT'], copies: 1 },
  // The same copy procedure, its fee paid online through the VNPAY stand-in.
  online: { code: localProcedureCode('3.000465', units.province), components: ['DON', 'GTTT'], copies: 1 },
  // Study-abroad consulting: the result is signed by the approving deputy and sealed by the văn thư.
  signed: { code: localProcedureCode('1.005061', units.province), components: ['VBDN', 'DKDN', 'TRUSO'] },
  // Establishment of a school: a liên thông step, answered by the partner (UBND tỉnh) through its token.
  liaison: {
    code: localProcedureCode('1.012944', units.province),
    components: ['TOTRINH', 'DEAN', 'DATDAI'],
    organisation: true,
  },
  // A copy of the plain procedure with step budgets of SOAK_STEP_BUDGET_S, published by the soak.
  escalation: { code: 'SOAK.3.000466.NHANH', components: ['DON', 'VB', 'HT', 'KS', 'GTTT'] },
} as const;
type PathKind = keyof typeof procedures;
const PATH_KINDS = Object.keys(procedures) as PathKind[];

/** `SOAK_PATHS`: `name` or `name:weight`, comma-separated, taken in turn. */
function pathMix(spec: string): PathKind[] {
  const mix: PathKind[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, weight] = part.split(':');
    if (!PATH_KINDS.includes(name as PathKind))
      throw new Error(`SOAK_PATHS: unknown path ${name} (known: ${PATH_KINDS.join(', ')})`);
    for (let i = 0; i < Number(weight ?? 1); i++) mix.push(name as PathKind);
  }
  if (mix.length === 0) throw new Error('SOAK_PATHS names no path');
  return mix;
}

interface View {
  code: string;
  phase: string;
  status: number;
  appointmentAt: string;
  currentStep: {
    stepId: string;
    kind: string | null;
    division: string | null;
    role: string | null;
    deadline: string;
  } | null;
  desk: { currentUnit: string | null };
  payment: { amount: number; reference: string; status: 'pending' | 'paid' } | null;
  result: { signatures: { kind: string }[] } | null;
  liaison: { status: 'waiting' | 'answered'; late?: boolean } | null;
}

const doers: Record<string, string> = {
  'BPMC:receiver': 'receiver',
  'QLCL:head': 'head',
  'QLCL:specialist': 'specialist',
  'BGD:deputy': 'deputy',
  'BGD:director': 'director',
  'VP:specialist': 'vanthu',
};
const finishingRoute: Record<string, string> = {
  receipt: 'complete',
  handling: 'complete',
  payment: 'cash-payment',
  approval: 'approve',
  digitisation: 'result-ready',
  return: 'return',
};

interface DriverOutcome {
  code: string | null;
  path: PathKind;
  actions: number;
  finished: boolean;
  error?: string;
  /** online: the IPN had to be sent again (API or Temporal down when VNPAY called). */
  ipnRetries?: number;
  /** liaison: the partner answered after a long pause. */
  liaisonDelayed?: boolean;
  /** escalation: seconds the officer sat on one step (past its deadline, or the appointment). */
  stalledS?: number;
}

/** What the drivers reach besides the API: the stand-ins the soak started. */
interface World {
  api: Officers;
  baseUrl: string;
  vnpay: VnpaySandbox;
  received: ReceivedMail[];
  /** The officers at work (`SOAK_CONCURRENCY`): a dossier holds a slot while it is worked on. */
  slots: Slots;
}

interface Slots {
  acquire(): Promise<void>;
  release(): void;
}

/** A first-come, first-served counting semaphore. */
function slotsOf(n: number): Slots {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    async acquire() {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

/** Polls the dossier until `ready` holds (5 minutes at most: the chaos may hold it up). */
async function waitFor(world: World, code: string, what: string, ready: (v: View) => boolean): Promise<View> {
  const giveUpAt = Date.now() + 5 * 60_000;
  for (;;) {
    const view = (await world.api.get(`/dossiers/${encodeURIComponent(code)}`)) as View;
    if (ready(view)) return view;
    if (Date.now() > giveUpAt) throw new DriverError(`${code}: ${what} not within 5 minutes`);
    await sleep(500);
  }
}

/**
 * The citizen pays the fee through the VNPAY stand-in: our pay link (302 to the gateway), its page, its
 * button (the stand-in calls our IPN). VNPAY calls the IPN again until it is answered 00 or 02 ("already
 * confirmed"), as the real one does (here every 3 s), so a payment made while the API or Temporal is down
 * is applied once they are back. Answers how many IPNs were sent again.
 */
async function payOnline(world: World, reference: string): Promise<number> {
  const giveUpAt = Date.now() + 5 * 60_000;
  let gatewayUrl = '';
  while (!gatewayUrl) {
    if (Date.now() > giveUpAt) throw new DriverError(`${reference}: no pay link within 5 minutes`);
    try {
      const link = await fetch(`${world.baseUrl}/payments/vnpay/pay/${encodeURIComponent(reference)}`, {
        redirect: 'manual',
        signal: AbortSignal.timeout(45_000),
      });
      if (link.status === 302) gatewayUrl = link.headers.get('location') ?? '';
      else if (link.status < 500)
        throw new DriverError(`${reference}: pay link ${link.status} ${await link.text()}`);
    } catch (err) {
      if (err instanceof DriverError) throw err;
    }
    if (!gatewayUrl) await sleep(between(500, 2000));
  }
  // Now and then the citizen pays while the API or the worker is down (the IPN meets the outage).
  if (random() < 0.5) {
    const waitUntil = Date.now() + 30_000;
    while (
      Date.now() < waitUntil &&
      !windows.some((w) => ['api', 'worker'].includes(w.what) && w.to === null)
    )
      await sleep(200);
  }
  const page = await (await fetch(gatewayUrl)).text();
  const session = /name="session" value="([^"]+)"/.exec(page)?.[1];
  if (!session) throw new DriverError(`${reference}: the gateway page has no session`);
  const confirmed = await fetch(new URL('/paymentv2/confirm', gatewayUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, action: 'pay' }).toString(),
  });
  if (confirmed.status !== 302)
    throw new DriverError(`${reference}: the gateway answered ${confirmed.status}`);
  if (windows.some((w) => ['api', 'worker'].includes(w.what) && w.to === null)) paidWhileDown++;
  const txn = () => world.vnpay.transactions.findLast((t) => t.txnRef === reference);
  const settled = () => ['00', '02'].includes(txn()?.ipnAnswers.at(-1)?.RspCode ?? '');
  let again = 0;
  while (!settled()) {
    if (Date.now() > giveUpAt) throw new DriverError(`${reference}: IPN not taken within 5 minutes`);
    await sleep(3_000);
    again++;
    await world.vnpay.replayIpn(reference).catch(() => undefined);
  }
  return again;
}

/** The partner agency answers the liaison request through the token of its e-mail; a 409 after a lost answer is fine. */
async function answerLiaison(world: World, code: string, outcome: DriverOutcome): Promise<void> {
  const giveUpAt = Date.now() + 5 * 60_000;
  let token: string | undefined;
  while (!token) {
    const mail = world.received.find((m) => m.liaisonText?.includes(code));
    token = /token=([A-Za-z0-9_.-]+)/.exec(mail?.liaisonText ?? '')?.[1];
    if (token) break;
    if (Date.now() > giveUpAt) throw new DriverError(`${code}: no liaison e-mail within 5 minutes`);
    await sleep(1_000);
  }
  // On time, or after a long pause (the chaos goes on meanwhile).
  outcome.liaisonDelayed = random() < 0.3;
  await sleep(outcome.liaisonDelayed ? between(5_000, short ? 10_000 : 30_000) : between(200, 2_000));
  const res = await world.api.send(
    'POST',
    '/liaison/answer',
    undefined,
    { answer: 'approved', note: 'UBND tỉnh đồng ý chủ trương.' },
    randomUUID(),
    { headers: { authorization: `Bearer ${token}` }, pass: [409] },
  );
  if (res.status === 409) {
    const view = (await world.api.get(`/dossiers/${encodeURIComponent(code)}`)) as View;
    if (view.liaison?.status !== 'answered') throw new DriverError(`${code}: liaison answer refused (409)`);
  }
  outcome.actions++;
}

/** The escalation path's step kinds an officer may sit on until its rungs fire (clocks run while processing). */
const STALLABLE = new Set(['handling', 'approval']);

/**
 * The fast calendar and the fast procedure, published as the administrator would: working time all day
 * (docs/escalation.md: rungs are counted in working time), and a copy of the plain procedure whose every
 * step has a budget of SOAK_STEP_BUDGET_S, so reminders, step overdue, at-risk and overdue fire in seconds.
 * Every dossier of the run is on this calendar; only the escalation path has budgets that short.
 */
async function publishFastCalendar(api: Officers): Promise<void> {
  const today = toVnDate(Date.now());
  await api.post(
    '/calendars/default/versions',
    'admin',
    allDayCalendar('default', today, 'Lịch chạy thử tải: làm việc cả ngày, mọi ngày, không nghỉ lễ'),
  );
  const { definition } = (await api.get(
    `/procedures/${encodeURIComponent(procedures.plain.code)}`,
    'admin',
  )) as { definition: { steps: { budgetHours: number }[] } & Record<string, unknown> };
  const budgetHours = Math.round((knobs.stepBudgetS / 3600) * 10_000) / 10_000;
  const { replaces: _replaces, nationalCode: _national, ...rest } = definition;
  await api.post('/procedures', 'admin', {
    ...rest,
    code: procedures.escalation.code,
    name: `${String(definition.name)} (quy trình chạy thử tải, hạn ngắn)`,
    effectiveFrom: today,
    legalLimit: { amount: budgetHours * definition.steps.length, unit: 'working_hours' },
    steps: definition.steps.map((step) => ({ ...step, budgetHours })),
  });
}

async function driveDossier(world: World, index: number, path: PathKind): Promise<DriverOutcome> {
  const { api } = world;
  const outcome: DriverOutcome = { code: null, path, actions: 0, finished: false };
  const proc = procedures[path];
  const citizen =
    'organisation' in proc
      ? {
          kind: 'organisation',
          fullName: 'Ủy ban nhân dân xã Giao Thủy',
          idNumber: `06009${String(10000 + index).slice(-5)}`,
          address: 'Xã Giao Thủy, tỉnh Ninh Bình',
          email: `ubnd-${index}@example.vn`,
        }
      : {
          fullName: 'Nguyễn Văn Ân',
          idNumber: `0360900${String(10000 + index).slice(-5)}`,
          address: 'Số 12 đường Trần Hưng Đạo, phường Nam Định, tỉnh Ninh Bình',
          email: `cong-dan-${index}@example.vn`,
          phone: '0912 345 678',
        };
  try {
    let view = (await api.post('/dossiers', 'receiver', {
      procedureCode: proc.code,
      applicant: citizen,
      components: proc.components,
      ...('copies' in proc ? { copies: proc.copies } : {}),
    })) as View;
    const code = view.code;
    outcome.code = code;
    outcome.actions++;
    const at = (p: string) => `/dossiers/${encodeURIComponent(code)}/${p}`;
    let supplemented = false;
    // The escalation path: one step on which the officer sits past its budget (reminder, step overdue).
    let stalled = path !== 'escalation';
    for (let guard = 0; view.currentStep; guard++) {
      if (guard > 30) throw new DriverError(`${code}: more than 30 steps`);
      const step = view.currentStep;
      if (path === 'supplement' && !supplemented && step.stepId === 'tham-dinh') {
        // The appraisal officer asks the applicant for more; the desk records what the applicant brings.
        await api.post(at('assign'), 'head', { stepId: 'tham-dinh', assignee: 'specialist' });
        await api.post(at('supplement-request'), 'specialist', {
          reason: 'Bảng điểm chưa được hợp pháp hóa lãnh sự',
          items: ['KQHT'],
        });
        await sleep(between(200, 2000)); // the citizen comes back
        view = (await api.post(at('supplement-received'), 'receiver', { note: 'Đã nhận bảng điểm' })) as View;
        outcome.actions += 3;
        supplemented = true;
        continue;
      }
      if (step.kind === 'liaison') {
        await waitFor(world, code, 'liaison request', (v) => v.liaison?.status === 'waiting');
        await answerLiaison(world, code, outcome);
        view = await waitFor(
          world,
          code,
          'the step after the liaison',
          (v) => v.currentStep?.stepId !== step.stepId,
        );
        continue;
      }
      if (path === 'online' && step.kind === 'payment') {
        const pending = await waitFor(
          world,
          code,
          'the payment request',
          (v) => v.payment?.status === 'pending',
        );
        outcome.ipnRetries = await payOnline(world, pending.payment!.reference);
        outcome.actions++;
        view = await waitFor(world, code, 'the paid fee', (v) => v.currentStep?.stepId !== step.stepId);
        continue;
      }
      if (!stalled && STALLABLE.has(step.kind ?? '')) {
        // Past the step's deadline (reminder, step overdue, at risk by the budget rule), or now and then
        // past the appointment too (overdue); deadlines count from the receipt, so the wait is what is left.
        stalled = true;
        const until = random() < knobs.overdueShare ? view.appointmentAt : view.currentStep.deadline;
        const waitMs = Date.parse(until) - Date.now() + between(3_000, 15_000);
        outcome.stalledS = Math.max(0, waitMs) / 1000;
        // Sitting on a dossier is not work: the slot goes to other dossiers meanwhile.
        world.slots.release();
        await sleep(Math.max(0, waitMs));
        await world.slots.acquire();
      }
      // No dev officer works in some divisions (GDCN, TCCB): the administrator does their steps, as the tests do.
      const username = view.desk.currentUnit
        ? 'receiver'
        : (doers[`${step.division}:${step.role}`] ?? 'admin');
      const route = finishingRoute[step.kind ?? ''];
      if (!route) throw new DriverError(`${code}: no route for ${step.stepId} (${step.kind})`);
      if (path === 'signed' && step.stepId === 'tham-dinh' && !view.result) {
        // The specialist attaches the draft certificate the leader will sign.
        await api.upload(code, username, step.stepId, minimalPdf(`Giay chung nhan ${code}`));
        outcome.actions++;
      }
      if (path === 'signed' && step.kind === 'digitisation') {
        // The văn thư seals the signed result before it is ready.
        await waitFor(world, code, 'the approval signature', (v) =>
          Boolean(v.result?.signatures.some((sig) => sig.kind === 'approval')),
        );
        if (!view.result?.signatures.some((sig) => sig.kind === 'seal'))
          await api.post(at('seal'), username, { stepId: step.stepId });
        await waitFor(world, code, 'the seal', (v) =>
          Boolean(v.result?.signatures.some((sig) => sig.kind === 'seal')),
        );
        outcome.actions++;
      } else if (step.kind === 'digitisation' && !view.result) {
        await api.upload(code, username, step.stepId, minimalPdf(`Ket qua ${code}`));
        outcome.actions++;
      }
      const body =
        route === 'return'
          ? {}
          : route === 'cash-payment'
            ? { stepId: step.stepId, amount: view.payment?.amount ?? 10_000, receiptNumber: `BL-${index}` }
            : { stepId: step.stepId };
      view = (await api.post(at(route), username, body)) as View;
      outcome.actions++;
      await sleep(between(50, 400)); // officers are not machines
    }
    outcome.finished = view.phase === 'returned';
    if (!outcome.finished) outcome.error = `ended in phase ${view.phase}`;
  } catch (err) {
    outcome.error = err instanceof Error ? err.message : String(err);
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  assertToolsInstalled();
  const dir = await mkdtemp(join(tmpdir(), 'motcua-soak-'));
  // As root, PostgreSQL runs as the `postgres` user, who must reach its data folder in here.
  await chmod(dir, 0o755);
  logDir = join(dir, 'logs');
  await mkdir(logDir, { recursive: true });
  log(`knobs ${JSON.stringify(knobs)}; working folder ${dir}`);

  const [pgPort, temporalPort, temporalUiPort, smtpPort, apiPort] = await Promise.all(
    [0, 1, 2, 3, 4].map(() => freePort()),
  );
  // The stand-ins the dev stack uses, in this process (never killed): VNPAY, the national portal, the dev CA.
  const vnpay = await startVnpaySandbox({
    merchants: [{ ...devVnpayTerminal, ipnUrl: `http://127.0.0.1:${apiPort}/payments/vnpay/ipn` }],
  });
  const portalToken = 'soak-national-portal-token';
  const portal = await startNationalPortalStandin({ token: portalToken });
  const ca = ensureDevCa(
    join(dir, 'ca'),
    devUsers.filter((u) => isLeadership(u.role)),
    'Sở Giáo dục và Đào tạo tỉnh Ninh Bình',
  );

  // PostgreSQL: initialised once by embedded-postgres, then run as our own child so it can be killed -9.
  const pgDir = join(dir, 'postgres');
  log('initialising PostgreSQL…');
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const ownListeners = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const pgInit = await startEmbeddedPostgres({ dir: pgDir, port: pgPort!, persistent: true });
  // embedded-postgres (through async-exit-hook) exits the process on SIGINT or SIGTERM once it has stopped
  // its own instances: that cut this run's cleanup short and left PostgreSQL, Temporal and the worker
  // running. Its instance is stopped below; from here this process's own handler stops the stack.
  for (const signal of signals)
    for (const l of process.listeners(signal)) if (!ownListeners.get(signal)!.has(l)) process.off(signal, l);
  const postmasterPid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pgArgv = readFileSync(`/proc/${postmasterPid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const pgEnv = Object.fromEntries(
    readFileSync(`/proc/${postmasterPid}/environ`, 'utf8')
      .split('\0')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const pgUid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${postmasterPid}/status`, 'utf8'))![1]);
  const pgGid = Number(/^Gid:\s+(\d+)/m.exec(readFileSync(`/proc/${postmasterPid}/status`, 'utf8'))![1]);
  await pgInit.stop();
  const adminUrl = pgInit.url;
  const databaseUrl = withDatabase(adminUrl, 'motcua');

  const procs: Record<Target, Managed> = {} as Record<Target, Managed>;
  const mk = (name: Target, start: (p: Managed) => Promise<void>): Managed => {
    const p: Managed = { name, expectedExit: false, unexpectedExits: 0, start: () => start(p) };
    procs[name] = p;
    return p;
  };

  mk('postgres', async (p) => {
    p.expectedExit = false;
    p.child = spawnLogged('postgres', pgArgv[0]!, pgArgv.slice(1), {
      env: pgEnv,
      cwd: pgDir,
      uid: pgUid,
      gid: pgGid,
    });
    watchExit(p);
    await until('PostgreSQL', 60_000, async () => {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
      await c.connect();
      await c.end();
    });
  });

  const temporalAddress = `127.0.0.1:${temporalPort}`;
  mk('temporal', async (p) => {
    p.expectedExit = false;
    p.child = spawnLogged('temporal', temporalCliPath, [
      'server',
      'start-dev',
      '--db-filename',
      join(dir, 'temporal.db'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--ui-port',
      String(temporalUiPort),
      '--namespace',
      'default',
      '--log-level',
      'warn',
    ]);
    watchExit(p);
    const c = await until('Temporal', 60_000, () =>
      Connection.connect({ address: temporalAddress, connectTimeout: 1_000 }),
    );
    await c.close();
  });

  const bundlePath = join(dir, 'workflow-bundle.js');
  const appEnv: NodeJS.ProcessEnv = {
    PATH: env.PATH,
    HOME: env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PORT: String(apiPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    STORAGE_ROOT: join(dir, 'files'),
    ARCHIVE_URL: join(dir, 'archive'),
    WORKFLOW_BUNDLE_PATH: bundlePath,
    RATE_LIMIT_LOGIN_MAX: '1000000',
    RATE_LIMIT_LOOKUP_MAX: '1000000',
    RATE_LIMIT_CALLBACK_MAX: '1000000',
    VNPAY_TMN_CODE: devVnpayTerminal.tmnCode,
    VNPAY_HASH_SECRET: devVnpayTerminal.hashSecret,
    ...sandboxEnv(vnpay),
    ...devCaEnv(ca),
    NATIONAL_PORTAL_SYNC_URL: portal.url,
    NATIONAL_PORTAL_TOKEN: portalToken,
  };
  mk('worker', async (p) => {
    p.expectedExit = false;
    p.child = spawnLogged('worker', process.execPath, ['--import', 'tsx', 'worker/main.ts'], { env: appEnv });
    watchExit(p);
    await waitForOutput(p.child, /worker started/, 90_000);
  });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  mk('api', async (p) => {
    p.expectedExit = false;
    p.child = spawnLogged('api', process.execPath, ['--import', 'tsx', 'api/main.ts'], { env: appEnv });
    watchExit(p);
    const child = p.child;
    await until('API', 90_000, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('exited');
      await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
    });
  });

  const received: ReceivedMail[] = [];
  let smtp: SMTPServer | undefined = await startSmtp(smtpPort!, received);

  // Once, whoever asks first (the end of the run, or a signal): a second call waits for the first.
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> => (cleaning ??= stopStack());
  const stopStack = async () => {
    stopping = true;
    for (const name of ['api', 'worker', 'temporal', 'postgres'] as const) {
      const child = procs[name]?.child;
      if (!child) continue;
      killGroup(child, name === 'postgres' ? 'SIGINT' : 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await vnpay.close();
    await portal.close();
    for (const s of logStreams.values()) s.end();
    if (!knobs.keep) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    else log(`kept ${dir}`);
  };
  // Ctrl-C under `npm run` may deliver SIGINT twice (the terminal's, then npm's forward): every signal
  // waits for the same cleanup, then exits as the signal would have.
  const onSignal = (signal: NodeJS.Signals): void => {
    log(cleaning ? `${signal} again: still stopping the stack…` : `${signal}: stopping the stack…`);
    void cleanup().then(() => process.exit(128 + osConstants.signals[signal]));
  };
  for (const signal of signals) process.on(signal, onSignal);

  try {
    log('bundling the workflows, starting PostgreSQL and Temporal…');
    const bundling = spawnLogged('bundle', process.execPath, [
      '--import',
      'tsx',
      'scripts/bundle-workflows.ts',
      bundlePath,
    ]);
    await Promise.all([procs.postgres.start(), procs.temporal.start(), exited(bundling)]);
    if (!existsSync(bundlePath)) throw new Error(`the workflow bundle failed: see ${logDir}/bundle.log`);
    await ensureDatabase(databaseUrl);
    log('starting the API (migrations, seeds), then the worker…');
    await procs.api.start();
    await procs.worker.start();
    log(`stack up: API ${baseUrl}, Temporal ${temporalAddress}, PostgreSQL :${pgPort}, SMTP :${smtpPort}`);

    // Drivers
    const api = makeOfficers(baseUrl);
    const outcomes: DriverOutcome[] = [];
    const durationMs = knobs.minutes * 60_000;
    const driveStart = Date.now();
    const paths = pathMix(knobs.paths);
    const world: World = { api, baseUrl, vnpay, received, slots: slotsOf(knobs.concurrency) };
    if (paths.includes('escalation')) await publishFastCalendar(api);
    const drivers = Array.from({ length: knobs.dossiers }, async (_, i) => {
      // Spread the receipts over 70% of the run, so the chaos meets dossiers at every step.
      const notBefore = driveStart + (i * 0.7 * durationMs) / knobs.dossiers;
      if (Date.now() < notBefore) await sleep(notBefore - Date.now());
      await world.slots.acquire();
      try {
        const outcome = await driveDossier(world, i, paths[i % paths.length]!);
        if (outcome.error) log(`driver: dossier #${i} ${outcome.code ?? '(no code)'}: ${outcome.error}`);
        outcomes.push(outcome);
      } finally {
        world.slots.release();
      }
    });
    let driving = true;
    const driversDone = Promise.all(drivers).then(() => {
      driving = false;
    });

    // Chaos
    const kills: { at: string; target: string; pauseS: number; downS: number }[] = [];
    const chaos = (async () => {
      const smtpAt = driveStart + durationMs * between(0.2, 0.4);
      let smtpDone = false;
      const portalAt = driveStart + durationMs * between(0.4, 0.6);
      let portalDone = false;
      while (driving && !stopping && Date.now() - driveStart < durationMs) {
        const waitMs = -Math.log(1 - random()) * knobs.killEveryS * 1000;
        const wakeAt = Date.now() + Math.max(waitMs, 2_000);
        while (Date.now() < wakeAt && driving && !stopping) {
          if (!smtpDone && Date.now() >= smtpAt) {
            smtpDone = true;
            const downMs = knobs.smtpDownS * 1000;
            log(`CHAOS smtp down for ${knobs.smtpDownS} s`);
            down('smtp');
            const closing = smtp;
            smtp = undefined;
            await new Promise<void>((r) => closing!.close(() => r()));
            setTimeout(() => {
              void startSmtp(smtpPort!, received).then((s) => {
                smtp = s;
                up('smtp');
                log('CHAOS smtp back up');
              });
            }, downMs);
          }
          if (!portalDone && Date.now() >= portalAt) {
            // The national portal answers 503 for a while: the pushers wait on their durable timers.
            portalDone = true;
            log(`CHAOS national portal down (503) for ${knobs.portalDownS} s`);
            down('portal');
            portal.setMode('down');
            setTimeout(() => {
              portal.setMode('up');
              up('portal');
              log('CHAOS national portal back up');
            }, knobs.portalDownS * 1000);
          }
          await sleep(Math.min(500, Math.max(0, wakeAt - Date.now())));
        }
        // No kill once the stack is being stopped (a signal).
        if (!driving || stopping || Date.now() - driveStart >= durationMs) break;
        const target = pick<Target>(['worker', 'api', 'temporal', 'postgres']);
        const proc = procs[target];
        const pauseS = between(0.5, 5);
        log(`CHAOS kill -9 ${target} (pid ${proc.child?.pid})`);
        proc.expectedExit = true;
        const killedAt = Date.now();
        down(target);
        killGroup(proc.child, 'SIGKILL');
        await exited(proc.child);
        await sleep(pauseS * 1000);
        await restartUntilUp(proc);
        up(target);
        const downS = (Date.now() - killedAt) / 1000;
        kills.push({ at: new Date(killedAt).toISOString(), target, pauseS, downS });
        log(`CHAOS ${target} back up after ${downS.toFixed(1)} s`);
      }
    })();
    await Promise.all([chaos, driversDone]);
    // SMTP and the national portal must be back before the settle period.
    while (!smtp || windows.some((w) => w.what === 'portal' && w.to === null)) await sleep(250);
    log(`drivers done (${outcomes.length} dossiers) and chaos over (${kills.length} kills); settling…`);

    // Settle: every ledger mail sent or given up, every finished dossier's workflow closed (it archives
    // the dossier and waits for its background mails first).
    const db = createDatabase({ url: databaseUrl });
    const settleStart = Date.now();
    const closed = new Set<string>();
    const settleConnection = await Connection.connect({ address: temporalAddress });
    const settleClient = new Client({ connection: settleConnection });
    try {
      for (;;) {
        const pending = await db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow();
        const unsynced = await db
          .selectFrom('national_sync_outbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('delivered_at', 'is', null)
          .executeTakeFirstOrThrow();
        const finished = await db
          .selectFrom('dossier')
          .select('code')
          .where('phase', 'in', [...FINAL_PHASES] as ('returned' | 'refused' | 'stopped')[])
          // A dossier held by a storage incident waits for an administrator: nothing to wait for here.
          .where('needs_attention', '=', false)
          .execute();
        let open = 0;
        for (const { code } of finished) {
          if (closed.has(code)) continue;
          const { status } = await settleClient.workflow.getHandle(code).describe();
          if (status.name === 'RUNNING') open++;
          else closed.add(code);
        }
        const quiet = Number(pending.n) === 0 && open === 0 && Number(unsynced.n) === 0;
        if (quiet || Date.now() - settleStart > knobs.settleS * 1000) {
          log(
            `settled in ${((Date.now() - settleStart) / 1000).toFixed(1)} s ` +
              `(${pending.n} mails pending, ${open} finished dossiers still open, ` +
              `${unsynced.n} national statuses not delivered)`,
          );
          break;
        }
        await sleep(2_000);
      }
    } finally {
      await settleConnection.close();
    }
    await sleep(2_000); // let the last bookkeeping land
    const report = await checkInvariants(db, temporalAddress, outcomes, received, {
      portal,
      api,
      roots: certificatesFromPem(readFileSync(ca.rootPath, 'utf8')),
    });
    await db.destroy();

    // Printout
    log('kills:');
    for (const k of kills)
      log(`  ${k.at}  ${k.target.padEnd(9)} pause ${k.pauseS.toFixed(1)} s, down ${k.downS.toFixed(1)} s`);
    const smtpWindows = windows.filter((w) => w.what === 'smtp');
    for (const w of smtpWindows)
      log(
        `  ${new Date(w.from).toISOString()}  smtp      down ${(((w.to ?? Date.now()) - w.from) / 1000).toFixed(1)} s`,
      );
    for (const p of Object.values(procs))
      if (p.unexpectedExits > 0)
        log(`  ${p.name} exited on its own ${p.unexpectedExits} time(s) (restarted)`);
    const byPath = (k: PathKind) => outcomes.filter((o) => o.path === k);
    log(
      `dossiers: ${outcomes.length} driven (${[...new Set(paths)].map((k) => `${k} ${byPath(k).length}`).join(', ')}), ` +
        `${outcomes.filter((o) => o.finished).length} finished, ${outcomes.reduce((n, o) => n + o.actions, 0)} actions`,
    );
    log(
      `http: ${httpStats.requests} requests, ${httpStats.retries} retries, ${httpStats.connectionErrors} connection errors, ` +
        `${httpStats.s503} × 503, ${httpStats.other5xx} other 5xx`,
    );
    log(`mail: ${received.length} messages at the SMTP server`);
    const online = byPath('online');
    const liaison = byPath('liaison');
    log(
      `online payments: ${online.filter((o) => o.finished).length} paid through the VNPAY stand-in, ` +
        `${online.filter((o) => (o.ipnRetries ?? 0) > 0).length} needed the IPN again ` +
        `(${online.reduce((n, o) => n + (o.ipnRetries ?? 0), 0)} IPNs sent again), ${paidWhileDown} paid while the API or worker was down; ` +
        `liaison: ${liaison.length} answered, ${liaison.filter((o) => o.liaisonDelayed).length} after a long pause; ` +
        `national portal: ${portal.received.length} statuses kept, ${portal.rawCount()} requests`,
    );
    log('invariants:');
    let failed = 0;
    for (const inv of report) {
      if (!inv.ok) failed++;
      log(`  ${inv.ok ? 'PASS' : 'FAIL'}  ${inv.name.padEnd(44)} ${inv.detail}`);
      for (const example of inv.examples.slice(0, 5)) log(`          - ${example}`);
    }
    log(failed === 0 ? 'SOAK PASSED' : `SOAK FAILED: ${failed} invariant(s) violated (logs: ${logDir})`);
    if (failed > 0) knobs.keep = true;
    return failed === 0 ? 0 : 1;
  } finally {
    await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Invariants

interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
  examples: string[];
}

const FINAL_PHASES = new Set(['returned', 'refused', 'stopped']);
/** Phases in which the dossier waits for a person (an officer's action, the applicant's supplement…). */
const HUMAN_PHASES = new Set(['processing', 'awaiting_supplement', 'withdrawal_requested', 'result_ready']);

async function checkInvariants(
  db: Database,
  temporalAddress: string,
  outcomes: DriverOutcome[],
  received: ReceivedMail[],
  world: { portal: NationalPortalStandin; api: Officers; roots: ReturnType<typeof certificatesFromPem> },
): Promise<Invariant[]> {
  const inv = (name: string, examples: string[], detail: string): Invariant => ({
    name,
    ok: examples.length === 0,
    detail,
    examples,
  });
  const rows = await db
    .selectFrom('dossier')
    .select(['code', 'seq', 'phase', 'status', 'current_step_id', 'needs_attention'])
    .orderBy('code')
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));

  // Drivers
  const driverErrors = outcomes
    .filter((o) => o.error)
    .map((o) => `${o.code ?? '(no code)'} ${o.path}: ${o.error}`);
  const lost = outcomes
    .filter((o) => o.code && !byCode.has(o.code))
    .map((o) => `${o.code}: no projection row`);

  // Chain, seq
  const chainBad: string[] = [];
  const seqBad: string[] = [];
  for (const row of rows) {
    const events = await listDossierEvents(db, row.code);
    const seqs = events.map((e) => e.seq);
    const distinct = new Set(seqs).size;
    if (distinct !== seqs.length) seqBad.push(`${row.code}: duplicate seq in ${seqs.join(',')}`);
    else if (seqs.some((s, i) => s !== i + 1)) seqBad.push(`${row.code}: gap in ${seqs.join(',')}`);
    else if (seqs.length !== row.seq)
      seqBad.push(`${row.code}: ${seqs.length} events, projection seq ${row.seq}`);
    const chain = verifyChain(events);
    if (!chain.valid) chainBad.push(`${row.code}: chain broken at seq ${chain.brokenAtSeq}`);
  }

  // Projection vs workflow, stuck
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const mismatch: string[] = [];
  const stuck: string[] = [];
  const archiving: string[] = [];
  try {
    for (const row of rows) {
      const handle = client.workflow.getHandle(row.code);
      try {
        const description = await handle.describe();
        const state = await handle.query(dossierStateQuery);
        const wf = `${state.seq}/${state.phase}/${state.status}/${state.currentStep?.stepId ?? '-'}`;
        const pr = `${row.seq}/${row.phase}/${row.status}/${row.current_step_id ?? '-'}`;
        if (wf !== pr) mismatch.push(`${row.code}: workflow ${wf}, projection ${pr} (seq/phase/status/step)`);
        const status = description.status.name;
        const pendingActivities = (description.raw.pendingActivities ?? []).map(
          (a) => a.activityType?.name ?? '?',
        );
        if (row.needs_attention) {
          stuck.push(`${row.code}: ${state.phase}, needs attention (open storage incident)`);
        } else if (FINAL_PHASES.has(state.phase)) {
          // A finished dossier's workflow archives it, then ends. An archive attempt lost with a killed
          // worker is retried once its heartbeat timeout (30 s) fires, then on its backoff (5 s doubling,
          // up to 30 min after repeated outages): finished, not stuck; counted apart.
          if (status === 'RUNNING' && pendingActivities.every((a) => a === 'archiveDossier')) {
            archiving.push(`${row.code}: ${state.phase}, archive pending (${pendingActivities.length})`);
          } else if (status !== 'COMPLETED') {
            stuck.push(`${row.code}: finished (${state.phase}) but workflow ${status}`);
          }
        } else if (status !== 'RUNNING') {
          stuck.push(`${row.code}: ${state.phase} but workflow ${status}`);
        } else if (!HUMAN_PHASES.has(state.phase)) {
          stuck.push(`${row.code}: phase ${state.phase}`);
        } else if (state.seq !== row.seq) {
          stuck.push(`${row.code}: events not stored (workflow seq ${state.seq}, stored ${row.seq})`);
        }
      } catch (err) {
        mismatch.push(`${row.code}: workflow not readable: ${String(err).slice(0, 200)}`);
      }
    }
  } finally {
    await connection.close();
  }

  // Mail
  const ledger = await db
    .selectFrom('notification')
    .select(['key', 'status', 'message_id', 'recipients'])
    .execute();
  const atServer = new Map<string, number>();
  const byMessageId = new Map<string, number>();
  for (const m of received) {
    if (m.notificationKey) atServer.set(m.notificationKey, (atServer.get(m.notificationKey) ?? 0) + 1);
    byMessageId.set(m.messageId, (byMessageId.get(m.messageId) ?? 0) + 1);
  }
  const sent = ledger.filter((l) => l.status === 'sent');
  const missing = sent
    .filter((l) => !atServer.has(l.key))
    .map((l) => `${l.key}: sent in the ledger, not at the server`);
  // SMTP has no idempotency: a crash between the server's 250 and the ledger's "sent" (the worker, or
  // PostgreSQL, killed in that window; the SMTP server closed mid-answer) sends the mail again on the retry.
  // It keeps its Message-ID, so mail clients show it once. A copy counts as such a redelivery only when
  // something went down between the first copy and it; any other copy, or a notification sent under two
  // Message-IDs, is a doubled mail.
  const idsByKey = new Map<string, Set<string>>();
  for (const m of received) {
    if (m.notificationKey)
      idsByKey.set(m.notificationKey, (idsByKey.get(m.notificationKey) ?? new Set()).add(m.messageId));
  }
  const doubled = [...idsByKey]
    .filter(([, ids]) => ids.size > 1)
    .map(([key, ids]) => `${key}: sent under ${ids.size} Message-IDs`);
  const redeliveries: string[] = [];
  for (const [id, n] of byMessageId) {
    if (n < 2) continue;
    const copies = received
      .filter((m) => m.messageId === id)
      .map((m) => m.at)
      .sort((a, b) => a - b);
    const first = copies[0]!;
    for (const later of copies.slice(1)) {
      const crash = windows.find((w) => w.what !== 'portal' && w.from >= first - 5_000 && w.from <= later);
      if (crash)
        redeliveries.push(
          `${id}: again ${((later - first) / 1000).toFixed(1)} s later, after ${crash.what} went down`,
        );
      else doubled.push(`${id}: ${n} times at the server, nothing went down in between`);
    }
  }
  const undelivered = ledger
    .filter((l) => l.status === 'pending' || l.status === 'failed')
    .map((l) => `${l.key}: ${l.status}`);
  const unledgered = [...atServer.keys()]
    .filter((k) => !sent.some((l) => l.key === k))
    .map((k) => `${k}: at the server, ledger row not marked sent`);

  // 5xx
  const bad5xx = http5xx
    .filter((r) => r.status !== 503 || !r.retryAfter || !disturbedAt(r.started, r.ended))
    .map(
      (r) =>
        `${new Date(r.started).toISOString()} ${r.method} ${r.path}: ${r.status} ${r.code ?? ''} ` +
        `retry-after ${r.retryAfter ?? 'none'}${disturbedAt(r.started, r.ended) ? '' : ', nothing was down'}`,
    );

  // National sync: the stand-in kept each outbox row once, in status_seq order, and the last equals the projection.
  const outbox = await db
    .selectFrom('national_sync_outbox')
    .select(['dossier_code', 'status_seq', 'national_status', 'delivered_at'])
    .orderBy('dossier_code')
    .orderBy('status_seq')
    .execute();
  const keptByCode = new Map<string, { statusSeq: number; status: number }[]>();
  for (const r of world.portal.received)
    keptByCode.set(r.dossierCode, [...(keptByCode.get(r.dossierCode) ?? []), r]);
  const outboxByCode = new Map<string, typeof outbox>();
  for (const r of outbox) outboxByCode.set(r.dossier_code, [...(outboxByCode.get(r.dossier_code) ?? []), r]);
  const syncBad: string[] = [];
  for (const row of rows) {
    const own = outboxByCode.get(row.code) ?? [];
    const kept = keptByCode.get(row.code) ?? [];
    const undelivered = own.filter((r) => r.delivered_at === null).map((r) => r.status_seq);
    if (undelivered.length > 0) syncBad.push(`${row.code}: statuses #${undelivered.join(',')} not delivered`);
    const want = own.map((r) => `${r.status_seq}:${r.national_status}`).join(' ');
    const got = kept.map((r) => `${r.statusSeq}:${r.status}`).join(' ');
    if (want !== got) syncBad.push(`${row.code}: outbox ${want || '-'}, portal kept ${got || '-'}`);
    else if (kept.length === 0) syncBad.push(`${row.code}: no status at the portal`);
    else if (kept.at(-1)!.status !== row.status)
      syncBad.push(`${row.code}: portal's last status ${kept.at(-1)!.status}, projection ${row.status}`);
  }

  // Escalations: every rung the workflows stored has its ledger mail, sent, at the server under one Message-ID.
  const escalationBad: string[] = [];
  const rungs = { step_reminder: 0, step_overdue: 0, at_risk: 0, overdue: 0 };
  const escalationKinds: Record<string, (key: string) => boolean> = {
    step_reminder: (k) => /:step:.*:reminder$/.test(k),
    step_overdue: (k) => /:step:.*:overdue$/.test(k),
    at_risk: (k) => k.endsWith(':at_risk'),
    overdue: (k) => /:overdue:\d+$/.test(k),
  };
  const ledgerByCode = new Map<string, typeof ledger>();
  for (const l of ledger) {
    const code = /^dossier:([^:]+):/.exec(l.key)?.[1];
    if (code) ledgerByCode.set(code, [...(ledgerByCode.get(code) ?? []), l]);
  }
  for (const row of rows) {
    const events = await db
      .selectFrom('dossier_event')
      .select('type')
      .where('dossier_code', '=', row.code)
      .where('type', 'in', Object.keys(rungs) as (keyof typeof rungs)[])
      .execute();
    for (const [type, matches] of Object.entries(escalationKinds)) {
      const fired = events.filter((e) => e.type === type).length;
      rungs[type as keyof typeof rungs] += fired;
      const mails = (ledgerByCode.get(row.code) ?? []).filter((l) => matches(l.key));
      const arrived = mails.filter((l) => l.status === 'sent' && idsByKey.get(l.key)?.size === 1);
      if (fired !== mails.length || arrived.length !== mails.length)
        escalationBad.push(
          `${row.code}: ${fired} ${type} event(s), ${mails.length} ledger row(s), ${arrived.length} sent and arrived once`,
        );
    }
  }

  // Signed results: the returned file carries the leader's signature and the seal, valid and trusted.
  const signatureBad: string[] = [];
  const signed = outcomes.filter((o) => o.path === 'signed' && o.finished && o.code);
  for (const o of signed) {
    try {
      const bytes = await world.api.bytes(`/dossiers/${encodeURIComponent(o.code!)}/result-file`, 'vanthu');
      const reports = verifyPdfSignatures(bytes, world.roots);
      if (reports.length !== 2 || reports.some((r) => !r.valid || !r.trusted))
        signatureBad.push(
          `${o.code}: ${reports.length} signature(s): ${reports.map((r) => `valid ${r.valid}, trusted ${r.trusted}`).join('; ')}`,
        );
    } catch (err) {
      signatureBad.push(`${o.code}: result not readable: ${String(err).slice(0, 200)}`);
    }
  }

  return [
    inv('every driven dossier walked to its end', driverErrors, `${outcomes.length} driven`),
    inv('no dossier lost (projection row exists)', lost, `${rows.length} rows`),
    inv('history chain valid (verifyChain)', chainBad, `${rows.length} dossiers`),
    inv('no seq gaps or duplicate events', seqBad, `${rows.length} dossiers`),
    inv('projection equals workflow state', mismatch, 'seq, phase, status, step'),
    inv(
      'no dossier stuck',
      stuck,
      `finished, or running and waiting on a person` +
        (archiving.length > 0 ? ` (${archiving.length} finished, archive still pending: not counted)` : ''),
    ),
    inv('ledger mail delivered (none missing)', [...missing, ...unledgered], `${sent.length} sent`),
    inv(
      'no mail doubled at the SMTP server',
      doubled,
      `${received.length} messages` +
        (redeliveries.length > 0
          ? `; ${redeliveries.length} redelivered after a crash with the same Message-ID: ${redeliveries.join('; ')}`
          : ''),
    ),
    inv('no mail left pending or failed', undelivered, `${ledger.length} ledger rows`),
    inv('5xx only 503 + Retry-After while down', bad5xx, `${http5xx.length} 5xx answers`),
    inv('national portal has every status, last = projection', syncBad, `${outbox.length} statuses`),
    inv('returned signed results verify (2 signatures)', signatureBad, `${signed.length} signed results`),
    inv(
      'every escalation mailed once',
      escalationBad,
      Object.entries(rungs)
        .map(([k, n]) => `${n} ${k}`)
        .join(', '),
    ),
  ];
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`soak aborted: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(2);
  },
);
