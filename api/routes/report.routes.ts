import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { formatDmy, formatVnIso } from '../../domain/calendar/index.js';
import {
  computeReport,
  figureLabels,
  periodBounds,
  planPeriodKinds,
  planPeriodLabels,
  reportLabels,
  resolveReportPeriod,
  type Report,
  type ReportFigures,
  type ReportPeriod,
} from '../../domain/report/index.js';
import type { Role } from '../../domain/roles.js';
import type { Database } from '../../db/database.js';
import { loadReportData } from '../../db/report.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { ApiError, badRequest, ErrorCode, errorBodySchema } from '../errors.js';

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
  totals: figuresSchema,
  byProcedure: z.array(figuresSchema.extend({ procedureCode: z.string(), procedureName: z.string() })),
  byDivision: z.array(
    figuresSchema.extend({ division: z.string().nullable(), divisionName: z.string().nullable() }),
  ),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      numerator: count,
      denominator: count,
      value: z.number().nullable(),
    }),
  ),
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
          'by procedure, by division in charge, and the Decision 766 indicators. `format=xlsx` answers an ' +
          'Excel workbook (sheets Tổng hợp, Theo thủ tục, Theo đơn vị, Chỉ số QĐ 766). For division heads, ' +
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
        ...computeReport(data.dossiers, { period, now: at, divisionNames: data.divisionNames }),
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

/** `bao-cao-2026-q1.xlsx` for a plan window, `bao-cao-2026-01-01-den-2026-03-31.xlsx` for a range. */
export function reportFileName(period: ReportPeriod): string {
  return period.kind !== null
    ? `bao-cao-${period.year}-${period.kind}.xlsx`
    : `bao-cao-${period.from}-den-${period.to}.xlsx`;
}

/** "Quý I năm 2026 (từ 10/12/2025 đến 10/03/2026)" or "Từ 01/01/2026 đến 31/03/2026". */
function periodTitle(w: Report['window']): string {
  const range = `từ ${formatDmy(w.from)} đến ${formatDmy(w.to)}`;
  return w.kind !== null ? `${planPeriodLabels[w.kind]} năm ${w.year} (${range})` : `Từ ${range.slice(3)}`;
}

/** '2026-03-11T00:00:00+07:00' → '00:00 ngày 11/03/2026'. */
function vnTime(iso: string): string {
  return `${iso.slice(11, 16)} ngày ${formatDmy(iso.slice(0, 10))}`;
}

const figureKeys = Object.keys(figureLabels) as (keyof ReportFigures)[];

/** Agency, title, period, cut-off instants: the first rows of every sheet; returns the next free row. */
function headerBlock(sheet: ExcelJS.Worksheet, report: ReportAnswer, width: number): number {
  const w = report.window;
  const lines: [string, boolean][] = [
    [report.agency.name.toUpperCase(), true],
    [reportLabels.title, true],
    [`${reportLabels.period}: ${periodTitle(w)}`, false],
    [`${reportLabels.cutOff} ${vnTime(w.start)} đến trước ${vnTime(w.end)} (giờ Việt Nam, UTC+07:00)`, false],
    [`${reportLabels.asOf}: ${vnTime(w.asOf)}`, false],
    [`${reportLabels.generatedAt}: ${vnTime(report.generatedAt)}`, false],
  ];
  lines.forEach(([text, bold], i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = { bold, size: i === 1 ? 14 : 11 };
    row.getCell(1).alignment = { horizontal: i < 2 ? 'center' : 'left', wrapText: false };
    sheet.mergeCells(i + 1, 1, i + 1, width);
  });
  return lines.length + 2;
}

function tableHeader(sheet: ExcelJS.Worksheet, rowNumber: number, names: string[]): void {
  const row = sheet.getRow(rowNumber);
  names.forEach((name, i) => {
    const cell = row.getCell(i + 1);
    cell.value = name;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  sheet.views = [{ state: 'frozen', ySplit: rowNumber }];
}

/** A sheet of rows (procedures or divisions) with every figure in columns and a total line. */
function rowsSheet(
  workbook: ExcelJS.Workbook,
  report: ReportAnswer,
  title: string,
  keyNames: [string, string],
  rows: { key: string; name: string; figures: ReportFigures }[],
): void {
  const sheet = workbook.addWorksheet(title);
  const width = 3 + figureKeys.length;
  const first = headerBlock(sheet, report, width);
  tableHeader(sheet, first, ['STT', ...keyNames, ...figureKeys.map((k) => figureLabels[k])]);
  rows.forEach((r, i) => {
    sheet.getRow(first + 1 + i).values = [i + 1, r.key, r.name, ...figureKeys.map((k) => r.figures[k])];
  });
  const total = sheet.getRow(first + 1 + rows.length);
  total.values = ['', reportLabels.total, '', ...figureKeys.map((k) => report.totals[k])];
  total.font = { bold: true };
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(3).width = 48;
  for (let c = 4; c <= width; c++) sheet.getColumn(c).width = 14;
  sheet.getRow(first).height = 48;
}

/** The Excel workbook of a report: Tổng hợp, Theo thủ tục, Theo đơn vị, Chỉ số QĐ 766. */
export async function reportWorkbook(report: ReportAnswer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Một Cửa';
  workbook.created = new Date(report.generatedAt);
  // The document's own title (file properties, what a spreadsheet shows and a search indexes).
  workbook.title = `${reportLabels.title} – ${periodTitle(report.window)}`;
  workbook.subject = `${report.agency.name} – ${periodTitle(report.window)}`;

  const summary = workbook.addWorksheet(reportLabels.summarySheet);
  const first = headerBlock(summary, report, 3);
  tableHeader(summary, first, ['STT', reportLabels.figure, reportLabels.count]);
  figureKeys.forEach((k, i) => {
    summary.getRow(first + 1 + i).values = [i + 1, figureLabels[k], report.totals[k]];
  });
  summary.getColumn(1).width = 6;
  summary.getColumn(2).width = 48;
  summary.getColumn(3).width = 14;

  rowsSheet(
    workbook,
    report,
    reportLabels.procedureSheet,
    [reportLabels.procedureCode, reportLabels.procedureName],
    report.byProcedure.map((p) => ({ key: p.procedureCode, name: p.procedureName, figures: p })),
  );
  rowsSheet(
    workbook,
    report,
    reportLabels.divisionSheet,
    [reportLabels.divisionCode, reportLabels.divisionName],
    report.byDivision.map((d) => ({
      key: d.division ?? '',
      name: d.divisionName ?? d.division ?? reportLabels.unknownDivision,
      figures: d,
    })),
  );

  const indicators = workbook.addWorksheet(reportLabels.indicatorSheet);
  const top = headerBlock(indicators, report, 5);
  tableHeader(indicators, top, [
    'STT',
    reportLabels.indicator,
    reportLabels.numerator,
    reportLabels.denominator,
    reportLabels.value,
  ]);
  report.indicators.forEach((ind, i) => {
    indicators.getRow(top + 1 + i).values = [i + 1, ind.name, ind.numerator, ind.denominator, ind.value];
  });
  indicators.getColumn(1).width = 6;
  indicators.getColumn(2).width = 80;
  for (const c of [3, 4, 5]) indicators.getColumn(c).width = 12;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
