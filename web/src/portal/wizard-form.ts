/**
 * What the submission wizard holds, the draft it saves (`PUT /portal/drafts/:code`) and restores, and the
 * `POST /portal/submissions` body it sends. Pure; the API stays the authority on every rule. The name and
 * personal ID are never part of the draft: they come from the e-ID (`GET /portal/me`) at every visit.
 */
import type { ApplicantKind, Citizen, ProcedureDetail, ReturnMethod, SubmissionBody, Upload } from './types';

/** The organisation the citizen files for, as its representative. */
export interface OrganisationForm {
  name: string;
  taxCode: string;
  /** The authorisation document (giấy ủy quyền, giấy giới thiệu). */
  document: string;
  /** YYYY-MM-DD or ''. */
  issuedOn: string;
}

export interface WizardForm {
  /** The step shown (0 applicant, 1 files, 2 receiving unit and return, 3 review). */
  step: number;
  kind: ApplicantKind;
  address: string;
  phone: string;
  email: string;
  organisation: OrganisationForm;
  /** Uploaded file per component code. */
  uploads: Record<string, Upload>;
  receivingUnit: string | null;
  returnMethod: ReturnMethod | null;
  copies: number;
}

export const LAST_STEP = 3;

const emptyOrganisation: OrganisationForm = { name: '', taxCode: '', document: '', issuedOn: '' };

/** A new form: contacts prefilled from the e-ID, the only receiving unit and return method preselected. */
export function newWizardForm(
  citizen: Pick<Citizen, 'email' | 'phone'>,
  procedure: ProcedureDetail,
): WizardForm {
  const only = <T>(items: T[]): T | null => (items.length === 1 ? (items[0] ?? null) : null);
  return {
    step: 0,
    kind: 'citizen',
    address: '',
    phone: citizen.phone ?? '',
    email: citizen.email ?? '',
    organisation: emptyOrganisation,
    uploads: {},
    receivingUnit: only(procedure.receivingUnits.map((u) => u.code)),
    returnMethod: only(procedure.returnMethods),
    copies: 1,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function isUpload(v: unknown): v is Upload {
  return (
    isRecord(v) &&
    typeof v.fileId === 'string' &&
    typeof v.name === 'string' &&
    typeof v.contentType === 'string' &&
    typeof v.size === 'number'
  );
}

/**
 * The form a saved draft describes, over a new form: what the draft lacks or holds in an unknown shape
 * keeps the new form's value, and choices the procedure no longer offers (a closed receiving unit, a
 * removed component) are dropped. Null when the draft is not a wizard's at all.
 */
export function fromDraft(data: unknown, blank: WizardForm, procedure: ProcedureDetail): WizardForm | null {
  if (!isRecord(data) || data.version !== 1) return null;
  const org = isRecord(data.organisation) ? data.organisation : {};
  const components = new Set(procedure.components.map((c) => c.code));
  const uploads = Object.fromEntries(
    Object.entries(isRecord(data.uploads) ? data.uploads : {}).filter(
      (entry): entry is [string, Upload] => components.has(entry[0]) && isUpload(entry[1]),
    ),
  );
  const unit = str(data.receivingUnit);
  const method = str(data.returnMethod) as ReturnMethod;
  const copies = data.copies;
  const step = data.step;
  return {
    step:
      Number.isInteger(step) && (step as number) >= 0 && (step as number) <= LAST_STEP ? (step as number) : 0,
    kind: data.kind === 'organisation' ? 'organisation' : 'citizen',
    address: str(data.address, blank.address),
    phone: str(data.phone, blank.phone),
    email: str(data.email, blank.email),
    organisation: {
      name: str(org.name),
      taxCode: str(org.taxCode),
      document: str(org.document),
      issuedOn: str(org.issuedOn),
    },
    uploads,
    receivingUnit: procedure.receivingUnits.some((u) => u.code === unit) ? unit : blank.receivingUnit,
    returnMethod: procedure.returnMethods.includes(method) ? method : blank.returnMethod,
    copies: Number.isInteger(copies) && (copies as number) >= 1 ? (copies as number) : blank.copies,
  };
}

/** The draft stored for the form (versioned, so that a later shape can still read it). */
export const toDraft = (form: WizardForm): Record<string, unknown> => ({ version: 1, ...form });

const given = <K extends string>(key: K, value: string) =>
  (value.trim() ? { [key]: value.trim() } : {}) as Partial<Record<K, string>>;

/**
 * The submission: the citizen is the applicant (name and personal ID from the e-ID), or files for an
 * organisation as its representative. Choices not made are sent empty, so the API names the field.
 */
export function submissionBody(
  form: WizardForm,
  citizen: Citizen,
  procedure: ProcedureDetail,
): SubmissionBody {
  const contacts = {
    address: form.address.trim(),
    ...given('phone', form.phone),
    ...given('email', form.email),
  };
  const org = form.organisation;
  return {
    procedureCode: procedure.code,
    receivingUnit: form.receivingUnit ?? '',
    returnMethod: form.returnMethod ?? ('' as ReturnMethod),
    applicant:
      form.kind === 'citizen'
        ? { kind: 'citizen', fullName: citizen.fullName, idNumber: citizen.personalId, ...contacts }
        : {
            kind: 'organisation',
            fullName: org.name.trim(),
            idNumber: org.taxCode.trim(),
            ...contacts,
            representative: {
              fullName: citizen.fullName,
              idNumber: citizen.personalId,
              authorisation: { document: org.document.trim(), ...given('issuedOn', org.issuedOn) },
            },
          },
    components: procedure.components.flatMap((c) => {
      const upload = form.uploads[c.code];
      return upload ? [{ code: c.code, fileId: upload.fileId }] : [];
    }),
    ...(procedure.asksCopies ? { copies: form.copies } : {}),
  };
}

/** Required components without a file yet. */
export const missingUploads = (form: WizardForm, procedure: ProcedureDetail) =>
  procedure.components.filter((c) => c.required && !form.uploads[c.code]);

/**
 * What the citizen must still do on the current step before going on, as the API names its fields
 * (fields the browser checks itself, such as the required address, are not repeated here).
 */
export function stepIssues(
  form: WizardForm,
  procedure: ProcedureDetail,
): { field: string; message: string }[] {
  if (form.step === 1) {
    return missingUploads(form, procedure).map((c) => ({
      field: 'components',
      message: `Chưa tải lên giấy tờ bắt buộc: ${c.name}.`,
    }));
  }
  if (form.step !== 2) return [];
  return [
    ...(form.receivingUnit
      ? []
      : [{ field: 'receivingUnit', message: 'Vui lòng chọn nơi tiếp nhận hồ sơ.' }]),
    ...(form.returnMethod ? [] : [{ field: 'returnMethod', message: 'Vui lòng chọn cách nhận kết quả.' }]),
  ];
}
