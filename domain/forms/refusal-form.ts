/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, from the refusal in the dossier's history. */
import { formSetFor } from './form-sets.js';
import { applicantOf, componentLines, divisionName, formHeader, FormNotApplicableError } from './common.js';
import type { RefusalForm } from './model.js';
import type { DossierFormInput } from './types.js';
import { vnIso } from './vn-text.js';

/**
 * The refusal slip: an officer's refusal (its reasons) or a partner agency's refusal through liaison.
 * @throws FormNotApplicableError when the dossier was never refused.
 */
export function buildRefusalForm(input: DossierFormInput): RefusalForm {
  const { dossier, procedure, agency } = input;
  const event = input.events.find(
    (e) => e.type === 'refuse' || (e.type === 'liaison_answered' && e.payload.answer === 'refused'),
  );
  if (!event) {
    throw new FormNotApplicableError('Hồ sơ không bị từ chối tiếp nhận giải quyết nên không có Mẫu 03.');
  }
  const step = procedure.steps.find((s) => s.id === event.stepId);
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
    ...formHeader(formSetFor(dossier.receivedAt), 'refusal', agency),
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
    refusingUnit: divisionName(input, step?.division) || agency.name,
  };
}
