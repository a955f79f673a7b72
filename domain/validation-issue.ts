/**
 * A problem found by a validation of the domain (a calendar or procedure definition, …): where, a stable
 * code, and Vietnamese text for people. The API names the field from `path` (`api/errors.ts`).
 */
export interface ValidationIssue {
  /** Points into the validated value, e.g. `['steps', 2, 'kind']`; empty for the value as a whole. */
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}
