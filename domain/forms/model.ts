/**
 * The typed form models: what `getDossierForm` and `getTrackingRegister` answer in JSON and what the
 * HTML renderer prints. One zod schema per form (the API's response schema and the OpenAPI document);
 * instants are ISO-8601 strings in Vietnam time (+07:00), labels are Vietnamese.
 */
import { z } from 'zod';
import { dossierFormKinds, formSetIds } from './form-sets.js';

const instant = z.string().describe('ISO-8601 instant in Vietnam time (+07:00)');

const header = {
  set: z.enum(formSetIds).describe('The form set: Circular 01/2018/TT-VPCP or Circular 03/2025/TT-VPCP'),
  number: z.string().describe('Number of the form in its set, e.g. "05"'),
  label: z.string().describe('e.g. "Mẫu số 05"'),
  title: z.string(),
  basis: z.string().describe('"Ban hành kèm theo …"'),
  documentNumber: z
    .string()
    .nullable()
    .describe(
      'Document number, printed "Số: 15/PTN-TTPVHCC": per issuer, form and year, allocated once when the form ' +
        'was issued; null for the register and for forms issued before numbering existed',
    ),
  issuer: z
    .object({
      parent: z.string().nullable().describe('Superior body, e.g. "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"'),
      name: z.string().describe('e.g. "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình"'),
      symbol: z.string().describe('Its symbol in document numbers, e.g. "TTPVHCC"'),
    })
    .describe('The body that issues the form: a receiving unit or the resolving agency'),
  place: z.string().nullable().describe('Place name of the issuer\'s date line, e.g. "Nam Định"'),
};

export const formApplicantSchema = z.object({
  kind: z.enum(['citizen', 'organisation']).describe('citizen: CCCD; organisation: tax code'),
  fullName: z.string(),
  idNumber: z.string(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  representative: z
    .object({
      fullName: z.string(),
      idNumber: z.string(),
      authorisation: z.object({ document: z.string(), issuedOn: z.string().nullable() }),
    })
    .nullable()
    .describe('Who filed for the applicant, with the authorisation document'),
});

const personSchema = z.object({ username: z.string().nullable(), fullName: z.string().nullable() });
const officerSchema = z.object({ username: z.string(), fullName: z.string(), role: z.string() });

const componentLineSchema = z.object({
  no: z.number().int(),
  code: z.string(),
  name: z.string(),
  form: z.string().describe('Bản chính / bản sao có chứng thực / bản sao'),
  quantity: z.number().int(),
});

export const onTimeSchema = z.enum(['early', 'on_time', 'late']);

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export const receiptFormSchema = z.object({
  kind: z.literal('receipt'),
  ...header,
  dossierCode: z.string(),
  applicant: formApplicantSchema,
  requestContent: z.string(),
  procedureCode: z.string(),
  components: z.array(componentLineSchema),
  sets: z.number().int(),
  legalTime: z.string(),
  receivedAt: instant,
  appointmentAt: instant.describe('The appointment written at receipt'),
  currentAppointmentAt: instant.nullable().describe('The appointment now, when it has moved since'),
  returnMethod: z.enum(['counter', 'post', 'online']),
  returnPlace: z
    .string()
    .describe('Where the result goes: the counter of a unit, the address by post, online'),
  fee: z.object({ amount: z.number(), note: z.string().nullable() }).nullable(),
  register: z.object({ book: z.string(), number: z.number().int() }).nullable(),
  receiver: personSchema,
});

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export const supplementFormSchema = z.object({
  kind: z.literal('supplement'),
  ...header,
  source: z
    .enum(['supplement_request', 'liaison', 'receipt_guidance', 'online_completion'])
    .describe('online_completion: the desk asked to complete an online submission before receiving it'),
  dossierCode: z.string().nullable(),
  guidanceId: z.number().int().nullable(),
  requestIndex: z.number().int().nullable().describe('1-based number of the supplement request'),
  requestCount: z.number().int(),
  issuedAt: instant,
  applicant: formApplicantSchema,
  requestContent: z.string(),
  reason: z.string(),
  items: z.array(z.object({ no: z.number().int(), name: z.string() })),
  guide: personSchema.extend({ unit: z.string() }),
  contact: z.string(),
});

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export const refusalFormSchema = z.object({
  kind: z.literal('refusal'),
  ...header,
  source: z
    .enum(['officer', 'liaison', 'online_submission'])
    .describe('online_submission: the desk refused an online submission before receiving it'),
  dossierCode: z.string(),
  applicant: formApplicantSchema,
  requestContent: z.string(),
  components: z.array(componentLineSchema),
  reasons: z.array(z.string()),
  refusedAt: instant,
  refuser: officerSchema.nullable().describe('Who decided the refusal (null: a partner agency)'),
  refusingUnit: z.string(),
  receiver: personSchema.describe('The receiving officer who signs the slip with the applicant'),
});

/** Mẫu 04: apology with a new appointment (renamed in the 2025 set). */
export const apologyFormSchema = z.object({
  kind: z.literal('apology'),
  ...header,
  dossierCode: z.string(),
  applicant: formApplicantSchema,
  requestContent: z.string(),
  receivedAt: instant,
  previousAppointmentAt: instant,
  newAppointmentAt: instant,
  reason: z.string(),
  signedAt: instant,
  dueBy: instant
    .nullable()
    .describe('The legal limit of the apology; null for apologies signed before it was recorded'),
  late: z.boolean().describe('Signed after its legal limit (still valid: the applicant is owed it)'),
  signer: officerSchema.extend({ titleLines: z.array(z.string()) }),
  recipients: z.array(z.string()),
});

/** The stop notice (Thông báo dừng giải quyết hồ sơ), Circular 03/2025 only. */
export const stopNoticeFormSchema = z.object({
  kind: z.literal('stop_notice'),
  ...header,
  dossierCode: z.string(),
  applicant: formApplicantSchema,
  requestContent: z.string(),
  receivedAt: instant,
  stoppedAt: instant,
  withdrawal: z
    .object({ requestedAt: instant, reason: z.string() })
    .nullable()
    .describe("The applicant's withdrawal request the stop closes, if it does"),
  reason: z.string(),
  signer: officerSchema.extend({ titleLines: z.array(z.string()) }).nullable(),
  recipients: z.array(z.string()),
});

/** One handover of the process control sheet. */
export const handoverRowSchema = z.object({
  no: z.number().int(),
  seq: z.number().int().describe('The audit event (history item) this row comes from'),
  type: z.string(),
  action: z.string(),
  at: instant,
  from: z.object({ unit: z.string(), person: z.string().nullable() }),
  to: z.object({ unit: z.string(), person: z.string().nullable() }),
  actor: officerSchema.nullable().describe('Who recorded the handover (null: the system)'),
  onTime: onTimeSchema.nullable(),
  onTimeLabel: z.string().nullable().describe('Trước hạn / Đúng hạn / Quá hạn'),
  note: z.string().nullable(),
});

/** Mẫu 05 (06 in the 2025 set): Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export const controlSheetFormSchema = z.object({
  kind: z.literal('control_sheet'),
  ...header,
  dossierCode: z.string(),
  applicant: formApplicantSchema,
  requestContent: z.string(),
  receivedAt: instant,
  appointmentAt: instant,
  originalAppointmentAt: instant,
  resolvingAgency: z.string(),
  coordinatingAgencies: z.array(z.string()),
  returnPlace: z.string(),
  rows: z.array(handoverRowSchema),
});

/** One line of the tracking register. */
export const registerRowSchema = z.object({
  no: z.number().int(),
  dossierCode: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  sets: z.number().int(),
  applicantName: z.string(),
  contact: z.string().nullable(),
  resolvingUnit: z.string(),
  receivedAt: instant,
  appointmentAt: instant,
  transferredAt: instant.nullable(),
  resultReceivedAt: instant.nullable(),
  returnedAt: instant.nullable(),
  returnMethod: z.string(),
  status: z.string(),
  note: z.string().nullable(),
});

/** Mẫu 06 (07 in the 2025 set): Sổ theo dõi hồ sơ, for a period. */
export const registerFormSchema = z.object({
  kind: z.literal('register'),
  ...header,
  period: z.object({ from: z.string(), to: z.string() }).describe('Vietnam local dates, inclusive'),
  rows: z.array(registerRowSchema),
});

export const dossierFormSchema = z.discriminatedUnion('kind', [
  receiptFormSchema,
  supplementFormSchema,
  refusalFormSchema,
  apologyFormSchema,
  stopNoticeFormSchema,
  controlSheetFormSchema,
]);

export type ReceiptForm = z.output<typeof receiptFormSchema>;
export type SupplementForm = z.output<typeof supplementFormSchema>;
export type RefusalForm = z.output<typeof refusalFormSchema>;
export type ApologyForm = z.output<typeof apologyFormSchema>;
export type StopNoticeForm = z.output<typeof stopNoticeFormSchema>;
export type HandoverRow = z.output<typeof handoverRowSchema>;
export type ControlSheetForm = z.output<typeof controlSheetFormSchema>;
export type RegisterRow = z.output<typeof registerRowSchema>;
export type RegisterForm = z.output<typeof registerFormSchema>;
export type DossierForm = z.output<typeof dossierFormSchema>;
export type AnyForm = DossierForm | RegisterForm;
export type FormApplicantModel = z.output<typeof formApplicantSchema>;
export type FormHeader = Pick<ReceiptForm, keyof typeof header>;

/** One form of a dossier's set, as `listDossierForms` lists it: what the console builds its buttons from. */
export const dossierFormListItemSchema = z.object({
  kind: z
    .enum(dossierFormKinds)
    .describe('The stable name of the form in the API: GET /dossiers/{code}/forms/{kind}'),
  number: z.string().describe('Its number in the dossier\'s set, as printed ("06")'),
  label: z.string().describe('"Mẫu số 06", as printed'),
  title: z.string().describe('Its title, as printed'),
  available: z.boolean().describe('Whether the form applies to the dossier as it stands (else 409)'),
  documentNumber: z.string().nullable().describe('"15/PTN-TTPVHCC" when the form was issued with a number'),
  reason: z.string().nullable().describe('Why the form does not apply, when it does not'),
});
export type DossierFormListItem = z.output<typeof dossierFormListItemSchema>;
