/**
 * The legal rule sets of the one-stop mechanism, as versioned data. A dossier is handled to its end under
 * the set in force on its receipt date (Vietnam local), recorded at receipt in its state: a later switch
 * never changes a running dossier.
 *
 * - `ND61_2018`: Decree 61/2018/NĐ-CP (amended by Decree 107/2021/NĐ-CP) and Circular 01/2018/TT-VPCP: the
 *   dossier is received at the agency's own one-stop desk (Bộ phận Một cửa of the Sở).
 * - `ND118_2025`: Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP: dossiers of provincial departments are
 *   received at the provincial Public Administrative Service Centre (Trung tâm Phục vụ hành chính công) and
 *   its branches and commune points, whatever the applicant's residence, and returned where they chose.
 */
export const ruleSetIds = ['ND61_2018', 'ND118_2025'] as const;
export type RuleSetId = (typeof ruleSetIds)[number];

export interface RuleSet {
  readonly id: RuleSetId;
  /** The decree, as cited in documents. */
  readonly decree: string;
  /** The guiding circular, whose forms the dossier prints. */
  readonly circular: string;
  /** Short label for people. */
  readonly label: string;
}

export const ruleSets: Readonly<Record<RuleSetId, RuleSet>> = {
  ND61_2018: {
    id: 'ND61_2018',
    decree: 'Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ',
    circular: 'Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ',
    label: 'Nghị định 61/2018 và Thông tư 01/2018',
  },
  ND118_2025: {
    id: 'ND118_2025',
    decree: 'Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ',
    circular: 'Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng Chính phủ',
    label: 'Nghị định 118/2025 và Thông tư 03/2025',
  },
};

/**
 * Default first receipt date (Vietnam local, inclusive) of the 2025 set: Decree 118/2025 took effect on
 * 01/07/2025, replacing Decree 61/2018 and Decree 107/2021 (docs/domain.md, "Rule sets and receiving units"). An installation sets its
 * own date with `RULE_SET_SWITCH_DATE` (e.g. when its Centre took over receipt later).
 */
export const DEFAULT_RULE_SET_SWITCH_DATE = '2025-07-01';

/** The set in force on a Vietnam local date ('YYYY-MM-DD'), given the installation's switch date. */
export function ruleSetOn(date: string, switchDate: string = DEFAULT_RULE_SET_SWITCH_DATE): RuleSetId {
  return date < switchDate ? 'ND61_2018' : 'ND118_2025';
}
