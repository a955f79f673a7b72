/**
 * The two form sets of the one-stop mechanism and which one a dossier uses: the set of the rule set the
 * dossier was received under (domain/rules/rule-sets.ts), kept to its end. All numbering, titles and the
 * symbols of document numbers live here, as data (docs/domain.md, "Forms (Mẫu 01–06)").
 */
import type { RuleSetId } from '../rules/rule-sets.js';

/** The form sets: Circular 01/2018/TT-VPCP and Circular 03/2025/TT-VPCP. */
export const formSetIds = ['TT01_2018', 'TT03_2025'] as const;
export type FormSetId = (typeof formSetIds)[number];

/** The forms of one dossier, whatever their number in a set; also their stable names in the API. */
export const dossierFormKinds = [
  'receipt',
  'supplement',
  'refusal',
  'apology',
  'stop_notice',
  'control_sheet',
] as const;
export type DossierFormKind = (typeof dossierFormKinds)[number];

/** The kinds of form the engine fills: a dossier's, and the register of a period. */
export const formKinds = [...dossierFormKinds, 'register'] as const;
export type FormKind = (typeof formKinds)[number];

/** The paper a form is printed on: what the HTML's `@page` rule and the PDF's page size both follow. */
export interface PageSize {
  readonly format: 'A4' | 'A5';
  readonly orientation: 'portrait' | 'landscape';
}

export interface FormSetEntry {
  /** Two-digit number in its set, e.g. '05'. */
  readonly number: string;
  readonly title: string;
  readonly pageSize: PageSize;
  /**
   * The form's part of a document number, before the issuer's symbol: "PTN" in "Số: 15/PTN-TTPVHCC".
   * Null for the register (a book, not an issued document).
   */
  readonly symbol: string | null;
}

export interface FormSet {
  readonly id: FormSetId;
  /** "(Ban hành kèm theo …)": the line printed under the form number. */
  readonly basis: string;
  /** The stop notice exists only in the 2025 set. */
  readonly forms: Readonly<Record<Exclude<FormKind, 'stop_notice'>, FormSetEntry>> & {
    readonly stop_notice?: FormSetEntry;
  };
}

const RECEIPT = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';
const SUPPLEMENT = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';
const REFUSAL = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';
const CONTROL = 'Phiếu kiểm soát quá trình giải quyết hồ sơ';
const REGISTER = 'Sổ theo dõi hồ sơ';

// Circular 01/2018/TT-VPCP prints its slips (01–05) on A5 and the tracking book (06) on A4 (docs/domain.md,
// "Forms (Mẫu 01–06)"). The register's 15 columns need the A4 sheet turned: landscape is our layout
// choice, not the circular's.
const A5: PageSize = { format: 'A5', orientation: 'portrait' };
const A4_LANDSCAPE: PageSize = { format: 'A4', orientation: 'landscape' };

/**
 * Symbols of the document numbers, the same in both sets. UNCONFIRMED (docs/domain.md, "Forms (Mẫu
 * 01–06)"): the Circular 01/2018 templates show "Số: …/PBS", "…/PTC", "…/PXL", "…/PKS" after the number
 * and either "…/PTN" or the unit's own symbol on the receipt; provinces vary. "TBD" for the 2025 stop notice
 * is this product's choice (no template seen).
 */
const symbols = {
  receipt: 'PTN',
  supplement: 'PBS',
  refusal: 'PTC',
  apology: 'PXL',
  stop_notice: 'TBD',
  control_sheet: 'PKS',
} as const;

export const formSets: Readonly<Record<FormSetId, FormSet>> = {
  // Circular 01/2018/TT-VPCP dated 23/11/2018, effective 06/01/2019, confirmed
  // (docs/domain.md, "Decree 118/2025 and Circular 03/2025").
  TT01_2018: {
    id: 'TT01_2018',
    basis: 'Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ',
    forms: {
      receipt: { number: '01', title: RECEIPT, symbol: symbols.receipt, pageSize: A5 },
      supplement: { number: '02', title: SUPPLEMENT, symbol: symbols.supplement, pageSize: A5 },
      refusal: { number: '03', title: REFUSAL, symbol: symbols.refusal, pageSize: A5 },
      apology: {
        number: '04',
        title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
        symbol: symbols.apology,
        pageSize: A5,
      },
      control_sheet: { number: '05', title: CONTROL, symbol: symbols.control_sheet, pageSize: A5 },
      register: { number: '06', title: REGISTER, symbol: null, pageSize: A4_LANDSCAPE },
    },
  },
  // UNCONFIRMED numbering and titles (docs/domain.md, "Forms (Mẫu 01–06)"; secondary sources only): 04
  // renamed, 05 is the new stop notice, so the control sheet is 06 and the register 07. UNCONFIRMED paper
  // sizes: those of the 2018 set are kept, the stop notice a slip on A5 like 01–04.
  TT03_2025: {
    id: 'TT03_2025',
    basis: 'Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng Chính phủ',
    forms: {
      receipt: { number: '01', title: RECEIPT, symbol: symbols.receipt, pageSize: A5 },
      supplement: { number: '02', title: SUPPLEMENT, symbol: symbols.supplement, pageSize: A5 },
      refusal: { number: '03', title: REFUSAL, symbol: symbols.refusal, pageSize: A5 },
      apology: {
        number: '04',
        title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
        symbol: symbols.apology,
        pageSize: A5,
      },
      stop_notice: {
        number: '05',
        title: 'Thông báo dừng giải quyết hồ sơ',
        symbol: symbols.stop_notice,
        pageSize: A5,
      },
      control_sheet: { number: '06', title: CONTROL, symbol: symbols.control_sheet, pageSize: A5 },
      register: { number: '07', title: REGISTER, symbol: null, pageSize: A4_LANDSCAPE },
    },
  },
};

/** The form set of each rule set: the circular that guides its decree. */
const setOfRuleSet: Readonly<Record<RuleSetId, FormSetId>> = {
  ND61_2018: 'TT01_2018',
  ND118_2025: 'TT03_2025',
};

/** The form set a dossier (or a guidance, or a register closed under it) uses: that of its rule set. */
export function formSetOf(ruleSet: RuleSetId): FormSet {
  return formSets[setOfRuleSet[ruleSet]];
}

/** The entry of `kind` in `set`, or undefined when the set has no such form (the 2018 stop notice). */
export function formEntry(set: FormSet, kind: FormKind): FormSetEntry | undefined {
  return set.forms[kind];
}

/**
 * Old names of the dossier forms in the API: their Circular 01/2018 numbers. Kept as aliases of the kinds
 * so that links made before the kinds became the names keep working; new clients use the kinds.
 */
export const dossierFormByNumber: Readonly<Record<string, DossierFormKind>> = {
  '01': 'receipt',
  '02': 'supplement',
  '03': 'refusal',
  '04': 'apology',
  '05': 'control_sheet',
};
