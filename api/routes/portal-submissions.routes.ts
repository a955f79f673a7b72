import { z } from 'zod';
import { kickSubmissionSync } from '../portal/national-status.js';
import { signalOrLog } from './online-submission.routes.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf } from '../citizen-session.js';
import { errorBodySchema } from '../errors.js';
import type { PortalDeps } from '../portal/deps.js';
import { submissionBodySchema, submitOnline } from '../portal/submission.js';

/** `POST /portal/submissions`: a citizen files a dossier online. */
export function registerPortalSubmissionRoutes(app: AppInstance, deps: PortalDeps): void {
  app.post(
    '/portal/submissions',
    {
      preHandler: deps.citizens.requireCsrf,
      schema: {
        operationId: 'portalSubmit',
        tags: ['citizen portal'],
        summary: 'File a dossier online: its code, national status 1 (Mới đăng ký)',
        description:
          'Everything is checked before anything is stored: the procedure offered online, the receiving unit, ' +
          'the applicant (the signed-in citizen or the representative), copies, every required component with ' +
          'a file this citizen uploaded. The desk checks it by the legal check time; the legal clock starts ' +
          'when the desk accepts it.',
        body: submissionBodySchema,
        response: {
          201: z.object({
            code: z.string(),
            nationalStatus: z.literal(1),
            statusLabel: z.string(),
            submittedAt: z.string(),
          }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          503: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const row = await submitOnline(deps, citizenOf(request), request.body);
      await signalOrLog(request.log, deps.client, () => kickSubmissionSync(deps, row.code));
      return reply.status(201).send({
        code: row.code,
        nationalStatus: 1 as const,
        statusLabel: 'Mới đăng ký',
        submittedAt: formatVnIso(row.submitted_at.getTime()),
      });
    },
  );
}
