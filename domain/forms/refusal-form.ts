/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, from the refusal in the dossier's history. */
import {
  applicantOf,
  componentLines,
  dossierIssuer,
  formHeader,
  FormNotApplicableError,
  issueOf,
  receiverOf,
  setOfDossier,
  stepUnitName,
} from './common.js';
import type { RefusalForm } from './model.js';
import type { DossierFormInput } from './types.js';
import { vnIso } from './vn-text.js';

/**
 * The refusal slip: an officer's refusal (its reasons) or a partner agency's refusal through liaison. The
 * receiving unit hands it to the applicant, so it issues it and its receiving officer signs it with the
 * applicant (as on the templates).
 * @throws FormNotApplicableError when the dossier was never refused.
 */
export function buildRefusalForm(input: DossierFormInput): RefusalForm {
  const { dossier, procedure, agency } = input;
  const event = input.events.find(
    (e) => e.type === 'refuse' || (e.type === 'liaison_answered' && e.payload.answer === 'refused'),
  );
  if (!event) {
    throw new FormNotApplicableError(
      'Hồ sơ không bị từ chối tiếp nhận giải quyết nên không có phiếu từ chối.',
    );
  }
  const fromLiaison = event.type === 'liaison_answered';
  const partner = procedure.liaison?.find((p) => p.partnerCode === event.payload.partnerCode)?.partnerName;
  const reasons = fromLiaison
    ? [
        `${partner ?? 'Cơ quan phối hợp'} không chấp thuận` +
          (typeof event.payload.note === 'string' && event.payload.note ? `: ${event.payload.note}` : '.'),
      ]
    : (Array.isArray(event.payload.reasons) ? event.payload.reasons : []).filter(
        (r): r is string => typeof r === 'string',
      );
  return {
    kind: 'refusal',
    ...formHeader(setOfDossier(input), 'refusal', dossierIssuer(input, 'refusal'), issueOf(input, 'refusal')),
    source: fromLiaison ? 'liaison' : 'officer',
    dossierCode: dossier.code,
    applicant: applicantOf(dossier.applicant),
    requestContent: procedure.name,
    components: componentLines(input),
    reasons,
    refusedAt: vnIso(event.at),
    refuser: event.actor
      ? { username: event.actor.username, fullName: event.actor.name, role: event.actor.role }
      : null,
    refusingUnit: stepUnitName(input, event.stepId) || agency.name,
    receiver: receiverOf(input),
  };
}
