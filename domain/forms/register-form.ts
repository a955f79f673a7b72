/** Mẫu 06 (07 in the 2025 set): Sổ theo dõi hồ sơ — one line per dossier received in a period. */
import { formSetOf } from './form-sets.js';
import { agencyIssuer, divisionName, formHeader } from './common.js';
import type { RegisterForm } from './model.js';
import type { RegisterInput } from './types.js';
import { channelLabels, vnIso, vnIsoOrNull } from './vn-text.js';

const notes: Readonly<Record<string, string>> = {
  refused: 'Từ chối giải quyết',
  stopped: 'Dừng xử lý',
  withdrawal_requested: 'Công dân yêu cầu rút hồ sơ',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
};

/**
 * The register of the dossiers received from `from` to `to` (Vietnam local dates, inclusive), in order
 * of receipt. The set is that of the rule set in force on the period's last day (the register is closed
 * then); the agency keeps it, and a register carries no document number.
 */
export function buildRegisterForm(input: RegisterInput): RegisterForm {
  const { agency } = input;
  const dossiers = [...input.dossiers].sort(
    (a, b) => a.receivedAt - b.receivedAt || a.code.localeCompare(b.code),
  );
  return {
    kind: 'register',
    ...formHeader(formSetOf(input.ruleSet), 'register', agencyIssuer(agency), null),
    period: { from: input.from, to: input.to },
    rows: dossiers.map((d, i) => ({
      no: i + 1,
      dossierCode: d.code,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      sets: 1,
      applicantName: d.applicant.fullName,
      contact: [d.applicant.phone, d.applicant.email].filter(Boolean).join(' – ') || null,
      resolvingUnit: divisionName(input, d.resolvingDivision) || agency.name,
      receivedAt: vnIso(d.receivedAt),
      appointmentAt: vnIso(d.appointmentAt),
      transferredAt: vnIsoOrNull(d.transferredAt),
      resultReceivedAt: vnIsoOrNull(d.resultReadyAt),
      returnedAt: vnIsoOrNull(d.returnedAt),
      returnMethod: channelLabels[d.channel],
      status: d.statusLabel,
      note: notes[d.phase] ?? null,
    })),
  };
}
