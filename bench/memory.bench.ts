/**
 * Memory of the worker's workflow cache (issue 17): N open dossiers armed (each waiting on its durable
 * timer) with a cache holding all of them, and the worker process's RSS and main-thread heap before and
 * after. Prints one JSON line; no assertions.
 *
 *   npm run bench:memory     (DATABASE_URL, or an embedded PostgreSQL)
 *   BENCH_N=1000 BENCH_IN_FLIGHT=32 BENCH_PRELOAD=0 TEMPORAL_DEBUG=1 (optional)
 *
 * - per_cached_workflow_kb: (RSS armed − RSS before) / cached workflows. Workflows run in the SDK's
 *   workflow thread, whose V8 heap counts in RSS but not in this thread's heapUsed.
 * - TEMPORAL_DEBUG=1 runs workflows in the main thread (the SDK's debug mode), so heapUsed shows the
 *   V8 heap of the cached workflows (heap_per_cached_workflow_kb).
 * - BENCH_PRELOAD=0 bundles without the preloaded domain modules (`preloadedWorkflowModules`): every
 *   workflow evaluates its own copy of every module of the bundle but the SDK's (the state before issue 17).
 * - arming: dossiers started and their receipt event stored per second, BENCH_IN_FLIGHT starts at a time.
 * - input_bytes: the JSON size of one dossier workflow's input and of its procedure and calendar snapshots.
 */
import { createDiscardMailer } from '../test/support/discard-mailer.js';
import { prepareDossierBench } from './dossiers.js';
import { r1, sleep, startBenchRig } from './support.js';

const N = Number(process.env.BENCH_N ?? 1_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 32);
const PRELOAD = process.env.BENCH_PRELOAD !== '0';
const KB = 1024;
const MB = 2 ** 20;

/** Memory once garbage is collected (`--expose-gc`, as `npm run bench:memory` runs) and the heap settles. */
async function settled(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await sleep(500);
  }
  return process.memoryUsage();
}

const rig = await startBenchRig({
  mailer: createDiscardMailer(),
  maxCachedWorkflows: N + 100,
  ...(PRELOAD ? {} : { bundle: { preloadModules: [] } }),
});
const bench = await prepareDossierBench(rig);
const one = bench.inputOf({ code: 'X', receivedAt: Date.now() });
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
const out: Record<string, unknown> = {
  node: process.version,
  database: rig.database,
  N,
  preload: PRELOAD,
  workflows_in: process.env.TEMPORAL_DEBUG ? 'main thread (TEMPORAL_DEBUG)' : 'workflow thread',
  input_bytes: { total: bytes(one), procedure: bytes(one.procedure), calendar: bytes(one.calendar) },
};

await rig.worker.runUntil(async () => {
  await sleep(1000);
  const before = await settled();
  const t0 = performance.now();
  const receivedAt = Date.now();
  await bench.arm(
    Array.from({ length: N }, () => ({ code: bench.nextCode(receivedAt), receivedAt })),
    IN_FLIGHT,
  );
  const seconds = (performance.now() - t0) / 1000;
  const armed = await settled();
  const cached = rig.worker.getStatus().numCachedWorkflows;
  out.arming = { seconds: r1(seconds), dossiers_per_s: r1(N / seconds), in_flight: IN_FLIGHT };
  out.cached_workflows = cached;
  out.rss_mb = { before: Math.round(before.rss / MB), armed: Math.round(armed.rss / MB) };
  out.heap_used_mb = { before: Math.round(before.heapUsed / MB), armed: Math.round(armed.heapUsed / MB) };
  out.per_cached_workflow_kb = Math.round((armed.rss - before.rss) / KB / cached);
  out.heap_per_cached_workflow_kb = Math.round((armed.heapUsed - before.heapUsed) / KB / cached);
});
console.log(JSON.stringify(out));
await rig.close();
process.exit(0);
