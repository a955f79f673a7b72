import { z } from 'zod';
import { applicantSchema } from '../../domain/applicant/index.js';
import { safeName } from '../../domain/text.js';
import { RECEIVERS } from '../../domain/roles.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf } from '../auth.js';
import { copiesSchema, receiveAtDesk, type ReceiptRequest } from '../dossier-receipt.js';
import { dossierViewSchema } from '../dossier-view.js';
import { errorBodySchema } from '../errors.js';
import { idempotencyHeaders } from '../idempotency.js';
import { actorOf } from './dossier-action.routes.js';
import type { DossierRoutesDeps } from './dossier-deps.js';

const receiptBodySchema = z.object({
  procedureCode: safeName(100),
  applicant: applicantSchema,
  components: z
    .array(safeName(100))
    .max(100)
    .refine((codes) => new Set(codes).size === codes.length, 'Thành phần hồ sơ bị lặp'),
  channel: z.enum(['direct', 'online', 'postal']).default('direct'),
  copies: copiesSchema,
  returnTo: z
    .object({
      method: z.enum(['counter', 'post', 'online']).describe('At a counter, by post, or online'),
      unit: safeName(40)
        .optional()
        .describe('Receiving unit whose counter returns the result (counter only; default: where received)'),
    })
    .optional()
    .describe("Where the applicant takes the result; default: the receiving unit's counter"),
});

const incompleteSchema = z.object({
  code: z.literal('DOSSIER.INCOMPLETE'),
  message: z.string(),
  field: z.string(),
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
  guidanceId: z.number().int(),
  requestId: z.string(),
});

/** `POST /dossiers`: receipt at the one-stop desk (receivers and admin). */
export function registerReceiptRoute(app: AppInstance, deps: DossierRoutesDeps): void {
  app.post(
    '/dossiers',
    {
      preHandler: [
        deps.auth.requireRole(...RECEIVERS),
        // The order of the components does not make another request; a replay answers 200, not 201.
        deps.idempotency.guard({
          canonical: (request) => {
            const body = request.body as ReceiptRequest;
            return { ...body, components: [...body.components].sort() };
          },
          replayStatus: (status) => (status === 201 ? 200 : status),
        }),
      ],
      schema: {
        operationId: 'receiveDossier',
        tags: ['dossiers'],
        summary: 'Receive a dossier at the one-stop desk: code, appointment, workflow',
        description:
          'Checks the components against the procedure checklist. An incomplete dossier is not received: 422 lists ' +
          'the missing components and the one-time written guidance (Mẫu 02) is recorded; no clock starts. ' +
          'A code replaced by a successor (a new national code) is refused: 400 `DOSSIER.PROCEDURE_SUPERSEDED` ' +
          'names the new code. The same Idempotency-Key never creates two dossiers.',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeaders,
        body: receiptBodySchema,
        response: {
          200: dossierViewSchema,
          201: dossierViewSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          409: errorBodySchema,
          422: z.union([incompleteSchema, errorBodySchema]),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const outcome = await receiveAtDesk(deps, {
        request: request.body,
        tenant: principal.tenant,
        actor: actorOf(principal),
        idempotency: request.idempotency,
      });
      switch (outcome.kind) {
        case 'incomplete':
          return reply.status(422).send({
            code: 'DOSSIER.INCOMPLETE' as const,
            message: `Hồ sơ chưa đầy đủ, thiếu: ${outcome.missing.map((m) => m.name).join('; ')}. Đã lập phiếu hướng dẫn bổ sung (Mẫu 02).`,
            field: 'body.components',
            missing: outcome.missing,
            guidanceId: outcome.guidanceId,
            requestId: request.id,
          });
        // A run of this request that crashed after its commit received the dossier: answered as it would have.
        case 'replayed':
        case 'received':
          return reply
            .status(201)
            .header('location', `/dossiers/${encodeURIComponent(outcome.row.code)}`)
            .send(await deps.view(outcome.row, outcome.state, actorOf(principal)));
      }
    },
  );
}
