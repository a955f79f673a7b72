import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { z } from 'zod';
import { applicantSchema, type Applicant } from '../../domain/applicant/index.js';
import { toVnDate } from '../../domain/calendar/index.js';
import { safeName } from '../../domain/text.js';
import { allocateDossierCode } from '../../db/dossier.repository.js';
import { findReceivingUnit, findTenant } from '../../db/organisation.repository.js';
import {
  appendOnlineSubmissionEvent,
  insertOnlineSubmission,
} from '../../db/online-submission.repository.js';
import type { OnlineSubmissionRow } from '../../db/online-submission.table.js';
import { deletePortalDraft } from '../../db/portal-draft.repository.js';
import { onlineSubmissionWorkflow } from '../../workflows/online-submission/online-submission.workflow.js';
import { onlineSubmissionWorkflowId } from '../../workflows/online-submission/messages.js';
import type { CitizenPrincipal } from '../citizen-session.js';
import { checkCopies, copiesSchema } from '../dossier-receipt.js';
import { ApiError, badRequest } from '../errors.js';
import { onlineCheckBy } from './check-deadline.js';
import { componentFilesSchema, resolveComponentFiles } from './component-files.js';
import type { PortalDeps } from './deps.js';
import { recordSubmissionStatus } from './national-status.js';
import { currentProcedure } from './procedures.js';
import { withinDeadline } from '../outage.js';

export const submissionBodySchema = z.object({
  procedureCode: safeName(100).describe('Code of a procedure offered online'),
  receivingUnit: safeName(40).describe('Receiving unit whose desk checks the submission'),
  returnMethod: z.enum(['online', 'post', 'counter']).describe('How the citizen takes the result'),
  applicant: applicantSchema,
  components: componentFilesSchema,
  copies: copiesSchema,
});
export type SubmissionBody = z.output<typeof submissionBodySchema>;

const MAX_CODE_ATTEMPTS = 5;

/** The signed-in citizen must be the applicant (a citizen applicant) or the applicant's representative. */
function checkSelf(citizen: CitizenPrincipal, applicant: Applicant): void {
  const self = applicant.kind === 'citizen' && applicant.idNumber === citizen.personalId;
  if (self || applicant.representative?.idNumber === citizen.personalId) return;
  throw badRequest(
    applicant.representative ? 'body.applicant.representative.idNumber' : 'body.applicant.idNumber',
    'Người đăng nhập phải là người nộp hồ sơ hoặc người được ủy quyền nộp hồ sơ.',
    'PORTAL.APPLICANT_NOT_SELF',
  );
}

/**
 * Files a dossier on the portal. Everything is checked first (procedure offered online, receiving unit,
 * applicant, copies, components and their files); then, in one transaction, the future dossier code is
 * allocated, the submission and its first history entry stored, its national status 1 reported, the
 * draft removed, and its workflow (`online:<code>`) started before the commit. Nothing is stored on a 4xx.
 */
export async function submitOnline(
  deps: PortalDeps,
  citizen: CitizenPrincipal,
  body: SubmissionBody,
): Promise<OnlineSubmissionRow> {
  const at = deps.now();
  const row = await currentProcedure(deps.db, deps.tenant, body.procedureCode, at);
  if (!row) {
    throw badRequest(
      'body.procedureCode',
      'Không có thủ tục hành chính với mã này.',
      'PORTAL.UNKNOWN_PROCEDURE',
    );
  }
  const procedure = row.definition;
  if (procedure.onlineLevel === 'none') {
    throw badRequest(
      'body.procedureCode',
      'Thủ tục này chưa được cung cấp dịch vụ công trực tuyến: vui lòng nộp hồ sơ tại Bộ phận Một cửa.',
      'PORTAL.NOT_ONLINE',
    );
  }
  const unit = await findReceivingUnit(deps.db, deps.tenant, body.receivingUnit);
  if (!unit?.active) {
    throw badRequest(
      'body.receivingUnit',
      `Không có bộ phận tiếp nhận và trả kết quả mã "${body.receivingUnit}".`,
      'PORTAL.UNKNOWN_RECEIVING_UNIT',
    );
  }
  checkSelf(citizen, body.applicant);
  checkCopies(procedure, body.copies);
  const components = await resolveComponentFiles(deps.db, citizen.personalId, procedure, body.components, {
    required: true,
  });
  const calendar = await deps.calendars.inForce(deps.tenant, at);
  if (!calendar) throw new ApiError(503, 'CALENDAR.MISSING', 'Chưa có lịch làm việc cho đơn vị.');
  const tenant = await findTenant(deps.db, deps.tenant);
  if (!tenant) throw new Error(`submitOnline: tenant ${deps.tenant} does not exist`);
  const checkBy = onlineCheckBy(calendar, at);

  return deps.db.transaction().execute(async (trx) => {
    for (let attempt = 1; ; attempt++) {
      // The code of the dossier this becomes: the desk receives it under the same code (docs/domain.md).
      const { code } = await allocateDossierCode(trx, tenant.unit_code, toVnDate(at));
      try {
        // Bounded like a desk receipt's start (the counter row is locked until the commit).
        await withinDeadline(
          deps.client,
          () =>
            deps.client.workflow.start(onlineSubmissionWorkflow, {
              taskQueue: deps.taskQueue,
              workflowId: onlineSubmissionWorkflowId(code),
              args: [{ code, tenant: deps.tenant, checkBy }],
              workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
              workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            }),
          deps.actionTimeoutMs,
        );
      } catch (err) {
        // A submission whose commit failed after its start took this number: use the next.
        if (err instanceof WorkflowExecutionAlreadyStartedError && attempt < MAX_CODE_ATTEMPTS) continue;
        throw err;
      }
      const stored = await insertOnlineSubmission(trx, {
        code,
        tenant: deps.tenant,
        procedure_code: row.code,
        procedure_version: row.version,
        procedure_name: procedure.name,
        personal_id: citizen.personalId,
        applicant: JSON.stringify(body.applicant),
        applicant_name: body.applicant.fullName,
        components: JSON.stringify(components),
        receiving_unit: unit.code,
        return_method: body.returnMethod,
        copies: body.copies ?? null,
        submitted_at: new Date(at),
        check_by: new Date(checkBy),
        updated_at: new Date(at),
      });
      await appendOnlineSubmissionEvent(trx, {
        code,
        at,
        type: 'submitted',
        actorKind: 'citizen',
        actor: citizen.personalId,
        payload: { components: components.map((c) => c.code) },
      });
      await recordSubmissionStatus(trx, { dossierCode: code, status: 1, at });
      await deletePortalDraft(trx, citizen.personalId, row.code);
      return stored;
    }
  });
}
