import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { toVnDate } from '../../domain/calendar/index.js';
import type { ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import { findDossier, insertReceiptGuidance } from '../../db/dossier.repository.js';
import { findProcedureInForce } from '../../db/procedure.repository.js';
import type { AppInstance } from '../app.js';
import { principalOf } from '../auth.js';
import { receiveCompleteDossier, type ReceiptRequest } from '../dossier-receipt.js';
import { dossierViewSchema } from '../dossier-view.js';
import { ApiError, badRequest, errorBodySchema } from '../errors.js';
import { idempotencyHeaders } from '../idempotency.js';
import { actorOf } from './dossier-action.routes.js';
import type { DossierRoutesDeps } from './dossier.routes.js';

const receiptBodySchema = z.object({
  procedureCode: safeName(100),
  applicant: z.object({
    fullName: safeName(200),
    idNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{6,20}$/, 'Số giấy tờ tùy thân gồm 6–20 chữ số hoặc chữ cái'),
    email: z.email('Địa chỉ email không hợp lệ').max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .-]{8,20}$/, 'Số điện thoại không hợp lệ')
      .optional(),
  }),
  components: z
    .array(safeName(100))
    .max(100)
    .refine((codes) => new Set(codes).size === codes.length, 'Thành phần hồ sơ bị lặp'),
  channel: z.enum(['direct', 'online', 'postal']).default('direct'),
});

const incompleteSchema = z.object({
  code: z.literal('DOSSIER.INCOMPLETE'),
  message: z.string(),
  field: z.string(),
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
  guidanceId: z.number().int(),
  requestId: z.string(),
});

function checkComponents(procedure: ProcedureDefinition, components: string[]) {
  const known = new Set(procedure.components.map((c) => c.code));
  const unknown = components.findIndex((c) => !known.has(c));
  if (unknown >= 0) {
    throw badRequest(
      `body.components.${unknown}`,
      `Thủ tục không có thành phần hồ sơ "${components[unknown]}".`,
      'DOSSIER.UNKNOWN_COMPONENT',
    );
  }
  const given = new Set(components);
  return procedure.components
    .filter((c) => c.required && !given.has(c.code))
    .map((c) => ({ code: c.code, name: c.name }));
}

/** `POST /dossiers`: receipt at the one-stop desk (receivers and admin). */
export function registerReceiptRoute(app: AppInstance, deps: DossierRoutesDeps): void {
  app.post(
    '/dossiers',
    {
      preHandler: [
        deps.auth.requireRole('receiver', 'admin'),
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
          'The same Idempotency-Key never creates two dossiers.',
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
      const body: ReceiptRequest = request.body;
      const created = (row: { code: string }) =>
        reply.status(201).header('location', `/dossiers/${encodeURIComponent(row.code)}`);
      // A run of this request that crashed after its commit received the dossier already: answer with it.
      const earlier = request.idempotency?.resource;
      const done = earlier ? await findDossier(deps.db, earlier) : undefined;
      if (done) return created(done).send(await deps.view(done, done.state, actorOf(principal)));
      const receivedAt = Date.now();
      const procedureRow = await findProcedureInForce(
        deps.db,
        principal.tenant,
        body.procedureCode,
        toVnDate(receivedAt),
      );
      if (!procedureRow)
        throw badRequest(
          'body.procedureCode',
          'Không có thủ tục hành chính với mã này.',
          'DOSSIER.UNKNOWN_PROCEDURE',
        );
      const procedure = procedureRow.definition;
      const missing = checkComponents(procedure, body.components);
      if (missing.length > 0) {
        const guidance = await insertReceiptGuidance(deps.db, {
          tenant: principal.tenant,
          procedure_code: procedure.code,
          procedure_version: procedure.version,
          applicant_name: body.applicant.fullName,
          applicant_id_number: body.applicant.idNumber,
          applicant_email: body.applicant.email ?? null,
          applicant_phone: body.applicant.phone ?? null,
          missing: JSON.stringify(missing),
          given_by: principal.username,
        });
        return reply.status(422).send({
          code: 'DOSSIER.INCOMPLETE' as const,
          message: `Hồ sơ chưa đầy đủ, thiếu: ${missing.map((m) => m.name).join('; ')}. Đã lập phiếu hướng dẫn bổ sung (Mẫu 02).`,
          field: 'body.components',
          missing,
          guidanceId: guidance.id,
          requestId: request.id,
        });
      }
      const calendar = await deps.calendars.inForce(principal.tenant, receivedAt);
      if (!calendar) throw new ApiError(503, 'CALENDAR.MISSING', 'Chưa có lịch làm việc cho đơn vị.');
      const tenant = await deps.db
        .selectFrom('tenant')
        .select('unit_code')
        .where('code', '=', principal.tenant)
        .executeTakeFirstOrThrow();
      const receipt = await receiveCompleteDossier(
        { db: deps.db, client: deps.client, taskQueue: deps.taskQueue },
        {
          request: body,
          procedure,
          calendar,
          tenant: principal.tenant,
          unitCode: tenant.unit_code,
          actor: actorOf(principal),
          receivedAt,
          idempotency: request.idempotency,
        },
      );
      return created(receipt.row).send(await deps.view(receipt.row, receipt.state, actorOf(principal)));
    },
  );
}
