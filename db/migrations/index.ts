import type { Migration } from 'kysely';
import * as m20261127000000 from './2026_11_27_000000_tenant.js';

/**
 * Every migration, by name, in order. Listed statically (not read from the folder) so the same list
 * works from TypeScript sources, from compiled `dist/` and inside a container.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_27_000000_tenant': m20261127000000,
};
