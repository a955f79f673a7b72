/** Pieces every form builder shares: the header, the applicant, the component lines, errors. */
import type { FormKind, FormSet } from './form-sets.js';
import type { FormHeader, ReceiptForm } from './model.js';
import type { DossierFormInput, FormAgency, FormApplicant } from './types.js';
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

/** The header fields of a form of `kind` in `set`, issued by `agency`. */
export function formHeader(set: FormSet, kind: FormKind, agency: FormAgency): FormHeader {
  const entry = set.forms[kind];
  const { parent, place } = agencyHeading(agency.name);
  return {
    set: set.id,
    number: entry.number,
    label: `Mẫu số ${entry.number}`,
    title: entry.title,
    basis: set.basis,
    agency: { parent, name: agency.name, desk: agency.deskName, unitCode: agency.unitCode },
    place,
  };
}

export const applicantOf = (a: FormApplicant): FormApplicant => ({
  fullName: a.fullName,
  idNumber: a.idNumber,
  email: a.email,
  phone: a.phone,
});

/** The components received, with their names and required form from the procedure snapshot. */
export function componentLines(input: DossierFormInput): ReceiptForm['components'] {
  const byCode = new Map(input.procedure.components.map((c) => [c.code, c]));
  return input.dossier.components.map((code, i) => {
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

/** "Tổ chức, cá nhân" line of a handover: the applicant by name. */
export const applicantParty = (input: DossierFormInput): string =>
  `Tổ chức, cá nhân: ${input.dossier.applicant.fullName}`;
