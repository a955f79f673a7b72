/**
 * The product as it is deployed, for the benchmarks: the API and the worker as separate Node processes
 * running the production build (`tsc -p tsconfig.build.json`, `node dist/api/main.js`,
 * `node dist/worker/main.js`, the workflow bundle prebuilt as `WORKFLOW_BUNDLE_PATH`), as many of each as
 * asked, on one task queue and one database.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { repoRoot } from '../scripts/paths.js';
import { freePort } from '../scripts/net.js';
import { sleep } from './dev-server.js';

export interface AppProcessesOptions {
  apis: number;
  workers: number;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  workflowBundleCode: string;
  /** Extra environment of every process (e.g. `WORKER_MAX_CACHED_WORKFLOWS`). */
  env?: NodeJS.ProcessEnv;
}

export interface AppProcesses {
  /** Base URLs of the API processes, in start order. */
  apiUrls: string[];
  /** Process ids by role, for CPU accounting. */
  pids: { api: number[]; worker: number[] };
  stop(): Promise<void>;
}

/**
 * Builds the production output into `.data/bench/dist-<pid>` (inside the repository, so that Node finds
 * `node_modules`), starts a discarding SMTP server for the workers' mails, then the workers and the APIs,
 * and waits until every worker logged `worker started` and every API answers `/health`. Logs go to
 * `.data/bench/dist-<pid>/logs/`.
 */
export async function startAppProcesses(opts: AppProcessesOptions): Promise<AppProcesses> {
  const out = path.join(repoRoot, '.data', 'bench', `dist-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'logs'), { recursive: true });
  process.stderr.write('building the production output (tsc -p tsconfig.build.json)…\n');
  execFileSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  const bundlePath = path.join(out, 'workflow-bundle.js');
  writeFileSync(bundlePath, opts.workflowBundleCode);

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, done) => {
      stream.on('data', () => undefined);
      stream.on('end', () => done());
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const children: ChildProcess[] = [];
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_TASK_QUEUE: opts.taskQueue,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    WORKFLOW_BUNDLE_PATH: bundlePath,
    STORAGE_ROOT: path.join(out, 'files'),
    ARCHIVE_URL: path.join(out, 'archive'),
    RATE_LIMIT_LOGIN_MAX: '1000000',
    RATE_LIMIT_LOOKUP_MAX: '1000000',
    ...opts.env,
  };
  const start = (role: string, index: number, env: NodeJS.ProcessEnv): ChildProcess => {
    const log = createWriteStream(path.join(out, 'logs', `${role}-${index}.log`));
    // BENCH_CHILD_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the API and worker processes.
    const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, path.join(out, role, 'main.js')], {
      cwd: repoRoot,
      env: { ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    children.push(child);
    return child;
  };
  const stop = async (): Promise<void> => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    for (let i = 0; i < 100 && children.some((c) => c.exitCode === null && c.signalCode === null); i++)
      await sleep(100);
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(out, { recursive: true, force: true });
  };
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });

  try {
    const workers = Array.from({ length: opts.workers }, (_, i) => start('worker', i, {}));
    await Promise.all(workers.map((w, i) => untilOutput(w, /worker started/, `worker ${i}`)));
    const apiUrls: string[] = [];
    const apis: ChildProcess[] = [];
    for (let i = 0; i < opts.apis; i++) {
      const port = await freePort();
      apis.push(start('api', i, { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }));
      apiUrls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(apiUrls.map((url, i) => untilHealthy(url, apis[i]!, `api ${i}`)));
    return { apiUrls, pids: { api: apis.map((c) => c.pid!), worker: workers.map((c) => c.pid!) }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function untilOutput(child: ChildProcess, pattern: RegExp, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-10_000);
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it started: ${seen.slice(-2000)}`));
    });
  });
}

async function untilHealthy(url: string, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not answer /health within 120 s`);
}
