import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { kickNationalSync } from '../../common/national-sync-kick.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import { nationalStatusLabels } from '../../domain/dossier/status.js';
import type { NationalStatus } from '../../domain/dossier/types.js';
import { MANAGERS } from '../../domain/roles.js';
import { safeName } from '../../domain/text.js';
import type { Database } from '../../db/database.js';
import { findDossier } from '../../db/dossier.repository.js';
import { listDossierStatuses } from '../../db/national-sync.repository.js';
import { nationalSyncSummary } from '../../db/national-sync-summary.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { idempotencyHeaders, type IdempotencyHooks } from '../idempotency.js';

export interface NationalSyncRoutesDeps {
  db: Database;
  auth: AuthHooks;
  idempotency: IdempotencyHooks;
  client: Client;
  taskQueue: string;
}

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const params = z.object({ code: safeName(100).describe('Dossier code') });
const at = (d: Date | null): string | null => (d === null ? null : formatVnIso(d.getTime()));
const label = (s: NationalStatus): string => nationalStatusLabels[s];

const statusRowSchema = z.object({
  statusSeq: z.number().int().describe('Order of the status among the dossier’s (SoThuTuTrangThai)'),
  status: z.number().int().describe('National status code 1–10 (TrangThaiHoSo)'),
  statusLabel: z.string(),
  recordedAt: z.string(),
  deliveredAt: z.string().nullable().describe('When the portal acknowledged it; null: pending'),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe('Why the last attempt failed, while not delivered'),
  lastAttemptAt: z.string().nullable(),
  document: z.record(z.string(), z.unknown()).describe('What is pushed, in the portal’s field names'),
});

const noStatus = () =>
  new ApiError(404, 'NATIONAL_SYNC.NO_STATUS', 'Hồ sơ chưa có trạng thái nào để đồng bộ.', 'params.code');

/**
 * The managers' view of the sync with the national portal (docs/national-sync.md): what waits, what
 * fails and why, the sync rate by month; one dossier's statuses; pushing a dossier again.
 */
export function registerNationalSyncRoutes(app: AppInstance, deps: NationalSyncRoutesDeps): void {
  app.get(
    '/national-sync',
    {
      preHandler: deps.auth.requireRole(...MANAGERS),
      schema: {
        operationId: 'getNationalSyncSummary',
        tags: ['national-sync'],
        summary:
          'Sync with the national portal: statuses pending or failing, the last error, sync rate by month',
        description:
          '`pending` counts statuses not delivered yet, `failed` those of them with a failed attempt. A month ' +
          '(Vietnam time, of a dossier’s first status) counts its dossiers and those with every status ' +
          'delivered (`synced`); `rate` is their percentage (Decision 766: the sync rate is an indicator).',
        security: [{ bearerAuth: [] }],
        response: {
          200: z.object({
            pending: z.number().int(),
            failed: z.number().int(),
            pendingDossiers: z.number().int(),
            lastError: z
              .object({
                dossierCode: z.string(),
                statusSeq: z.number().int(),
                error: z.string(),
                at: z.string(),
              })
              .nullable(),
            months: z.array(
              z.object({
                month: z.string().describe('YYYY-MM'),
                dossiers: z.number().int(),
                synced: z.number().int(),
                rate: z.number().describe('Percentage, one decimal'),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const s = await nationalSyncSummary(deps.db, principalOf(request).tenant);
      return {
        ...s,
        lastError: s.lastError ? { ...s.lastError, at: formatVnIso(s.lastError.at.getTime()) } : null,
        months: s.months.map((m) => ({ ...m, rate: Math.round((m.synced * 1000) / m.dossiers) / 10 })),
      };
    },
  );

  app.get(
    '/national-sync/dossiers/:code',
    {
      preHandler: deps.auth.requireRole(...MANAGERS),
      schema: {
        operationId: 'getDossierNationalSync',
        tags: ['national-sync'],
        summary: 'The national statuses of a dossier, in order, with their delivery',
        security: [{ bearerAuth: [] }],
        params,
        response: {
          200: z.object({ dossierCode: z.string(), items: z.array(statusRowSchema) }),
          ...errors,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      const { code } = request.params;
      const rows = await listDossierStatuses(deps.db, tenant, code);
      if (rows.length === 0 && (await findDossier(deps.db, code))?.tenant !== tenant) throw noStatus();
      return {
        dossierCode: code,
        items: rows.map((r) => ({
          statusSeq: r.status_seq,
          status: r.national_status,
          statusLabel: label(r.national_status),
          recordedAt: formatVnIso(r.recorded_at.getTime()),
          deliveredAt: at(r.delivered_at),
          attempts: r.attempts,
          lastError: r.last_error,
          lastAttemptAt: at(r.last_attempt_at),
          document: { ...r.document },
        })),
      };
    },
  );

  app.post(
    '/national-sync/dossiers/:code/repush',
    {
      preHandler: [deps.auth.requireRole('head', 'director', 'admin'), deps.idempotency.guard()],
      schema: {
        operationId: 'repushDossierNationalSync',
        tags: ['national-sync'],
        summary: 'Push the dossier’s statuses to the national portal now',
        description:
          'Wakes the dossier’s pusher: pending statuses are tried at once (a failure backoff is cut short). ' +
          'When every status was delivered, all are sent again in order (`resendAll`); the portal keeps ' +
          'each once (Idempotency-Key `<code>:<status_seq>`).',
        security: [{ bearerAuth: [] }],
        params,
        headers: idempotencyHeaders,
        response: {
          200: z.object({ dossierCode: z.string(), pending: z.number().int(), resendAll: z.boolean() }),
          ...errors,
          404: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { code } = request.params;
      const rows = await listDossierStatuses(deps.db, principalOf(request).tenant, code);
      if (rows.length === 0) throw noStatus();
      const pending = rows.filter((r) => r.delivered_at === null).length;
      const resendAll = pending === 0;
      await kickNationalSync(deps.client, deps.taskQueue, code, { resendAll });
      return { dossierCode: code, pending, resendAll };
    },
  );
}
