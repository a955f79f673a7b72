import { describe, expect, test } from 'vitest';
import { divisions } from '../../db/seed/organisation.seed.js';
import {
  budgetShares,
  escalationOf,
  legalLimitInWorkingHours,
  legalLimitLabel,
  PROCEDURE_ISSUE,
  validateProcedureDefinition,
  type ProcedureDefinition,
  type ProcedureIssue,
  type ProcedureStep,
  type ProcedureValidationContext,
} from './procedure-definition.js';
import {
  currentSeededProcedures,
  placeholderCode,
  procedureCode,
  seededProcedure,
  seededVersions,
} from '../../test/support/catalog.js';

const step = (
  id: string,
  kind: ProcedureStep['kind'],
  division: string,
  budgetHours: number,
  role: ProcedureStep['role'] = 'specialist',
): ProcedureStep => ({ id, name: `Bước ${id}`, kind, division, role, budgetHours });

/**
 * A free procedure decided by the Sở: 5 working days, receipt 4 + handling 20 + approval 8 + digitisation 1
 * + return 7 h.
 */
function base(): ProcedureDefinition {
  return {
    code: procedureCode('3.000466'),
    nationalCode: '3.000466',
    version: 1,
    effectiveFrom: '2024-01-01',
    name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    field: 'Văn bằng, chứng chỉ',
    legalLimit: { amount: 5, unit: 'working_days' },
    fee: { amount: 0 },
    onlineLevel: 'full',
    resultKind: 'decision',
    resultName: 'Quyết định chỉnh sửa văn bằng, chứng chỉ',
    legalBasis: ['Thông tư số 21/2019/TT-BGDĐT'],
    components: [
      { code: 'DON', name: 'Đơn đề nghị', required: true, copyForm: 'original' },
      { code: 'VB', name: 'Văn bằng', required: true },
    ],
    supplementClockRule: 'restart',
    decider: 'Giám đốc Sở GDĐT',
    steps: [
      step('tiep-nhan', 'receipt', 'BPMC', 4, 'receiver'),
      step('tham-dinh', 'handling', 'QLCL', 20),
      step('ky-duyet', 'approval', 'BGD', 8, 'deputy'),
      // The decision is a document: digitised before it is returned.
      step('so-hoa', 'digitisation', 'VP', 1),
      step('tra-ket-qua', 'return', 'BPMC', 7, 'receiver'),
    ],
  };
}

/** Takes the step `id` out of the process and returns it. */
function removeStep(def: ProcedureDefinition, id: string): ProcedureStep {
  const [removed] = def.steps.splice(
    def.steps.findIndex((s) => s.id === id),
    1,
  );
  return removed!;
}

/** `base()` changed by `edit` (which mutates a fresh copy). */
function variant(edit: (def: ProcedureDefinition) => void): ProcedureDefinition {
  const def = base();
  edit(def);
  return def;
}

/** Inserts a step at `index`, taking its budget from the handling step so the total stays at 40 h. */
function insertStep(def: ProcedureDefinition, index: number, s: ProcedureStep): void {
  const handling = def.steps.find((x) => x.id === 'tham-dinh');
  if (handling) handling.budgetHours -= s.budgetHours;
  def.steps.splice(index, 0, s);
}

function issuesOf(input: unknown, context?: ProcedureValidationContext): readonly ProcedureIssue[] {
  const result = validateProcedureDefinition(input, context);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.issues;
}

describe('procedure definition', () => {
  test('the base fixture is valid and parses to itself', () => {
    const result = validateProcedureDefinition(base());
    expect(result).toEqual({ ok: true, value: base() });
  });

  describe('legal limit in working hours', () => {
    test.each([
      [{ amount: 5, unit: 'working_days' }, 40, '5 ngày làm việc'],
      [{ amount: 25, unit: 'working_days' }, 200, '25 ngày làm việc'],
      [{ amount: 40, unit: 'working_hours' }, 40, '40 giờ làm việc'],
      [{ amount: 1, unit: 'same_day' }, 8, 'Trong ngày'],
      [{ amount: 0, unit: 'same_day' }, 8, 'Trong ngày'],
      [{ amount: 30, unit: 'calendar_days' }, 240, '30 ngày'],
      [{ amount: 0.5, unit: 'working_days' }, 4, '0,5 ngày làm việc'],
    ] as const)('%o → %d h (%s)', (legalLimit, hours, label) => {
      expect(legalLimitInWorkingHours({ legalLimit })).toBe(hours);
      expect(legalLimitLabel(legalLimit)).toBe(label);
    });
  });

  describe('structure (zod)', () => {
    test.each<[string, (d: Record<string, unknown>) => void, (string | number)[]]>([
      ['empty code', (d) => (d.code = ' '), ['code']],
      ['malformed national code', (d) => (d.nationalCode = '2001914'), ['nationalCode']],
      ['version 0', (d) => (d.version = 0), ['version']],
      ['impossible date', (d) => (d.effectiveFrom = '2024-02-30'), ['effectiveFrom']],
      ['unknown unit', (d) => (d.legalLimit = { amount: 5, unit: 'months' }), ['legalLimit', 'unit']],
      ['fractional fee', (d) => (d.fee = { amount: 10.5 }), ['fee', 'amount']],
      ['negative fee', (d) => (d.fee = { amount: -1 }), ['fee', 'amount']],
      ['unknown online level', (d) => (d.onlineLevel = 'level4'), ['onlineLevel']],
      ['no legal basis', (d) => (d.legalBasis = []), ['legalBasis']],
      ['no component', (d) => (d.components = []), ['components']],
      ['unknown clock rule', (d) => (d.supplementClockRule = 'stop'), ['supplementClockRule']],
      [
        'escalation fraction 1',
        (d) => (d.escalation = { reminderAtFraction: 1 }),
        ['escalation', 'reminderAtFraction'],
      ],
    ])('%s is rejected at its path', (_name, edit, path) => {
      const def = base() as unknown as Record<string, unknown>;
      edit(def);
      expect(issuesOf(def).map((i) => i.path)).toContainEqual(path);
    });

    test.each<[string, Partial<ProcedureStep> | Record<string, unknown>, string]>([
      ['an id that is not a slug', { id: 'Thẩm định' }, 'id'],
      ['a zero budget', { budgetHours: 0 }, 'budgetHours'],
      ['an unknown role', { role: 'clerk' }, 'role'],
      ['an unknown kind', { kind: 'signature' }, 'kind'],
      ['a lower-case division code', { division: 'qlcl' }, 'division'],
    ])('a step with %s is rejected at its path', (_name, patch, field) => {
      const def = variant((d) => Object.assign(d.steps[1]!, patch));
      expect(issuesOf(def).map((i) => i.path)).toContainEqual(['steps', 1, field]);
    });

    test('zod messages are Vietnamese', () => {
      const [first] = issuesOf({ ...base(), name: 42 });
      expect(first?.message).toMatch(/không hợp lệ|Đầu vào/i);
    });
  });

  describe('semantic rules', () => {
    const receipt = () => step('tiep-nhan-2', 'receipt', 'BPMC', 1, 'receiver');
    const giveBack = () => step('tra-ket-qua-2', 'return', 'BPMC', 1, 'receiver');
    const payment = () => step('thu-phi', 'payment', 'BPMC', 1, 'receiver');
    const liaison = (partnerCode?: string) => ({
      ...step('lien-thong', 'liaison', 'TCCB', 4),
      ...(partnerCode === undefined ? {} : { partnerCode }),
    });
    const ubnd = { partnerCode: 'UBND_TINH', partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình' };
    const noiVu = { partnerCode: 'SO_NOI_VU', partnerName: 'Sở Nội vụ tỉnh Ninh Bình' };

    test.each<[string, (d: ProcedureDefinition) => void]>([
      ['fee-bearing with a payment step', (d) => ((d.fee = { amount: 10_000 }), insertStep(d, 1, payment()))],
      ['document result digitised before return', (d) => (d.resultKind = 'document')],
      ['liaison with its single partner implied', (d) => ((d.liaison = [ubnd]), insertStep(d, 3, liaison()))],
      [
        'liaison naming one of two partners',
        (d) => ((d.liaison = [ubnd, noiVu]), insertStep(d, 3, liaison('SO_NOI_VU'))),
      ],
      [
        'same day with exactly 8 h of budgets',
        (d) => (
          (d.legalLimit = { amount: 1, unit: 'same_day' }),
          (d.steps[1]!.budgetHours = 0.5),
          (d.steps[2]!.budgetHours = 1.5),
          (d.steps[4]!.budgetHours = 1)
        ),
      ],
      ['40 working hours', (d) => (d.legalLimit = { amount: 40, unit: 'working_hours' })],
      ['7 calendar days (56 h upper bound)', (d) => (d.legalLimit = { amount: 7, unit: 'calendar_days' })],
      [
        'a local code without national code',
        (d) => ((d.code = placeholderCode('SGDDT.VBCC01')), delete d.nationalCode),
      ],
      ['a local code next to a national code', (d) => (d.code = placeholderCode('SGDDT.VBCC01'))],
      ['a successor of an older code', (d) => (d.replaces = procedureCode('2.001914'))],
      [
        'budgets summing to the limit in decimals',
        (d) => ((d.steps[0]!.budgetHours = 0.1), (d.steps[1]!.budgetHours = 23.9)),
      ],
    ])('valid: %s', (_name, edit) => {
      const result = validateProcedureDefinition(variant(edit));
      expect(result.ok ? [] : result.issues).toEqual([]);
    });

    test.each<[string, (d: ProcedureDefinition) => void, (string | number)[], string]>([
      [
        'national code not prefixing the code',
        (d) => (d.nationalCode = '1.004889'),
        ['nationalCode'],
        PROCEDURE_ISSUE.NATIONAL_CODE_MISMATCH,
      ],
      [
        'a procedure replacing itself',
        (d) => (d.replaces = d.code),
        ['replaces'],
        PROCEDURE_ISSUE.REPLACES_ITSELF,
      ],
      [
        'a zero working-day limit',
        (d) => (d.legalLimit.amount = 0),
        ['legalLimit', 'amount'],
        PROCEDURE_ISSUE.INVALID_LIMIT,
      ],
      [
        'fractional calendar days',
        (d) => (d.legalLimit = { amount: 2.5, unit: 'calendar_days' }),
        ['legalLimit', 'amount'],
        PROCEDURE_ISSUE.INVALID_LIMIT,
      ],
      [
        'duplicate component code',
        (d) => (d.components[1]!.code = 'DON'),
        ['components', 1, 'code'],
        PROCEDURE_ISSUE.DUPLICATE_COMPONENT_CODE,
      ],
      [
        'duplicate step id',
        (d) => (d.steps[2]!.id = 'tham-dinh'),
        ['steps', 2, 'id'],
        PROCEDURE_ISSUE.DUPLICATE_STEP_ID,
      ],
      [
        'first step not a receipt',
        (d) => d.steps.reverse(),
        ['steps', 0, 'kind'],
        PROCEDURE_ISSUE.FIRST_STEP_NOT_RECEIPT,
      ],
      [
        'last step not a return',
        (d) => d.steps.pop(),
        ['steps', 3, 'kind'],
        PROCEDURE_ISSUE.LAST_STEP_NOT_RETURN,
      ],
      [
        'two receipts',
        (d) => insertStep(d, 1, receipt()),
        ['steps', 1, 'kind'],
        PROCEDURE_ISSUE.DUPLICATE_RECEIPT_STEP,
      ],
      [
        'two returns',
        (d) => insertStep(d, 3, giveBack()),
        ['steps', 3, 'kind'],
        PROCEDURE_ISSUE.DUPLICATE_RETURN_STEP,
      ],
      [
        'receipt outside the desk',
        (d) => (d.steps[0]!.division = 'VP'),
        ['steps', 0, 'division'],
        PROCEDURE_ISSUE.STEP_NOT_AT_DESK,
      ],
      [
        'return outside the desk',
        (d) => (d.steps[4]!.division = 'QLCL'),
        ['steps', 4, 'division'],
        PROCEDURE_ISSUE.STEP_NOT_AT_DESK,
      ],
      [
        'a step for the auditor',
        (d) => (d.steps[1]!.role = 'auditor'),
        ['steps', 1, 'role'],
        PROCEDURE_ISSUE.ROLE_NOT_ALLOWED,
      ],
      [
        'a step for the administrator',
        (d) => (d.steps[2]!.role = 'admin'),
        ['steps', 2, 'role'],
        PROCEDURE_ISSUE.ROLE_NOT_ALLOWED,
      ],
      [
        'liaison step without partners',
        (d) => insertStep(d, 3, liaison()),
        ['steps', 3, 'kind'],
        PROCEDURE_ISSUE.LIAISON_PARTNER_MISSING,
      ],
      [
        'partners without a liaison step',
        (d) => (d.liaison = [ubnd]),
        ['liaison'],
        PROCEDURE_ISSUE.LIAISON_STEP_MISSING,
      ],
      [
        'duplicate partner code',
        (d) => ((d.liaison = [ubnd, ubnd]), insertStep(d, 3, liaison('UBND_TINH'))),
        ['liaison', 1, 'partnerCode'],
        PROCEDURE_ISSUE.DUPLICATE_PARTNER_CODE,
      ],
      [
        'liaison naming an undeclared partner',
        (d) => ((d.liaison = [ubnd]), insertStep(d, 3, liaison('BO_GDDT'))),
        ['steps', 3, 'partnerCode'],
        PROCEDURE_ISSUE.UNKNOWN_PARTNER,
      ],
      [
        'liaison without a partner among two',
        (d) => ((d.liaison = [ubnd, noiVu]), insertStep(d, 3, liaison())),
        ['steps', 3, 'partnerCode'],
        PROCEDURE_ISSUE.UNKNOWN_PARTNER,
      ],
      [
        'a partner on a handling step',
        (d) => ((d.liaison = [ubnd]), insertStep(d, 3, liaison()), (d.steps[1]!.partnerCode = 'UBND_TINH')),
        ['steps', 1, 'partnerCode'],
        PROCEDURE_ISSUE.PARTNER_NOT_ALLOWED,
      ],
      [
        'a fee without payment step',
        (d) => (d.fee = { amount: 10_000 }),
        ['steps'],
        PROCEDURE_ISSUE.PAYMENT_STEP_MISSING,
      ],
      [
        'a payment step without fee',
        (d) => insertStep(d, 1, payment()),
        ['steps', 1, 'kind'],
        PROCEDURE_ISSUE.PAYMENT_STEP_UNEXPECTED,
      ],
      [
        'a document result without digitisation',
        (d) => ((d.resultKind = 'document'), removeStep(d, 'so-hoa')),
        ['steps'],
        PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING,
      ],
      [
        'a decision (a document too) without digitisation',
        (d) => removeStep(d, 'so-hoa'),
        ['steps'],
        PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING,
      ],
      [
        'a notice (a document too) without digitisation',
        (d) => ((d.resultKind = 'notice'), removeStep(d, 'so-hoa')),
        ['steps'],
        PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING,
      ],
      [
        'a document digitised only after the return',
        (d) => ((d.resultKind = 'document'), d.steps.push(removeStep(d, 'so-hoa'))),
        ['steps'],
        PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING,
      ],
      [
        'budgets over the limit',
        (d) => (d.steps[1]!.budgetHours = 20.5),
        ['steps'],
        PROCEDURE_ISSUE.BUDGET_EXCEEDS_LIMIT,
      ],
      [
        'same day with more than 8 h',
        (d) => (d.legalLimit = { amount: 1, unit: 'same_day' }),
        ['steps'],
        PROCEDURE_ISSUE.BUDGET_EXCEEDS_LIMIT,
      ],
      [
        'working hours below the budgets',
        (d) => (d.legalLimit = { amount: 39, unit: 'working_hours' }),
        ['steps'],
        PROCEDURE_ISSUE.BUDGET_EXCEEDS_LIMIT,
      ],
      [
        'calendar days below the budgets',
        (d) => (d.legalLimit = { amount: 4, unit: 'calendar_days' }),
        ['steps'],
        PROCEDURE_ISSUE.BUDGET_EXCEEDS_LIMIT,
      ],
    ])('invalid: %s', (_name, edit, path, code) => {
      expect(issuesOf(variant(edit))).toContainEqual(expect.objectContaining({ path, code }));
    });

    test('semantic codes are stable PROCEDURE.* codes and messages are Vietnamese', () => {
      const issues = issuesOf(
        variant((d) => ((d.fee = { amount: 10_000 }), (d.resultKind = 'document'), removeStep(d, 'so-hoa'))),
      );
      expect(issues.map((i) => i.code)).toEqual([
        PROCEDURE_ISSUE.PAYMENT_STEP_MISSING,
        PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING,
      ]);
      expect(issues[0]?.message).toBe('Thủ tục thu phí, lệ phí (10.000 đồng) phải có bước thu phí');
    });

    test('the budget issue states both numbers', () => {
      const issues = issuesOf(variant((d) => (d.steps[1]!.budgetHours = 20.5)));
      expect(issues).toEqual([
        {
          path: ['steps'],
          code: PROCEDURE_ISSUE.BUDGET_EXCEEDS_LIMIT,
          message:
            'Tổng thời gian các bước (40,5 giờ) vượt thời hạn giải quyết (40 giờ làm việc, 5 ngày làm việc)',
        },
      ]);
    });

    test('a mis-ordered process reports every problem at once', () => {
      const issues = issuesOf(variant((d) => d.steps.reverse()));
      expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        [PROCEDURE_ISSUE.FIRST_STEP_NOT_RECEIPT, 'steps.0.kind'],
        [PROCEDURE_ISSUE.LAST_STEP_NOT_RETURN, 'steps.4.kind'],
        // Reversed, the digitisation comes after the return.
        [PROCEDURE_ISSUE.DIGITISATION_STEP_MISSING, 'steps'],
      ]);
    });

    test('divisions are checked against the tenant when the caller gives them', () => {
      const codes = ['BPMC', 'QLCL'];
      expect(issuesOf(base(), { divisionCodes: codes })).toEqual([
        expect.objectContaining({ path: ['steps', 2, 'division'], code: PROCEDURE_ISSUE.UNKNOWN_DIVISION }),
        expect.objectContaining({ path: ['steps', 3, 'division'], code: PROCEDURE_ISSUE.UNKNOWN_DIVISION }),
      ]);
      expect(validateProcedureDefinition(base(), { divisionCodes: [...codes, 'BGD', 'VP'] }).ok).toBe(true);
    });
  });

  describe('budget shares', () => {
    test('give each step its cumulative end in working hours from receipt', () => {
      expect(budgetShares(base())).toEqual([
        { stepId: 'tiep-nhan', kind: 'receipt', budgetHours: 4, startHours: 0, endHours: 4 },
        { stepId: 'tham-dinh', kind: 'handling', budgetHours: 20, startHours: 4, endHours: 24 },
        { stepId: 'ky-duyet', kind: 'approval', budgetHours: 8, startHours: 24, endHours: 32 },
        { stepId: 'so-hoa', kind: 'digitisation', budgetHours: 1, startHours: 32, endHours: 33 },
        { stepId: 'tra-ket-qua', kind: 'return', budgetHours: 7, startHours: 33, endHours: 40 },
      ]);
    });

    test('do not accumulate floating-point drift', () => {
      const steps = Array.from({ length: 10 }, (_, i) => step(`b${i}`, 'handling', 'QLCL', 0.1));
      expect(budgetShares({ steps }).map((s) => s.endHours)).toEqual([
        0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
      ]);
    });
  });

  test('escalation defaults to 75% reminders, 2 working days at risk and the apology 1 working day ahead', () => {
    expect(escalationOf(base())).toEqual({
      reminderAtFraction: 0.75,
      atRiskWorkingDays: 2,
      apologyLeadWorkingDays: 1,
    });
    expect(escalationOf({ escalation: { atRiskWorkingDays: 0.25, apologyLeadWorkingDays: 0 } })).toEqual({
      reminderAtFraction: 0.75,
      atRiskWorkingDays: 0.25,
      apologyLeadWorkingDays: 0,
    });
  });

  test('the apology lead is a whole number of working days', () => {
    const result = validateProcedureDefinition({ ...base(), escalation: { apologyLeadWorkingDays: 0.5 } });
    expect(result.ok).toBe(false);
  });

  describe('the seeded catalog', () => {
    const divisionCodes = divisions.map((d) => d.code);

    test.each(currentSeededProcedures.map((p) => [p.code, p] as const))('%s validates', (_code, def) => {
      const result = validateProcedureDefinition(def, { divisionCodes });
      expect(result.ok ? [] : result.issues).toEqual([]);
    });

    test('has at least ten procedures with unique codes, both clock rules and liaison to UBND tỉnh', () => {
      const codes = currentSeededProcedures.map((p) => p.code);
      expect(codes.length).toBeGreaterThanOrEqual(10);
      expect(new Set(codes).size).toBe(codes.length);
      expect(new Set(currentSeededProcedures.map((p) => p.supplementClockRule))).toEqual(
        new Set(['pause', 'restart']),
      );
      const liaison = currentSeededProcedures.filter((p) => p.steps.some((s) => s.kind === 'liaison'));
      expect(liaison.map((p) => p.liaison?.[0]?.partnerCode)).toEqual(liaison.map(() => 'UBND_TINH'));
    });

    test.each(seededVersions.map((p) => [`${p.code} v${p.version}`, p] as const))(
      'every seeded version validates: %s',
      (_label, def) => {
        const result = validateProcedureDefinition(def, { divisionCodes });
        expect(result.ok ? [] : result.issues).toEqual([]);
      },
    );

    test('the 2025 catalog: successors under the current national codes, the old codes replaced', () => {
      const successors = seededVersions.filter((p) => p.replaces !== undefined);
      expect(Object.fromEntries(successors.map((p) => [p.replaces, p.code]))).toEqual({
        [placeholderCode('SGDDT.VBCC01')]: procedureCode('3.000465'),
        [procedureCode('2.001914')]: procedureCode('3.000466'),
        [procedureCode('1.006388')]: procedureCode('1.012944'),
        [procedureCode('1.005015')]: procedureCode('1.012958'),
        [placeholderCode('SGDDT.THPT-HDGD')]: procedureCode('1.012953'),
        [placeholderCode('SGDDT.TVDH01')]: procedureCode('1.005061'),
        [placeholderCode('SGDDT.THPT-SNCT')]: procedureCode('1.012955'),
        [placeholderCode('SGDDT.THPT-GT')]: procedureCode('1.012956'),
      });
      expect(successors.every((p) => p.version === 1 && p.effectiveFrom === '2025-07-01')).toBe(true);
      const deciders = Object.fromEntries(successors.map((p) => [p.nationalCode, p.decider]));
      expect(deciders).toMatchObject({
        '1.012944': 'Chủ tịch UBND tỉnh',
        '1.012955': 'Chủ tịch UBND tỉnh',
        '1.012956': 'Chủ tịch UBND tỉnh',
        '1.012958': 'Chủ tịch UBND tỉnh',
        '1.012953': 'Giám đốc Sở GDĐT',
      });
      const support = seededProcedure(placeholderCode('SGDDT.HTHS01'));
      expect([support.version, support.effectiveFrom, support.legalBasis[0]]).toEqual([
        2,
        '2025-05-01',
        expect.stringMatching(/^Nghị định số 66\/2025\/NĐ-CP/),
      ]);
    });

    test('the school establishment process spends exactly its 200 working hours', () => {
      const def = seededProcedure(procedureCode('1.012944'));
      expect(legalLimitInWorkingHours(def)).toBe(200);
      expect(budgetShares(def).at(-1)?.endHours).toBe(200);
      expect(def.steps.slice(0, 2).map((s) => s.budgetHours)).toEqual([8, 4]);
    });
  });
});
