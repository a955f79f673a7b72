import { z } from 'zod';
import { formatVnIso } from '../../domain/calendar/index.js';
import { safeName } from '../../domain/text.js';
import { searchArchivePackages } from '../../db/archive.repository.js';
import type { Database } from '../../db/database.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { badRequest, errorBodySchema } from '../errors.js';

export interface ArchiveRoutesDeps {
  db: Database;
  auth: AuthHooks;
  /** Key of the index's applicant ID hashes (`ARCHIVE_INDEX_KEY`, the worker's too). */
  indexKey: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ITEMS = 500;

const packageSchema = z.object({
  dossierCode: z.string(),
  key: z.string().describe('Where the archive store keeps the package'),
  packageHash: z.string().describe('SHA-256 (hex) of the manifest.json of the package'),
  procedureCode: z.string(),
  endDate: z.string().describe('Vietnam local date the dossier ended, YYYY-MM-DD'),
  retentionYears: z.number().int().describe('Thời hạn bảo quản, in years'),
  archivedAt: z.string().describe('When the package was indexed (Vietnam time, ISO 8601)'),
});

/** A YYYY-MM-DD day that exists, or a 400 naming the query field. */
function dayOf(field: 'from' | 'to', value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw badRequest(`query.${field}`, 'Ngày phải có dạng YYYY-MM-DD và có thật.', 'ARCHIVE.INVALID_DATE');
  }
  return value;
}

/** The archive index of finished dossiers (docs/archive.md), for auditors and administrators. */
export function registerArchiveRoutes(app: AppInstance, deps: ArchiveRoutesDeps): void {
  app.get(
    '/archive',
    {
      preHandler: deps.auth.requireRole('admin', 'auditor'),
      schema: {
        operationId: 'searchArchive',
        tags: ['archive'],
        summary: 'Archived dossiers by code, by applicant ID number or by end date (at least one criterion)',
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          code: safeName(40).optional().describe('Dossier code'),
          idNumber: safeName(20)
            .optional()
            .describe('Applicant ID number (matched by its keyed hash, HMAC-SHA256)'),
          from: safeName(10).optional().describe('First end date, YYYY-MM-DD (Vietnam)'),
          to: safeName(10).optional().describe('Last end date, YYYY-MM-DD (Vietnam), included'),
        }),
        response: {
          200: z.object({ items: z.array(packageSchema) }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { code, idNumber } = request.query;
      const from = dayOf('from', request.query.from);
      const to = dayOf('to', request.query.to);
      if (!code && !idNumber && !from && !to) {
        throw badRequest(
          'query.code',
          'Cần ít nhất một điều kiện: mã hồ sơ, số định danh hoặc khoảng ngày.',
          'ARCHIVE.NO_CRITERION',
        );
      }
      if (from && to && from > to) {
        throw badRequest(
          'query.to',
          'Ngày kết thúc khoảng tìm phải sau ngày bắt đầu.',
          'ARCHIVE.INVALID_RANGE',
        );
      }
      const rows = await searchArchivePackages(deps.db, {
        tenant: principalOf(request).tenant,
        ...(code ? { code } : {}),
        ...(idNumber ? { idNumber: { value: idNumber, key: deps.indexKey } } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: MAX_ITEMS,
      });
      return {
        items: rows.map((r) => ({
          dossierCode: r.dossier_code,
          key: r.key,
          packageHash: r.package_hash,
          procedureCode: r.procedure_code,
          endDate: r.end_date,
          retentionYears: r.retention_years,
          archivedAt: formatVnIso(r.created_at.getTime()),
        })),
      };
    },
  );
}
