/**
 * The bare-Temporal baseline (issue 17): what Temporal alone does on this machine, so that each product
 * figure can be read as a ratio to it. Plain workflows (`bench/baseline/`), a plain worker and client in this
 * process, a dev server of its own (`startDevServer`: WAL SQLite in a temp folder). The same figures, with the
 * same parameters, as the anchor kept beside the checkouts (docs/benchmarks.md). Prints one JSON line with the
 * anchor's keys and writes it, with when and where it ran, to `.data/bench/baseline.json`, which
 * `bench:dossier` and `bench:escalation` read. No assertions.
 *
 *   npm run bench:baseline
 *   BENCH_SQLITE=memory BENCH_B1_N=1500 BENCH_B4_N=1000 BENCH_B6_N=2000 (optional)
 *   BENCH_COMPARE=<file>   also prints this run ÷ another baseline run (e.g. the anchor's line saved to a file)
 *
 * B1 workflows/s of a one-activity workflow, closed loop, 64 in flight, BENCH_B1_N (1,500) workflows.
 * B2 Workflow Update round trip, serial: 100 workflows, one warm-up Update each, then 10 rounds (p50, p99);
 *    B2_load_32: 32 clients, one workflow each, Updates back to back for 15 s (updates/s, p50, p99).
 * B4 BENCH_B4_N (1,000) workflows whose one timer is due at the same instant, 20 s after the first start
 *    (started 50 at a time): lag of each workflow's end after that instant (p50, p99, last), wake-ups/s.
 * B6 BENCH_B6_N (2,000) open workflows, 1 in 20 with the keyword search attribute Bench = 'late' (started 100
 *    at a time); once visibility lists all of those, 50 times the first page of 50 (p50, p95).
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { baselineActivities } from './baseline/activities.js';
import { bump, counter, finish, idle, singleActivity, sleeper } from './baseline/workflows.js';
import { baselineAgreementRows, loadBaseline, parseBaseline, printRatios, writeBaseline } from './ratios.js';
import { pct, r1, sleep, startDevServer } from './dev-server.js';
import { cpuMeter, msPerOperation } from './cpu.js';

const mode = process.env.BENCH_SQLITE === 'memory' ? 'memory' : 'wal';
const n1 = Number(process.env.BENCH_B1_N ?? 1500);
const n4 = Number(process.env.BENCH_B4_N ?? 1000);
const n6 = Number(process.env.BENCH_B6_N ?? 2000);
const compareWith = process.env.BENCH_COMPARE ? loadBaseline(process.env.BENCH_COMPARE) : undefined;
const TASK_QUEUE = 'bench';
const load = { start: loadavg() };

const server = await startDevServer({ sqlite: mode, searchAttributes: { Bench: 'Keyword' } });
const { client } = server;
const bundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./baseline/workflows.ts', import.meta.url)),
  logger: new DefaultLogger('ERROR'),
});
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: server.address }),
  taskQueue: TASK_QUEUE,
  workflowBundle: bundle,
  activities: baselineActivities,
  maxCachedWorkflows: 2000,
});
const out: Record<string, unknown> = { mode, node: process.version };
const id = (prefix: string, i: number) => `${prefix}-${i}-${Date.now()}`;

await worker.runUntil(async () => {
  // B1: closed loop, 64 in flight, a fixed count.
  let next = 0;
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < n1) {
        const i = next++;
        await client.workflow.execute(singleActivity, { taskQueue: TASK_QUEUE, workflowId: id('b1', i) });
      }
    }),
  );
  out.B1_wf_per_s = r1(n1 / ((performance.now() - t1) / 1000));

  // B2: serial Updates, 10 on each of 100 workflows after one warm-up each; then 32 concurrent clients.
  const hs = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      client.workflow.start(counter, { taskQueue: TASK_QUEUE, workflowId: id('b2', i) }),
    ),
  );
  for (const h of hs) await h.executeUpdate(bump, { args: [0] });
  const lat: number[] = [];
  for (let k = 0; k < 10; k++) {
    for (const h of hs) {
      const t = performance.now();
      await h.executeUpdate(bump, { args: [1] });
      lat.push(performance.now() - t);
    }
  }
  out.B2_update_ms = { p50: r1(pct(lat, 50)), p99: r1(pct(lat, 99)), n: lat.length };
  const latL: number[] = [];
  // CPU per Update by part (this process: worker and clients; the dev server), as bench:dossier reports it.
  const cpu = cpuMeter({ bench: () => [process.pid], temporal: () => [server.pid] });
  cpu.start();
  const until = performance.now() + 15_000;
  let count = 0;
  await Promise.all(
    hs.slice(0, 32).map(async (h) => {
      while (performance.now() < until) {
        const t = performance.now();
        await h.executeUpdate(bump, { args: [1] });
        latL.push(performance.now() - t);
        count++;
      }
    }),
  );
  const used = cpu.stop();
  out.B2_load_32 = {
    updates_per_s: r1(count / 15),
    p50: r1(pct(latL, 50)),
    p99: r1(pct(latL, 99)),
    cpu_ms_per_update: msPerOperation(used, count),
  };
  await Promise.all(hs.map((h) => h.signal(finish)));

  // B4: n4 timers due at one instant; lag of each workflow's end after it.
  const due = Date.now() + 20_000;
  const h4: WorkflowHandle<typeof sleeper>[] = [];
  for (let i = 0; i < n4; i += 50) {
    h4.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, n4 - i) }, (_, j) =>
          client.workflow.start(sleeper, {
            taskQueue: TASK_QUEUE,
            workflowId: id('b4', i + j),
            args: [due - Date.now()],
          }),
        ),
      )),
    );
  }
  const lag: number[] = [];
  await Promise.all(
    h4.map(async (h) => {
      await h.result();
      lag.push(Date.now() - due);
    }),
  );
  const drained = Math.max(...lag);
  out.B4_timer_burst = {
    n: n4,
    lag_p50_ms: Math.round(pct(lag, 50)),
    lag_p99_ms: Math.round(pct(lag, 99)),
    drained_ms: Math.round(drained),
    wakeups_per_s: r1(n4 / (drained / 1000 || 1)),
  };

  // B6: a visibility list over n6 open workflows carrying a keyword search attribute.
  for (let i = 0; i < n6; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, n6 - i) }, (_, j) =>
        client.workflow.start(idle, {
          taskQueue: TASK_QUEUE,
          workflowId: id('b6', i + j),
          searchAttributes: { Bench: [(i + j) % 20 === 0 ? 'late' : 'ok'] },
        }),
      ),
    );
  }
  const query = `Bench = 'late' AND ExecutionStatus = 'Running'`;
  const want = n6 / 20;
  let seen = 0;
  for (let k = 0; k < 100 && seen < want; k++) {
    seen = 0;
    for await (const _ of client.workflow.list({ query })) seen++;
    if (seen < want) await sleep(200);
  }
  const l6: number[] = [];
  for (let k = 0; k < 50; k++) {
    const t = performance.now();
    let c = 0;
    for await (const _ of client.workflow.list({ query, pageSize: 50 })) if (++c >= 50) break;
    l6.push(performance.now() - t);
  }
  out.B6_list_page50_ms = { open: n6, matching: seen, p50: r1(pct(l6, 50)), p95: r1(pct(l6, 95)) };
});
console.log(JSON.stringify(out));
const file = writeBaseline({
  ...out,
  temporal: server.version,
  load_average: { start: load.start.map(r1), end: loadavg().map(r1) },
});
process.stderr.write(`written to ${path.relative(process.cwd(), file)}\n`);
if (compareWith)
  printRatios(compareWith, baselineAgreementRows(parseBaseline(out)), {
    reading: 'two runs of the same baseline agree at 1×',
  });

await server.close();
process.exit(0);
