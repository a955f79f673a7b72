import { join } from 'node:path';
import { inject } from 'vitest';
import { createDirectoryArchiveStore, type ArchiveStore } from '../../common/archive-store.js';

/** The run's file store root and an archive beside it (both removed after the run): never `.data/`. */
export function testStorage(): { storageRoot: string; archiveStore: ArchiveStore } {
  const storageRoot = inject('storageRoot');
  return { storageRoot, archiveStore: createDirectoryArchiveStore(join(storageRoot, 'archive')) };
}

/** The same places as a worker process's environment (`STORAGE_ROOT`, `ARCHIVE_URL`). */
export function testStorageEnv(): { STORAGE_ROOT: string; ARCHIVE_URL: string } {
  const storageRoot = inject('storageRoot');
  return { STORAGE_ROOT: storageRoot, ARCHIVE_URL: join(storageRoot, 'archive') };
}
