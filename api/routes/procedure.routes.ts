import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { toVnDate } from '../../domain/calendar/index.js';
import { roleLabels } from '../../domain/role-labels.js';
import { validateProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import type { Database } from '../../db/database.js';
import { listDivisions, listOfficers, listReceivingUnits } from '../../db/organisation.repository.js';
import {
  findProcedureInForce,
  findProcedureVersion,
  findSuccessor,
  insertProcedureVersion,
  listProcedures,
} from '../../db/procedure.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { ApiError, errorBodySchema, invalidInput, notFound } from '../errors.js';
import { supersededMessage } from '../../domain/procedure/succession.js';
import { idempotencyHeaders, type IdempotencyHooks } from '../idempotency.js';

export interface ProcedureRoutesDeps {
  db: Database;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
}

const secured = { security: [{ bearerAuth: [] }] };
const limitSchema = z.object({ amount: z.number(), unit: z.string() });
const summarySchema = z.object({
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  field: z.string(),
  legalLimit: limitSchema,
  fee: z.object({ amount: z.number(), note: z.string().optional() }),
  onlineLevel: z.string(),
});
const versionSchema = z.object({
  tenant: z.string(),
  code: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  definition: z.record(z.string(), z.unknown()),
});

const toVersion = (row: {
  tenant: string;
  code: string;
  version: number;
  effective_from: string;
  published_at: Date;
  published_by: string | null;
  definition: object;
}) => ({
  tenant: row.tenant,
  code: row.code,
  version: row.version,
  effectiveFrom: row.effective_from,
  publishedAt: row.published_at.toISOString(),
  publishedBy: row.published_by,
  definition: { ...row.definition },
});

/** The procedure catalog (versioned definitions) and the organisation officers act in. */
export function registerProcedureRoutes(app: AppInstance, deps: ProcedureRoutesDeps): void {
  app.get(
    '/procedures',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listProcedures',
        tags: ['catalog'],
        summary: 'Procedures the tenant receives today (the version in force of each)',
        description:
          'A procedure not yet in force, or replaced by a successor under a new code (`replaces`), is not ' +
          'listed; `getProcedure` with `version` still reads any published version.',
        ...secured,
        response: { 200: z.object({ items: z.array(summarySchema) }), 401: errorBodySchema },
      },
    },
    async (request) => ({
      items: await listProcedures(deps.db, principalOf(request).tenant, toVnDate(Date.now())),
    }),
  );

  app.get(
    '/procedures/:code',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'getProcedure',
        tags: ['catalog'],
        summary: 'A procedure version: the one in force today, or `version`',
        description:
          'Without `version`, a code replaced by a successor answers 404 `PROCEDURE.SUPERSEDED` naming the ' +
          'new code; with `version`, every published version is read (dossiers keep theirs).',
        ...secured,
        params: z.object({ code: safeName(100) }),
        querystring: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647).optional() }),
        response: { 200: versionSchema, 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const tenant = principalOf(request).tenant;
      const { code } = request.params;
      if (request.query.version) {
        const row = await findProcedureVersion(deps.db, tenant, code, request.query.version);
        if (!row) throw notFound('Không tìm thấy thủ tục hành chính.');
        return toVersion(row);
      }
      const today = toVnDate(Date.now());
      const successor = await findSuccessor(deps.db, tenant, code, today);
      if (successor) {
        throw new ApiError(404, 'PROCEDURE.SUPERSEDED', supersededMessage(code, successor));
      }
      const row = await findProcedureInForce(deps.db, tenant, code, today);
      if (!row) throw notFound('Không tìm thấy thủ tục hành chính.');
      return toVersion(row);
    },
  );

  app.post(
    '/procedures',
    {
      preHandler: [deps.auth.requireRole('admin'), deps.idempotency.guard()],
      schema: {
        operationId: 'publishProcedure',
        tags: ['catalog'],
        summary: 'Publish a new version of a procedure (admin); dossiers already running keep their snapshot',
        description:
          'The body is a whole procedure definition; the version number is assigned by the server. The step ' +
          'budgets must fit the legal limit and every step must name a division of the tenant.',
        ...secured,
        headers: idempotencyHeaders,
        body: z.record(z.string(), z.unknown()),
        response: {
          201: versionSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const divisions = await listDivisions(deps.db, principal.tenant);
      const checked = validateProcedureDefinition(
        { ...request.body, version: 1 },
        { divisionCodes: divisions.map((d) => d.code) },
      );
      if (!checked.ok) {
        throw invalidInput(
          400,
          'PROCEDURE.INVALID_DEFINITION',
          'Định nghĩa thủ tục không hợp lệ.',
          checked.issues,
        );
      }
      const row = await deps.db
        .transaction()
        .execute((trx) => insertProcedureVersion(trx, principal.tenant, checked.value, principal.username));
      return reply.status(201).send(toVersion(row));
    },
  );

  app.get(
    '/divisions',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listDivisions',
        tags: ['organisation'],
        summary: 'Divisions of the tenant',
        ...secured,
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })),
          }),
          401: errorBodySchema,
        },
      },
    },
    async (request) => ({
      items: (await listDivisions(deps.db, principalOf(request).tenant)).map((d) => ({
        code: d.code,
        name: d.name,
        kind: d.kind,
      })),
    }),
  );

  app.get(
    '/receiving-units',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listReceivingUnits',
        tags: ['organisation'],
        summary: "Where the tenant's dossiers are received and results returned",
        description:
          "The agency's own one-stop desk, the provincial Public Administrative Service Centre, its branches and " +
          'commune points (Decree 118/2025), open or closed.',
        ...secured,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                kind: z.enum(['agency_desk', 'centre', 'branch', 'commune']),
                address: z.string(),
                place: z.string(),
                formerProvince: z.string().nullable(),
                active: z.boolean(),
              }),
            ),
          }),
          401: errorBodySchema,
        },
      },
    },
    async (request) => ({
      items: (await listReceivingUnits(deps.db, principalOf(request).tenant)).map((u) => ({
        code: u.code,
        name: u.name,
        kind: u.kind,
        address: u.address,
        place: u.place,
        formerProvince: u.former_province,
        active: u.active,
      })),
    }),
  );

  app.get(
    '/officers',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listOfficers',
        tags: ['organisation'],
        summary: 'Active officers of the tenant (to assign steps), optionally of one division',
        ...secured,
        querystring: z.object({ division: safeName(32).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                username: z.string(),
                fullName: z.string(),
                role: z.string(),
                roleLabel: z.string(),
                divisionCode: z.string().nullable(),
              }),
            ),
          }),
          400: errorBodySchema,
          401: errorBodySchema,
        },
      },
    },
    async (request) => {
      const officers = await listOfficers(deps.db, principalOf(request).tenant, {
        active: true,
        ...(request.query.division ? { divisionCode: request.query.division } : {}),
      });
      return {
        items: officers.map((o) => ({
          username: o.username,
          fullName: o.full_name,
          role: o.role,
          roleLabel: roleLabels[o.role],
          divisionCode: o.division_code,
        })),
      };
    },
  );
}
