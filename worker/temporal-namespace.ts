import type { Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { SearchAttributeType } from '@temporalio/common';
import { allSearchAttributes } from '../workflows/search-attributes.js';

/** temporal.api.enums.v1.IndexedValueType, as the operator service expects it. */
const indexedValueType: Record<SearchAttributeType, number> = {
  [SearchAttributeType.TEXT]: 1,
  [SearchAttributeType.KEYWORD]: 2,
  [SearchAttributeType.INT]: 3,
  [SearchAttributeType.DOUBLE]: 4,
  [SearchAttributeType.BOOL]: 5,
  [SearchAttributeType.DATETIME]: 6,
  [SearchAttributeType.KEYWORD_LIST]: 7,
};

const GRPC_UNIMPLEMENTED = 12;

async function listCustomSearchAttributes(
  connection: Connection | NativeConnection,
  namespace: string,
): Promise<Set<string>> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(existing.customAttributes ?? {}));
  } catch (err) {
    // The time-skipping test server cannot list them; adding is still supported there.
    if ((err as { code?: number }).code === GRPC_UNIMPLEMENTED) return new Set();
    throw err;
  }
}

/**
 * Registers the project's custom search attributes on a namespace, idempotently: attributes that
 * already exist are left alone (also on a dev-server database file created by an older version).
 */
export async function ensureSearchAttributes(
  connection: Connection | NativeConnection,
  namespace: string,
): Promise<string[]> {
  const known = await listCustomSearchAttributes(connection, namespace);
  const missing = allSearchAttributes.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType[key.type]])),
    });
  } catch (err) {
    // A concurrent registration by another process is fine.
    if (!/already exists/i.test(String((err as Error).message))) throw err;
  }
  return missing.map((key) => key.name);
}
