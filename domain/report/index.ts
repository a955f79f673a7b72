/**
 * Periodic reports: the plan's windows, the figures of docs/domain.md ("Statistics categories") and Decision
 * 766's indicators ("Decision 766 indicators"). Pure code.
 */
export {
  MAX_PERIOD_YEARS,
  MAX_REPORT_YEAR,
  MIN_REPORT_YEAR,
  periodBounds,
  planPeriod,
  planPeriodKinds,
  planPeriodLabels,
  REPORT_ERROR,
  resolveReportPeriod,
  type PlanPeriodKind,
  type ReportErrorCode,
  type ReportPeriod,
  type ReportPeriodProblem,
  type ReportPeriodRequest,
} from './period.js';
export {
  appointmentInForce,
  classifyDossier,
  computeReport,
  dossierEnd,
  emptyFigures,
  indicatorsOf,
  mainDivision,
  percent,
  type AppointmentChange,
  type DossierClassification,
  type Report,
  type ReportChannel,
  type ReportDossier,
  type ReportFigures,
  type ReportIndicator,
  type ReportOptions,
} from './figures.js';
export { figureLabels, indicatorReportLabels, reportLabels } from './labels.js';
export {
  emptyCounts,
  indicatorsOfRow,
  monthsOf,
  processingWorkingDays,
  processingWorkingMinutes,
  withIndicators766,
  type Indicator,
  type IndicatorCounts,
  type IndicatorDossier,
  type IndicatorFacts,
  type IndicatorOptions,
  type IndicatorReport,
  type IndicatorUnit,
  type MonthRow,
  type ReceivingUnitRow,
} from './indicators-766.js';
export {
  remindersDueOn,
  reportDueDate,
  REPORT_DUE_DAY,
  REPORT_OFFICE_DIVISION,
  REPORT_REMINDER_WORKING_DAYS,
  workingDaysBefore,
  type DueReminder,
} from './due-date.js';
