/**
 * Document numbers of the issued forms (docs/domain.md, "Forms (Mẫu 01–06)", its paragraphs "Document
 * numbers" and "Issuers"): which forms an event issues, which body issues them, and how the number prints. Pure: the database allocates the
 * numbers (db/form-issue.repository.ts) from what these rules decide.
 *
 * Each issuer keeps one series per form and Vietnam local year, gap-free: "Số: 15/PTN-TTPVHCC" is the 15th
 * receipt slip the provincial Centre issued that year. A number is allocated once, when the form comes into
 * being, and printed on every copy after.
 */
import { toVnDate } from '../calendar/index.js';
import { ONE_STOP_DESK_DIVISION } from '../procedure/procedure-definition.js';
import type { RuleSetId } from '../rules/rule-sets.js';
import { formEntry, formSetOf, type DossierFormKind } from './form-sets.js';

/**
 * Who issues a form: the receiving unit that works the dossier's desk (the agency's own desk, the Centre,
 * a branch, a commune point), or the agency that resolves it (the Sở).
 */
export type IssuerKind = 'receiving_unit' | 'agency';

/** A form to number: its kind, which one of that kind for the dossier (1-based), and its issuer. */
export interface FormIssueSpec {
  readonly kind: DossierFormKind;
  readonly occurrence: number;
  readonly issuer: IssuerKind;
}

/**
 * The issuer of each form. The desk's documents (receipt slip, refusal slip handed to the applicant, the
 * control sheet that travels with the dossier) come from the receiving unit; the documents of the handling
 * agency (the apology and extension, the stop notice, a supplement request made while handling) from the
 * agency. A supplement request made at a desk step is the desk's.
 */
const ISSUERS: Readonly<Record<DossierFormKind, IssuerKind>> = {
  receipt: 'receiving_unit',
  supplement: 'agency',
  refusal: 'receiving_unit',
  apology: 'agency',
  stop_notice: 'agency',
  control_sheet: 'receiving_unit',
};

/** The issuer of a form; `stepDivision` is the division of the step it comes from, when it comes from one. */
export function issuerOf(kind: DossierFormKind, stepDivision?: string | null): IssuerKind {
  if (kind === 'supplement' && stepDivision === ONE_STOP_DESK_DIVISION) return 'receiving_unit';
  return ISSUERS[kind];
}

/** The forms a receipt issues: the slip and the control sheet that goes with the dossier. */
export const FORMS_ISSUED_AT_RECEIPT: readonly FormIssueSpec[] = [
  { kind: 'receipt', occurrence: 1, issuer: ISSUERS.receipt },
  { kind: 'control_sheet', occurrence: 1, issuer: ISSUERS.control_sheet },
];

/** The desk's written guidance for an incomplete dossier (Mẫu 02 without a dossier). */
export const GUIDANCE_ISSUE: FormIssueSpec = { kind: 'supplement', occurrence: 1, issuer: 'receiving_unit' };

/** What {@link formsIssuedByEvent} reads of an event and the state it led to. */
export interface IssuingEvent {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}
export interface IssuingState {
  readonly ruleSet: RuleSetId;
  /** The supplement requests so far, this event's included. */
  readonly supplements: readonly unknown[];
}

/**
 * The form kind an audit event brings into being, if any: a supplement request (an officer's or a partner
 * agency's through liaison), a refusal (likewise), the signed apology, the stop of a dossier (stopped by a
 * leader or closed after a withdrawal request).
 */
export function formKindOfEvent(event: IssuingEvent): DossierFormKind | null {
  switch (event.type) {
    case 'request_supplement':
      return 'supplement';
    case 'refuse':
      return 'refusal';
    case 'sign_apology':
      return 'apology';
    case 'stop':
      return 'stop_notice';
    case 'liaison_answered':
      if (event.payload.answer === 'needs_supplement') return 'supplement';
      return event.payload.answer === 'refused' ? 'refusal' : null;
    default:
      return null;
  }
}

/**
 * The forms an event issues, with their issuer: none when the event creates no form or the dossier's set
 * has no such form (the stop notice under Circular 01/2018). `stepDivision` is the division of the step
 * the dossier is at after the event (a supplement request keeps the dossier at its step).
 */
export function formsIssuedByEvent(
  event: IssuingEvent,
  state: IssuingState,
  stepDivision: string | null,
): FormIssueSpec[] {
  const kind = formKindOfEvent(event);
  if (!kind || !formEntry(formSetOf(state.ruleSet), kind)) return [];
  const occurrence = kind === 'supplement' ? Math.max(1, state.supplements.length) : 1;
  return [{ kind, occurrence, issuer: issuerOf(kind, stepDivision) }];
}

/** The Vietnam local year of an instant: the year of a number's series. */
export const issueYear = (at: number): number => Number(toVnDate(at).slice(0, 4));

/** "PTN-TTPVHCC": the form's symbol and the issuer's, as the number prints after "Số: 15/". */
export function documentSymbol(formSymbol: string, issuerSymbol: string): string {
  return `${formSymbol}-${issuerSymbol}`;
}

/** "15/PTN-TTPVHCC". */
export function documentNumberText(issue: { readonly number: number; readonly symbol: string }): string {
  return `${issue.number}/${issue.symbol}`;
}
