/**
 * Mẫu 05 (06 in the 2025 set): Phiếu kiểm soát quá trình giải quyết hồ sơ. One row per handover of the
 * dossier, read from its audit trail: who gave it, who received it, when, and the on-time result of
 * the step it finished (docs/domain.md, "Internal process and handovers" and "Forms (Mẫu 01–06)"). The desk
 * steps are the real receiving units: where the dossier was received, and where its result goes back.
 */
import {
  applicantOf,
  divisionName,
  dossierIssuer,
  formHeader,
  issueOf,
  returnPlaceText,
  setOfDossier,
  stepUnitName,
} from './common.js';
import type { ControlSheetForm, HandoverRow } from './model.js';
import type { DossierFormInput, FormEvent } from './types.js';
import { onTimeLabels, vnIso, vnShortDateTime } from './vn-text.js';

/** Events that hand the dossier over even when its step and phase stay the same. */
const ALWAYS_HANDOVER = new Set(['receive', 'liaison_requested', 'liaison_answered', 'sign_apology']);

/**
 * Whether an event hands the dossier over: the receipt; any move from one step (division) to another or
 * out of the process (return, refusal, stop); a supplement request to the applicant and the supplement
 * back; the liaison request to the partner agency and its answer; the apology to the applicant.
 */
export function isHandover(e: FormEvent): boolean {
  if (ALWAYS_HANDOVER.has(e.type)) return true;
  if (e.fromStepId !== e.toStepId) return true;
  return e.fromPhase !== e.toPhase && [e.fromPhase, e.toPhase].includes('awaiting_supplement');
}

/** Vietnamese name of each handover. */
export const handoverLabels: Readonly<Record<string, string>> = {
  receive: 'Tiếp nhận hồ sơ',
  complete: 'Hoàn thành bước, chuyển hồ sơ',
  approve: 'Phê duyệt, ký, chuyển hồ sơ',
  send_back: 'Trả lại bước trước',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  record_supplement: 'Nhận hồ sơ bổ sung',
  refuse: 'Từ chối giải quyết, trả hồ sơ',
  stop: 'Dừng xử lý, trả hồ sơ',
  mark_result_ready: 'Chuyển kết quả về Bộ phận Một cửa',
  record_cash_payment: 'Thu phí, lệ phí, chuyển hồ sơ',
  payment_confirmed: 'Thanh toán trực tuyến, chuyển hồ sơ',
  liaison_requested: 'Gửi hồ sơ liên thông',
  liaison_answered: 'Nhận kết quả liên thông',
  return_result: 'Trả kết quả',
  sign_apology: 'Xin lỗi và hẹn lại ngày trả kết quả',
};

/** Events at a step that do not show who holds the dossier there. */
const NOT_HOLDER = new Set(['sign_apology', 'record_supplement', 'withdraw', 'stop', 'refuse']);

/**
 * The officer who took the dossier at `stepId` after event `index`: the assignee, or whoever acted on it
 * there first; null when nobody has yet (or only the system did).
 */
function holderAfter(events: readonly FormEvent[], index: number, stepId: string | null): string | null {
  if (stepId === null) return null;
  for (const e of events.slice(index + 1)) {
    if (e.fromStepId !== stepId) break;
    if (!e.actor || NOT_HOLDER.has(e.type)) continue;
    const assignee = e.payload.assignee as { fullName?: unknown } | undefined;
    if (e.type === 'assign' && typeof assignee?.fullName === 'string') return assignee.fullName;
    return e.actor.name;
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The rows of the sheet: one per handover event, in the order of the history. */
export function handoverRows(input: DossierFormInput): HandoverRow[] {
  const { procedure, dossier, events } = input;
  const unitOf = (stepId: string | null) => stepUnitName(input, stepId);
  const applicant = { unit: 'Tổ chức, cá nhân', person: dossier.applicant.fullName };
  const partnerOf = (e: FormEvent) =>
    procedure.liaison?.find((p) => p.partnerCode === e.payload.partnerCode)?.partnerName ??
    str(e.payload.partnerName) ??
    'Cơ quan phối hợp';
  const rows: HandoverRow[] = [];
  events.forEach((e, i) => {
    if (!isHandover(e)) return;
    const actorName = e.actor?.name ?? null;
    const here = { unit: unitOf(e.fromStepId ?? e.stepId), person: actorName };
    const next = { unit: unitOf(e.toStepId), person: holderAfter(events, i, e.toStepId) };
    let from = here;
    let to = e.toStepId === null ? applicant : next;
    let note: string | null = str(e.payload.note);
    switch (e.type) {
      case 'receive':
        from = applicant;
        to = { unit: unitOf(e.toStepId), person: actorName };
        break;
      case 'request_supplement':
        to = applicant;
        note = str(e.payload.reason);
        break;
      case 'record_supplement':
        from = applicant;
        note = `Hồ sơ bổ sung tiếp nhận tại ${dossier.desk.receivingUnit.name}${actorName ? ` (${actorName})` : ''}`;
        break;
      case 'liaison_requested':
        to = { unit: partnerOf(e), person: null };
        break;
      case 'liaison_answered':
        from = { unit: partnerOf(e), person: null };
        if (e.payload.answer !== 'approved') to = applicant;
        break;
      case 'sign_apology':
        from = {
          unit: divisionName(input, e.actor?.division) || `Lãnh đạo ${input.agency.name}`,
          person: actorName,
        };
        to = applicant;
        note =
          (str(e.payload.reason) ?? '') +
          (typeof e.payload.newAppointmentAt === 'number'
            ? `. Hẹn lại ngày trả kết quả: ${vnShortDateTime(vnIso(e.payload.newAppointmentAt))}`
            : '');
        break;
      case 'refuse':
        note = (Array.isArray(e.payload.reasons) ? e.payload.reasons : []).map(String).join('; ') || null;
        break;
      case 'stop':
      case 'send_back':
        note = str(e.payload.reason);
        break;
      default:
        break;
    }
    rows.push({
      no: rows.length + 1,
      seq: e.seq,
      type: e.type,
      action: handoverLabels[e.type] ?? e.type,
      at: vnIso(e.at),
      from,
      to,
      actor: e.actor ? { username: e.actor.username, fullName: e.actor.name, role: e.actor.role } : null,
      onTime: e.onTime,
      onTimeLabel: e.onTime ? onTimeLabels[e.onTime] : null,
      note,
    });
  });
  return rows;
}

/** The sheet, opened by the receiving unit at receipt (its number is allocated then). */
export function buildControlSheetForm(input: DossierFormInput): ControlSheetForm {
  const { dossier, procedure, agency } = input;
  const resolving = procedure.steps.find((s) => s.kind === 'handling');
  return {
    kind: 'control_sheet',
    ...formHeader(
      setOfDossier(input),
      'control_sheet',
      dossierIssuer(input, 'control_sheet'),
      issueOf(input, 'control_sheet'),
    ),
    dossierCode: dossier.code,
    applicant: applicantOf(dossier.applicant),
    requestContent: procedure.name,
    receivedAt: vnIso(dossier.receivedAt),
    appointmentAt: vnIso(dossier.appointmentAt),
    originalAppointmentAt: vnIso(dossier.originalAppointmentAt),
    resolvingAgency: resolving ? `${agency.name} (${divisionName(input, resolving.division)})` : agency.name,
    coordinatingAgencies: (procedure.liaison ?? []).map((p) => p.partnerName),
    returnPlace: returnPlaceText(dossier.desk, dossier.applicant),
    rows: handoverRows(input),
  };
}
