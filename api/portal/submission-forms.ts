/**
 * The forms of an online submission the desk decided on before receiving it (docs/domain.md, "Online
 * receipt"): its refusal (Mẫu 03) and its completion requests (Mẫu 02). Numbered in the decision's
 * transaction in the receiving unit's series (`form_issue.online_submission_code`), printed from the
 * submission's data.
 */
import type { Transaction } from 'kysely';
import { toVnDate } from '../../domain/calendar/index.js';
import {
  buildSubmissionCompletionForm,
  buildSubmissionRefusalForm,
  FormNotApplicableError,
  GUIDANCE_ISSUE,
  issuerOf,
  type FormApplicant,
  type RefusalForm,
  type SupplementForm,
} from '../../domain/forms/index.js';
import { ruleSetOn } from '../../domain/rules/rule-sets.js';
import type { Applicant } from '../../domain/applicant/index.js';
import type { Database } from '../../db/database.js';
import { toFormIssue } from '../../db/dossier-form-input.js';
import { issueForms, listSubmissionFormIssues } from '../../db/form-issue.repository.js';
import { listOnlineSubmissionEvents } from '../../db/online-submission.repository.js';
import type { OnlineSubmissionRow } from '../../db/online-submission.table.js';
import { findOfficerByUsername } from '../../db/organisation.repository.js';
import { findProcedureVersion } from '../../db/procedure.repository.js';
import type { DB } from '../../db/schema.js';
import { badRequest } from '../errors.js';
import { loadFormOrganisation } from '../forms.service.js';

/** The forms a submission may have: the refusal slip and the completion request (the 'supplement' kind). */
export type SubmissionFormKind = 'refusal' | 'supplement';

/**
 * Numbers the form a desk decision on a submission issues, in the decision's transaction: the refusal, or
 * the `occurrence`-th completion request. Issued by the submission's receiving unit in the form set of the
 * decision day.
 */
export async function issueSubmissionForm(
  trx: Transaction<DB>,
  ruleSetSwitchDate: string | undefined,
  input: { row: OnlineSubmissionRow; kind: SubmissionFormKind; occurrence: number; at: number; by: string },
): Promise<void> {
  const { row, kind } = input;
  const spec =
    kind === 'refusal'
      ? { kind, occurrence: 1, issuer: issuerOf('refusal') }
      : { ...GUIDANCE_ISSUE, occurrence: input.occurrence };
  await issueForms(
    trx,
    {
      tenant: row.tenant,
      ruleSet: ruleSetOn(toVnDate(input.at), ruleSetSwitchDate),
      dossierCode: null,
      guidanceId: null,
      onlineSubmissionCode: row.code,
      receivingUnit: row.receiving_unit,
      issuedAt: input.at,
      issuedBy: input.by,
    },
    [spec],
  );
}

const formApplicant = (a: Applicant): FormApplicant => ({
  kind: a.kind,
  fullName: a.fullName,
  idNumber: a.idNumber,
  address: a.address,
  email: a.email ?? null,
  phone: a.phone ?? null,
  representative: a.representative ?? null,
});

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The refusal or a completion request of a submission (`request`: 1-based, default the last).
 * @throws FormNotApplicableError when the desk never refused it or never asked to complete it.
 * @throws ApiError 400 `FORM.UNKNOWN_REQUEST` (`query.request`) when it has fewer completion requests.
 */
export async function submissionForm(
  db: Database,
  row: OnlineSubmissionRow,
  kind: SubmissionFormKind,
  options: { ruleSetSwitchDate?: string | undefined; request?: number | undefined } = {},
): Promise<RefusalForm | SupplementForm> {
  const events = await listOnlineSubmissionEvents(db, row.code);
  const decisions = events.filter(
    (e) => e.type === (kind === 'refusal' ? 'refused' : 'completion_requested'),
  );
  if (decisions.length === 0) {
    throw new FormNotApplicableError(
      kind === 'refusal'
        ? 'Hồ sơ không bị từ chối tiếp nhận nên không có phiếu từ chối.'
        : 'Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nên không có phiếu yêu cầu bổ sung.',
    );
  }
  const index = options.request ?? decisions.length;
  const event = decisions[index - 1];
  if (!event) {
    throw badRequest(
      'query.request',
      `Hồ sơ chỉ có ${decisions.length} lần yêu cầu bổ sung, hoàn thiện.`,
      'FORM.UNKNOWN_REQUEST',
    );
  }
  const [org, version, officer, issues] = await Promise.all([
    loadFormOrganisation(db, row.tenant),
    findProcedureVersion(db, row.tenant, row.procedure_code, row.procedure_version),
    findOfficerByUsername(db, event.actor),
    listSubmissionFormIssues(db, row.code),
  ]);
  if (!version) throw new Error(`procedure ${row.procedure_code} v${row.procedure_version} is missing`);
  const at = event.at.getTime();
  const issue = issues.find((i) => i.form_kind === kind && i.occurrence === (kind === 'refusal' ? 1 : index));
  const base = {
    agency: org.agency,
    ruleSet: ruleSetOn(toVnDate(at), options.ruleSetSwitchDate),
    unit: org.unit(row.receiving_unit),
    issue: issue ? toFormIssue(issue) : null,
    code: row.code,
    procedure: version.definition,
    applicant: formApplicant(row.applicant),
    components: row.components.map((c) => c.code),
    officer: { username: event.actor, fullName: officer?.full_name ?? null, role: officer?.role ?? '' },
  };
  if (kind === 'refusal') {
    return buildSubmissionRefusalForm({ ...base, refusedAt: at, reason: text(event.payload.reason) });
  }
  const items = Array.isArray(event.payload.components) ? event.payload.components : [];
  return buildSubmissionCompletionForm({
    ...base,
    requestIndex: index,
    requestCount: decisions.length,
    requestedAt: at,
    items: items.map((c: { code?: unknown; name?: unknown }) => ({ code: text(c.code), name: text(c.name) })),
    note: text(event.payload.note),
  });
}
