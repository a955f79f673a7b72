import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import {
  computeReport,
  periodBounds,
  planPeriodKinds,
  reportDueDate,
  resolveReportPeriod,
  withIndicators766,
  type ReportFigures,
} from '../../domain/report/index.js';
import type { Role } from '../../domain/roles.js';
import type { Database } from '../../db/database.js';
import { loadReportData } from '../../db/report.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { ApiError, badRequest, ErrorCode, errorBodySchema } from '../errors.js';
import { reportFileName, reportWorkbook } from '../report-workbook.js';

export interface ReportRoutesDeps {
  db: Database;
  auth: AuthHooks;
  /** The report's time (epoch ms); default the system clock. */
  now?: () => number;
}

/**
 * Who reads reports: division heads, the leadership, inspectors and administrators. A head reads the
 * whole tenant's report, not only their division's: reports compare divisions (the plan asks each division
 * to report, and the `byDivision` sheet is that comparison), and the same figures are public on the portal.
 */
const READERS: readonly Role[] = ['head', 'deputy', 'director', 'auditor', 'admin'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const count = z.number().int().min(0);
const figuresSchema = z.object({
  received: count,
  receivedDirect: count,
  receivedOnline: count,
  receivedPostal: count,
  carriedOver: count,
  toHandle: count,
  finished: count,
  finishedEarly: count,
  finishedOnTime: count,
  finishedLate: count,
  finishedLateWithApology: count,
  finishedLateWithLateApology: count,
  finishedOnTimeMultipleSupplements: count,
  inProgress: count,
  inProgressOnTime: count,
  inProgressOverdue: count,
  withdrawn: count,
  refused: count,
  stopped: count,
  supplementRequests: count,
  multipleSupplements: count,
  onTimeRate: z.number().nullable(),
}) satisfies z.ZodType<ReportFigures>;

const indicatorSchema = z.object({
  code: z.string().describe('Stable code, e.g. ON_TIME_RATE_766, AVERAGE_WORKING_DAYS'),
  name: z.string().describe('Vietnamese name'),
  numerator: z.number().min(0).describe('A count; for AVERAGE_WORKING_DAYS the working days summed'),
  denominator: count,
  value: z.number().nullable().describe('To 2 decimals; null when the denominator is 0'),
  unit: z.enum(['percent', 'working_days']),
});
const indicators = z.array(indicatorSchema);

const reportSchema = z.object({
  agency: z.object({ code: z.string(), name: z.string(), unitCode: z.string() }),
  generatedAt: z.string(),
  window: z.object({
    from: z.string(),
    to: z.string(),
    kind: z.enum(planPeriodKinds).nullable(),
    year: z.number().int().nullable(),
    start: z.string(),
    end: z.string(),
    asOf: z.string(),
    complete: z.boolean(),
  }),
  dueDate: z
    .string()
    .nullable()
    .describe("The plan's due date of the report (12th of the period's last month); null for a range"),
  totals: figuresSchema,
  byProcedure: z.array(
    figuresSchema.extend({ procedureCode: z.string(), procedureName: z.string(), indicators }),
  ),
  byDivision: z.array(
    figuresSchema.extend({
      division: z.string().nullable(),
      divisionName: z.string().nullable(),
      indicators,
    }),
  ),
  byReceivingUnit: z.array(
    figuresSchema.extend({
      receivingUnit: z.string(),
      receivingUnitName: z.string(),
      formerProvince: z.string().nullable(),
      indicators,
    }),
  ),
  byMonth: z.array(
    z.object({
      month: z.string().describe('YYYY-MM (Vietnam), by the end of the finished dossiers'),
      finished: count,
      onTime: count,
      onTime766: count,
      onTimeRate: z.number().nullable(),
      onTimeRate766: z.number().nullable(),
    }),
  ),
  indicators,
});

type ReportAnswer = z.infer<typeof reportSchema>;

/** Periodic reports of the caller's tenant: JSON or an Excel workbook. */
export function registerReportRoutes(app: AppInstance, deps: ReportRoutesDeps): void {
  const now = deps.now ?? Date.now;
  app.get(
    '/reports',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'getReport',
        tags: ['reports'],
        summary: 'Report on the dossiers of a period: received, carried over, finished, in progress…',
        description:
          'The period is a window of the plan (`period` = q1: 10/12 of the previous year → 10/3; h1: 10/12 → ' +
          '10/6; q3: 11/6 → 10/9; year: 10/12 → 10/12; with `year`) or a range `from`/`to` (Vietnam local ' +
          'dates, both days included, shorter than 3 years). Figures per the definitions of docs/reports.md: ' +
          'received (by channel), carried over, finished early / on time / late (an apology counts late), in ' +
          'progress within time / overdue at the period end, withdrawn, refused, stopped, supplement requests; ' +
          'by procedure, by division in charge, by receiving point, and the Decision 766 indicators on every ' +
          'row (on-time rates, average working days, digitisation, online submission and payment, ' +
          "satisfaction), with the on-time rate of each month and the plan's due date. `format=xlsx` answers " +
          'an Excel workbook (a sheet per grouping, with the indicators). For division heads, ' +
          'the leadership, inspectors and administrators; a head sees the whole tenant. Bad parameters are ' +
          '400 with a `REPORT.*` code and the field at fault.',
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          period: z
            .enum(planPeriodKinds, { error: 'Kỳ báo cáo là q1, h1, q3 hoặc year' })
            .optional()
            .describe('A window of the plan; with `year`'),
          year: z.coerce
            .number({ error: 'Năm báo cáo là một số' })
            .int('Năm báo cáo là một số nguyên')
            .optional()
            .describe('Report year of `period`, e.g. 2026 (Quý I 2026 runs from 10/12/2025)'),
          from: safeName(20).optional().describe('First day, YYYY-MM-DD (Vietnam), with `to`'),
          to: safeName(20).optional().describe('Last day, YYYY-MM-DD (Vietnam), included'),
          format: z
            .enum(['json', 'xlsx'], { error: 'Định dạng là json hoặc xlsx' })
            .default('json')
            .describe('json (default) or xlsx (Excel workbook, attachment)'),
        }),
        response: {
          200: {
            description: 'The report (JSON) or its Excel workbook (format=xlsx)',
            content: {
              'application/json': { schema: reportSchema },
              [XLSX]: { schema: z.string().meta({ format: 'binary' }) },
            },
          },
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!READERS.includes(principal.role)) {
        throw new ApiError(
          403,
          ErrorCode.FORBIDDEN,
          'Báo cáo dành cho trưởng phòng, lãnh đạo Sở, thanh tra và quản trị hệ thống.',
        );
      }
      const { format, ...periodRequest } = request.query;
      const resolved = resolveReportPeriod(periodRequest);
      if (!resolved.ok) {
        const { field, message, code } = resolved.problem;
        throw badRequest(`query.${field}`, message, code);
      }
      const period = resolved.period;
      const at = now();
      const data = await loadReportData(deps.db, principal.tenant, periodBounds(period));
      const report: ReportAnswer = {
        agency: data.agency,
        generatedAt: formatVnIso(at),
        dueDate:
          period.kind !== null && period.year !== null ? reportDueDate(period.kind, period.year) : null,
        ...withIndicators766(
          computeReport(data.dossiers, { period, now: at, divisionNames: data.divisionNames }),
          data.dossiers,
          { period, now: at, calendars: data.calendars, receivingUnits: data.receivingUnits },
        ),
      };
      if (format === 'json') return report;
      const body = await reportWorkbook(report);
      // The workbook's bytes: not the JSON the typed reply expects.
      const binary: FastifyReply = reply;
      return binary
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${reportFileName(period)}"`)
        .send(body);
    },
  );
}
