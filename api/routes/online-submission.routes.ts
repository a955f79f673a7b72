import type { Client } from '@temporalio/client';
import { SIGNAL_DEADLINE_MS } from '../portal/national-status.js';
import { z } from 'zod';
import { actionTextRules, type Actor, type DossierState } from '../../domain/dossier/index.js';
import { RECEIVERS } from '../../domain/roles.js';
import { safeName, safeText } from '../../domain/text.js';
import { findCitizenUploads } from '../../db/citizen-upload.repository.js';
import type { DossierRow } from '../../db/dossier.table.js';
import { listOnlineSubmissionEvents, listOnlineSubmissions } from '../../db/online-submission.repository.js';
import { onlineSubmissionStatuses } from '../../db/online-submission.table.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf } from '../auth.js';
import { dossierViewSchema, type DossierView } from '../dossier-view.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { idempotencyHeaders } from '../idempotency.js';
import type { PortalDeps } from '../portal/deps.js';
import { submissionFiles } from '../portal/submission-files.js';
import { streamCitizenUpload } from '../portal/file-download.js';
import { officerSubmission, queueUnitOf } from '../portal/online-access.js';
import {
  acceptSubmission,
  refuseSubmission,
  requestCompletion,
  signalDecision,
} from '../portal/online-decisions.js';
import {
  queueItemSchema,
  submissionView,
  submissionViewSchema,
  toQueueItem,
} from '../portal/submission-view.js';
import { actorOf } from './dossier-action.routes.js';

export interface OnlineSubmissionRoutesDeps extends PortalDeps {
  view(row: DossierRow, state: DossierState, viewer: Actor): Promise<DossierView>;
}

const codeParams = z.object({ code: safeName(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const tags = ['online receipt'];
const security = [{ bearerAuth: [] }];

/**
 * The officers' queue of online submissions (docs/domain.md, "Online receipt"): receivers of the
 * submission's receiving unit and the administrator list, open, accept, ask to complete or refuse.
 */
export function registerOnlineSubmissionRoutes(app: AppInstance, deps: OnlineSubmissionRoutesDeps): void {
  const receivers = deps.auth.requireRole(...RECEIVERS);

  app.get(
    '/online-submissions',
    {
      preHandler: receivers,
      schema: {
        operationId: 'listOnlineSubmissions',
        tags,
        summary: "The online queue of the officer's receiving unit, oldest first",
        security,
        querystring: z.object({
          status: z.enum(onlineSubmissionStatuses).default('pending'),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(queueItemSchema), total: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { status, page, pageSize } = request.query;
      const unit = queueUnitOf(principal);
      const { rows, total } = await listOnlineSubmissions(deps.db, {
        tenant: principal.tenant,
        status,
        ...(unit !== null ? { receivingUnit: unit } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const now = deps.now();
      return { items: rows.map((r) => toQueueItem(r, now)), total };
    },
  );

  app.get(
    '/online-submissions/:code',
    {
      preHandler: receivers,
      schema: {
        operationId: 'getOnlineSubmission',
        tags,
        summary: 'One online submission: applicant, components with their files, decisions',
        security,
        params: codeParams,
        response: { 200: submissionViewSchema, ...errors },
      },
    },
    async (request) => {
      const row = await officerSubmission(deps.db, request.params.code, principalOf(request));
      return submissionView(deps.db, row, deps.now());
    },
  );

  app.get(
    '/online-submissions/:code/files/:fileId',
    {
      preHandler: receivers,
      schema: {
        operationId: 'downloadOnlineSubmissionFile',
        tags,
        summary: 'A file the citizen filed with the submission',
        security,
        params: codeParams.extend({ fileId: z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp là SHA-256') }),
        response: { 200: z.any().describe('The file'), ...errors },
      },
    },
    async (request, reply) => {
      const row = await officerSubmission(deps.db, request.params.code, principalOf(request));
      const { fileId } = request.params;
      const files = submissionFiles(row, await listOnlineSubmissionEvents(deps.db, row.code));
      const upload = files.some((c) => c.fileId === fileId)
        ? (await findCitizenUploads(deps.db, row.personal_id, [fileId])).get(fileId)
        : undefined;
      if (!upload) {
        throw new ApiError(404, 'FILE.NOT_FOUND', 'Hồ sơ không có tệp này.');
      }
      return streamCitizenUpload(reply, deps.fileStore, upload);
    },
  );

  app.post(
    '/online-submissions/:code/accept',
    {
      preHandler: [receivers, deps.idempotency.guard()],
      schema: {
        operationId: 'acceptOnlineSubmission',
        tags,
        summary: 'Receive the submission as a dossier (same code, channel online, appointment from now)',
        description:
          'The dossier is received now: its appointment counts from the acceptance (outside office hours from ' +
          "the next working day's opening), not from the filing. 409 `ONLINE.ALREADY_DECIDED` when the " +
          'submission no longer waits for a decision.',
        security,
        headers: idempotencyHeaders,
        params: codeParams,
        response: { 200: dossierViewSchema, 201: dossierViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const actor = actorOf(principal);
      const row = await officerSubmission(deps.db, request.params.code, principal);
      const receipt = await acceptSubmission(deps, row, actor, request.idempotency);
      if (!receipt.replayed) {
        await signalOrLog(request.log, deps.client, () =>
          signalDecision(deps, row.code, {
            kind: 'accepted',
            at: receipt.state.receivedAt,
            appointmentAt: receipt.state.appointmentAt,
          }),
        );
      }
      return reply
        .status(201)
        .header('location', `/dossiers/${encodeURIComponent(row.code)}`)
        .send(await deps.view(receipt.row, receipt.state, actor));
    },
  );

  app.post(
    '/online-submissions/:code/request-completion',
    {
      preHandler: [receivers, deps.idempotency.guard()],
      schema: {
        operationId: 'requestOnlineCompletion',
        tags,
        summary: 'Ask the citizen to complete the submission (what to add); no clock starts',
        security,
        headers: idempotencyHeaders,
        params: codeParams,
        body: z.object({
          components: z
            .array(safeName(100))
            .min(1, 'Chọn ít nhất một thành phần cần bổ sung')
            .max(100)
            .refine((c) => new Set(c).size === c.length, 'Thành phần hồ sơ bị lặp'),
          note: safeText(actionTextRules.note).describe('What exactly is missing or wrong'),
        }),
        response: { 200: submissionViewSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await officerSubmission(deps.db, request.params.code, principal);
      const decision = await requestCompletion(deps, row, actorOf(principal), request.body);
      await signalOrLog(request.log, deps.client, () => signalDecision(deps, row.code, decision));
      return submissionView(deps.db, await officerSubmission(deps.db, row.code, principal), deps.now());
    },
  );

  app.post(
    '/online-submissions/:code/refuse',
    {
      preHandler: [receivers, deps.idempotency.guard()],
      schema: {
        operationId: 'refuseOnlineSubmission',
        tags,
        summary: 'Do not receive the submission (national status 3), with the reason',
        security,
        headers: idempotencyHeaders,
        params: codeParams,
        body: z.object({ reason: safeText(actionTextRules.reason) }),
        response: { 200: submissionViewSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await officerSubmission(deps.db, request.params.code, principal);
      const decision = await refuseSubmission(deps, row, actorOf(principal), request.body.reason);
      await signalOrLog(request.log, deps.client, () => signalDecision(deps, row.code, decision));
      return submissionView(deps.db, await officerSubmission(deps.db, row.code, principal), deps.now());
    },
  );
}

/**
 * Signals the submission's workflow after the decision was committed. A failure to reach Temporal does
 * not undo the decision: it is logged (the citizen sees the decision on the portal either way).
 */
export async function signalOrLog(
  log: { error(obj: object, msg: string): void },
  client: Pick<Client, 'withDeadline'>,
  signal: () => Promise<void>,
): Promise<void> {
  try {
    // Bounded: the answer does not wait on a Temporal outage (the workflow reads PostgreSQL on its timers).
    await client.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, signal);
  } catch (err) {
    log.error({ err }, 'could not signal the online submission workflow or the national sync');
  }
}
