/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt slip with the appointment). */
import {
  applicantOf,
  componentLines,
  dossierIssuer,
  formHeader,
  issueOf,
  receiverOf,
  returnPlaceText,
  setOfDossier,
} from './common.js';
import { feeDue } from '../dossier/fee.js';
import type { ReceiptForm } from './model.js';
import type { DossierFormInput } from './types.js';
import { legalTimeText, vnIso } from './vn-text.js';

/**
 * Number of the dossier in the day's sequence: the last block of its code (docs/domain.md, "Dossier code").
 */
function registerNumber(code: string): number | null {
  const m = /-(\d{6})-(\d+)$/.exec(code);
  return m ? Number(m[2]) : null;
}

/** The slip, issued by the unit where the dossier was received, under the number its receipt allocated. */
export function buildReceiptForm(input: DossierFormInput): ReceiptForm {
  const { dossier, procedure } = input;
  const number = registerNumber(dossier.code);
  return {
    kind: 'receipt',
    ...formHeader(setOfDossier(input), 'receipt', dossierIssuer(input, 'receipt'), issueOf(input, 'receipt')),
    dossierCode: dossier.code,
    applicant: applicantOf(dossier.applicant),
    requestContent: procedure.name,
    procedureCode: procedure.code,
    components: componentLines(input),
    sets: 1,
    legalTime: legalTimeText(procedure.legalLimit),
    receivedAt: vnIso(dossier.receivedAt),
    appointmentAt: vnIso(dossier.originalAppointmentAt),
    currentAppointmentAt:
      dossier.appointmentAt === dossier.originalAppointmentAt ? null : vnIso(dossier.appointmentAt),
    returnMethod: dossier.desk.returnMethod,
    returnPlace: returnPlaceText(dossier.desk, dossier.applicant),
    // What the applicant owes: the price times the copies asked for when the fee is per copy.
    fee:
      procedure.fee.amount > 0
        ? { amount: feeDue(procedure, dossier.copies), note: procedure.fee.note ?? null }
        : null,
    // The book is the year of receipt; the number is the dossier's sequence of the day (its code).
    register: number === null ? null : { book: vnIso(dossier.receivedAt).slice(0, 4), number },
    receiver: receiverOf(input),
  };
}
