import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { formatVnIso } from '../../domain/calendar/index.js';
import { safeName, safeText } from '../../domain/text.js';
import type { Database } from '../../db/database.js';
import { listDossierIncidents } from '../../db/incident.repository.js';
import { resolveIncidentUpdate } from '../../workflows/dossier/messages.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { isClosedWorkflowError, rejectionError, rejectionOf } from '../dossier-actions.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { idempotencyHeaders, type IdempotencyHooks } from '../idempotency.js';
import { withinDeadline } from '../outage.js';
import { actorOf } from './dossier-action.routes.js';
import type { DossierRoutesDeps } from './dossier-deps.js';

export interface IncidentRoutesDeps extends Pick<
  DossierRoutesDeps,
  'client' | 'actionTimeoutMs' | 'loadDossier' | 'view'
> {
  db: Database;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
}

const incidentSchema = z.object({
  id: z.string(),
  dossierCode: z.string(),
  seq: z.number().int().describe('The event that could not be stored'),
  eventType: z.string(),
  errorCode: z.string(),
  sqlState: z.string().nullable(),
  message: z.string().describe('The database error, for the administrator'),
  flaggedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.enum(['retry', 'discard']).nullable(),
  note: z.string().nullable(),
});

/**
 * Storage incidents: a dossier whose audit event the database refused for good waits for an
 * administrator, who sees them here and resolves each (store again, or discard the unstored actions).
 */
export function registerIncidentRoutes(app: AppInstance, deps: IncidentRoutesDeps): void {
  app.get(
    '/incidents',
    {
      preHandler: deps.auth.requireRole('admin', 'auditor'),
      schema: {
        operationId: 'listDossierIncidents',
        tags: ['incidents'],
        summary: 'Dossiers whose audit event the database refused (storage incidents), newest first',
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          status: z.enum(['open', 'all']).default('open').describe('Open ones only (default), or all'),
        }),
        response: {
          200: z.object({ items: z.array(incidentSchema) }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request) => {
      const rows = await listDossierIncidents(deps.db, {
        tenant: principalOf(request).tenant,
        open: request.query.status === 'open',
        limit: 500,
      });
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          dossierCode: r.dossier_code,
          seq: r.seq,
          eventType: r.event_type,
          errorCode: r.error_code,
          sqlState: r.sql_state,
          message: r.message,
          flaggedAt: formatVnIso(r.flagged_at.getTime()),
          resolvedAt: r.resolved_at ? formatVnIso(r.resolved_at.getTime()) : null,
          resolvedBy: r.resolved_by,
          resolution: r.resolution,
          note: r.note,
        })),
      };
    },
  );

  app.post(
    '/dossiers/:code/incident/resolve',
    {
      preHandler: [deps.auth.requireRole('admin'), deps.idempotency.guard()],
      schema: {
        operationId: 'resolveDossierIncident',
        tags: ['incidents'],
        summary:
          "Resolve the dossier's storage incident: `retry` stores the refused event again (once its cause is " +
          'fixed), `discard` drops the unstored actions and puts the dossier back at its last stored state',
        security: [{ bearerAuth: [] }],
        params: z.object({ code: safeName(100) }),
        headers: idempotencyHeaders,
        body: z.object({
          resolution: z.enum(['retry', 'discard']),
          note: safeText({ max: 2000, multiline: true }).describe(
            'Why (kept in the incident and the history)',
          ),
        }),
        response: {
          200: z.object({ code: z.string(), seq: z.number().int(), needsAttention: z.boolean() }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await deps.loadDossier(request.params.code, principal);
      try {
        const state = await withinDeadline(
          deps.client,
          () =>
            deps.client.workflow.getHandle(row.code).executeUpdate(resolveIncidentUpdate, {
              args: [{ ...request.body, actor: actorOf(principal) }],
            }),
          deps.actionTimeoutMs,
        );
        return { code: row.code, seq: state.seq, needsAttention: false };
      } catch (err) {
        const rejection = rejectionOf(err);
        if (rejection) throw rejectionError(rejection);
        if (err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)) {
          throw new ApiError(409, 'DOSSIER.NO_INCIDENT', 'Hồ sơ không có sự cố lưu trữ nào đang chờ xử lý.');
        }
        throw err;
      }
    },
  );
}
