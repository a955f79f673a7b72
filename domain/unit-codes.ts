/**
 * Codes of a locality (docs/domain.md, "Dossier code"): the units' electronic identifiers (QCVN
 * 102:2016) and the procedure codes built on the province code. The values are configured in one place,
 * `config/units.ts`; these are the shapes and the rules that compose them.
 */

/** The province and the identifiers of the units the catalog names. */
export interface UnitCodes {
  /** Level-1 code of the province, e.g. 'H42'. */
  readonly province: string;
  /** The Sở GDĐT (the tenant): prefix of its dossier codes. */
  readonly department: string;
  /** The UBND tỉnh, the liaison partner of the procedures its chairman decides. */
  readonly provincialCommittee: string;
}

/** A national TTHC code at the locality: `<national code>.000.00.00.<province>`, e.g. 1.004889.000.00.00.H42. */
export function localProcedureCode(nationalCode: string, province: string): string {
  return `${nationalCode}.000.00.00.${province}`;
}

/**
 * A placeholder code for a procedure whose national code is unknown: `<province>.<suffix>`, e.g.
 * H42.SGDDT.VBCC01, to be replaced by the code of the provincial publication decision.
 */
export function localPlaceholderCode(suffix: string, province: string): string {
  return `${province}.${suffix}`;
}
