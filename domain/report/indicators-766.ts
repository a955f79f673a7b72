/**
 * Decision 766's indicators that need more than the counts of {@link ReportFigures} (docs/reports.md,
 * "Decision 766 indicators the data supports"): average processing time in working days, digitisation of
 * results and of dossiers, online payment, dissatisfied ratings and the satisfaction index; the rows by
 * receiving point; the on-time rate month by month. Pure: the facts of each dossier come in with it
 * ({@link IndicatorFacts}) and the calendars as data.
 *
 * Kept apart from figures.ts on purpose: it reads the same classification of each dossier
 * ({@link classifyDossier}) and adds its own counts, so figures.ts stays the table of counts.
 */
import {
  createWorkingCalendar,
  toVnDate,
  type CalendarDefinition,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar/index.js';
import {
  addDossierToFigures,
  classifyDossier,
  dossierEnd,
  emptyFigures,
  indicatorsOf,
  percent,
  type DossierClassification,
  type Report,
  type ReportDossier,
  type ReportFigures,
  type ReportIndicator,
} from './figures.js';
import { AGENCY_DESK_UNIT } from '../dossier/desk.js';
import { periodBounds, type ReportPeriod } from './period.js';

/** What Decision 766's indicators need of a dossier besides {@link ReportDossier}. */
export interface IndicatorFacts {
  /**
   * The receiving unit (receiving_unit.code) where it was received; the Sở's own one-stop desk is
   * {@link AGENCY_DESK_UNIT} (also for dossiers received before receiving units were recorded).
   */
  readonly receivedUnit: string;
  /** The version of the tenant's calendar the dossier counts its time with. */
  readonly calendarVersion: number;
  /** The procedure's result is a document the Sở issues (so it is digitised); null: version unknown. */
  readonly resultIsDocument: boolean | null;
  /** The digitised result file is attached. */
  readonly resultDigitised: boolean;
  /**
   * Files are attached to the dossier's components. The product does not digitise components yet, so
   * this is false for every dossier today; the indicator that needs it says so.
   */
  readonly componentsDigitised: boolean;
  /** The fee, once paid: online (payment provider) or cash at the desk, and when. */
  readonly feePaid: { readonly method: 'online' | 'cash'; readonly at: number } | null;
  /** The applicant's rating (one per dossier), and whether it is "Không hài lòng". */
  readonly rating: { readonly dissatisfied: boolean; readonly at: number } | null;
}

/** A dossier as the indicator report reads it. */
export type IndicatorDossier = ReportDossier & IndicatorFacts;

/** What an indicator's value is in. */
export type IndicatorUnit = 'percent' | 'working_days';

/** An indicator with its unit: a percentage, or an average in working days (2 decimals either way). */
export interface Indicator extends ReportIndicator {
  unit: IndicatorUnit;
}

/** The counts behind the indicators of one row, besides its {@link ReportFigures}. */
export interface IndicatorCounts {
  /** Finished dossiers whose processing time was measured (their calendar is known). */
  measured: number;
  /** Their processing time, in working days, summed (not rounded). */
  workingDays: number;
  /** Finished dossiers whose procedure's result is a document. */
  finishedDocument: number;
  /** … of which the digitised result file is attached. */
  finishedDigitised: number;
  /** Received dossiers with files on their components and on their result. */
  receivedDigitised: number;
  /** Fees paid in the period. */
  paid: number;
  /** … of which online. */
  paidOnline: number;
  /** Dossiers rated before the period end. */
  rated: number;
  /** … of which "Không hài lòng". */
  dissatisfied: number;
  /** Late by Decision 766: finished late, finished with more than one supplement request, or overdue. */
  overdue766: number;
  /** Late by Decision 766 or rated "Không hài lòng" (each dossier once). */
  overdueOrDissatisfied: number;
}

export function emptyCounts(): IndicatorCounts {
  return {
    measured: 0,
    workingDays: 0,
    finishedDocument: 0,
    finishedDigitised: 0,
    receivedDigitised: 0,
    paid: 0,
    paidOnline: 0,
    rated: 0,
    dissatisfied: 0,
    overdue766: 0,
    overdueOrDissatisfied: 0,
  };
}

/** `value` rounded to 2 decimals. */
const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Working minutes from receipt to `end` on `cal`, without the time spent waiting for the applicant's
 * supplements (Decision 766 excludes it, whatever the procedure's clock rule): each wait runs from the
 * request to the supplement received, or to `end` while it is still awaited.
 */
export function processingWorkingMinutes(
  d: Pick<ReportDossier, 'receivedAt' | 'supplements'>,
  end: number,
  cal: Pick<WorkingCalendar, 'workingMinutesBetween'>,
): number {
  const paused = d.supplements.reduce((sum, s) => {
    const from = Math.max(s.requestedAt, d.receivedAt);
    const to = Math.min(s.resumedAt ?? end, end);
    return sum + cal.workingMinutesBetween(from, to);
  }, 0);
  return cal.workingMinutesBetween(d.receivedAt, end) - paused;
}

/** {@link processingWorkingMinutes} in working days of `cal` (its office minutes per day). */
export function processingWorkingDays(
  d: Pick<ReportDossier, 'receivedAt' | 'supplements'>,
  end: number,
  cal: Pick<WorkingCalendar, 'workingMinutesBetween' | 'workingMinutesPerDay'>,
): number {
  return processingWorkingMinutes(d, end, cal) / cal.workingMinutesPerDay;
}

/** Late by Decision 766's rule: late, more than one supplement request, or overdue at the cut-off. */
function overdueBy766(c: DossierClassification): boolean {
  if (c.closed === 'finished') return c.result === 'late' || c.multipleSupplements;
  return c.progress === 'overdue';
}

/** Adds dossier `d` (classified `c`, processing time `days` when measured) to the counts of a row. */
function addToCounts(
  n: IndicatorCounts,
  d: IndicatorDossier,
  c: DossierClassification,
  days: number | null,
  bounds: { start: number; end: number },
): void {
  if (c.closed === 'finished') {
    if (days !== null) {
      n.measured += 1;
      n.workingDays += days;
    }
    if (d.resultIsDocument === true) {
      n.finishedDocument += 1;
      if (d.resultDigitised) n.finishedDigitised += 1;
    }
  }
  if (c.received && d.componentsDigitised && d.resultDigitised) n.receivedDigitised += 1;
  if (d.feePaid && d.feePaid.at >= bounds.start && d.feePaid.at < bounds.end) {
    n.paid += 1;
    if (d.feePaid.method === 'online') n.paidOnline += 1;
  }
  const dissatisfied = d.rating !== null && d.rating.at < bounds.end && d.rating.dissatisfied;
  if (d.rating !== null && d.rating.at < bounds.end) n.rated += 1;
  if (dissatisfied) n.dissatisfied += 1;
  const overdue = overdueBy766(c);
  if (overdue) n.overdue766 += 1;
  if (overdue || dissatisfied) n.overdueOrDissatisfied += 1;
}

/** The indicators of a row: those of its figures ({@link indicatorsOf}), then Decision 766's others. */
export function indicatorsOfRow(f: ReportFigures, n: IndicatorCounts): Indicator[] {
  const percentRows: [string, string, number, number][] = [
    [
      'RESULT_DIGITISATION_RATE',
      'Tỷ lệ số hóa kết quả giải quyết (hồ sơ đã giải quyết có tệp kết quả số hóa / hồ sơ đã giải quyết của thủ tục có kết quả là văn bản)',
      n.finishedDigitised,
      n.finishedDocument,
    ],
    [
      'DOSSIER_DIGITISATION_RATE',
      'Tỷ lệ số hóa hồ sơ (có tệp số hóa thành phần hồ sơ và kết quả / tiếp nhận trong kỳ); phần mềm chưa số hóa thành phần hồ sơ nên tử số là 0',
      n.receivedDigitised,
      f.received,
    ],
    [
      'ONLINE_PAYMENT_RATE',
      'Tỷ lệ thanh toán trực tuyến (phí, lệ phí nộp trực tuyến / đã nộp trong kỳ)',
      n.paidOnline,
      n.paid,
    ],
    [
      'OVERDUE_RATE_766',
      'Tỷ lệ hồ sơ quá hạn theo Quyết định 766 (quá hạn, bổ sung quá 1 lần, đang giải quyết quá hạn / tổng số cần giải quyết)',
      n.overdue766,
      f.toHandle,
    ],
    [
      'DISSATISFIED_RATE',
      'Tỷ lệ đánh giá "Không hài lòng" (trên số hồ sơ được đánh giá)',
      n.dissatisfied,
      n.rated,
    ],
    [
      'SATISFACTION_766',
      'Tỷ lệ hài lòng theo Quyết định 766 (hồ sơ không quá hạn và không bị đánh giá "Không hài lòng" / tổng số cần giải quyết)',
      f.toHandle - n.overdueOrDissatisfied,
      f.toHandle,
    ],
  ];
  return [
    ...indicatorsOf(f).map((i): Indicator => ({ ...i, unit: 'percent' })),
    {
      code: 'AVERAGE_WORKING_DAYS',
      name: 'Thời gian giải quyết trung bình (ngày làm việc, không tính thời gian chờ bổ sung)',
      numerator: round2(n.workingDays),
      denominator: n.measured,
      value: n.measured === 0 ? null : round2(n.workingDays / n.measured),
      unit: 'working_days',
    },
    ...percentRows.map(([code, name, numerator, denominator]): Indicator => ({
      code,
      name,
      numerator,
      denominator,
      value: percent(numerator, denominator),
      unit: 'percent',
    })),
  ];
}

/** Finished dossiers of one month (by the Vietnam date of their end) and their on-time rates. */
export interface MonthRow {
  /** 'YYYY-MM'. */
  month: string;
  finished: number;
  /** Early or on time. */
  onTime: number;
  /** Early or on time with at most one supplement request (Decision 766). */
  onTime766: number;
  onTimeRate: number | null;
  onTimeRate766: number | null;
}

/** Every month 'YYYY-MM' from the month of `from` to the month of `to`. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
  }
}

/** A receiving point's row: its figures, indicators, and its name. */
export type ReceivingUnitRow = ReportFigures & {
  receivingUnit: string;
  receivingUnitName: string;
  formerProvince: string | null;
  indicators: Indicator[];
};

/** The report with Decision 766's indicators on every row, the receiving points and the months. */
export type IndicatorReport = Omit<Report, 'indicators' | 'byProcedure' | 'byDivision'> & {
  indicators: Indicator[];
  byProcedure: (Report['byProcedure'][number] & { indicators: Indicator[] })[];
  byDivision: (Report['byDivision'][number] & { indicators: Indicator[] })[];
  byReceivingUnit: ReceivingUnitRow[];
  byMonth: MonthRow[];
};

/** Inputs of {@link withIndicators766} besides the report and its dossiers. */
export interface IndicatorOptions {
  period: ReportPeriod;
  /** The report's time (epoch ms), as given to `computeReport`. */
  now: number;
  /** The tenant's calendar definitions by version (those the dossiers use). */
  calendars: ReadonlyMap<number, CalendarDefinition>;
  /** The tenant's receiving units by code (a unit missing here is named by its code). */
  receivingUnits: Readonly<Record<string, { name: string; formerProvince: string | null }>>;
}

/**
 * Adds to `report` (computed by `computeReport` over the same dossiers, period and time) the indicators
 * of Decision 766 on the totals and on every row, the rows by receiving point (the Sở's own desk first,
 * then by code) and the on-time rates of each month of the period.
 */
export function withIndicators766(
  report: Report,
  dossiers: readonly IndicatorDossier[],
  options: IndicatorOptions,
): IndicatorReport {
  const bounds = periodBounds(options.period);
  const asOf = Math.max(bounds.start, Math.min(bounds.end, options.now));
  const calendars = new Map<number, WorkingCalendar>();
  const calendarOf = (version: number): WorkingCalendar | null => {
    const definition = options.calendars.get(version);
    if (!definition) return null;
    if (!calendars.has(version)) calendars.set(version, createWorkingCalendar(definition));
    return calendars.get(version)!;
  };
  const totals = emptyCounts();
  const byProcedure = new Map<string, IndicatorCounts>();
  const byDivision = new Map<string | null, IndicatorCounts>();
  const byUnit = new Map<string, { figures: ReportFigures; counts: IndicatorCounts }>();
  const months = new Map(monthsOf(options.period.from, options.period.to).map((m) => [m, emptyMonth(m)]));
  const countsIn = <K>(map: Map<K, IndicatorCounts>, key: K): IndicatorCounts => {
    if (!map.has(key)) map.set(key, emptyCounts());
    return map.get(key)!;
  };

  for (const d of dossiers) {
    const c = classifyDossier(d, bounds, asOf);
    if (!c.counted) continue;
    const end = c.closed === 'finished' ? dossierEnd(d) : null;
    const cal = end === null ? null : calendarOf(d.calendarVersion);
    const days = end === null || cal === null ? null : processingWorkingDays(d, end, cal);
    for (const counts of [totals, countsIn(byProcedure, d.procedureCode), countsIn(byDivision, d.division)]) {
      addToCounts(counts, d, c, days, bounds);
    }
    let unit = byUnit.get(d.receivedUnit);
    if (!unit) {
      unit = { figures: emptyFigures(), counts: emptyCounts() };
      byUnit.set(d.receivedUnit, unit);
    }
    addDossierToFigures(unit.figures, d, c);
    addToCounts(unit.counts, d, c, days, bounds);
    if (end !== null) addToMonth(months.get(toVnDate(end).slice(0, 7)), c);
  }

  return {
    ...report,
    indicators: indicatorsOfRow(report.totals, totals),
    byProcedure: report.byProcedure.map((row) => ({
      ...row,
      indicators: indicatorsOfRow(row, byProcedure.get(row.procedureCode) ?? emptyCounts()),
    })),
    byDivision: report.byDivision.map((row) => ({
      ...row,
      indicators: indicatorsOfRow(row, byDivision.get(row.division) ?? emptyCounts()),
    })),
    byReceivingUnit: [...byUnit.entries()]
      .sort(([a], [b]) => deskFirst(a) - deskFirst(b) || a.localeCompare(b))
      .map(([code, { figures, counts }]) => ({
        receivingUnit: code,
        receivingUnitName: options.receivingUnits[code]?.name ?? code,
        formerProvince: options.receivingUnits[code]?.formerProvince ?? null,
        ...figures,
        indicators: indicatorsOfRow(figures, counts),
      })),
    byMonth: [...months.values()],
  };
}

/** Sorts the Sở's own desk before the Centre's units. */
const deskFirst = (code: string): number => (code === AGENCY_DESK_UNIT ? 0 : 1);

function emptyMonth(month: string): MonthRow {
  return { month, finished: 0, onTime: 0, onTime766: 0, onTimeRate: null, onTimeRate766: null };
}

function addToMonth(row: MonthRow | undefined, c: DossierClassification): void {
  if (!row) return;
  row.finished += 1;
  if (c.result !== 'late') {
    row.onTime += 1;
    if (!c.multipleSupplements) row.onTime766 += 1;
  }
  row.onTimeRate = percent(row.onTime, row.finished);
  row.onTimeRate766 = percent(row.onTime766, row.finished);
}
