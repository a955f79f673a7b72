/**
 * The procedure catalog every installation starts with: twelve real procedures of a provincial Sở GDĐT
 * (docs/domain.md, "Seeded procedures") as first seeded (effective 2024-01-01, `catalog/catalog-2024-*`),
 * then the 2025 catalog (`catalog/catalog-2025.ts`): successors under the current national codes and the
 * versions whose legal basis changed, each with the internal process (quy trình nội bộ). Values differ by
 * province and by publication decision; the tenant publishes its own versions through the API.
 *
 * Data caveats (docs/domain.md, "Confirmed and unconfirmed facts"):
 * - Codes: a code at the locality is the national TTHC code + `.000.00.00.` + the configured province code
 *   (`config/units.ts`, H42 Ninh Bình by default); whether Ninh Bình's published list carries each code is
 *   UNCONFIRMED. A procedure without a known national code gets a LOCAL placeholder `<province>.SGDDT.<…>`,
 *   to be replaced by the code of the provincial publication decision.
 * - Legal bases are cited by number and title without dates, from background knowledge: UNCONFIRMED,
 *   verify on vbpl.vn before publishing. Decree 125/2024/NĐ-CP replaced Decrees 46/2017 and 135/2018
 *   on conditions of investment and operation in education (UNCONFIRMED: its effective date, hence
 *   whether a version effective 2024-01-01 should still cite 46/2017).
 * - `onlineLevel` values are UNCONFIRMED for Ninh Bình (check the provincial list under Decree 42/2022).
 * - Step budgets are ours unless a comment cites an approved internal process; each fits the legal limit.
 * - Divisions: school organisation → TCCB; diplomas → QLCL; transfers → GDTRH; centres and study-abroad
 *   consulting → GDCN; student support policies → GDCT. Division assignments are UNCONFIRMED per province.
 */
import type { Transaction } from 'kysely';
import {
  validateProcedureDefinition,
  type ProcedureDefinition,
} from '../../domain/procedure/procedure-definition.js';
import { localPlaceholderCode, localProcedureCode } from '../../domain/unit-codes.js';
import { insertProcedureVersion, latestVersionNumbers } from '../procedure.repository.js';
import type { DB } from '../schema.js';
import type { SeedProcedure } from './catalog/building-blocks.js';
import {
  diplomaCopy,
  diplomaCorrection,
  foreignDiplomaRecognition,
  kinhStudentSupport,
  studentTransfer,
} from './catalog/catalog-2024-diplomas.js';
import {
  languageCentrePermission,
  schoolActivityPermission,
  schoolDissolution,
  schoolEstablishment,
  schoolMerger,
  specialisedSchoolEstablishment,
  studyAbroadConsulting,
} from './catalog/catalog-2024-schools.js';
import { catalog2025 } from './catalog/catalog-2025.js';
import { divisions } from './organisation.seed.js';

/** The catalog as first seeded: version 1 of each procedure, effective 2024-01-01. */
const catalog2024: readonly SeedProcedure[] = [
  diplomaCopy,
  diplomaCorrection,
  foreignDiplomaRecognition,
  studentTransfer,
  schoolEstablishment,
  specialisedSchoolEstablishment,
  schoolActivityPermission,
  studyAbroadConsulting,
  languageCentrePermission,
  kinhStudentSupport,
  schoolMerger,
  schoolDissolution,
];

/** A seeded procedure's code in `province`: its national code there, or its local placeholder. */
function codeIn(p: SeedProcedure, province: string): string {
  if (p.nationalCode !== undefined) return localProcedureCode(p.nationalCode, province);
  if (p.localCode === undefined) throw new Error(`Seeded procedure "${p.name}" has no code`);
  return localPlaceholderCode(p.localCode, province);
}

/** A seeded procedure placed in `province`: its code, and the code of the procedure it replaces. */
function placeIn(p: SeedProcedure, province: string): ProcedureDefinition {
  const { localCode: _placeholder, replaces, ...def } = p;
  return {
    ...def,
    code: codeIn(p, province),
    ...(replaces ? { replaces: codeIn(replaces, province) } : {}),
  };
}

/**
 * Every seeded procedure version of a province, in publication order (each code's versions in order):
 * the 2024 catalog, then the 2025 one. Dossiers of the old versions keep them; the list shows the
 * versions in force.
 */
export function seedCatalog(province: string): ProcedureDefinition[] {
  return [...catalog2024, ...catalog2025].map((p) => placeIn(p, province));
}

/** The seeded definition, validated against the seeded divisions; a broken seed fails loudly. */
function validSeed(def: ProcedureDefinition): ProcedureDefinition {
  const result = validateProcedureDefinition(def, { divisionCodes: divisions.map((d) => d.code) });
  if (result.ok) return result.value;
  const issues = result.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Seeded procedure ${def.code} version ${def.version} is invalid: ${issues}`);
}

/**
 * Publishes every seeded version the tenant has not got yet: a seeded version N of a code is published
 * when the tenant's latest version of that code is N − 1, so an installation seeded with the 2024 catalog
 * receives the 2025 versions, and a code the tenant has published its own versions of is left alone.
 * Idempotent; concurrent runs are serialised by the caller (`seedDatabase` holds the seed lock). Returns
 * how many versions were published.
 */
export async function seedProcedureCatalog(
  trx: Transaction<DB>,
  tenant: string,
  province: string,
): Promise<number> {
  const latest = await latestVersionNumbers(trx, tenant);
  let published = 0;
  for (const def of seedCatalog(province)) {
    if ((latest.get(def.code) ?? 0) !== def.version - 1) continue;
    await insertProcedureVersion(trx, tenant, validSeed(def), 'seed');
    latest.set(def.code, def.version);
    published += 1;
  }
  return published;
}
