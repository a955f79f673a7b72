import { z } from 'zod';
import { refusalFormSchema, supplementFormSchema } from '../../domain/forms/index.js';
import { RECEIVERS } from '../../domain/roles.js';
import { safeName } from '../../domain/text.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf } from '../auth.js';
import { errorBodySchema } from '../errors.js';
import type { PortalDeps } from '../portal/deps.js';
import { officerSubmission } from '../portal/online-access.js';
import { submissionForm } from '../portal/submission-forms.js';
import { answer, formAnswer, formatQuery, notApplicable, supplementRequestQuery } from './form.routes.js';

/** Form names of a submission and the form kinds they are. */
const submissionForms = { refusal: 'refusal', guidance: 'supplement' } as const;

/**
 * The numbered forms of an online submission the desk decided on before receiving it, where the queue
 * shows it: its refusal (Mẫu 03) and its completion requests (Mẫu 02).
 */
export function registerOnlineSubmissionFormRoutes(app: AppInstance, deps: PortalDeps): void {
  app.get(
    '/online-submissions/:code/forms/:form',
    {
      preHandler: deps.auth.requireRole(...RECEIVERS),
      schema: {
        operationId: 'getOnlineSubmissionForm',
        tags: ['online receipt'],
        summary: 'The refusal (Mẫu 03) or a completion request (Mẫu 02) of an online submission',
        description:
          "Numbered when the desk decided, in the receiving unit's series. 409 `FORM.NOT_APPLICABLE` when " +
          'the submission was never refused (refusal) or never asked to be completed (guidance). Once ' +
          'accepted, the forms of the dossier are `getDossierForm`.',
        security: [{ bearerAuth: [] }],
        params: z.object({ code: safeName(100), form: z.enum(['refusal', 'guidance']) }),
        querystring: z.object({ format: formatQuery, request: supplementRequestQuery }),
        response: {
          200: formAnswer(z.union([refusalFormSchema, supplementFormSchema]), 'The form'),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const row = await officerSubmission(deps.db, request.params.code, principalOf(request));
      const form = await submissionForm(deps.db, row, submissionForms[request.params.form], {
        ruleSetSwitchDate: deps.ruleSetSwitchDate,
        request: request.query.request,
      }).catch(notApplicable);
      return answer(reply, request.query.format, form);
    },
  );
}
