/**
 * What the receipt form holds while the officer types, the draft it leaves behind (components/draft.ts)
 * and the `receiveDossier` body it sends. Pure; the API stays the authority on every rule.
 */
import { cccdProblem, cccdProvinces, taxCodeProblem } from '../../../domain/applicant/cccd';
import type { ApplicantKind, ReceiptBody, ReturnMethod } from '../api/types';

/** How the dossier came in: at the desk or by post (online dossiers arrive through the portal). */
export type Channel = 'direct' | 'postal';

export interface ApplicantForm {
  kind: ApplicantKind;
  fullName: string;
  idNumber: string;
  address: string;
  email: string;
  phone: string;
}

/** Who files for the applicant, and the document that authorises them. */
export interface RepresentativeForm {
  fullName: string;
  idNumber: string;
  document: string;
  /** YYYY-MM-DD, or '' when not given. */
  issuedOn: string;
}

export interface ReturnForm {
  method: ReturnMethod;
  /** The counter's unit (counter only); null leaves it to the API: the unit that receives. */
  unit: string | null;
}

export interface ReceiptForm {
  channel: Channel;
  procedureCode: string | null;
  components: string[];
  applicant: ApplicantForm;
  /** Null when the applicant files in person. */
  representative: RepresentativeForm | null;
  returnTo: ReturnForm;
  /** Copies asked for: sent only when the procedure charges its fee per copy. */
  copies: number;
}

export const emptyApplicant: ApplicantForm = {
  kind: 'citizen',
  fullName: '',
  idNumber: '',
  address: '',
  email: '',
  phone: '',
};

export const emptyRepresentative: RepresentativeForm = {
  fullName: '',
  idNumber: '',
  document: '',
  issuedOn: '',
};

/** A blank form; the result goes back, by default, to the counter of the officer's own unit. */
export const emptyReceiptForm = (ownUnit: string | null): ReceiptForm => ({
  channel: 'direct',
  procedureCode: null,
  components: [],
  applicant: emptyApplicant,
  representative: null,
  returnTo: { method: 'counter', unit: ownUnit },
  copies: 1,
});

const typed = (values: string[]) => values.some((v) => v.trim() !== '');

/** Nothing typed or chosen yet: no draft to keep. */
export function isBlank(f: ReceiptForm): boolean {
  const a = f.applicant;
  const r = f.representative ?? emptyRepresentative;
  return (
    f.procedureCode === null &&
    f.components.length === 0 &&
    !typed([a.fullName, a.idNumber, a.address, a.email, a.phone]) &&
    !typed([r.fullName, r.idNumber, r.document, r.issuedOn])
  );
}

/**
 * A draft as stored. Drafts of builds before Decree 118/2025's receipt (no applicant kind or address, no
 * representative, no return) still load: what they lack gets its default.
 */
export interface StoredReceiptDraft {
  channel?: unknown;
  procedureCode: string | null;
  components: string[];
  applicant: Record<string, unknown> & Pick<ApplicantForm, 'fullName' | 'idNumber' | 'email' | 'phone'>;
  representative?: unknown;
  returnTo?: unknown;
  copies?: unknown;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const hasStrings = (v: Record<string, unknown>, keys: string[]) => keys.every((k) => isString(v[k]));

function isRepresentative(v: unknown): v is RepresentativeForm {
  return isRecord(v) && hasStrings(v, ['fullName', 'idNumber', 'document', 'issuedOn']);
}

export function isStoredReceiptDraft(v: unknown): v is StoredReceiptDraft {
  if (!isRecord(v)) return false;
  return (
    (v.procedureCode === null || isString(v.procedureCode)) &&
    Array.isArray(v.components) &&
    v.components.every(isString) &&
    isRecord(v.applicant) &&
    hasStrings(v.applicant, ['fullName', 'idNumber', 'email', 'phone'])
  );
}

const returnMethods: readonly ReturnMethod[] = ['counter', 'post', 'online'];

/** The form a stored draft describes; a part it lacks (or holds in an unknown shape) is left at its default. */
export function fromDraft(d: StoredReceiptDraft, ownUnit: string | null): ReceiptForm {
  const blank = emptyReceiptForm(ownUnit);
  const a = d.applicant;
  const rep = d.representative;
  const ret = d.returnTo;
  return {
    channel: d.channel === 'postal' ? 'postal' : 'direct',
    procedureCode: d.procedureCode,
    components: d.components,
    applicant: {
      kind: a.kind === 'organisation' ? 'organisation' : 'citizen',
      fullName: a.fullName,
      idNumber: a.idNumber,
      address: isString(a.address) ? a.address : '',
      email: a.email,
      phone: a.phone,
    },
    representative: isRepresentative(rep)
      ? { fullName: rep.fullName, idNumber: rep.idNumber, document: rep.document, issuedOn: rep.issuedOn }
      : null,
    returnTo:
      isRecord(ret) && returnMethods.includes(ret.method as ReturnMethod)
        ? { method: ret.method as ReturnMethod, unit: isString(ret.unit) ? ret.unit : null }
        : blank.returnTo,
    copies: Number.isInteger(d.copies) && (d.copies as number) >= 1 ? (d.copies as number) : blank.copies,
  };
}

/** `{ [key]: value }` trimmed when something was typed, else nothing (the API's optional fields). */
const given = <K extends string>(key: K, value: string) =>
  (value.trim() ? { [key]: value.trim() } : {}) as Partial<Record<K, string>>;

/**
 * The `receiveDossier` body: text trimmed, optional fields left out when empty. A representative section
 * that is open is sent even half-filled, so the API names the field at fault.
 */
export function receiptBody(f: ReceiptForm, procedureCode: string, feePerCopy = false): ReceiptBody {
  const a = f.applicant;
  const rep = f.representative;
  return {
    channel: f.channel,
    procedureCode,
    components: f.components,
    applicant: {
      kind: a.kind,
      fullName: a.fullName.trim(),
      idNumber: a.idNumber.trim(),
      address: a.address.trim(),
      ...given('email', a.email),
      ...given('phone', a.phone),
      ...(rep
        ? {
            representative: {
              fullName: rep.fullName.trim(),
              idNumber: rep.idNumber.trim(),
              authorisation: { document: rep.document.trim(), ...given('issuedOn', rep.issuedOn) },
            },
          }
        : {}),
    },
    returnTo:
      f.returnTo.method === 'counter' && f.returnTo.unit
        ? { method: 'counter', unit: f.returnTo.unit }
        : { method: f.returnTo.method },
    ...(feePerCopy ? { copies: f.copies } : {}),
  };
}

/**
 * A hint under an identification field while it is typed, mirroring the API's rule (which decides at
 * receipt): what the number is made of, why it will be refused, or the province a CCCD's prefix codes.
 */
export function idNumberHint(kind: ApplicantKind, value: string): string {
  const v = value.trim();
  if (kind === 'organisation') {
    return (v && taxCodeProblem(v)) || '10 chữ số, hoặc 10 chữ số - 3 chữ số với đơn vị phụ thuộc';
  }
  if (!v) return '12 chữ số; 3 chữ số đầu là mã tỉnh, thành phố nơi đăng ký khai sinh';
  return cccdProblem(v) ?? `Mã tỉnh, thành phố ${v.slice(0, 3)}: ${cccdProvinces[v.slice(0, 3)]}`;
}
