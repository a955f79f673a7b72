/**
 * The ONE place where the province's code and the units' electronic identifiers (mã định danh điện tử,
 * QCVN 102:2016/BTTTT, form `000.00.XX.H42`) are configured (docs/domain.md, "Dossier code"). The Sở's
 * identifier prefixes every dossier code; the province code is the suffix of every procedure code of the
 * locality (`<national code>.000.00.00.<province>`). Read from the environment, checked at start-up.
 */
import { z } from 'zod';

/** A province's level-1 code: H + 2 digits (H42 Ninh Bình). */
const PROVINCE_CODE_FORMAT = /^H\d{2}$/;
/** A unit's identifier: 3 + 2 + 2 digits and the province code, e.g. 000.00.53.H48. */
const UNIT_CODE_FORMAT = /^\d{3}\.\d{2}\.\d{2}\.H\d{2}$/;

/** Ninh Bình (H42 in the alphabetical order of the 63 pre-2025 provinces; docs/domain.md, "Dossier code"). */
export const DEFAULT_PROVINCE_CODE = 'H42';

const unitCode = z
  .string()
  .regex(UNIT_CODE_FORMAT, 'expected a QCVN 102:2016 unit code such as 000.00.53.H48');

/** The environment variables of the unit codes (part of `config/config.ts`'s schema). */
export const unitCodeEnvShape = {
  PROVINCE_CODE: z
    .string()
    .regex(PROVINCE_CODE_FORMAT, 'expected H and 2 digits, e.g. H42')
    .default(DEFAULT_PROVINCE_CODE),
  /** The Sở GDĐT's identifier; UNCONFIRMED for Ninh Bình after the 2025 merger: set by the operator. */
  UNIT_CODE: unitCode.optional(),
  /** The UBND tỉnh's identifier (liaison partner); default `000.00.00.<province>`, UNCONFIRMED. */
  PROVINCE_COMMITTEE_UNIT_CODE: unitCode.optional(),
};

type UnitCodeEnv = z.output<z.ZodObject<typeof unitCodeEnvShape>>;

/** The codes the seeds and the receipt use (same shape as `UnitCodes` of `domain/unit-codes.ts`). */
export interface ConfiguredUnitCodes {
  readonly province: string;
  readonly department: string;
  readonly provincialCommittee: string;
}

/**
 * Development placeholder of the Sở's identifier, refused in production (the real code is to be set by
 * the operator: docs/production.md). Level-2 number 99 is chosen as unlikely to belong to a real unit.
 */
const devDepartmentCode = (province: string) => `000.00.99.${province}`;
/** UNCONFIRMED: the UBND tỉnh as the level-1 unit itself, lower levels zero. */
const defaultCommitteeCode = (province: string) => `000.00.00.${province}`;

/** The unit codes of a parsed environment, defaults applied. */
export function unitCodesOf(env: UnitCodeEnv): ConfiguredUnitCodes {
  const province = env.PROVINCE_CODE;
  return {
    province,
    department: env.UNIT_CODE ?? devDepartmentCode(province),
    provincialCommittee: env.PROVINCE_COMMITTEE_UNIT_CODE ?? defaultCommitteeCode(province),
  };
}

/** The unit codes from the environment alone (tests and scripts; the apps take them from `Config`). */
export function unitCodesFromEnv(env: Record<string, string | undefined> = process.env): ConfiguredUnitCodes {
  const picked = Object.fromEntries(
    Object.keys(unitCodeEnvShape).flatMap((key) => (env[key] ? [[key, env[key]]] : [])),
  );
  return unitCodesOf(z.object(unitCodeEnvShape).parse(picked));
}

/** Cross-field rules: every unit belongs to the configured province; production names its unit. */
export function checkUnitCodes(
  env: UnitCodeEnv & { NODE_ENV: string },
  addIssue: (path: string, message: string) => void,
): void {
  const suffix = `.${env.PROVINCE_CODE}`;
  for (const key of ['UNIT_CODE', 'PROVINCE_COMMITTEE_UNIT_CODE'] as const) {
    const value = env[key];
    // A malformed code is reported by its format alone.
    if (value !== undefined && UNIT_CODE_FORMAT.test(value) && !value.endsWith(suffix)) {
      addIssue(key, `must end with the province code ${suffix} (PROVINCE_CODE)`);
    }
  }
  if (env.NODE_ENV === 'production' && env.UNIT_CODE === undefined) {
    addIssue('UNIT_CODE', "must be set in production: the Sở's electronic identifier (QCVN 102:2016)");
  }
}
