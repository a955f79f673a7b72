/**
 * Report periods: the customer's plan windows (docs/domain.md, "Online service and the customer's plan") and
 * any range of Vietnam local dates, with the instants that bound them. A date D means the whole Vietnam local
 * day D, from 00:00+07:00 to the next day's 00:00+07:00; a period [from, to] includes both days, so its end
 * instant is `to + 1 day` at 00:00.
 */
import {
  addDays,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  vnDateTimeToInstant,
  type IsoDate,
} from '../calendar/index.js';

/** The plan's windows: Quý I, 6 tháng, Quý III, năm. */
export const planPeriodKinds = ['q1', 'h1', 'q3', 'year'] as const;

/** One of {@link planPeriodKinds}. */
export type PlanPeriodKind = (typeof planPeriodKinds)[number];

/** Vietnamese names of the plan's windows, for titles. */
export const planPeriodLabels: Readonly<Record<PlanPeriodKind, string>> = {
  q1: 'Quý I',
  h1: '6 tháng đầu năm',
  q3: 'Quý III',
  year: 'Năm',
};

/** A report period: Vietnam local dates, both inclusive. `kind` is set for the plan's windows. */
export interface ReportPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly kind: PlanPeriodKind | null;
  /** The report year of a plan window; null for a free range. */
  readonly year: number | null;
}

/** First and last report years accepted (the calendar's range, leaving room for the previous December). */
export const MIN_REPORT_YEAR = MIN_YEAR + 1;
export const MAX_REPORT_YEAR = MAX_YEAR - 1;

/** Longest free range, in years: `to` must be before `from` + 3 years. */
export const MAX_PERIOD_YEARS = 3;

/**
 * The plan's data cut-off windows for report year `year` (Kế hoạch CCHC;
 * docs/domain.md, "Online service and the customer's plan"):
 * - Quý I: 10/12 of the previous year → 10/3;
 * - 6 tháng: 10/12 of the previous year → 10/6;
 * - Quý III: 11/6 → 10/9;
 * - Năm: 10/12 of the previous year → 10/12.
 *
 * The windows are the plan's, word for word: 10/12 closes one report year and opens the next, so that
 * day is counted in both years' reports (Quý III, in contrast, starts on 11/6, the day after 6 tháng ends).
 * @throws RangeError when `year` is outside {@link MIN_REPORT_YEAR}–{@link MAX_REPORT_YEAR}.
 */
export function planPeriod(kind: PlanPeriodKind, year: number): ReportPeriod {
  if (!Number.isInteger(year) || year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) {
    throw new RangeError(`planPeriod: year must be ${MIN_REPORT_YEAR}–${MAX_REPORT_YEAR}, got ${year}`);
  }
  const y = String(year).padStart(4, '0');
  const previousDec10 = `${String(year - 1).padStart(4, '0')}-12-10`;
  switch (kind) {
    case 'q1':
      return { from: previousDec10, to: `${y}-03-10`, kind, year };
    case 'h1':
      return { from: previousDec10, to: `${y}-06-10`, kind, year };
    case 'q3':
      return { from: `${y}-06-11`, to: `${y}-09-10`, kind, year };
    case 'year':
      return { from: previousDec10, to: `${y}-12-10`, kind, year };
  }
}

/** The instants bounding a period: `start` inclusive (from 00:00+07:00), `end` exclusive (to + 1 day, 00:00+07:00). */
export function periodBounds(period: Pick<ReportPeriod, 'from' | 'to'>): { start: number; end: number } {
  return {
    start: vnDateTimeToInstant(period.from, '00:00'),
    end: vnDateTimeToInstant(addDays(period.to, 1), '00:00'),
  };
}

/** Stable codes of a bad report period. */
export const REPORT_ERROR = Object.freeze({
  /** Neither `period` nor `from`/`to` was given. */
  MISSING_PERIOD: 'REPORT.MISSING_PERIOD',
  /** `period` without `year`. */
  MISSING_YEAR: 'REPORT.MISSING_YEAR',
  /** `from` without `to` or the reverse. */
  MISSING_DATE: 'REPORT.MISSING_DATE',
  /** `period`/`year` together with `from`/`to`, or `year` without `period`. */
  CONFLICTING_PARAMETERS: 'REPORT.CONFLICTING_PARAMETERS',
  /** A date that is not a real `YYYY-MM-DD` day, or a year out of range. */
  INVALID_DATE: 'REPORT.INVALID_DATE',
  /** `from` after `to`. */
  INVALID_PERIOD: 'REPORT.INVALID_PERIOD',
  /** `to` is `from` + 3 years or later. */
  PERIOD_TOO_LONG: 'REPORT.PERIOD_TOO_LONG',
});

export type ReportErrorCode = (typeof REPORT_ERROR)[keyof typeof REPORT_ERROR];

/** What a caller asked for, as given (query parameters). */
export interface ReportPeriodRequest {
  readonly period?: PlanPeriodKind;
  readonly year?: number;
  readonly from?: string;
  readonly to?: string;
}

/** Why a {@link ReportPeriodRequest} was refused: a stable code, the parameter at fault, a Vietnamese message. */
export interface ReportPeriodProblem {
  readonly code: ReportErrorCode;
  readonly field: 'period' | 'year' | 'from' | 'to';
  readonly message: string;
}

const problem = (
  code: ReportErrorCode,
  field: ReportPeriodProblem['field'],
  message: string,
): { ok: false; problem: ReportPeriodProblem } => ({ ok: false, problem: { code, field, message } });

const validDate = (text: string): boolean => {
  const ymd = parseIsoDate(text);
  return ymd !== undefined && ymd.year >= MIN_REPORT_YEAR && ymd.year <= MAX_REPORT_YEAR;
};

/**
 * The period a request names: a plan window (`period` + `year`) or a range (`from` + `to`), never both.
 * A range must not run backwards and must be shorter than {@link MAX_PERIOD_YEARS} years.
 */
export function resolveReportPeriod(
  request: ReportPeriodRequest,
): { ok: true; period: ReportPeriod } | { ok: false; problem: ReportPeriodProblem } {
  const { period, year, from, to } = request;
  const hasRange = from !== undefined || to !== undefined;
  if (period !== undefined) {
    if (hasRange) {
      return problem(
        REPORT_ERROR.CONFLICTING_PARAMETERS,
        from !== undefined ? 'from' : 'to',
        'Chọn kỳ báo cáo theo kế hoạch (period, year) hoặc khoảng ngày (from, to), không chọn cả hai.',
      );
    }
    if (year === undefined) return problem(REPORT_ERROR.MISSING_YEAR, 'year', 'Thiếu năm báo cáo.');
    if (!Number.isInteger(year) || year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) {
      return problem(
        REPORT_ERROR.INVALID_DATE,
        'year',
        `Năm báo cáo phải từ ${MIN_REPORT_YEAR} đến ${MAX_REPORT_YEAR}.`,
      );
    }
    return { ok: true, period: planPeriod(period, year) };
  }
  if (year !== undefined) {
    return problem(
      REPORT_ERROR.CONFLICTING_PARAMETERS,
      'year',
      'Năm báo cáo chỉ dùng cùng kỳ báo cáo theo kế hoạch (period = q1, h1, q3 hoặc year).',
    );
  }
  if (!hasRange) {
    return problem(
      REPORT_ERROR.MISSING_PERIOD,
      'period',
      'Thiếu kỳ báo cáo: chọn period (q1, h1, q3, year) và year, hoặc from và to.',
    );
  }
  if (from === undefined) return problem(REPORT_ERROR.MISSING_DATE, 'from', 'Thiếu ngày bắt đầu.');
  if (to === undefined) return problem(REPORT_ERROR.MISSING_DATE, 'to', 'Thiếu ngày kết thúc.');
  if (!validDate(from)) {
    return problem(REPORT_ERROR.INVALID_DATE, 'from', 'Ngày bắt đầu không hợp lệ (dạng YYYY-MM-DD).');
  }
  if (!validDate(to)) {
    return problem(REPORT_ERROR.INVALID_DATE, 'to', 'Ngày kết thúc không hợp lệ (dạng YYYY-MM-DD).');
  }
  if (from > to) {
    return problem(REPORT_ERROR.INVALID_PERIOD, 'to', 'Ngày kết thúc không được trước ngày bắt đầu.');
  }
  // Same month and day MAX_PERIOD_YEARS later; a string compare needs no valid date (29/02 + 3 years).
  const limit = `${String(Number(from.slice(0, 4)) + MAX_PERIOD_YEARS).padStart(4, '0')}${from.slice(4)}`;
  if (to >= limit) {
    return problem(
      REPORT_ERROR.PERIOD_TOO_LONG,
      'to',
      `Kỳ báo cáo dài tối đa ${MAX_PERIOD_YEARS} năm (ngày kết thúc phải trước ${limit.slice(8, 10)}/${limit.slice(5, 7)}/${limit.slice(0, 4)}).`,
    );
  }
  return { ok: true, period: { from, to, kind: null, year: null } };
}
