/** Pieces every form builder shares: the header, the issuer, the applicant, the component lines, errors. */
import { stepDeskUnit } from '../dossier/desk.js';
import { ONE_STOP_DESK_DIVISION } from '../procedure/procedure-definition.js';
import { formEntry, formSetOf, type FormKind, type FormSet, type FormSetEntry } from './form-sets.js';
import type { FormApplicantModel, FormHeader, ReceiptForm } from './model.js';
import { documentNumberText, issuerOf } from './numbering.js';
import type {
  DossierFormInput,
  FormAgency,
  FormApplicant,
  FormDesk,
  FormIssue,
  FormProcedure,
  FormUnit,
} from './types.js';
import { agencyHeading, copyFormLabels } from './vn-text.js';

/** Stable codes of form errors (the API answers 409 for a form that does not apply). */
export const FORM_ERROR = Object.freeze({
  NOT_APPLICABLE: 'FORM.NOT_APPLICABLE',
} as const);

/** The form does not apply to the dossier as it stands (e.g. a refusal slip for a dossier never refused). */
export class FormNotApplicableError extends Error {
  readonly code = FORM_ERROR.NOT_APPLICABLE;
  constructor(message: string) {
    super(message);
    this.name = 'FormNotApplicableError';
  }
}

/** The issuing-body block of a form, its date-line place included. */
export interface FormIssuer {
  readonly parent: string | null;
  readonly name: string;
  readonly symbol: string;
  readonly place: string | null;
}

/** A receiving unit as the issuer: its superior body, its name, its place. */
export const unitIssuer = (unit: FormUnit): FormIssuer => ({
  parent: unit.parentName,
  name: unit.name,
  symbol: unit.symbol,
  place: unit.place,
});

/** The agency as the issuer: the superior body and the place are read from its name ("… tỉnh Ninh Bình"). */
export function agencyIssuer(agency: FormAgency): FormIssuer {
  const { parent, place } = agencyHeading(agency.name);
  return { parent, name: agency.name, symbol: agency.symbol, place };
}

/**
 * The issuer of a dossier's form of `kind` (domain/forms/numbering.ts): the unit where the dossier was
 * received, or the agency. `stepDivision`: division of the step the form comes from, if any.
 */
export function dossierIssuer(input: DossierFormInput, kind: FormKind, stepDivision?: string | null) {
  if (kind === 'register') return agencyIssuer(input.agency);
  return issuerOf(kind, stepDivision) === 'agency'
    ? agencyIssuer(input.agency)
    : unitIssuer(input.dossier.desk.receivingUnit);
}

/** The set's entry of `kind`. @throws FormNotApplicableError when the set has no such form. */
export function requireEntry(set: FormSet, kind: FormKind): FormSetEntry {
  const entry = formEntry(set, kind);
  if (!entry) throw new FormNotApplicableError('Bộ biểu mẫu áp dụng cho hồ sơ này không có mẫu này.');
  return entry;
}

/** The form set of a dossier: that of the rule set it was received under. */
export const setOfDossier = (input: DossierFormInput): FormSet => formSetOf(input.dossier.ruleSet);

/** The header fields of a form of `kind` in `set`, issued by `issuer` under `issue`'s number. */
export function formHeader(
  set: FormSet,
  kind: FormKind,
  issuer: FormIssuer,
  issue: FormIssue | null | undefined,
): FormHeader {
  const entry = requireEntry(set, kind);
  return {
    set: set.id,
    number: entry.number,
    label: `Mẫu số ${entry.number}`,
    title: entry.title,
    basis: set.basis,
    documentNumber: issue ? documentNumberText(issue) : null,
    issuer: { parent: issuer.parent, name: issuer.name, symbol: issuer.symbol },
    place: issuer.place,
  };
}

/** The number allocated to the dossier's `occurrence`-th form of `kind`, if any. */
export const issueOf = (input: DossierFormInput, kind: FormKind, occurrence = 1): FormIssue | undefined =>
  input.issues.find((i) => i.kind === kind && i.occurrence === occurrence);

export const applicantOf = (a: FormApplicant): FormApplicantModel => ({
  kind: a.kind ?? 'citizen',
  fullName: a.fullName,
  idNumber: a.idNumber,
  address: a.address ?? null,
  email: a.email,
  phone: a.phone,
  representative: a.representative
    ? {
        fullName: a.representative.fullName,
        idNumber: a.representative.idNumber,
        authorisation: {
          document: a.representative.authorisation.document,
          issuedOn: a.representative.authorisation.issuedOn ?? null,
        },
      }
    : null,
});

/** Where the applicant takes the result, as printed: a unit's counter, the post, or online. */
export function returnPlaceText(desk: FormDesk, applicant: FormApplicant): string {
  switch (desk.returnMethod) {
    case 'counter':
      return `Tại ${desk.returnUnit.name} (${desk.returnUnit.address})`;
    case 'post':
      return `Qua dịch vụ bưu chính công ích, đến địa chỉ: ${applicant.address ?? 'của người nộp hồ sơ'}`;
    case 'online':
      return `Trực tuyến trên Cổng Dịch vụ công${applicant.email ? ` (thư điện tử: ${applicant.email})` : ''}`;
  }
}

/** The components received, with their names and required form from the procedure snapshot. */
export const componentLines = (input: DossierFormInput): ReceiptForm['components'] =>
  componentLinesOf(input.procedure, input.dossier.components);

/** Lines of the components `codes` with their names and required form from `procedure`. */
export function componentLinesOf(
  procedure: Pick<FormProcedure, 'components'>,
  codes: readonly string[],
): ReceiptForm['components'] {
  const byCode = new Map(procedure.components.map((c) => [c.code, c]));
  return codes.map((code, i) => {
    const c = byCode.get(code);
    return {
      no: i + 1,
      code,
      name: c?.name ?? code,
      form: c?.copyForm ? (copyFormLabels[c.copyForm] ?? '') : '',
      quantity: 1,
    };
  });
}

/** Name of a division of the tenant, or its code when unknown. */
export const divisionName = (input: Pick<DossierFormInput, 'divisions'>, code: string | null | undefined) =>
  code ? (input.divisions[code] ?? code) : '';

/** The division of a step of the dossier's procedure, if the step exists. */
export const stepDivision = (input: DossierFormInput, stepId: string | null | undefined): string | null =>
  input.procedure.steps.find((s) => s.id === stepId)?.division ?? null;

/**
 * Who works a step: for a desk step of the process (the one-stop desk's division), the receiving unit of
 * the dossier that works it (domain/dossier/desk.ts `stepDeskUnit`: where it was received before the
 * handling, the return unit after it), else the division of the agency.
 */
export function stepUnitName(input: DossierFormInput, stepId: string | null | undefined): string {
  const { steps } = input.procedure;
  const index = steps.findIndex((s) => s.id === stepId);
  const step = steps[index];
  if (!step) return '';
  if (step.division !== ONE_STOP_DESK_DIVISION) return divisionName(input, step.division);
  return stepDeskUnit(steps, input.dossier.desk, index).name;
}

/** The name of the receiving officer of a dossier (the receipt event's actor), else the username. */
export function receiverOf(input: DossierFormInput): { username: string; fullName: string | null } {
  const receive = input.events.find((e) => e.type === 'receive');
  return {
    username: receive?.actor?.username ?? input.dossier.receivedBy,
    fullName: receive?.actor?.name ?? null,
  };
}
