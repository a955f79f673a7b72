/**
 * The 2025 catalog (docs/domain.md, "Seeded procedures", "The 2025 catalog"): from 01/07/2025 (Decree
 * 142/2025/NĐ-CP in force; provinces merged) the procedures whose national code changed are published
 * under the current code as SUCCESSORS (`replaces`: the old code is no longer received), and the support
 * policy cites Decree 66/2025/NĐ-CP from its entry into force (01/05/2025). Internal processes (steps,
 * budgets) are unchanged unless a comment says why.
 *
 * Sources and what stays UNCONFIRMED are listed per procedure in docs/domain.md; in short:
 * - the new national codes come from a secondary source (Nghệ An QĐ 3771/2025 as reported); 3.000465 and
 *   3.000466 are also the diploma-copy / diploma-correction codes in a public dataset built from the
 *   national portal. UNCONFIRMED against the national database and Ninh Bình's own publication decision;
 * - deciders under Decree 142/2025 (the Chairman of the provincial People's Committee establishes, merges,
 *   splits and dissolves THPT schools; the Director of the Sở permits them to operate): press reports of
 *   the decree and the national portal's page of the establishment procedure;
 * - legal time limits: as before, except the study-abroad registration (Decree 125/2024 Art. 117).
 */
import { diplomaCopy, diplomaCorrection, kinhStudentSupport } from './catalog-2024-diplomas.js';
import {
  schoolActivityPermission,
  schoolDissolution,
  schoolEstablishment,
  schoolMerger,
  specialisedSchoolEstablishment,
  studyAbroadConsulting,
} from './catalog-2024-schools.js';
import { CIRCULAR_32_2020, DECREE_125, type SeedProcedure } from './building-blocks.js';

const DECREE_142 =
  'Nghị định số 142/2025/NĐ-CP của Chính phủ quy định về phân định thẩm quyền của chính quyền địa phương ' +
  'hai cấp trong lĩnh vực quản lý nhà nước của Bộ Giáo dục và Đào tạo';
const DECREE_66 =
  'Nghị định số 66/2025/NĐ-CP của Chính phủ quy định chính sách cho trẻ em nhà trẻ, học sinh, học viên ở ' +
  'vùng đồng bào dân tộc thiểu số và miền núi, vùng bãi ngang, ven biển và hải đảo và cơ sở giáo dục có ' +
  'trẻ em nhà trẻ, học sinh hưởng chính sách';

/** The date the 2025 catalog takes over: Decree 142/2025 in force, Resolution 202/2025/QH15's merger. */
const JULY_2025 = '2025-07-01';

/**
 * Version 1 of the procedure that succeeds `old` under `nationalCode`, in force from 01/07/2025: the old
 * definition with `changes`. The old code's placeholder (`localCode`) does not carry over.
 */
function successor(
  old: SeedProcedure,
  nationalCode: string,
  changes: Partial<SeedProcedure> = {},
): SeedProcedure {
  const { localCode: _placeholder, ...kept } = old;
  return { ...kept, version: 1, effectiveFrom: JULY_2025, nationalCode, ...changes, replaces: old };
}

/** Copy of a diploma from the original register: province-level code 3.000465 (UNCONFIRMED). */
export const diplomaCopy2025 = successor(diplomaCopy, '3.000465');

/** Correction of a diploma's content: province-level code 3.000466 (UNCONFIRMED). */
export const diplomaCorrection2025 = successor(diplomaCorrection, '3.000466');

/**
 * Establishment of a THPT school: 1.012944 (UNCONFIRMED). Name, 5 + 25 working days and the chairman's
 * decision on the Sở's appraisal report as on the national portal's page of the procedure.
 */
export const schoolEstablishment2025 = successor(schoolEstablishment, '1.012944', {
  name:
    'Thành lập hoặc cho phép thành lập trường trung học phổ thông, trường phổ thông có nhiều cấp học có ' +
    'cấp học cao nhất là trung học phổ thông',
  legalBasis: [DECREE_125, DECREE_142, CIRCULAR_32_2020],
});

/** Establishment of a THPT chuyên school: 1.012958 (UNCONFIRMED); the chairman decides (Decree 142). */
export const specialisedSchoolEstablishment2025 = successor(specialisedSchoolEstablishment, '1.012958', {
  legalBasis: [DECREE_142, ...specialisedSchoolEstablishment.legalBasis],
});

/** Permission for a THPT school to operate: 1.012953 (UNCONFIRMED); the Director decides (Decree 142). */
export const schoolActivityPermission2025 = successor(schoolActivityPermission, '1.012953', {
  legalBasis: [DECREE_125, DECREE_142, CIRCULAR_32_2020],
});

/** Merger, division or split of THPT schools: 1.012955 (UNCONFIRMED); the chairman decides (Decree 142). */
export const schoolMerger2025 = successor(schoolMerger, '1.012955', {
  legalBasis: [DECREE_125, DECREE_142, CIRCULAR_32_2020],
});

/**
 * Dissolution of a THPT school: 1.012956 (UNCONFIRMED); the chairman decides (Decree 142) within 20
 * working days of a valid dossier (provincial portals of the former code 1.006389).
 */
export const schoolDissolution2025 = successor(schoolDissolution, '1.012956', {
  legalBasis: [DECREE_125, DECREE_142, CIRCULAR_32_2020],
});

/**
 * Registration of study-abroad consulting: 1.005061 (UNCONFIRMED). Decree 125/2024 Art. 117 (secondary
 * summary): the Sở appraises within 15 days of a valid dossier, then the Director issues the certificate
 * within 5 working days: 20 working days here (whether the 15 days are working days is UNCONFIRMED). The
 * dossier: the request (Form 07, Appendix IV), the enterprise registration / establishment decision /
 * investment certificate, and the proof of the right to use the premises. Budgets unchanged (88 h of
 * appraisal fit the longer limit).
 */
export const studyAbroadConsulting2025 = successor(studyAbroadConsulting, '1.005061', {
  legalLimit: { amount: 20, unit: 'working_days' },
  components: [
    {
      code: 'VBDN',
      name: 'Văn bản đề nghị cấp giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học (Mẫu số 07 Phụ lục IV)',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'DKDN',
      name: 'Giấy chứng nhận đăng ký doanh nghiệp, quyết định thành lập hoặc giấy chứng nhận đăng ký đầu tư',
      required: true,
      copyForm: 'copy',
    },
    {
      code: 'TRUSO',
      name: 'Văn bản chứng minh quyền sử dụng đất, quyền sở hữu nhà hoặc hợp đồng thuê trụ sở',
      required: true,
      copyForm: 'copy',
    },
  ],
});

/**
 * Support policy for pupils: version 2 under the same placeholder code, citing Decree 66/2025 from its
 * entry into force (01/05/2025; it replaces Decree 116/2016: a provincial legal-dissemination portal and
 * the press). Whether the procedure keeps its name and code under Decree 66 is UNCONFIRMED.
 */
export const kinhStudentSupport2025: SeedProcedure = {
  ...kinhStudentSupport,
  version: 2,
  effectiveFrom: '2025-05-01',
  legalBasis: [DECREE_66],
};

/** The 2025 versions, in the order they are seeded. */
export const catalog2025: readonly SeedProcedure[] = [
  diplomaCopy2025,
  diplomaCorrection2025,
  schoolEstablishment2025,
  specialisedSchoolEstablishment2025,
  schoolActivityPermission2025,
  studyAbroadConsulting2025,
  kinhStudentSupport2025,
  schoolMerger2025,
  schoolDissolution2025,
];
