/**
 * The Excel workbook of a report and its file name: the report answered by `GET /reports?format=xlsx`,
 * laid out for people. Sheets: Tổng hợp, the figures by procedure, division and receiving point, the
 * Decision 766 indicators of the totals, then the indicators of each grouping.
 */
import ExcelJS from 'exceljs';
import { formatDmy } from '../domain/calendar/index.js';
import {
  figureLabels,
  indicatorReportLabels,
  planPeriodLabels,
  reportLabels,
  type Indicator,
  type IndicatorReport,
  type Report,
  type ReportFigures,
  type ReportPeriod,
} from '../domain/report/index.js';

/** A computed report with what its header names: the agency and when it was generated (Vietnam ISO). */
export type ReportDocument = IndicatorReport & { agency: { name: string }; generatedAt: string };

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
function headerBlock(sheet: ExcelJS.Worksheet, report: ReportDocument, width: number): number {
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

/** A header cell: bold, centred, shaded, framed. */
function headerCell(cell: ExcelJS.Cell, name: string): void {
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
}

function tableHeader(sheet: ExcelJS.Worksheet, rowNumber: number, names: string[]): void {
  const row = sheet.getRow(rowNumber);
  names.forEach((name, i) => headerCell(row.getCell(i + 1), name));
  sheet.views = [{ state: 'frozen', ySplit: rowNumber }];
}

/** A sheet of rows (procedures or divisions) with every figure in columns and a total line. */
function rowsSheet(
  workbook: ExcelJS.Workbook,
  report: ReportDocument,
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

/** A row of a grouping (procedure, division, receiving point): its code, name, figures and indicators. */
interface GroupRow {
  key: string;
  name: string;
  figures: ReportFigures;
  indicators: Indicator[];
}

/**
 * A sheet of the indicators of a grouping: a row per group and a total line; per indicator three columns
 * (numerator, denominator, value) under its name (a two-row header).
 */
function indicatorRowsSheet(
  workbook: ExcelJS.Workbook,
  report: ReportDocument,
  title: string,
  keyNames: [string, string],
  rows: GroupRow[],
): void {
  const sheet = workbook.addWorksheet(title);
  const columns = report.indicators;
  const width = 3 + 3 * columns.length;
  const first = headerBlock(sheet, report, width);
  const top = sheet.getRow(first);
  const sub = sheet.getRow(first + 1);
  ['STT', ...keyNames].forEach((name, i) => {
    headerCell(top.getCell(i + 1), name);
    sheet.mergeCells(first, i + 1, first + 1, i + 1);
  });
  columns.forEach((ind, i) => {
    const column = 4 + 3 * i;
    headerCell(top.getCell(column), `${ind.name} (${indicatorReportLabels.units[ind.unit]})`);
    sheet.mergeCells(first, column, first, column + 2);
    [reportLabels.numerator, reportLabels.denominator, indicatorReportLabels.value].forEach((name, j) =>
      headerCell(sub.getCell(column + j), name),
    );
  });
  sheet.views = [{ state: 'frozen', ySplit: first + 1, xSplit: 3 }];
  const values = (indicators: Indicator[]) =>
    columns.flatMap((c) => {
      const ind = indicators.find((i) => i.code === c.code);
      return [ind?.numerator ?? null, ind?.denominator ?? null, ind?.value ?? null];
    });
  rows.forEach((r, i) => {
    sheet.getRow(first + 2 + i).values = [i + 1, r.key, r.name, ...values(r.indicators)];
  });
  const total = sheet.getRow(first + 2 + rows.length);
  total.values = ['', reportLabels.total, '', ...values(report.indicators)];
  total.font = { bold: true };
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 18;
  sheet.getColumn(3).width = 44;
  for (let c = 4; c <= width; c++) sheet.getColumn(c).width = 11;
  top.height = 90;
}

/** The groupings of a report, as rows of the figure and indicator sheets. */
function groupings(
  report: ReportDocument,
): { sheets: [string, string]; keys: [string, string]; rows: GroupRow[] }[] {
  return [
    {
      sheets: [reportLabels.procedureSheet, indicatorReportLabels.procedureIndicatorSheet],
      keys: [reportLabels.procedureCode, reportLabels.procedureName],
      rows: report.byProcedure.map((p) => ({
        key: p.procedureCode,
        name: p.procedureName,
        figures: p,
        indicators: p.indicators,
      })),
    },
    {
      sheets: [reportLabels.divisionSheet, indicatorReportLabels.divisionIndicatorSheet],
      keys: [reportLabels.divisionCode, reportLabels.divisionName],
      rows: report.byDivision.map((d) => ({
        key: d.division ?? '',
        name: d.divisionName ?? d.division ?? reportLabels.unknownDivision,
        figures: d,
        indicators: d.indicators,
      })),
    },
    {
      sheets: [indicatorReportLabels.receivingUnitSheet, indicatorReportLabels.receivingUnitIndicatorSheet],
      keys: [indicatorReportLabels.receivingUnitCode, indicatorReportLabels.receivingUnitName],
      rows: report.byReceivingUnit.map((u) => ({
        key: u.receivingUnit,
        name: u.formerProvince ? `${u.receivingUnitName} (${u.formerProvince})` : u.receivingUnitName,
        figures: u,
        indicators: u.indicators,
      })),
    },
  ];
}

/**
 * The Excel workbook of a report: Tổng hợp, Theo thủ tục, Theo đơn vị, Theo điểm tiếp nhận, Chỉ số QĐ 766,
 * Chỉ số theo thủ tục, Chỉ số theo đơn vị, Chỉ số theo điểm tiếp nhận.
 */
export async function reportWorkbook(report: ReportDocument): Promise<Buffer> {
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

  const groups = groupings(report);
  for (const g of groups) rowsSheet(workbook, report, g.sheets[0], g.keys, g.rows);

  const indicators = workbook.addWorksheet(reportLabels.indicatorSheet);
  const top = headerBlock(indicators, report, 6);
  tableHeader(indicators, top, [
    'STT',
    reportLabels.indicator,
    reportLabels.numerator,
    reportLabels.denominator,
    indicatorReportLabels.value,
    indicatorReportLabels.unit,
  ]);
  report.indicators.forEach((ind, i) => {
    indicators.getRow(top + 1 + i).values = [
      i + 1,
      ind.name,
      ind.numerator,
      ind.denominator,
      ind.value,
      indicatorReportLabels.units[ind.unit],
    ];
  });
  indicators.getColumn(1).width = 6;
  indicators.getColumn(2).width = 80;
  for (const c of [3, 4, 5, 6]) indicators.getColumn(c).width = 14;

  for (const g of groups) indicatorRowsSheet(workbook, report, g.sheets[1], g.keys, g.rows);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
