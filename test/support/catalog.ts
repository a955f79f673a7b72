/**
 * The seeded catalog as the tests see it: the unit codes configured for the run (`config/units.ts`, the
 * same the global setup seeds), procedure codes built on its province, and the seeded definitions.
 */
import { unitCodesFromEnv } from '../../config/units.js';
import { seedCatalog } from '../../db/seed/procedures.seed.js';
import type { ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import { localPlaceholderCode, localProcedureCode } from '../../domain/unit-codes.js';

/** The province and unit codes of the test run. */
export const units = unitCodesFromEnv();

/** Every seeded version, in publication order. */
export const seededVersions: readonly ProcedureDefinition[] = seedCatalog(units.province);

/** A national TTHC code at the locality, e.g. procedureCode('3.000466') → 3.000466.000.00.00.H42. */
export const procedureCode = (nationalCode: string): string =>
  localProcedureCode(nationalCode, units.province);

/** A local placeholder code, e.g. placeholderCode('SGDDT.VBCC01') → H42.SGDDT.VBCC01. */
export const placeholderCode = (suffix: string): string => localPlaceholderCode(suffix, units.province);

/** The current (latest seeded) version of every seeded code still received: what the desk lists today. */
export const currentSeededProcedures: readonly ProcedureDefinition[] = (() => {
  const replaced = new Set(seededVersions.flatMap((p) => (p.replaces ? [p.replaces] : [])));
  const latest = new Map(seededVersions.map((p) => [p.code, p]));
  return [...latest.values()].filter((p) => !replaced.has(p.code));
})();

/** The latest seeded version of a code (a national code such as '3.000466', or a whole local code). */
export function seededProcedure(code: string): ProcedureDefinition {
  const wanted = /^\d\.\d{6}$/.test(code) ? procedureCode(code) : code;
  const found = seededVersions.filter((p) => p.code === wanted).at(-1);
  if (!found) throw new Error(`no seeded procedure ${wanted}`);
  return found;
}
