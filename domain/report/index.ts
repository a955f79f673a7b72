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
export { reportLabels, figureLabels } from './labels.js';
