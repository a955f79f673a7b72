/**
 * Shapes of the API answers the console reads, as in the OpenAPI document (`/openapi.json`). Instants
 * are ISO-8601 strings with the +07:00 offset.
 */

export type Role = 'receiver' | 'specialist' | 'head' | 'deputy' | 'director' | 'auditor' | 'admin';

export interface Officer {
  username: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  tenant: string;
  divisionCode: string | null;
}

export interface LoginAnswer {
  token: string;
  expiresAt: string;
  officer: Officer;
}

export type StepKind =
  'receipt' | 'handling' | 'approval' | 'liaison' | 'payment' | 'digitisation' | 'return';

export type Phase =
  | 'processing'
  | 'awaiting_supplement'
  | 'withdrawal_requested'
  | 'result_ready'
  | 'returned'
  | 'refused'
  | 'stopped';

export interface DossierListItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: number;
  phase: Phase;
  currentStepId: string | null;
  currentStepName: string | null;
  division: string | null;
  assignee: string | null;
  receivedAt: string;
  appointmentAt: string;
  stepDeadline: string | null;
  overdue: boolean;
  /** Flagged at risk by the escalation ladder. */
  atRisk: boolean;
}

export interface DossierList {
  items: DossierListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CurrentStepView {
  stepId: string;
  index: number;
  name: string | null;
  kind: StepKind | null;
  division: string | null;
  role: Role | null;
  startedAt: string;
  deadline: string;
  assignee: { officerId: string; username: string; fullName: string } | null;
}

export interface DossierView {
  code: string;
  tenant: string;
  status: number;
  statusLabel: string;
  phase: Phase;
  phaseLabel: string;
  procedure: { code: string; version: number; name: string };
  applicant: { fullName: string; idNumber: string; email: string | null; phone: string | null };
  components: string[];
  receivedAt: string;
  receivedBy: string;
  appointmentAt: string;
  originalAppointmentAt: string;
  calendarVersion: number;
  currentStep: CurrentStepView | null;
  clock: {
    running: boolean;
    paused: boolean;
    supplementRequests: number;
    multipleSupplements: boolean;
    pauses: {
      requestedAt: string;
      resumedAt: string | null;
      reason: string;
      items: string[];
      pausedWorkingMinutes: number | null;
    }[];
  };
  overdue: boolean;
  /** Escalation ladder (issue 7): present once the API exposes it. */
  atRisk?: {
    at: string;
    reason: 'budget' | 'last_day';
    remainingMinutes: number;
    neededMinutes: number;
  } | null;
  /** At risk or overdue, still handled, no apology yet: a leader must sign one (Mẫu 04). */
  apologyRequired?: boolean;
  apology?: {
    signedAt: string;
    signerName: string;
    reason: string;
    previousAppointmentAt: string;
    newAppointmentAt: string;
  } | null;
  payment: {
    reference: string;
    amount: number;
    status: 'pending' | 'paid';
    method: 'online' | 'cash' | null;
    transactionId: string | null;
    paidAt: string | null;
    /** The procedure's fee per dossier, or per copy when `copies` is set. */
    unitAmount?: number | null;
    copies?: number | null;
    note?: string | null;
    /** The provider's page where the applicant pays online (while pending). */
    payUrl?: string | null;
  } | null;
  result: { fileId: string; fileName: string; sha256: string; attachedAt: string; attachedBy: string } | null;
  liaison: {
    partnerName: string;
    status: 'waiting' | 'answered';
    late: boolean;
    answer: string | null;
    requestedAt: string;
    answeredAt: string | null;
  } | null;
  resultReadyAt: string | null;
  finishedAt: string | null;
  outcome: string | null;
  links: { self: string; history: string; temporal: string };
}

export interface HistoryItem {
  seq: number;
  at: string;
  type: string;
  actor: { username: string | null; role: string | null; name: string | null };
  stepId: string | null;
  fromStatus: number | null;
  toStatus: number;
  fromStepId: string | null;
  toStepId: string | null;
  onTime: 'early' | 'on_time' | 'late' | null;
  payload: Record<string, unknown>;
  hash: string;
}

export interface DossierHistory {
  items: HistoryItem[];
  chainValid: boolean;
  brokenAtSeq: number | null;
  rejected: {
    at: string;
    actor: string | null;
    role: string | null;
    action: string;
    code: string;
    message: string;
  }[];
}

export interface ProcedureSummary {
  code: string;
  name: string;
  version: number;
  field: string;
  legalLimit: { amount: number; unit: string };
  fee: { amount: number; note?: string };
  onlineLevel: string;
}

export interface ProcedureStep {
  id: string;
  name: string;
  kind: StepKind;
  division: string;
  role: Role;
  budgetHours: number;
}

export interface ProcedureDefinition {
  code: string;
  name: string;
  legalLimit: { amount: number; unit: 'working_days' | 'working_hours' | 'calendar_days' | 'same_day' };
  fee: { amount: number; note?: string };
  components: { code: string; name: string; required: boolean; copyForm?: string }[];
  steps: ProcedureStep[];
  resultName: string;
  decider: string;
}

export interface ProcedureVersion {
  code: string;
  version: number;
  effectiveFrom: string;
  definition: ProcedureDefinition;
}

export interface DeadlineAnswer {
  deadline: string;
  calendarVersion: number;
  tenant: string;
  explanation: { date: string; reason: string }[];
}

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: 'working' | 'weekly_rest' | 'holiday' | 'compensatory' | 'decision_day_off' | 'make_up_working';
  reasons: string[];
}

export interface CalendarDays {
  tenant: string;
  version: number;
  days: CalendarDay[];
}

export interface Division {
  code: string;
  name: string;
  kind: string;
}

export interface OfficerSummary {
  username: string;
  fullName: string;
  role: Role;
  roleLabel: string;
  divisionCode: string | null;
}

/** `GET /dossiers/{code}/assignees`: the officers eligible for the dossier's current step. */
export interface DossierAssignees {
  stepId: string | null;
  items: OfficerSummary[];
}

/** `422 DOSSIER.INCOMPLETE` of a receipt: the one-time guidance (Mẫu 02) was recorded. */
export interface IncompleteReceipt {
  code: 'DOSSIER.INCOMPLETE';
  message: string;
  missing: { code: string; name: string }[];
  guidanceId: number;
}
