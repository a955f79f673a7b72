/**
 * Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — the one-time written guidance, from a supplement
 * request during processing (an officer's, or a partner agency's through liaison), or from the desk's
 * guidance for an incomplete dossier at receipt.
 */
import { formSetOf } from './form-sets.js';
import {
  agencyIssuer,
  applicantOf,
  dossierIssuer,
  formHeader,
  FormNotApplicableError,
  issueOf,
  setOfDossier,
  stepDivision,
  stepUnitName,
  unitIssuer,
} from './common.js';
import type { SupplementForm } from './model.js';
import type { DossierFormInput, FormEvent, ReceiptGuidanceInput } from './types.js';
import { vnIso } from './vn-text.js';

/** The events that asked the applicant for a supplement, in order. */
export function supplementRequests(events: readonly FormEvent[]): FormEvent[] {
  return events.filter(
    (e) =>
      e.type === 'request_supplement' ||
      (e.type === 'liaison_answered' && e.payload.answer === 'needs_supplement'),
  );
}

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** Where the applicant brings the supplement: the desk of the unit where the dossier was received. */
export const contactOf = (unit: { name: string; address: string }) => `${unit.name} (${unit.address})`;

/**
 * The guidance of the `request`-th supplement request (1-based; default the last one), issued by the
 * agency, or by the receiving unit when its desk asked (domain/forms/numbering.ts).
 * @throws FormNotApplicableError when the dossier was never asked for a supplement.
 * @throws RangeError when `request` is not one of its requests.
 */
export function buildSupplementForm(input: DossierFormInput, request?: number): SupplementForm {
  const { dossier, procedure } = input;
  const requests = supplementRequests(input.events);
  if (requests.length === 0) {
    throw new FormNotApplicableError(
      'Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nên không có phiếu yêu cầu bổ sung.',
    );
  }
  const index = request ?? requests.length;
  const event = requests[index - 1];
  if (!event) throw new RangeError(`supplement request ${index} of ${requests.length}`);
  const componentNames = new Map(procedure.components.map((c) => [c.code, c.name]));
  const fromLiaison = event.type === 'liaison_answered';
  const partner = fromLiaison
    ? (procedure.liaison?.find((p) => p.partnerCode === event.payload.partnerCode)?.partnerName ??
      text(event.payload.partnerCode) ??
      'Cơ quan phối hợp')
    : null;
  const items = fromLiaison ? [] : texts(event.payload.items);
  const issuer = dossierIssuer(input, 'supplement', stepDivision(input, event.stepId));
  return {
    kind: 'supplement',
    ...formHeader(setOfDossier(input), 'supplement', issuer, issueOf(input, 'supplement', index)),
    source: fromLiaison ? 'liaison' : 'supplement_request',
    dossierCode: dossier.code,
    guidanceId: null,
    requestIndex: index,
    requestCount: requests.length,
    issuedAt: vnIso(event.at),
    applicant: applicantOf(dossier.applicant),
    requestContent: procedure.name,
    reason: fromLiaison
      ? (text(event.payload.note) ?? 'Cơ quan phối hợp yêu cầu bổ sung hồ sơ')
      : (text(event.payload.reason) ?? ''),
    items: items.map((name, i) => ({ no: i + 1, name: componentNames.get(name) ?? name })),
    guide: fromLiaison
      ? { username: null, fullName: null, unit: partner ?? '' }
      : {
          username: event.actor?.username ?? null,
          fullName: event.actor?.name ?? null,
          unit: stepUnitName(input, event.stepId) || agencyIssuer(input.agency).name,
        },
    contact: contactOf(dossier.desk.receivingUnit),
  };
}

/** Mẫu 02 of the guidance given at a desk for an incomplete dossier (no dossier code: none was created). */
export function buildGuidanceForm(input: ReceiptGuidanceInput): SupplementForm {
  const { unit } = input;
  return {
    kind: 'supplement',
    ...formHeader(formSetOf(input.ruleSet), 'supplement', unitIssuer(unit), input.issue),
    source: 'receipt_guidance',
    dossierCode: null,
    guidanceId: input.id,
    requestIndex: null,
    requestCount: 1,
    issuedAt: vnIso(input.givenAt),
    applicant: applicantOf(input.applicant),
    requestContent: input.procedure.name,
    reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định của thủ tục hành chính.',
    items: input.missing.map((m, i) => ({ no: i + 1, name: m.name })),
    guide: { username: input.givenBy.username, fullName: input.givenBy.fullName, unit: unit.name },
    contact: contactOf(unit),
  };
}
