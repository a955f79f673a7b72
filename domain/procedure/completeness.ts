/**
 * The completeness rule of a receipt at the one-stop desk (Decree 61/2018 art. 19, Circular 01/2018
 * Mẫu 02): the components given must be on the procedure's checklist, and every required component must
 * be given; otherwise the dossier is not received and the applicant gets a written guidance listing what is
 * missing, once. Pure: shared by the API (which decides) and the console (which shows it before sending).
 */

/** A line of a procedure's checklist, as far as the rule needs it. */
export interface ChecklistComponent {
  readonly code: string;
  readonly name: string;
  readonly required: boolean;
}

/** A required component that was not given. */
export interface MissingComponent {
  code: string;
  name: string;
}

/** The verdict on the components given for a procedure. */
export type Completeness =
  /** Every required component is there: the dossier can be received. */
  | { readonly kind: 'complete' }
  /** A code that is not on the checklist (the first one, by its position among those given). */
  | { readonly kind: 'unknown'; readonly index: number; readonly code: string }
  /** Required components are missing, in the checklist's order. */
  | { readonly kind: 'incomplete'; readonly missing: MissingComponent[] };

/** The required components of the checklist that are not among those given, in the checklist's order. */
export function missingComponents(
  checklist: readonly ChecklistComponent[],
  given: readonly string[],
): MissingComponent[] {
  const have = new Set(given);
  return checklist
    .filter((c) => c.required && !have.has(c.code))
    .map((c) => ({ code: c.code, name: c.name }));
}

/** Checks the components given against the checklist: an unknown code first, then the missing ones. */
export function checkCompleteness(
  checklist: readonly ChecklistComponent[],
  given: readonly string[],
): Completeness {
  const known = new Set(checklist.map((c) => c.code));
  const index = given.findIndex((c) => !known.has(c));
  if (index >= 0) return { kind: 'unknown', index, code: given[index] ?? '' };
  const missing = missingComponents(checklist, given);
  return missing.length > 0 ? { kind: 'incomplete', missing } : { kind: 'complete' };
}
