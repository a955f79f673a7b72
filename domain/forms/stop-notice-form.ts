/**
 * Thông báo dừng giải quyết hồ sơ (Mẫu 05 of the 2025 set; Circular 03/2025 Art. 7 requires it): the
 * agency tells the applicant that handling of the dossier stopped, by a leader's decision or closing the
 * applicant's withdrawal request (docs/domain.md, "Return, withdrawal and stop").
 */
import { signerTitleLines } from './apology-form.js';
import {
  applicantOf,
  dossierIssuer,
  formHeader,
  FormNotApplicableError,
  issueOf,
  requireEntry,
  setOfDossier,
} from './common.js';
import type { StopNoticeForm } from './model.js';
import type { DossierFormInput } from './types.js';
import { vnIso } from './vn-text.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * @throws FormNotApplicableError when the dossier's set has no stop notice (Circular 01/2018) or the
 * dossier was not stopped.
 */
export function buildStopNoticeForm(input: DossierFormInput): StopNoticeForm {
  const { dossier, procedure } = input;
  const set = setOfDossier(input);
  requireEntry(set, 'stop_notice');
  const stop = input.events.find((e) => e.type === 'stop');
  if (!stop) {
    throw new FormNotApplicableError(
      'Hồ sơ không bị dừng giải quyết nên không có thông báo dừng giải quyết.',
    );
  }
  const withdraw =
    stop.fromPhase === 'withdrawal_requested'
      ? input.events.findLast((e) => e.type === 'withdraw')
      : undefined;
  return {
    kind: 'stop_notice',
    ...formHeader(set, 'stop_notice', dossierIssuer(input, 'stop_notice'), issueOf(input, 'stop_notice')),
    dossierCode: dossier.code,
    applicant: applicantOf(dossier.applicant),
    requestContent: procedure.name,
    receivedAt: vnIso(dossier.receivedAt),
    stoppedAt: vnIso(stop.at),
    withdrawal: withdraw ? { requestedAt: vnIso(withdraw.at), reason: text(withdraw.payload.reason) } : null,
    reason: text(stop.payload.reason),
    signer: stop.actor
      ? {
          username: stop.actor.username,
          fullName: stop.actor.name,
          role: stop.actor.role,
          titleLines: signerTitleLines(stop.actor.role),
        }
      : null,
    recipients: [`Ông/Bà ${dossier.applicant.fullName}`, dossier.desk.receivingUnit.name, 'Lưu: VT'],
  };
}
