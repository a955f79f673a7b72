/**
 * The two form sets of the one-stop mechanism and which one a dossier uses: the set in force on the
 * dossier's receipt date (Vietnam local). All numbering and titles live here, as data (docs/domain.md,
 * "Forms (Mẫu 01–06)").
 */
import { toVnDate } from '../calendar/index.js';

/**
 * Date from which dossiers use the Circular 03/2025/TT-VPCP set (Vietnam local date, inclusive).
 *
 * UNCONFIRMED: docs/domain.md ("Decree 118/2025 and Circular 03/2025") confirms only that the circular is
 * dated 15/09/2025 (it replaces Circular 01/2018/TT-VPCP); its effective date is not known. The date of
 * issue stands in until the official text (vbpl.vn / congbao.chinhphu.vn) is checked; change it here and
 * nowhere else.
 */
export const CIRCULAR_03_2025_EFFECTIVE_FROM = '2025-09-15';

/** The form sets: Circular 01/2018/TT-VPCP and Circular 03/2025/TT-VPCP. */
export const formSetIds = ['TT01_2018', 'TT03_2025'] as const;
export type FormSetId = (typeof formSetIds)[number];

/** The kinds of form the engine fills, whatever their number in a set. */
export const formKinds = [
  'receipt',
  'supplement',
  'refusal',
  'apology',
  'control_sheet',
  'register',
] as const;
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
}

export interface FormSet {
  readonly id: FormSetId;
  /** "(Ban hành kèm theo …)": the line printed under the form number. */
  readonly basis: string;
  readonly forms: Readonly<Record<FormKind, FormSetEntry>>;
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

export const formSets: Readonly<Record<FormSetId, FormSet>> = {
  // Circular 01/2018/TT-VPCP dated 23/11/2018, effective 06/01/2019, confirmed
  // (docs/domain.md, "Decree 118/2025 and Circular 03/2025").
  TT01_2018: {
    id: 'TT01_2018',
    basis: 'Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ',
    forms: {
      receipt: { number: '01', title: RECEIPT, pageSize: A5 },
      supplement: { number: '02', title: SUPPLEMENT, pageSize: A5 },
      refusal: { number: '03', title: REFUSAL, pageSize: A5 },
      apology: { number: '04', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', pageSize: A5 },
      control_sheet: { number: '05', title: CONTROL, pageSize: A5 },
      register: { number: '06', title: REGISTER, pageSize: A4_LANDSCAPE },
    },
  },
  // UNCONFIRMED numbering and titles (docs/domain.md, "Forms (Mẫu 01–06)"; secondary sources only): 04
  // renamed, 05 is the new "Thông báo dừng giải quyết hồ sơ" (not filled by the engine yet), so the control
  // sheet is 06 and the register 07. UNCONFIRMED paper sizes: those of the 2018 set are kept.
  TT03_2025: {
    id: 'TT03_2025',
    basis: 'Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng Chính phủ',
    forms: {
      receipt: { number: '01', title: RECEIPT, pageSize: A5 },
      supplement: { number: '02', title: SUPPLEMENT, pageSize: A5 },
      refusal: { number: '03', title: REFUSAL, pageSize: A5 },
      apology: {
        number: '04',
        title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
        pageSize: A5,
      },
      control_sheet: { number: '06', title: CONTROL, pageSize: A5 },
      register: { number: '07', title: REGISTER, pageSize: A4_LANDSCAPE },
    },
  },
};

/** The set in force on a Vietnam local date ('YYYY-MM-DD'). */
export function formSetOnDate(date: string): FormSet {
  return formSets[date < CIRCULAR_03_2025_EFFECTIVE_FROM ? 'TT01_2018' : 'TT03_2025'];
}

/** The set a dossier uses: the one in force on its receipt date. */
export function formSetFor(receivedAt: number): FormSet {
  return formSetOnDate(toVnDate(receivedAt));
}

/**
 * The API names a dossier's forms by their Circular 01/2018 numbers (01–05), whatever set the dossier
 * uses: the number stays stable for clients while the printed number follows the set.
 */
export const dossierFormByNumber: Readonly<Record<string, Exclude<FormKind, 'register'>>> = {
  '01': 'receipt',
  '02': 'supplement',
  '03': 'refusal',
  '04': 'apology',
  '05': 'control_sheet',
};
