/**
 * The procedure definition (thủ tục hành chính, TTHC): ONE published version of a procedure of the Sở —
 * legal time limit, fee, online level (Decree 42/2022), result, dossier components (thành phần hồ sơ),
 * liaison partners (liên thông) and the approved internal process (quy trình nội bộ) as ordered steps,
 * each with a division, a role and a time budget in legal working hours — its zod schema and its
 * validation. A dossier runs on a snapshot of the version in force at receipt.
 */
import { z } from 'zod';
import { safeText } from '../text.js';
import {
  LEGAL_HOURS_PER_WORKING_DAY,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  type DeadlineLimit,
  type DeadlineUnit,
} from '../calendar/index.js';
import { roleSchema, type Role } from '../roles.js';
import type { ValidationIssue } from '../validation-issue.js';

/** Division code of the one-stop desk (Bộ phận Một cửa): it receives every dossier and returns every result. */
export const ONE_STOP_DESK_DIVISION = 'BPMC';

/**
 * Defaults of the escalation ladder, overridable per procedure (`escalation`); docs/escalation.md.
 * - `atRiskWorkingDays`: the leadership is warned this many working days before the appointment, early
 *   enough to sign the apology before its legal limit (one working day before the appointment).
 * - `apologyLeadWorkingDays`: the apology with a new appointment (Mẫu 04) is due by the end of the working
 *   day this many working days before the appointment day (docs/domain.md, "Apology and new appointment
 *   (Mẫu 04)": "no later than 1 day before", Decree 61/2018, repeated under Decree 118/2025).
 *   UNCONFIRMED: that the "1 day" of the decree counts working days, and the article of Decree 118/2025.
 */
export const DEFAULT_ESCALATION = Object.freeze({
  reminderAtFraction: 0.75,
  atRiskWorkingDays: 2,
  apologyLeadWorkingDays: 1,
});

/** Stable codes of the semantic issues found by {@link validateProcedureDefinition}. */
export const PROCEDURE_ISSUE = Object.freeze({
  NATIONAL_CODE_MISMATCH: 'PROCEDURE.NATIONAL_CODE_MISMATCH',
  INVALID_LIMIT: 'PROCEDURE.INVALID_LIMIT',
  DUPLICATE_COMPONENT_CODE: 'PROCEDURE.DUPLICATE_COMPONENT_CODE',
  DUPLICATE_STEP_ID: 'PROCEDURE.DUPLICATE_STEP_ID',
  FIRST_STEP_NOT_RECEIPT: 'PROCEDURE.FIRST_STEP_NOT_RECEIPT',
  LAST_STEP_NOT_RETURN: 'PROCEDURE.LAST_STEP_NOT_RETURN',
  DUPLICATE_RECEIPT_STEP: 'PROCEDURE.DUPLICATE_RECEIPT_STEP',
  DUPLICATE_RETURN_STEP: 'PROCEDURE.DUPLICATE_RETURN_STEP',
  STEP_NOT_AT_DESK: 'PROCEDURE.STEP_NOT_AT_DESK',
  ROLE_NOT_ALLOWED: 'PROCEDURE.ROLE_NOT_ALLOWED',
  UNKNOWN_DIVISION: 'PROCEDURE.UNKNOWN_DIVISION',
  LIAISON_PARTNER_MISSING: 'PROCEDURE.LIAISON_PARTNER_MISSING',
  LIAISON_STEP_MISSING: 'PROCEDURE.LIAISON_STEP_MISSING',
  DUPLICATE_PARTNER_CODE: 'PROCEDURE.DUPLICATE_PARTNER_CODE',
  UNKNOWN_PARTNER: 'PROCEDURE.UNKNOWN_PARTNER',
  PARTNER_NOT_ALLOWED: 'PROCEDURE.PARTNER_NOT_ALLOWED',
  PAYMENT_STEP_MISSING: 'PROCEDURE.PAYMENT_STEP_MISSING',
  PAYMENT_STEP_UNEXPECTED: 'PROCEDURE.PAYMENT_STEP_UNEXPECTED',
  DIGITISATION_STEP_MISSING: 'PROCEDURE.DIGITISATION_STEP_MISSING',
  APPROVAL_STEP_MISSING: 'PROCEDURE.APPROVAL_STEP_MISSING',
  BUDGET_EXCEEDS_LIMIT: 'PROCEDURE.BUDGET_EXCEEDS_LIMIT',
  REPLACES_ITSELF: 'PROCEDURE.REPLACES_ITSELF',
} as const);

/** One of the codes of {@link PROCEDURE_ISSUE}. */
export type ProcedureIssueCode = (typeof PROCEDURE_ISSUE)[keyof typeof PROCEDURE_ISSUE];

/** Free text and codes of a definition: acceptable text (domain/text.ts), normalised. */
const text = safeText({ max: 2000 });
const isoDateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const ymd = parseIsoDate(s);
    return ymd !== undefined && ymd.year >= MIN_YEAR && ymd.year <= MAX_YEAR;
  }, `Ngày không tồn tại hoặc nằm ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}`);
const slugText = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Mã bước chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang');
const divisionCodeText = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'Mã phòng ban viết hoa không dấu, ví dụ "QLCL"');

/** Units of a legal time limit: those of the working-time calendar. */
export const deadlineUnitSchema = z.enum([
  'working_hours',
  'working_days',
  'calendar_days',
  'same_day',
] as const satisfies readonly DeadlineUnit[]);

/** Kinds of step of an internal process, interpreted by the dossier workflow. */
export const procedureStepKinds = [
  'receipt',
  'handling',
  'approval',
  'liaison',
  'payment',
  'digitisation',
  'return',
] as const;

/** One of {@link procedureStepKinds}. */
export type ProcedureStepKind = (typeof procedureStepKinds)[number];

/** A dossier component (thành phần hồ sơ) and the form it must be submitted in. */
export const procedureComponentSchema = z.object({
  code: text,
  name: text,
  required: z.boolean(),
  /** Bản chính / bản sao có chứng thực / bản sao / any of them. */
  copyForm: z.enum(['original', 'certified_copy', 'copy', 'any']).optional(),
});

/**
 * A step of the internal process. `budgetHours` is in legal working hours (8 per working day).
 * `partnerCode` names the liaison partner of a `liaison` step; it may be omitted when the procedure
 * has a single partner.
 */
export const procedureStepSchema = z.object({
  id: slugText,
  name: text,
  kind: z.enum(procedureStepKinds),
  division: divisionCodeText,
  role: roleSchema,
  budgetHours: z.number().positive(),
  partnerCode: text.optional(),
});

/** What a procedure results in: giấy tờ (a certificate, a copy…), quyết định, thông báo. */
export const resultKinds = ['document', 'decision', 'notice'] as const;
export type ResultKind = (typeof resultKinds)[number];

/**
 * Whether a result kind is a document the Sở issues, hence digitised (its file attached) before the
 * result is declared ready (Decree 45/2020, Decision 766). Spelled out per kind: a new kind must say.
 */
export const resultKindProducesDocument: Readonly<Record<ResultKind, boolean>> = {
  document: true,
  decision: true,
  notice: true,
};

/** The rule of digitisation: the procedure's result is a document, so it needs its digitised file. */
export function resultNeedsFile(def: Pick<ProcedureDefinition, 'resultKind'>): boolean {
  return resultKindProducesDocument[def.resultKind];
}

/** Schema of one version of a procedure. Nothing is defaulted: the stored JSON is what was published. */
export const procedureDefinitionSchema = z.object({
  /** Procedure code at the locality, e.g. '1.004889.000.00.00.H42', or a local code. */
  code: text,
  /**
   * The code of the procedure this one succeeds (its national code changed, e.g. 2.001914 → 3.000466):
   * from this version's `effectiveFrom` on, the old code is no longer received (docs/domain.md,
   * "Seeded procedures"). Dossiers already received keep their version.
   */
  replaces: text.optional(),
  /** National TTHC code, e.g. '1.004889'. */
  nationalCode: z
    .string()
    .regex(/^\d\.\d{6}$/, 'Mã TTHC quốc gia có dạng 1.004889')
    .optional(),
  version: z.number().int().min(1),
  effectiveFrom: isoDateText,
  name: text,
  /** Lĩnh vực, e.g. 'Văn bằng, chứng chỉ'. */
  field: text,
  legalLimit: z.object({ amount: z.number().min(0), unit: deadlineUnitSchema }),
  /** Fee or charge in VND (đồng); 0 when free. */
  fee: z.object({
    amount: z.number().int().min(0),
    note: text.optional(),
    /** `copy`: the amount is per copy (bản sao), the receipt records how many; absent: per dossier. */
    per: z.enum(['dossier', 'copy']).optional(),
  }),
  /** DVC trực tuyến toàn trình / một phần / không (Decree 42/2022). */
  onlineLevel: z.enum(['full', 'partial', 'none']),
  resultKind: z.enum(resultKinds),
  resultName: text,
  /**
   * The result is issued as a digitally signed PDF (Decree 45/2020; docs/signatures.md): its draft is
   * attached before the approval, the approving leader's signature is made on approval, and with `seal`
   * the văn thư adds the agency's seal at the digitisation step. Absent: the result is signed on paper and
   * its scan attached at the digitisation step.
   */
  resultSigning: z.object({ seal: z.boolean() }).optional(),
  legalBasis: z.array(text).min(1),
  components: z.array(procedureComponentSchema).min(1),
  /** On a supplement request the legal clock pauses, or restarts on resubmission of a complete dossier. */
  supplementClockRule: z.enum(['pause', 'restart']),
  /** Who decides, e.g. 'Giám đốc Sở GDĐT', 'Chủ tịch UBND tỉnh'. */
  decider: text,
  liaison: z.array(z.object({ partnerCode: text, partnerName: text })).optional(),
  steps: z.array(procedureStepSchema).min(1),
  /**
   * Thời hạn bảo quản of the dossiers' archival packages, in years (docs/archive.md); absent: 10
   * (UNCONFIRMED default, the agency's retention schedule decides).
   */
  retentionYears: z.number().int().min(1).max(100).optional(),
  escalation: z
    .object({
      reminderAtFraction: z.number().gt(0).lt(1).optional(),
      atRiskWorkingDays: z.number().min(0).optional(),
      /** Whole working days: the limit is the end of a working day (see DEFAULT_ESCALATION). */
      apologyLeadWorkingDays: z.number().int().min(0).max(20).optional(),
    })
    .optional(),
});

/** One version of a procedure after parsing. */
export type ProcedureDefinition = z.output<typeof procedureDefinitionSchema>;
/** One version of a procedure as authored. */
export type ProcedureDefinitionInput = z.input<typeof procedureDefinitionSchema>;
/** A step of the internal process. */
export type ProcedureStep = z.output<typeof procedureStepSchema>;
/** A dossier component. */
export type ProcedureComponent = z.output<typeof procedureComponentSchema>;

/** A validation problem; `path` points into the definition, e.g. `['steps', 2, 'kind']`. */
export type ProcedureIssue = ValidationIssue;

/** Result of {@link validateProcedureDefinition}: the parsed value, or every issue found. */
export type ProcedureValidation =
  | { readonly ok: true; readonly value: ProcedureDefinition }
  | { readonly ok: false; readonly issues: readonly ProcedureIssue[] };

/** What the caller knows beyond the definition, e.g. the tenant's division codes. */
export interface ProcedureValidationContext {
  /** When given, every step's division must be one of these. */
  readonly divisionCodes?: readonly string[];
}

/** The escalation settings of a procedure, defaults applied. */
export type EscalationSettings = { readonly [K in keyof typeof DEFAULT_ESCALATION]: number };

/** The escalation settings of a procedure, defaults applied. */
export function escalationOf(def: Pick<ProcedureDefinition, 'escalation'>): EscalationSettings {
  return {
    reminderAtFraction: def.escalation?.reminderAtFraction ?? DEFAULT_ESCALATION.reminderAtFraction,
    atRiskWorkingDays: def.escalation?.atRiskWorkingDays ?? DEFAULT_ESCALATION.atRiskWorkingDays,
    apologyLeadWorkingDays:
      def.escalation?.apologyLeadWorkingDays ?? DEFAULT_ESCALATION.apologyLeadWorkingDays,
  };
}

/**
 * The legal limit in legal working hours (8 per working day), the ceiling of the step budgets:
 * - `working_hours`: the amount; `working_days`: amount × 8;
 * - `same_day`: 8 (one working day; the 15:00 cut-off only moves the day);
 * - `calendar_days`: amount × 8, an UPPER BOUND: counted from the day after receipt (Civil Code
 *   Art. 147–148), N calendar days contain at most N working days. The budget check is therefore
 *   necessary, not sufficient, for such limits; the real slack depends on the calendar at receipt and
 *   is watched at run time by the at-risk escalation.
 */
export function legalLimitInWorkingHours(def: { readonly legalLimit: DeadlineLimit }): number {
  const { amount, unit } = def.legalLimit;
  switch (unit) {
    case 'working_hours':
      return amount;
    case 'working_days':
    case 'calendar_days':
      return amount * LEGAL_HOURS_PER_WORKING_DAY;
    case 'same_day':
      return LEGAL_HOURS_PER_WORKING_DAY;
  }
}

/** The legal limit as printed for people: '25 ngày làm việc', '40 giờ làm việc', 'Trong ngày', '30 ngày'. */
export function legalLimitLabel(limit: DeadlineLimit): string {
  const amount = formatNumber(limit.amount);
  switch (limit.unit) {
    case 'working_hours':
      return `${amount} giờ làm việc`;
    case 'working_days':
      return `${amount} ngày làm việc`;
    case 'calendar_days':
      return `${amount} ngày`;
    case 'same_day':
      return 'Trong ngày';
  }
}

/** Where a step's budget sits on the process's time line, in legal working hours from receipt. */
export interface StepBudgetShare {
  readonly stepId: string;
  readonly kind: ProcedureStepKind;
  readonly budgetHours: number;
  /** Cumulative budget of the steps before this one. */
  readonly startHours: number;
  /** Cumulative budget up to and including this step: the step is due this many hours after receipt. */
  readonly endHours: number;
}

/** Cumulative budget end of each step, in order (used to compute step deadlines from the receipt instant). */
export function budgetShares(def: Pick<ProcedureDefinition, 'steps'>): StepBudgetShare[] {
  let start = 0;
  return def.steps.map((step) => {
    const end = roundHours(start + step.budgetHours);
    const share = {
      stepId: step.id,
      kind: step.kind,
      budgetHours: step.budgetHours,
      startHours: start,
      endHours: end,
    };
    start = end;
    return share;
  });
}

/** Sum of the step budgets, in legal working hours. */
export function totalBudgetHours(def: Pick<ProcedureDefinition, 'steps'>): number {
  return budgetShares(def).at(-1)?.endHours ?? 0;
}

const viErrors = z.locales.vi().localeError;

/**
 * Validates one version of a procedure: structure (zod, Vietnamese messages), then the rules of an
 * approved internal process: the first step is the `receipt` and the last the `return`, both at the
 * one-stop desk, exactly one of each; step ids and component codes unique; a `liaison` step needs
 * declared partners (and declared partners need a liaison step); a `payment` step iff the fee is not
 * nil; a `document` result needs a `digitisation` step before the return; no step for an auditor or
 * the administrator; and the step budgets fit the legal limit ({@link legalLimitInWorkingHours}).
 * Semantic issues carry stable codes ({@link PROCEDURE_ISSUE}). The definition is rejected whole.
 */
export function validateProcedureDefinition(
  input: unknown,
  context: ProcedureValidationContext = {},
): ProcedureValidation {
  const parsed = procedureDefinitionSchema.safeParse(input, { error: viErrors });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      code: i.code,
      message: i.message,
    }));
    return { ok: false, issues };
  }
  const issues = semanticIssues(parsed.data, context);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}

type Issues = ProcedureIssue[];
type Check = (def: ProcedureDefinition, issues: Issues) => void;

function semanticIssues(def: ProcedureDefinition, context: ProcedureValidationContext): Issues {
  const issues: Issues = [];
  const checks: Check[] = [
    checkCodes,
    checkLimit,
    checkUniqueComponents,
    checkUniqueStepIds,
    checkReceiptAndReturn,
    checkRoles,
    checkLiaison,
    checkPayment,
    checkDigitisation,
    checkBudget,
  ];
  for (const check of checks) check(def, issues);
  if (context.divisionCodes) checkDivisions(def, new Set(context.divisionCodes), issues);
  return issues;
}

function issue(path: (string | number)[], code: ProcedureIssueCode, message: string): ProcedureIssue {
  return { path, code, message };
}

function checkCodes(def: ProcedureDefinition, issues: Issues): void {
  if (def.replaces === def.code) {
    const message = `Thủ tục ${def.code} không thể thay thế chính nó`;
    issues.push(issue(['replaces'], PROCEDURE_ISSUE.REPLACES_ITSELF, message));
  }
  if (def.nationalCode === undefined || !/^\d\.\d{6}\./.test(def.code)) return;
  if (!def.code.startsWith(`${def.nationalCode}.`)) {
    issues.push(
      issue(
        ['nationalCode'],
        PROCEDURE_ISSUE.NATIONAL_CODE_MISMATCH,
        `Mã thủ tục ${def.code} không bắt đầu bằng mã TTHC quốc gia ${def.nationalCode}`,
      ),
    );
  }
}

function checkLimit(def: ProcedureDefinition, issues: Issues): void {
  const { amount, unit } = def.legalLimit;
  if (unit !== 'same_day' && amount <= 0) {
    issues.push(
      issue(['legalLimit', 'amount'], PROCEDURE_ISSUE.INVALID_LIMIT, 'Thời hạn giải quyết phải lớn hơn 0'),
    );
  } else if (unit === 'calendar_days' && !Number.isInteger(amount)) {
    issues.push(
      issue(
        ['legalLimit', 'amount'],
        PROCEDURE_ISSUE.INVALID_LIMIT,
        'Thời hạn tính theo ngày phải là số ngày nguyên',
      ),
    );
  }
}

/** Pushes an issue for every element whose key was already seen. */
function checkUnique<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (index: number) => (string | number)[],
  report: (value: string) => Omit<ProcedureIssue, 'path'>,
  issues: Issues,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) issues.push({ path: path(index), ...report(value) });
    seen.add(value);
  });
}

function checkUniqueComponents(def: ProcedureDefinition, issues: Issues): void {
  checkUnique(
    def.components,
    (c) => c.code,
    (i) => ['components', i, 'code'],
    (code) => ({
      code: PROCEDURE_ISSUE.DUPLICATE_COMPONENT_CODE,
      message: `Mã thành phần hồ sơ "${code}" bị lặp`,
    }),
    issues,
  );
}

function checkUniqueStepIds(def: ProcedureDefinition, issues: Issues): void {
  checkUnique(
    def.steps,
    (s) => s.id,
    (i) => ['steps', i, 'id'],
    (id) => ({ code: PROCEDURE_ISSUE.DUPLICATE_STEP_ID, message: `Mã bước "${id}" bị lặp` }),
    issues,
  );
}

const KIND_LABELS: Readonly<Record<ProcedureStepKind, string>> = {
  receipt: 'tiếp nhận hồ sơ',
  handling: 'xử lý',
  approval: 'phê duyệt',
  liaison: 'liên thông',
  payment: 'thu phí, lệ phí',
  digitisation: 'số hóa kết quả',
  return: 'trả kết quả',
};

function checkEnd(def: ProcedureDefinition, kind: 'receipt' | 'return', issues: Issues): void {
  const first = kind === 'receipt';
  const index = first ? 0 : def.steps.length - 1;
  if (def.steps[index]?.kind !== kind) {
    const code = first ? PROCEDURE_ISSUE.FIRST_STEP_NOT_RECEIPT : PROCEDURE_ISSUE.LAST_STEP_NOT_RETURN;
    const position = first ? 'đầu tiên' : 'cuối cùng';
    issues.push(issue(['steps', index, 'kind'], code, `Bước ${position} phải là bước ${KIND_LABELS[kind]}`));
  }
  const occurrences = def.steps.flatMap((s, i) => (s.kind === kind ? [i] : []));
  // The one kept is the first receipt / the last return; every other one is a duplicate.
  const kept = first ? occurrences[0] : occurrences.at(-1);
  for (const i of occurrences) {
    if (i !== kept) {
      const code = first ? PROCEDURE_ISSUE.DUPLICATE_RECEIPT_STEP : PROCEDURE_ISSUE.DUPLICATE_RETURN_STEP;
      issues.push(issue(['steps', i, 'kind'], code, `Quy trình chỉ có một bước ${KIND_LABELS[kind]}`));
    }
    if (def.steps[i]?.division !== ONE_STOP_DESK_DIVISION) {
      issues.push(
        issue(
          ['steps', i, 'division'],
          PROCEDURE_ISSUE.STEP_NOT_AT_DESK,
          `Bước ${KIND_LABELS[kind]} phải do Bộ phận Một cửa (${ONE_STOP_DESK_DIVISION}) thực hiện`,
        ),
      );
    }
  }
}

function checkReceiptAndReturn(def: ProcedureDefinition, issues: Issues): void {
  checkEnd(def, 'receipt', issues);
  checkEnd(def, 'return', issues);
}

const STEP_FORBIDDEN_ROLES: readonly Role[] = ['auditor', 'admin'];

function checkRoles(def: ProcedureDefinition, issues: Issues): void {
  def.steps.forEach((s, i) => {
    if (STEP_FORBIDDEN_ROLES.includes(s.role)) {
      issues.push(
        issue(
          ['steps', i, 'role'],
          PROCEDURE_ISSUE.ROLE_NOT_ALLOWED,
          'Thanh tra và quản trị hệ thống không được giao xử lý một bước của quy trình',
        ),
      );
    }
  });
}

function checkDivisions(def: ProcedureDefinition, known: ReadonlySet<string>, issues: Issues): void {
  def.steps.forEach((s, i) => {
    if (!known.has(s.division)) {
      issues.push(
        issue(
          ['steps', i, 'division'],
          PROCEDURE_ISSUE.UNKNOWN_DIVISION,
          `Không có phòng ban mã "${s.division}" trong đơn vị`,
        ),
      );
    }
  });
}

function checkLiaison(def: ProcedureDefinition, issues: Issues): void {
  const partners = def.liaison ?? [];
  checkUnique(
    partners,
    (p) => p.partnerCode,
    (i) => ['liaison', i, 'partnerCode'],
    (code) => ({
      code: PROCEDURE_ISSUE.DUPLICATE_PARTNER_CODE,
      message: `Mã cơ quan phối hợp "${code}" bị lặp`,
    }),
    issues,
  );
  def.steps.forEach((s, i) => checkStepPartner(s, i, partners, issues));
  if (partners.length > 0 && !def.steps.some((s) => s.kind === 'liaison')) {
    issues.push(
      issue(
        ['liaison'],
        PROCEDURE_ISSUE.LIAISON_STEP_MISSING,
        'Thủ tục có cơ quan phối hợp nhưng quy trình không có bước liên thông',
      ),
    );
  }
}

function checkStepPartner(
  step: ProcedureStep,
  index: number,
  partners: readonly { partnerCode: string }[],
  issues: Issues,
): void {
  const at = (field: string) => ['steps', index, field];
  if (step.kind !== 'liaison') {
    if (step.partnerCode === undefined) return;
    const message = 'Chỉ bước liên thông mới có cơ quan phối hợp';
    issues.push(issue(at('partnerCode'), PROCEDURE_ISSUE.PARTNER_NOT_ALLOWED, message));
    return;
  }
  if (partners.length === 0) {
    const message = 'Bước liên thông cần khai báo cơ quan phối hợp (liaison)';
    issues.push(issue(at('kind'), PROCEDURE_ISSUE.LIAISON_PARTNER_MISSING, message));
    return;
  }
  const known =
    step.partnerCode === undefined
      ? partners.length === 1
      : partners.some((p) => p.partnerCode === step.partnerCode);
  if (!known) {
    const message = 'Bước liên thông phải chỉ rõ một cơ quan phối hợp đã khai báo';
    issues.push(issue(at('partnerCode'), PROCEDURE_ISSUE.UNKNOWN_PARTNER, message));
  }
}

function checkPayment(def: ProcedureDefinition, issues: Issues): void {
  const paymentIndexes = def.steps.flatMap((s, i) => (s.kind === 'payment' ? [i] : []));
  if (def.fee.amount > 0 && paymentIndexes.length === 0) {
    issues.push(
      issue(
        ['steps'],
        PROCEDURE_ISSUE.PAYMENT_STEP_MISSING,
        `Thủ tục thu phí, lệ phí (${formatNumber(def.fee.amount)} đồng) phải có bước thu phí`,
      ),
    );
  }
  if (def.fee.amount === 0) {
    for (const i of paymentIndexes) {
      issues.push(
        issue(
          ['steps', i, 'kind'],
          PROCEDURE_ISSUE.PAYMENT_STEP_UNEXPECTED,
          'Thủ tục không thu phí, lệ phí thì không có bước thu phí',
        ),
      );
    }
  }
}

function checkDigitisation(def: ProcedureDefinition, issues: Issues): void {
  if (!resultNeedsFile(def)) return;
  const returnIndex = def.steps.findIndex((s) => s.kind === 'return');
  const before = returnIndex < 0 ? def.steps : def.steps.slice(0, returnIndex);
  if (!before.some((s) => s.kind === 'digitisation')) {
    issues.push(
      issue(
        ['steps'],
        PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING,
        `Kết quả (${def.resultName}) là văn bản phải số hóa nên phải có bước số hóa kết quả trước bước trả kết quả`,
      ),
    );
  }
  // A signed electronic result is signed by the leader who approves it, before it is issued.
  const digitisation = before.findIndex((s) => s.kind === 'digitisation');
  if (
    def.resultSigning &&
    !def.steps.slice(0, Math.max(digitisation, 0)).some((s) => s.kind === 'approval')
  ) {
    issues.push(
      issue(
        ['resultSigning'],
        PROCEDURE_ISSUE.APPROVAL_STEP_MISSING,
        'Kết quả điện tử có chữ ký số phải có bước lãnh đạo phê duyệt (ký số) trước bước số hóa, phát hành kết quả',
      ),
    );
  }
}

function checkBudget(def: ProcedureDefinition, issues: Issues): void {
  const total = totalBudgetHours(def);
  const limit = legalLimitInWorkingHours(def);
  if (total > limit + HOURS_EPSILON) {
    issues.push(
      issue(
        ['steps'],
        PROCEDURE_ISSUE.BUDGET_EXCEEDS_LIMIT,
        `Tổng thời gian các bước (${formatNumber(total)} giờ) vượt thời hạn giải quyết ` +
          `(${formatNumber(limit)} giờ làm việc, ${legalLimitLabel(def.legalLimit).toLowerCase()})`,
      ),
    );
  }
}

/** Budgets are decimal hours (0.5, 0.25…): sums are rounded to the microhour and compared with a tolerance. */
const HOURS_EPSILON = 1e-6;

function roundHours(hours: number): number {
  return Math.round(hours * 1e6) / 1e6;
}

/** Vietnamese number format: '.' groups thousands, ',' marks decimals (10.000; 0,5). */
function formatNumber(value: number): string {
  const [whole = '0', decimals] = String(roundHours(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return decimals === undefined ? grouped : `${grouped},${decimals}`;
}
