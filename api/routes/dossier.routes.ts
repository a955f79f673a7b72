import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { formatVnIso, parseIsoInstant } from '../../domain/calendar/index.js';
import { concernsUnit, outsideDeskOf } from '../../domain/dossier/index.js';
import type { Database } from '../../db/database.js';
import {
  findDossier,
  listDossierEvents,
  listDossierRejections,
  listDossiers,
} from '../../db/dossier.repository.js';
import { verifyChain } from '../../db/dossier-chain.js';
import { findOfficerByUsername } from '../../db/organisation.repository.js';
import { findPaymentRequest } from '../../db/payment.repository.js';
import { findProcedureVersion } from '../../db/procedure.repository.js';
import type { AppInstance } from '../app-instance.js';
import type { CalendarService } from '../calendar.service.js';
import { principalOf } from '../auth.js';
import { dossierListItemSchema, toDossierListItem } from '../dossier-list-item.js';
import { toDossierView, dossierViewSchema } from '../dossier-view.js';
import { badRequest, errorBodySchema, notFound } from '../errors.js';
import { actorOf, registerDossierActionRoutes } from './dossier-action.routes.js';
import { registerReceiptRoute } from './dossier-receipt.routes.js';
import type { DossierRoutesDeps, TemporalDeps } from './dossier-deps.js';

const listQuerySchema = z.object({
  status: z
    .string()
    .regex(/^(10|[1-9])(,(10|[1-9]))*$/, 'Danh sách mã trạng thái 1–10, cách nhau bởi dấu phẩy')
    .optional(),
  division: safeName(32).optional(),
  deskUnit: safeName(40).optional().describe('Receiving unit whose desk holds the dossier now'),
  procedure: safeName(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  receivedFrom: safeName(40).optional(),
  receivedTo: safeName(40).optional(),
  assignee: safeName(100).optional(),
  needsAttention: z
    .enum(['true', 'false'])
    .optional()
    .describe('Dossiers waiting for an administrator after a storage incident'),
  q: safeName(200)
    .optional()
    .describe("Part of the dossier code, the applicant's name or the procedure's name"),
  sort: z
    .enum(['received', 'deadline'])
    .default('received')
    .describe('`received`: newest first; `deadline`: most urgent first (step deadline, else appointment)'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const listItemSchema = dossierListItemSchema.extend({
  applicantName: z.string(),
  currentStepId: z.string().nullable(),
  /** The current step's name in the dossier's procedure version (what people read). */
  currentStepName: z.string().nullable(),
  /** An audit event could not be stored: the dossier waits for an administrator. */
  needsAttention: z.boolean(),
});

const historyItemSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: z.string(),
  actor: z.object({
    username: z.string().nullable(),
    role: z.string().nullable(),
    name: z.string().nullable(),
  }),
  stepId: z.string().nullable(),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int(),
  fromStepId: z.string().nullable(),
  toStepId: z.string().nullable(),
  onTime: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

function instantQuery(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const ms = parseIsoInstant(value) ?? parseIsoInstant(`${value}T00:00:00+07:00`);
  if (ms === undefined) throw badRequest(field, 'Thời điểm phải theo ISO-8601 (YYYY-MM-DD hoặc có múi giờ).');
  return new Date(ms);
}

/** How dossier routes read a dossier of the officer's tenant and show it (shared by other route modules). */
export function dossierReaders(base: {
  db: Database;
  temporal: Pick<TemporalDeps, 'uiUrl' | 'namespace'>;
  calendars: CalendarService;
}): Pick<DossierRoutesDeps, 'loadDossier' | 'view'> {
  const procedures = new Map<string, Awaited<ReturnType<typeof findProcedureVersion>>>();
  return {
    async loadDossier(code, principal) {
      const row = await findDossier(base.db, code);
      if (!row || row.tenant !== principal.tenant) throw notFound('Không tìm thấy hồ sơ.');
      // An officer of a Centre point reads only the dossiers of that point (no hint that others exist).
      const point = outsideDeskOf(principal);
      if (point && !concernsUnit(row, point)) throw notFound('Không tìm thấy hồ sơ.');
      return row;
    },
    async view(row, state, viewer) {
      const key = `${row.tenant}#${row.procedure_code}#${row.procedure_version}`;
      if (!procedures.has(key))
        procedures.set(
          key,
          await findProcedureVersion(base.db, row.tenant, row.procedure_code, row.procedure_version),
        );
      const procedure = procedures.get(key)?.definition;
      const paymentRequest = state.payment
        ? ((await findPaymentRequest(base.db, state.payment.reference)) ?? null)
        : null;
      // The calendar the dossier's workflow counts with (its snapshot, as adopted since).
      const calendar = await base.calendars.version(row.tenant, state.calendarVersion);
      return toDossierView(row, state, {
        temporalUiUrl: base.temporal.uiUrl,
        namespace: base.temporal.namespace,
        procedure,
        paymentRequest: paymentRequest && { payUrl: paymentRequest.pay_url },
        viewer,
        rules: procedure && calendar ? { procedure, calendar } : undefined,
        now: Date.now(),
      });
    },
  };
}

/** Dossier routes: receipt, reading (one, list, history) and the officer actions. */
export function registerDossierRoutes(
  app: AppInstance,
  base: Omit<DossierRoutesDeps, 'loadDossier' | 'view'> & { temporal: TemporalDeps },
): void {
  const deps: DossierRoutesDeps = { ...base, ...dossierReaders(base) };
  const secured = { security: [{ bearerAuth: [] }] };

  registerReceiptRoute(app, deps);

  app.get(
    '/dossiers/:code',
    {
      preHandler: base.auth.authenticate,
      schema: {
        operationId: 'getDossier',
        tags: ['dossiers'],
        summary: 'A dossier: status, current step, assignee, division, appointment, deadlines, clock state',
        ...secured,
        params: z.object({ code: safeName(100) }),
        response: {
          200: dossierViewSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await deps.loadDossier(request.params.code, principal);
      return deps.view(row, row.state, actorOf(principal));
    },
  );

  app.get(
    '/dossiers',
    {
      preHandler: base.auth.authenticate,
      schema: {
        operationId: 'listDossiers',
        tags: ['dossiers'],
        summary: "The tenant's dossiers, newest first, with filters",
        ...secured,
        querystring: listQuerySchema,
        response: {
          200: z.object({
            items: z.array(listItemSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          400: errorBodySchema,
          401: errorBodySchema,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const principal = principalOf(request);
      const assignee = q.assignee ? await findOfficerByUsername(base.db, q.assignee) : undefined;
      if (q.assignee && (!assignee || assignee.tenant !== principal.tenant)) {
        return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      }
      const { items, total } = await listDossiers(base.db, {
        tenant: principal.tenant,
        status: q.status?.split(',').map(Number),
        division: q.division,
        deskUnit: q.deskUnit,
        concerningUnit: outsideDeskOf(principal) ?? undefined,
        procedureCode: q.procedure,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        receivedFrom: instantQuery(q.receivedFrom, 'query.receivedFrom'),
        receivedTo: instantQuery(q.receivedTo, 'query.receivedTo'),
        assigneeId: assignee?.id,
        search: q.q,
        sort: q.sort,
        needsAttention: q.needsAttention === undefined ? undefined : q.needsAttention === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        items: items.map((r) => ({
          ...toDossierListItem(r),
          applicantName: r.applicant_name,
          currentStepId: r.current_step_id,
          currentStepName: r.current_step_name,
          needsAttention: r.needs_attention,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/dossiers/:code/history',
    {
      preHandler: base.auth.authenticate,
      schema: {
        operationId: 'getDossierHistory',
        tags: ['dossiers'],
        summary: 'Every accepted action (hash-chained audit trail) and every rejected attempt',
        ...secured,
        params: z.object({ code: safeName(100) }),
        response: {
          200: z.object({
            items: z.array(historyItemSchema),
            chainValid: z.boolean(),
            brokenAtSeq: z.number().int().nullable(),
            rejected: z.array(
              z.object({
                at: z.string(),
                actor: z.string().nullable(),
                role: z.string().nullable(),
                action: z.string(),
                code: z.string(),
                message: z.string(),
              }),
            ),
          }),
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const row = await deps.loadDossier(request.params.code, principalOf(request));
      const [events, rejections] = await Promise.all([
        listDossierEvents(base.db, row.code),
        listDossierRejections(base.db, row.code),
      ]);
      const chain = verifyChain(events);
      return {
        items: events.map((e) => ({
          seq: e.seq,
          at: formatVnIso(e.at.getTime()),
          type: e.type,
          actor: { username: e.actor_username, role: e.actor_role, name: e.actor_name },
          stepId: e.step_id,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          fromStepId: e.from_step_id,
          toStepId: e.to_step_id,
          onTime: e.on_time,
          payload: e.payload,
          hash: e.hash,
        })),
        chainValid: chain.valid,
        brokenAtSeq: chain.brokenAtSeq,
        rejected: rejections.map((r) => ({
          at: formatVnIso(r.at.getTime()),
          actor: r.actor_username,
          role: r.actor_role,
          action: r.action,
          code: r.code,
          message: r.message,
        })),
      };
    },
  );

  registerDossierActionRoutes(app, deps);
}
