/**
 * The forms of an online submission the desk decided on before receiving it (docs/domain.md, "Online
 * receipt"): the refusal (Mẫu 03) and the completion requests (Mẫu 02). Issued by the receiving unit whose
 * desk checked it, under the submission's code, signed by the deciding officer.
 */
import { formSetOf } from './form-sets.js';
import { applicantOf, componentLinesOf, formHeader, unitIssuer } from './common.js';
import type { RefusalForm, SupplementForm } from './model.js';
import { contactOf } from './supplement-form.js';
import type { SubmissionCompletionInput, SubmissionFormInput, SubmissionRefusalInput } from './types.js';
import { vnIso } from './vn-text.js';

const officerName = (input: SubmissionFormInput) => input.officer.fullName ?? input.officer.username;

/** Mẫu 03 of a refused online submission: what was filed and the desk's reason. */
export function buildSubmissionRefusalForm(input: SubmissionRefusalInput): RefusalForm {
  const { unit, officer } = input;
  return {
    kind: 'refusal',
    ...formHeader(formSetOf(input.ruleSet), 'refusal', unitIssuer(unit), input.issue),
    source: 'online_submission',
    dossierCode: input.code,
    applicant: applicantOf(input.applicant),
    requestContent: input.procedure.name,
    components: componentLinesOf(input.procedure, input.components),
    reasons: [input.reason],
    refusedAt: vnIso(input.refusedAt),
    refuser: { username: officer.username, fullName: officerName(input), role: officer.role },
    refusingUnit: unit.name,
    receiver: { username: officer.username, fullName: officer.fullName },
  };
}

/** Mẫu 02 of a completion request of an online submission: the components to add and the desk's note. */
export function buildSubmissionCompletionForm(input: SubmissionCompletionInput): SupplementForm {
  const { unit, officer } = input;
  return {
    kind: 'supplement',
    ...formHeader(formSetOf(input.ruleSet), 'supplement', unitIssuer(unit), input.issue),
    source: 'online_completion',
    dossierCode: input.code,
    guidanceId: null,
    requestIndex: input.requestIndex,
    requestCount: input.requestCount,
    issuedAt: vnIso(input.requestedAt),
    applicant: applicantOf(input.applicant),
    requestContent: input.procedure.name,
    reason: input.note,
    items: input.items.map((item, i) => ({ no: i + 1, name: item.name })),
    guide: { username: officer.username, fullName: officer.fullName, unit: unit.name },
    contact: contactOf(unit),
  };
}
