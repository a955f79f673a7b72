/**
 * Semantic checks of a structurally valid calendar definition (see `validateCalendarDefinition`).
 * Messages are Vietnamese: they are shown to the officer who publishes a calendar.
 */
import type { CalendarDefinition, CalendarIssue } from './definition.js';
import { buildYearTable, KIND_BY_CODE } from './holidays.js';
import {
  epochDayFromYmd,
  formatDmy,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  weekdayOfEpochDay,
} from './iso-date.js';
import { parseHhmm } from './time.js';

type Path = (string | number)[];

function checkDate(text: string, path: Path, issues: CalendarIssue[]): boolean {
  const ymd = parseIsoDate(text);
  if (!ymd) {
    issues.push({ path, code: 'invalid_date', message: `Ngày không tồn tại: ${text}` });
    return false;
  }
  if (ymd.year < MIN_YEAR || ymd.year > MAX_YEAR) {
    issues.push({
      path,
      code: 'date_out_of_range',
      message: `Ngày ${text} nằm ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}`,
    });
    return false;
  }
  return true;
}

function checkOfficeHours(def: CalendarDefinition, issues: CalendarIssue[]): void {
  let previousEnd = -1;
  def.officeHours.forEach((h, i) => {
    const start = parseHhmm(h.start) ?? 0;
    const end = parseHhmm(h.end) ?? 0;
    if (start >= end) {
      issues.push({
        path: ['officeHours', i],
        code: 'empty_interval',
        message: `Giờ bắt đầu ${h.start} phải trước giờ kết thúc ${h.end}`,
      });
    } else if (start < previousEnd) {
      issues.push({
        path: ['officeHours', i],
        code: 'overlapping_office_hours',
        message: 'Các khoảng giờ làm việc phải theo thứ tự và không chồng lấn',
      });
    }
    previousEnd = Math.max(previousEnd, end);
  });
}

function checkRestDays(def: CalendarDefinition, issues: CalendarIssue[]): void {
  const seen = new Set<number>();
  def.weeklyRestDays.forEach((d, i) => {
    if (seen.has(d))
      issues.push({
        path: ['weeklyRestDays', i],
        code: 'duplicate_rest_day',
        message: `Ngày nghỉ hằng tuần ${d} bị lặp`,
      });
    seen.add(d);
  });
  if (seen.size >= 7) {
    issues.push({
      path: ['weeklyRestDays'],
      code: 'no_working_weekday',
      message: 'Phải có ít nhất một ngày làm việc trong tuần',
    });
  }
}

function inDecisionYear(date: string, year: number): boolean {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return y === year || (y === year - 1 && m === 12) || (y === year + 1 && m === 1);
}

/** Entry checks that need no holiday computation; returns false if any date is invalid. */
function checkEntries(def: CalendarDefinition, issues: CalendarIssue[]): boolean {
  const byDate = new Map<string, { kind: string; path: Path }>();
  let datesValid = true;
  def.decisions.forEach((decision, di) => {
    decision.entries.forEach((entry, ei) => {
      const path: Path = ['decisions', di, 'entries', ei];
      if (!checkDate(entry.date, [...path, 'date'], issues)) {
        datesValid = false;
        return;
      }
      if (!inDecisionYear(entry.date, decision.year)) {
        issues.push({
          path: [...path, 'date'],
          code: 'entry_outside_decision_year',
          message: `Ngày ${formatDmy(entry.date)} không thuộc năm ${decision.year} của quyết định`,
        });
      }
      if (entry.kind === 'working_day' && entry.holiday !== undefined) {
        issues.push({
          path: [...path, 'holiday'],
          code: 'holiday_on_working_day',
          message: 'Chỉ ngày nghỉ (day_off) mới được gắn với một ngày lễ',
        });
      }
      const previous = byDate.get(entry.date);
      if (previous && previous.kind !== entry.kind) {
        issues.push({
          path: [...path, 'kind'],
          code: 'contradictory_entries',
          message: `Ngày ${formatDmy(entry.date)} vừa là ngày nghỉ vừa là ngày làm việc (xem ${previous.path.join('.')})`,
        });
      } else if (!previous) {
        byDate.set(entry.date, { kind: entry.kind, path });
      }
    });
  });
  return datesValid;
}

const REST_OR_HOLIDAY = new Set(['weekly_rest', 'holiday', 'compensatory']);

/**
 * A `working_day` entry must turn a weekly rest day or a holiday (incl. nghỉ bù and days tagged as a
 * holiday's) into a working day. Untagged days off are ignored here: a make-up day listed on one is
 * already reported as contradictory.
 */
function checkMakeUpDays(def: CalendarDefinition, issues: CalendarIssue[]): void {
  const withoutMakeUps = {
    ...def,
    decisions: def.decisions.map((d) => ({
      ...d,
      entries: d.entries.filter((e) => e.kind === 'day_off' && e.holiday !== undefined),
    })),
  };
  const tables = new Map<number, ReturnType<typeof buildYearTable>>();
  def.decisions.forEach((decision, di) => {
    decision.entries.forEach((entry, ei) => {
      if (entry.kind !== 'working_day') return;
      const ymd = parseIsoDate(entry.date);
      if (!ymd) return;
      const epochDay = epochDayFromYmd(ymd.year, ymd.month, ymd.day);
      if (def.weeklyRestDays.includes(weekdayOfEpochDay(epochDay))) return; // cheap common case
      const table = tables.get(ymd.year) ?? buildYearTable(withoutMakeUps, ymd.year);
      tables.set(ymd.year, table);
      const code = table.kinds[epochDay - table.firstEpochDay] ?? 0;
      if (!REST_OR_HOLIDAY.has(KIND_BY_CODE[code] ?? 'working')) {
        issues.push({
          path: ['decisions', di, 'entries', ei, 'date'],
          code: 'working_day_not_rest_day',
          message: `Ngày làm bù ${formatDmy(entry.date)} phải là ngày nghỉ hằng tuần hoặc ngày lễ`,
        });
      }
    });
  });
}

/** Every semantic issue of a structurally valid definition (empty when valid). */
export function semanticIssues(def: CalendarDefinition): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  checkDate(def.effectiveFrom, ['effectiveFrom'], issues);
  checkOfficeHours(def, issues);
  checkRestDays(def, issues);
  if (checkEntries(def, issues)) checkMakeUpDays(def, issues);
  return issues;
}
