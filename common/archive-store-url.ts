/** The archive store an `ARCHIVE_URL` names (docs/archive.md, "Store"). */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDirectoryArchiveStore, type ArchiveStore } from './archive-store.js';
import { s3ArchiveStoreFromUrl } from './archive-store-s3.js';

/**
 * `file:///path` (or a plain path): a directory store; `s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=…`:
 * an S3-compatible object store, credentials from `env` (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
 * @throws RangeError naming what is wrong with the URL.
 */
export function archiveStoreFromUrl(
  url: string,
  env: Record<string, string | undefined> = process.env,
): ArchiveStore {
  if (url.startsWith('file:')) return createDirectoryArchiveStore(fileURLToPath(url));
  if (url.startsWith('s3:')) return s3ArchiveStoreFromUrl(url, env);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new RangeError(`ARCHIVE_URL: unsupported scheme in ${url}`);
  return createDirectoryArchiveStore(url.split('/').join(sep));
}
