/**
 * The archive store port: where archival packages of finished dossiers are kept (docs/archive.md). A
 * package is a set of named files under a key; it is immutable: `put` of the same files again is a no-op
 * (so archiving is idempotent), of different files under a used key a refusal. Two implementations: the
 * directory store here, the S3 store in `archive-store-s3.ts`; `archive-store-url.ts` picks one.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** One file of a package: its path inside the package (`a/b.pdf`) and its bytes. */
export interface ArchiveFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A different package is already stored under the key: nothing was written. */
export class ArchiveConflictError extends Error {
  constructor(readonly key: string) {
    super(`another package is already stored under ${key}`);
    this.name = 'ArchiveConflictError';
  }
}

export interface ArchiveStore {
  /** Stores the package; `stored: false` when the very same one was there already. */
  put(key: string, files: readonly ArchiveFile[]): Promise<{ stored: boolean }>;
  /** The package's files (sorted by name), or undefined when the key is unknown. */
  get(key: string): Promise<ArchiveFile[] | undefined>;
  /** The keys stored under `prefix` (a key is `<tenant>/<dossier code>`), sorted. */
  list(prefix?: string): Promise<string[]>;
}

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Refuses keys and file names that could leave their folder (`..`, absolute paths, odd characters). */
export function checkPath(path: string, what: string): void {
  const parts = path.split('/');
  if (parts.length === 0 || !parts.every((p) => SAFE_SEGMENT.test(p) && p !== '..')) {
    throw new RangeError(`invalid ${what}: ${JSON.stringify(path)}`);
  }
}

/** Checks a package's key and file names (`checkPath`) before anything is read or written. */
export function checkPackage(key: string, files: readonly ArchiveFile[]): void {
  checkPath(key, 'key');
  for (const f of files) checkPath(f.name, 'file name');
}

/**
 * The port's rule for a key already in use: `{ stored: false }` when what is there is the same package,
 * an {@link ArchiveConflictError} when it is another; undefined when nothing is there.
 */
export function alreadyStored<T>(
  key: string,
  existing: T | undefined,
  same: (existing: T) => boolean,
): { stored: false } | undefined {
  if (existing === undefined) return undefined;
  if (same(existing)) return { stored: false };
  throw new ArchiveConflictError(key);
}

const sameFiles = (a: readonly ArchiveFile[], b: readonly ArchiveFile[]): boolean =>
  a.length === b.length &&
  a.every((f, i) => f.name === b[i]!.name && Buffer.from(f.bytes).equals(Buffer.from(b[i]!.bytes)));

/** The files sorted by name (the order `get` answers in). */
export const byName = (files: readonly ArchiveFile[]) =>
  [...files].sort((x, y) => (x.name < y.name ? -1 : 1));

/**
 * Packages as folders under `root` (dev and tests; a mounted volume in production). A package is written
 * into a temporary folder and renamed into place, so a reader never sees half of one.
 */
export function createDirectoryArchiveStore(root: string): ArchiveStore {
  const base = resolve(root);
  const folderOf = (key: string) => join(base, ...key.split('/'));

  async function readTree(dir: string, prefix = ''): Promise<ArchiveFile[]> {
    const out: ArchiveFile[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) out.push(...(await readTree(join(dir, entry.name), name)));
      else out.push({ name, bytes: await readFile(join(dir, entry.name)) });
    }
    return out;
  }

  async function get(key: string): Promise<ArchiveFile[] | undefined> {
    checkPath(key, 'key');
    try {
      return byName(await readTree(folderOf(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  return {
    get,
    async put(key, files) {
      checkPackage(key, files);
      const sorted = byName(files);
      const existing = alreadyStored(key, await get(key), (e) => sameFiles(e, sorted));
      if (existing) return existing;
      const tmp = join(base, '.tmp', randomUUID());
      try {
        for (const f of sorted) {
          const path = join(tmp, ...f.name.split('/'));
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, f.bytes);
        }
        await mkdir(dirname(folderOf(key)), { recursive: true });
        await rename(tmp, folderOf(key));
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        // Another writer got there first: fine when it wrote the same package.
        const now = alreadyStored(key, await get(key), (e) => sameFiles(e, sorted));
        if (now) return now;
        throw err;
      }
      return { stored: true };
    },
    async list(prefix = '') {
      const keys: string[] = [];
      async function walk(dir: string, rel: string, depth: number): Promise<void> {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw err;
        }
        for (const e of entries) {
          if (!e.isDirectory() || e.name === '.tmp') continue;
          const key = rel ? `${rel}/${e.name}` : e.name;
          if (depth === 1) keys.push(key);
          else await walk(join(dir, e.name), key, depth + 1);
        }
      }
      await walk(base, '', 0);
      return keys.filter((k) => k.startsWith(prefix)).sort();
    },
  };
}
