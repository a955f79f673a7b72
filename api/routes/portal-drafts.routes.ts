import { z } from 'zod';
import { formatVnIso } from '../../domain/calendar/index.js';
import { safeName } from '../../domain/text.js';
import { deletePortalDraft, findPortalDraft, savePortalDraft } from '../../db/portal-draft.repository.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf } from '../citizen-session.js';
import { ApiError, badRequest, errorBodySchema } from '../errors.js';
import type { PortalDeps } from '../portal/deps.js';

/** Largest draft, as JSON text (bytes). */
export const MAX_DRAFT_BYTES = 64 * 1024;

const params = z.object({ procedureCode: safeName(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['citizen portal'];

/** Drafts of the submission form: one per citizen and procedure. */
export function registerPortalDraftRoutes(app: AppInstance, deps: PortalDeps): void {
  app.get(
    '/portal/drafts/:procedureCode',
    {
      preHandler: deps.citizens.authenticate,
      schema: {
        operationId: 'portalDraft',
        tags,
        summary: "The citizen's draft of a procedure's submission",
        params,
        response: {
          200: z.object({ data: z.record(z.string(), z.unknown()), savedAt: z.string() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const draft = await findPortalDraft(
        deps.db,
        citizenOf(request).personalId,
        request.params.procedureCode,
      );
      if (!draft) throw new ApiError(404, 'PORTAL.NO_DRAFT', 'Chưa có bản nháp cho thủ tục này.');
      return { data: draft.data, savedAt: formatVnIso(draft.saved_at.getTime()) };
    },
  );

  app.put(
    '/portal/drafts/:procedureCode',
    {
      preHandler: deps.citizens.requireCsrf,
      schema: {
        operationId: 'savePortalDraft',
        tags,
        summary: 'Save the draft (at most 64 KB of JSON)',
        params,
        body: z.object({ data: z.record(z.string(), z.unknown()) }),
        response: { 200: z.object({ savedAt: z.string() }), ...errors },
      },
    },
    async (request) => {
      const text = JSON.stringify(request.body.data);
      if (Buffer.byteLength(text, 'utf8') > MAX_DRAFT_BYTES) {
        throw badRequest('body.data', 'Bản nháp quá lớn (tối đa 64 KB).', 'PORTAL.DRAFT_TOO_LARGE');
      }
      if (text.includes('\\u0000')) throw badRequest('body.data', 'Bản nháp chứa ký tự không hợp lệ.');
      const at = deps.now();
      await savePortalDraft(deps.db, {
        personalId: citizenOf(request).personalId,
        procedureCode: request.params.procedureCode,
        data: request.body.data,
        at,
      });
      return { savedAt: formatVnIso(at) };
    },
  );

  app.delete(
    '/portal/drafts/:procedureCode',
    {
      preHandler: deps.citizens.requireCsrf,
      schema: {
        operationId: 'deletePortalDraft',
        tags,
        summary: 'Remove the draft',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deletePortalDraft(deps.db, citizenOf(request).personalId, request.params.procedureCode);
      return reply.status(204).send(null);
    },
  );
}
