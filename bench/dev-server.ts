/**
 * The Temporal dev server every benchmark starts for itself (WAL SQLite in a temp folder), and the small
 * figures helpers. Kept apart from `support.ts` so that the bare-Temporal baseline (`baseline.bench.ts`)
 * loads nothing of the product: its process should be as light as the anchor's.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from '../scripts/net.js';
import { temporalCliPath } from '../scripts/paths.js';

/** The `p`th percentile (nearest rank) of `xs`; NaN when empty. */
export const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
/** Rounded to one decimal. */
export const r1 = (x: number): number => Math.round(x * 10) / 10;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Something a bench started: `close` stops it in order, `now` (synchronous) when the process exits first. */
export interface Teardown {
  close(): Promise<void>;
  now(): void;
}

export interface DevServer {
  /** `127.0.0.1:<port>` of the dev server. */
  address: string;
  connection: Connection;
  client: Client;
  /** The temp folder of the server's SQLite file; the bench may keep other servers' data in it. */
  dir: string;
  /** `temporal --version` of the binary that runs. */
  version: string;
  /** The server's process id (CPU accounting). */
  pid: number;
  /** Stopped by `close()` before the dev server, in the reverse order of registration. */
  defer(teardown: Teardown): void;
  /** Stops what was deferred, then the dev server, and removes the temp folder (once). */
  close(): Promise<void>;
}

export interface DevServerOptions {
  /** `wal` (default): SQLite in a file, WAL journal, synchronous=NORMAL; `memory`: the dev server's in-memory SQLite. */
  sqlite?: 'wal' | 'memory';
  /** Search attributes registered by the server's flags (`--search-attribute Name=Type`). */
  searchAttributes?: Record<string, 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime'>;
}

/**
 * Starts `.tools/bin/temporal server start-dev` on a free port of 127.0.0.1, namespace `default`, with the
 * SDK's runtime logging errors only, and waits until it answers. Every way out (normal end, a failure half-way,
 * Ctrl-C) stops it and what was deferred on it.
 */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const teardowns: Teardown[] = [];
  let closing: Promise<void> | undefined;
  let closed = false;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      for (const t of [...teardowns].reverse()) await t.close().catch(() => undefined);
      await connection?.close().catch(() => undefined);
      server.kill('SIGTERM');
      await sleep(1000);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      closed = true;
    })());
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  // As root, an embedded PostgreSQL runs as `postgres`, which must reach its data folder inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const args = ['server', 'start-dev', '--headless', '--port', String(port), '--log-level', 'error'];
  for (const [name, type] of Object.entries(opts.searchAttributes ?? {}))
    args.push('--search-attribute', `${name}=${type}`);
  if ((opts.sqlite ?? 'wal') === 'wal') {
    args.push('--db-filename', path.join(dir, 't.sqlite'));
    args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  const server = spawn(temporalCliPath, args, { stdio: 'ignore' });
  // 'exit' handlers cannot wait: the servers are told to stop and finish on their own.
  process.once('exit', () => {
    if (closed) return;
    for (const t of [...teardowns].reverse()) t.now();
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping the bench's servers\n`);
      void close().finally(() => process.exit(130));
    });
  }
  const address = `127.0.0.1:${port}`;
  let connection: Connection | undefined;
  for (let i = 0; i < 100 && !connection; i++) {
    try {
      connection = await Connection.connect({ address });
      await connection.workflowService.getSystemInfo({});
    } catch {
      connection = undefined;
      await sleep(200);
    }
  }
  if (!connection) throw new Error('dev server did not start');
  const version = execFileSync(temporalCliPath, ['--version'], { encoding: 'utf8' }).trim();
  return {
    address,
    connection,
    client: new Client({ connection }),
    dir,
    version,
    pid: server.pid!,
    defer: (teardown) => void teardowns.push(teardown),
    close,
  };
}
