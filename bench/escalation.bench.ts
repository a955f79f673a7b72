/**
 * Escalation ladder benchmark (issue 7): many open dossiers on durable timers, then a burst of step
 * reminders falling due at one instant, mailed through nodemailer to an SMTP server in this process.
 * Prints one JSON line; no assertions.
 *
 *   npm run bench:escalation     (DATABASE_URL, or an embedded PostgreSQL)
 *   BENCH_N=10000 BENCH_BURST=1000 BENCH_IN_FLIGHT=96 BENCH_LEAD_S=30 BENCH_SMTP_POOL=1 (optional)
 *
 * E1 time to start N open dossiers with armed timers: projection rows inserted in bulk, workflows started
 *    with the Temporal client (BENCH_IN_FLIGHT in flight), until every workflow stored its receipt event
 *    (~ anchor B1 workflows/s).
 * E2 M (BENCH_BURST) of them have their step reminder due at the same instant T (≥ BENCH_LEAD_S after they
 *    are armed): delay after T of the `step_reminder` event (dossier_event.recorded_at; also its workflow
 *    time `at`, the timer's own lag) and of the reminder mail's arrival at the SMTP server
 *    (~ anchor B4_timer_burst).
 * E3 reminder mails per second during the burst (arrivals / burst wall time).
 * Worker memory: RSS and heapUsed of this process (worker, client, SMTP server) before, after arming, peak.
 *
 * The dossiers run on a BENCH calendar (working time all day, every day, no holidays) published for the
 * tenant, so the wall clock's night or weekend cannot hold the reminders back; the burst dossiers are
 * received in the past so that 75% of their first step's budget ends exactly at T.
 *
 * Ends with each figure's ratio to the bare-Temporal baseline run just before (`npm run bench:baseline`,
 * `.data/bench/baseline.json`; bench/ratios.ts).
 */
import type { AddressInfo } from 'node:net';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../common/mailer.js';
import { insertCalendarVersion } from '../db/calendar.repository.js';
import { dossierProjection, formatDossierCode } from '../db/dossier.repository.js';
import type { NewDossierRow } from '../db/dossier.table.js';
import { findOfficerByUsername } from '../db/organisation.repository.js';
import { findProcedureInForce } from '../db/procedure.repository.js';
import {
  createWorkingCalendar,
  toVnDate,
  type CalendarDefinition,
  type WorkingCalendar,
} from '../domain/calendar/index.js';
import {
  AGENCY_DESK_ROUTE,
  receiveDossier,
  type Actor,
  type DossierContext,
} from '../domain/dossier/index.js';
import { reminderAt } from '../domain/dossier/escalation.js';
import { dossierWorkflow } from '../workflows/dossier/dossier.workflow.js';
import type { DossierWorkflowInput } from '../workflows/dossier/messages.js';
import { DossierProcedure, DossierTenant } from '../workflows/search-attributes.js';
import { allDayCalendar } from '../scripts/all-day-calendar.js';
import { loadBaseline, printRatios } from './ratios.js';
import { pct, r1, sleep, startBenchRig } from './support.js';
import { procedureCode } from '../test/support/catalog.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const M = Math.min(N, Number(process.env.BENCH_BURST ?? 1_000));
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 96);
const LEAD_MS = Number(process.env.BENCH_LEAD_S ?? 30) * 1000;
const POOL = Boolean(process.env.BENCH_SMTP_POOL);
const PROCEDURE = procedureCode('3.000466');
const MB = 2 ** 20;

// --- Worker memory, sampled all along ---
const memory = { rssPeak: 0, heapPeak: 0 };
const sampleMemory = () => {
  const m = process.memoryUsage();
  memory.rssPeak = Math.max(memory.rssPeak, m.rss);
  memory.heapPeak = Math.max(memory.heapPeak, m.heapUsed);
  return m;
};
const sampler = setInterval(sampleMemory, 250);
const mb = (bytes: number) => Math.round(bytes / MB);

// --- SMTP server in this process: keeps the arrival instant and the ledger key of every message ---
interface Arrival {
  at: number;
  key: string;
}
async function startSmtpSink(): Promise<{ url: string; arrivals: Arrival[]; close(): Promise<void> }> {
  const arrivals: Arrival[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const head = text.slice(0, text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const key = /^X-Mot-Cua-Notification:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? '';
        arrivals.push({ at: Date.now(), key });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Working time all day, every day, no holiday: escalations fire whatever the wall clock says. */
const benchCalendar = (tenant: string, effectiveFrom: string): CalendarDefinition =>
  allDayCalendar(tenant, effectiveFrom, 'Lịch đo hiệu năng: làm việc cả ngày, mọi ngày, không nghỉ lễ');

/** The receipt instant whose first-step reminder (75% of its budget, in working time) is exactly `due`. */
function receivedAtFor(ctx: DossierContext, base: { tenant: string; actor: Actor }, due: number): number {
  let receivedAt = due - 9 * 3_600_000;
  for (let i = 0; i < 20; i++) {
    const { state } = receiveDossier(ctx, { code: 'BENCH', receivedAt, ...base });
    const at = reminderAt(ctx, state);
    if (at === null) throw new Error('the first step has no reminder');
    if (at === due) return receivedAt;
    receivedAt += due - at;
  }
  throw new Error(`no receipt instant puts the reminder on ${new Date(due).toISOString()}`);
}

const baseline = loadBaseline();
const smtp = await startSmtpSink();
const rig = await startBenchRig({
  mailer: createMailer({
    smtpUrl: smtp.url + (POOL ? '?pool=true' : ''),
    from: '"Một Cửa Sở GDĐT" <motcua@localhost>',
  }),
});
const { db, client, worker, taskQueue } = rig;

// --- Reference data: tenant, the BENCH calendar, the procedure, the receiving officer ---
const tenantRow = await db.selectFrom('tenant').select(['code', 'unit_code']).executeTakeFirstOrThrow();
const tenant = tenantRow.code;
const published = await db
  .transaction()
  .execute((trx) =>
    insertCalendarVersion(trx, benchCalendar(tenant, toVnDate(Date.now() - 7 * 86_400_000)), 'bench'),
  );
const calendar: WorkingCalendar = createWorkingCalendar(published.definition);
const procedureRow = await findProcedureInForce(db, tenant, PROCEDURE, toVnDate(Date.now()));
if (!procedureRow) throw new Error(`procedure ${PROCEDURE} is not seeded`);
const procedure = procedureRow.definition;
const firstStep = procedure.steps[0]!;
const officer = await findOfficerByUsername(db, 'receiver');
if (!officer) throw new Error('dev user receiver is not seeded');
const actor: Actor = {
  officerId: officer.id,
  username: officer.username,
  fullName: officer.full_name,
  role: officer.role,
  divisionCode: officer.division_code,
};
const ctx: DossierContext = { procedure, calendar };

// --- Dossiers: projection rows in bulk (as a receipt writes them), then their workflows ---
const counters = new Map<string, number>();
function nextCode(receivedAt: number): string {
  const day = toVnDate(receivedAt);
  const n = (counters.get(day) ?? 0) + 1;
  counters.set(day, n);
  return formatDossierCode(tenantRow.unit_code, day, n);
}

interface Planned {
  code: string;
  receivedAt: number;
}

function rowOf(d: Planned): NewDossierRow {
  const { state } = receiveDossier(ctx, {
    code: d.code,
    tenant,
    receivedAt: d.receivedAt,
    actor,
    ruleSet: 'ND118_2025',
  });
  return {
    code: d.code,
    tenant,
    unit_code: tenantRow.unit_code,
    procedure_code: procedure.code,
    procedure_version: procedure.version,
    procedure_name: procedure.name,
    calendar_version: calendar.version,
    applicant_name: 'Nguyễn Văn Ân',
    applicant_id_number: '036090001234',
    applicant_email: null,
    applicant_phone: null,
    rule_set: 'ND118_2025',
    received_unit: AGENCY_DESK_ROUTE.receivingUnit,
    return_method: 'counter',
    return_unit: AGENCY_DESK_ROUTE.returnUnit,
    components: JSON.stringify(['DON', 'VB', 'HT', 'KS', 'GTTT']),
    channel: 'direct',
    received_at: new Date(d.receivedAt),
    received_by: actor.username,
    ...dossierProjection(state, firstStep.division, firstStep.role, AGENCY_DESK_ROUTE.receivingUnit),
    seq: 0,
  };
}

const countEvents = async (type: 'receive' | 'step_reminder') =>
  Number(
    (
      await db
        .selectFrom('dossier_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('type', '=', type)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

let armed = 0;
/** Inserts the rows, starts the workflows, and waits until each stored its receipt event. */
async function arm(batch: Planned[]): Promise<void> {
  for (let i = 0; i < batch.length; i += 500) {
    await db
      .insertInto('dossier')
      .values(batch.slice(i, i + 500).map(rowOf))
      .execute();
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let d = batch[next++]; d; d = batch[next++]) {
        const input: DossierWorkflowInput = {
          code: d.code,
          tenant,
          procedure,
          calendar: calendar.definition,
          receivedAt: d.receivedAt,
          receiver: actor,
          ruleSet: 'ND118_2025',
          desk: AGENCY_DESK_ROUTE,
        };
        await client.workflow.start(dossierWorkflow, {
          taskQueue,
          workflowId: d.code,
          args: [input],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: [
            { key: DossierTenant, value: tenant },
            { key: DossierProcedure, value: procedure.code },
          ],
        });
      }
    }),
  );
  armed += batch.length;
  await until(async () => (await countEvents('receive')) >= armed, 600_000, 'the receipt events');
}

const out: Record<string, unknown> = { node: process.version, database: rig.database, N, M };
const memBefore = sampleMemory();

await worker.runUntil(async () => {
  // E1, part 1: the dossiers that stay quiet (reminder about 9 hours of working time away).
  const t0 = performance.now();
  const quiet = Array.from({ length: N - M }, () => {
    const receivedAt = Date.now();
    return { code: nextCode(receivedAt), receivedAt };
  });
  await arm(quiet);
  const quietS = (performance.now() - t0) / 1000;

  // E1, part 2: the burst dossiers, all due at T, chosen so they are armed well before it.
  const rate = N > M ? (N - M) / quietS : 30;
  let due = Math.ceil((Date.now() + (M / rate) * 1500 + LEAD_MS) / 1000) * 1000;
  // The BENCH calendar's one non-working minute (23:59 Vietnam time) cannot hold a reminder.
  const vn = new Date(due + 7 * 3_600_000);
  if (vn.getUTCHours() === 23 && vn.getUTCMinutes() === 59) due += 60_000;
  const burstReceivedAt = receivedAtFor(ctx, { tenant, actor }, due);
  const burst = Array.from({ length: M }, () => ({
    code: nextCode(burstReceivedAt),
    receivedAt: burstReceivedAt,
  }));
  await arm(burst);
  const armedAt = Date.now();
  const e1 = (performance.now() - t0) / 1000;
  out.E1_arm = { n: N, seconds: r1(e1), dossiers_per_s: r1(N / e1), in_flight: IN_FLIGHT };
  // Later receipts of the day continue the numbering (as allocateDossierCode would).
  for (const [day, last] of counters) {
    await db
      .insertInto('dossier_code_counter')
      .values({ unit_code: tenantRow.unit_code, day, last })
      .onConflict((oc) => oc.columns(['unit_code', 'day']).doUpdateSet({ last }))
      .execute();
  }
  const memArmed = sampleMemory();
  out.worker_memory_mb = {
    rss: { before: mb(memBefore.rss), armed: mb(memArmed.rss) },
    heap_used: { before: mb(memBefore.heapUsed), armed: mb(memArmed.heapUsed) },
  };

  // E2/E3: the burst at T.
  const burstCodes = new Set(burst.map((d) => d.code));
  const reminders = () => smtp.arrivals.filter((a) => a.key.endsWith(':reminder'));
  await sleep(Math.max(0, due - Date.now()));
  await until(
    async () => reminders().length >= M && (await countEvents('step_reminder')) >= M,
    600_000,
    'the reminders',
  );
  const events = (
    await db
      .selectFrom('dossier_event')
      .select(['dossier_code', 'at', 'recorded_at'])
      .where('type', '=', 'step_reminder')
      .execute()
  ).filter((e) => burstCodes.has(e.dossier_code));
  const mails = reminders();
  const recorded = events.map((e) => e.recorded_at.getTime() - due);
  const fired = events.map((e) => e.at.getTime() - due);
  const arrived = mails.map((m) => m.at - due);
  const wall = Math.max(...recorded, ...arrived);
  const stats = (xs: number[]) => ({
    p50: Math.round(pct(xs, 50)),
    p90: Math.round(pct(xs, 90)),
    p99: Math.round(pct(xs, 99)),
    max: Math.round(Math.max(...xs)),
  });
  out.E2_burst = {
    n: M,
    armed_before_due_ms: due - armedAt,
    events: events.length,
    mails: mails.length,
    distinct_mail_keys: new Set(mails.map((m) => m.key)).size,
    event_recorded_lag_ms: stats(recorded),
    timer_fired_lag_ms: stats(fired),
    mail_lag_ms: stats(arrived),
    wall_ms: wall,
  };
  out.E3_mails_per_s = r1(mails.length / (wall / 1000));
  const mem = out.worker_memory_mb as { rss: Record<string, number>; heap_used: Record<string, number> };
  mem.rss.peak = mb(memory.rssPeak);
  mem.heap_used.peak = mb(memory.heapPeak);
  out.smtp_pool = POOL;
  out.notification_rows = Number(
    (await sql<{ n: string }>`select count(*) as n from notification`.execute(db)).rows[0]?.n ?? 0,
  );
});
clearInterval(sampler);
console.log(JSON.stringify(out));
type Lag = { p50: number; p99: number; max: number };
const e1 = out.E1_arm as { dossiers_per_s: number; in_flight: number };
const e2 = out.E2_burst as { timer_fired_lag_ms: Lag; event_recorded_lag_ms: Lag; mail_lag_ms: Lag };
printRatios(
  baseline,
  [
    { figure: `E1 dossiers armed/s (${e1.in_flight} in flight)`, ours: e1.dossiers_per_s, vs: 'B1_wf_per_s' },
    { figure: 'E2 timer lag p50 ms', ours: e2.timer_fired_lag_ms.p50, vs: 'B4_timer_burst.lag_p50_ms' },
    { figure: 'E2 timer lag p99 ms', ours: e2.timer_fired_lag_ms.p99, vs: 'B4_timer_burst.lag_p99_ms' },
    { figure: 'E2 event stored p50 ms', ours: e2.event_recorded_lag_ms.p50, vs: 'B4_timer_burst.lag_p50_ms' },
    { figure: 'E2 event stored p99 ms', ours: e2.event_recorded_lag_ms.p99, vs: 'B4_timer_burst.lag_p99_ms' },
    { figure: 'E2 mail arrived p50 ms', ours: e2.mail_lag_ms.p50, vs: 'B4_timer_burst.lag_p50_ms' },
    { figure: 'E2 mail arrived p99 ms', ours: e2.mail_lag_ms.p99, vs: 'B4_timer_burst.lag_p99_ms' },
    { figure: 'E2 last mail ms', ours: e2.mail_lag_ms.max, vs: 'B4_timer_burst.drained_ms' },
    { figure: 'E3 mails/s', ours: out.E3_mails_per_s as number, vs: 'B4_timer_burst.wakeups_per_s' },
  ],
  {
    notes:
      baseline.figures && baseline.figures.B4_timer_burst.n !== M
        ? [
            `a burst of ${M} read against the baseline's ${baseline.figures.B4_timer_burst.n} timers (BENCH_BURST): E2 and E3 ratios mislead`,
          ]
        : [],
  },
);

await smtp.close();
await rig.close();
process.exit(0);
