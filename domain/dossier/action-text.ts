/**
 * The text an officer action carries (notes, reasons, items, receipt number, assignee, file name…),
 * checked against the one definition of acceptable text (`domain/text.ts`). The state machine refuses
 * an action whose text could not be stored, so nothing unstorable ever enters a dossier's workflow, even
 * from a client that bypasses the API. The API's schemas use the same limits.
 */
import { normaliseText, textProblem, type TextRules } from '../text.js';
import { DossierRejection, type Rejection } from './rejection.js';
import type { DossierAction } from './types.js';

/** Limits of the text fields of officer actions (counted after NFC normalisation and trimming). */
export const actionTextRules = {
  stepId: { max: 100 },
  note: { max: 2000, multiline: true },
  reason: { max: 2000, multiline: true },
  item: { max: 500, multiline: true },
  receiptNumber: { max: 50 },
  newAppointmentDate: { max: 10 },
  username: { max: 100 },
  fullName: { max: 200 },
  officerId: { max: 100 },
  fileId: { max: 200 },
  sha256: { max: 64 },
  fileName: { max: 255 },
  mediaType: { max: 100 },
} as const satisfies Record<string, TextRules>;

/** Limits of the text of a payment provider's confirmation. */
export const paymentTextRules = {
  transactionId: { max: 200 },
} as const satisfies Record<string, TextRules>;

/** One text field of an action: its value, rules, name in the request and Vietnamese label. */
interface TextField {
  readonly value: string;
  readonly rules: TextRules;
  readonly field: string;
  readonly label: string;
}

function fieldsOf(action: DossierAction): TextField[] {
  const r = actionTextRules;
  const fields: TextField[] = [];
  const add = (value: string | undefined, rules: TextRules, field: string, label: string) => {
    if (value !== undefined) fields.push({ value, rules, field, label });
  };
  if ('stepId' in action) add(action.stepId, r.stepId, 'stepId', 'bước xử lý');
  switch (action.type) {
    case 'complete':
    case 'approve':
    case 'record_supplement':
    case 'mark_result_ready':
    case 'return_result':
      add(action.note, r.note, 'note', 'ghi chú');
      break;
    case 'send_back':
    case 'withdraw':
    case 'stop':
      add(action.reason, r.reason, 'reason', 'lý do');
      break;
    case 'request_supplement':
      add(action.reason, r.reason, 'reason', 'lý do');
      action.items.forEach((item, i) => add(item, r.item, `items.${i}`, 'nội dung cần bổ sung'));
      break;
    case 'refuse':
      action.reasons.forEach((reason, i) => add(reason, r.reason, `reasons.${i}`, 'lý do từ chối'));
      break;
    case 'sign_apology':
      add(action.reason, r.reason, 'reason', 'lý do chậm trả kết quả');
      add(action.newAppointmentDate, r.newAppointmentDate, 'newAppointmentDate', 'ngày hẹn mới');
      break;
    case 'record_cash_payment':
      add(action.receiptNumber, r.receiptNumber, 'receiptNumber', 'số biên lai');
      break;
    case 'assign':
      add(action.assignee.username, r.username, 'assignee', 'cán bộ được giao');
      add(action.assignee.fullName, r.fullName, 'assignee', 'họ tên cán bộ được giao');
      add(action.assignee.officerId, r.officerId, 'assignee', 'mã cán bộ được giao');
      break;
    case 'attach_result':
      add(action.file.fileId, r.fileId, 'file', 'mã tệp');
      add(action.file.sha256, r.sha256, 'file', 'mã băm của tệp');
      add(action.file.fileName, r.fileName, 'file', 'tên tệp');
      add(action.file.mediaType, r.mediaType, 'file', 'định dạng tệp');
      break;
    case 'seal_result':
      // The step id only (checked above).
      break;
  }
  return fields;
}

/**
 * The first text field of the action that is not acceptable, as an 'invalid' rejection naming it
 * (`note`, `reason`, `items.2`…), or null. Text the action does not carry (an absent note) is fine;
 * whether required text is there at all stays the business of each action's own rules.
 */
export function actionTextRejection(action: DossierAction): Rejection | null {
  for (const f of fieldsOf(action)) {
    if (typeof f.value !== 'string')
      return DossierRejection.invalidText(f.label, f.field, 'phải là chuỗi ký tự.');
    if (normaliseText(f.value) === '') return DossierRejection.missingText(f.label, f.field);
    const problem = textProblem(f.value, f.rules);
    if (problem) return DossierRejection.invalidText(f.label, f.field, problem);
  }
  return null;
}
