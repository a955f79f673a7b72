/**
 * Dossier engine benchmark: the same measurements as the bare-Temporal anchor (docs/benchmarks.md),
 * through the whole product: HTTP API (auth, validation), PostgreSQL (receipt transaction, audit chain,
 * projection) and the dossier workflow. Prints one JSON line; no assertions.
 *
 *   npm run bench:dossier     (DATABASE_URL, or an embedded PostgreSQL)
 *   BENCH_APIS=2 BENCH_WORKERS=2 npm run bench:dossier    (scale-out: API and worker processes)
 *   BENCH_IN_PROCESS=1 npm run bench:dossier             (API and worker inside the bench's process)
 *
 * By default the product runs as deployed: the API and the worker are separate Node processes of the
 * production build (bench/processes.ts), BENCH_APIS and BENCH_WORKERS of each (default 1), one task queue,
 * one database; the simulated officers spread their requests over the APIs in turn (as a load balancer
 * would). The 32-client load also reports the CPU each part used per action (API, worker, Temporal dev
 * server, PostgreSQL, the bench's own HTTP clients), read from /proc.
 *
 * D1 receipts/s (16 concurrent officers)        ~ anchor B1 workflows/s
 * D2 officer action round trip, serial (p50/p99) ~ anchor B2 update round trip
 * D2 load: 32 concurrent officers for 15 s       ~ anchor B2_load_32
 *
 * Ends with each figure's ratio to the bare-Temporal baseline run just before (`npm run bench:baseline`,
 * `.data/bench/baseline.json`; bench/ratios.ts).
 */
import { buildApp } from '../api/app.js';
import { createTokenService } from '../api/auth.js';
import { freePort } from '../scripts/net.js';
import { createDiscardMailer } from '../test/support/discard-mailer.js';
import { cpuMeter, msPerOperation, pidsNamed } from './cpu.js';
import { startAppProcesses } from './processes.js';
import { loadBaseline, printRatios } from './ratios.js';
import { pct, r1, startBenchRig } from './support.js';
import { procedureCode } from '../test/support/catalog.js';

const inProcess = process.env.BENCH_IN_PROCESS === '1';
const apis = Number(process.env.BENCH_APIS ?? 1);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
const baseline = loadBaseline();
const rig = await startBenchRig({ mailer: createDiscardMailer() });
const { db, worker, taskQueue } = rig;

/** The API base URLs, and how the product is stopped. */
let bases: string[];
let stopProduct: () => Promise<void>;
let productPids: { api: number[]; worker: number[] };
if (inProcess) {
  const app = await buildApp({
    logger: false,
    health: {},
    db,
    tokens: createTokenService({ secret: 'bench-secret-bench-secret-bench-secret-0123' }),
    temporal: {
      client: rig.client,
      taskQueue,
      namespace: 'default',
      uiUrl: 'http://localhost:8233',
    },
  });
  const apiPort = await freePort();
  await app.listen({ host: '127.0.0.1', port: apiPort });
  bases = [`http://127.0.0.1:${apiPort}`];
  stopProduct = () => app.close();
  productPids = { api: [], worker: [] };
} else {
  const product = await startAppProcesses({
    apis,
    workers,
    databaseUrl: rig.databaseUrl,
    temporalAddress: rig.address,
    taskQueue,
    workflowBundleCode: rig.workflowBundleCode,
  });
  bases = product.apiUrls;
  stopProduct = () => product.stop();
  productPids = product.pids;
}
let turn = 0;

async function call(
  method: string,
  url: string,
  token: string | null,
  body?: object,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const base = bases[turn++ % bases.length]!;
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const login = async (username: string) =>
  (await call('POST', '/auth/login', null, { username, password: 'motcua' })).json.token as string;
const receiverToken = await login('receiver');
const headToken = await login('head');
const receipt = {
  procedureCode: procedureCode('3.000466'),
  applicant: {
    fullName: 'Nguyễn Văn Ân',
    idNumber: '036090001234',
    address: 'Số 12 đường Trần Hưng Đạo, phường Nam Định, tỉnh Ninh Bình',
  },
  components: ['DON', 'VB', 'HT', 'KS', 'GTTT'],
};
const receive = async () => {
  const r = await call('POST', '/dossiers', receiverToken, receipt);
  if (r.status !== 201) throw new Error(`receipt ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.code as string;
};
const act = async (code: string, path: string, token: string, body: object) => {
  const r = await call('POST', `/dossiers/${encodeURIComponent(code)}/${path}`, token, body);
  if (r.status !== 200) throw new Error(`${path} ${r.status} ${JSON.stringify(r.json)}`);
};

const out: Record<string, unknown> = {
  node: process.version,
  database: rig.database,
  shape: inProcess ? 'in-process' : { apis, workers },
};
/** CPU used during the 32-client load, per part (the bench process holds API and worker when in-process). */
const cpu = cpuMeter({
  bench: () => [process.pid],
  api: () => productPids.api,
  worker: () => productPids.worker,
  temporal: () => [rig.temporalPid],
  postgres: () => pidsNamed('postgres'),
});
const rssBefore = process.memoryUsage().rss;
// In-process, the bench's worker runs; otherwise the worker processes do and this one stays idle.
const running = <T>(fn: () => Promise<T>): Promise<T> => (inProcess ? worker.runUntil(fn) : fn());
await running(async () => {
  // D1: receipts, 16 concurrent officers, fixed count.
  const n1 = Number(process.env.BENCH_D1_N ?? 400);
  let next = 0;
  const codes: string[] = [];
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < n1) codes.push(await receive());
    }),
  );
  out.D1_receipts_per_s = r1(n1 / ((performance.now() - t1) / 1000));

  // D2: serial officer actions on 100 dossiers at the division head's step (assign = one Update + one audit row).
  // The step's assignee must hold its role (head) in its division (QLCL): the seeded `head` is the one.
  const ds = codes.slice(0, 100);
  for (const c of ds) await act(c, 'complete', receiverToken, { stepId: 'tiep-nhan' });
  const lat: number[] = [];
  for (let k = 0; k < 5; k++) {
    for (const c of ds) {
      const t = performance.now();
      await act(c, 'assign', headToken, { stepId: 'phan-cong', assignee: 'head' });
      lat.push(performance.now() - t);
    }
  }
  out.D2_action_ms = { p50: r1(pct(lat, 50)), p99: r1(pct(lat, 99)), n: lat.length };

  const latL: number[] = [];
  cpu.start();
  const until = performance.now() + 15_000;
  let count = 0;
  await Promise.all(
    ds.slice(0, 32).map(async (c) => {
      while (performance.now() < until) {
        const t = performance.now();
        await act(c, 'assign', headToken, { stepId: 'phan-cong', assignee: 'head' });
        latL.push(performance.now() - t);
        count++;
      }
    }),
  );
  const used = cpu.stop();
  out.D2_load_32 = {
    actions_per_s: r1(count / 15),
    p50: r1(pct(latL, 50)),
    p99: r1(pct(latL, 99)),
    // CPU milliseconds per action, by part ('bench' is the HTTP clients; in-process also API and worker).
    cpu_ms_per_action: msPerOperation(
      Object.fromEntries(
        Object.entries(used).filter(([part]) => !(inProcess && (part === 'api' || part === 'worker'))),
      ),
      count,
    ),
    cpu_cores: r1(Object.values(used).reduce((a, b) => a + b, 0) / 15),
  };
});
out.process_rss_mb = {
  before: Math.round(rssBefore / 2 ** 20),
  after: Math.round(process.memoryUsage().rss / 2 ** 20),
};
console.log(JSON.stringify(out));
const d2 = out.D2_action_ms as { p50: number; p99: number };
const d2Load = out.D2_load_32 as { actions_per_s: number; p50: number; p99: number };
printRatios(baseline, [
  { figure: 'D1 receipts/s (16 in flight)', ours: out.D1_receipts_per_s as number, vs: 'B1_wf_per_s' },
  { figure: 'D2 officer action p50 ms', ours: d2.p50, vs: 'B2_update_ms.p50' },
  { figure: 'D2 officer action p99 ms', ours: d2.p99, vs: 'B2_update_ms.p99' },
  { figure: 'D2_load_32 actions/s', ours: d2Load.actions_per_s, vs: 'B2_load_32.updates_per_s' },
  { figure: 'D2_load_32 p50 ms', ours: d2Load.p50, vs: 'B2_load_32.p50' },
  { figure: 'D2_load_32 p99 ms', ours: d2Load.p99, vs: 'B2_load_32.p99' },
]);

await stopProduct();
await rig.close();
process.exit(0);
