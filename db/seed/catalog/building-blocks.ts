/**
 * Building blocks of the seeded catalog (docs/domain.md, "Seeded procedures"): the step kinds of an
 * internal process, the fields, deciders and legal bases the definitions share, and the shape of a seeded
 * procedure, whose code at the locality is made from the configured province (`config/units.ts`).
 */
import type {
  ProcedureComponent,
  ProcedureDefinition,
  ProcedureStep,
} from '../../../domain/procedure/procedure-definition.js';
import type { Role } from '../../../domain/roles.js';

/**
 * A seeded procedure version before it is placed in a province: its code is the national code at the
 * locality, or, while the national code is UNCONFIRMED, the placeholder `<province>.<localCode>`; a
 * successor names the seeded procedure it `replaces`.
 */
export type SeedProcedure = Omit<ProcedureDefinition, 'code' | 'replaces'> & {
  readonly localCode?: string;
  readonly replaces?: SeedProcedure;
};

export const UBND_TINH = { partnerCode: 'UBND_TINH', partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình' };

export const FIELD_DIPLOMAS = 'Văn bằng, chứng chỉ';
export const FIELD_SCHOOLS =
  'Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân và các cơ sở giáo dục khác';
export const FIELD_SECONDARY = 'Giáo dục trung học';
export const FIELD_CONTINUING = 'Giáo dục thường xuyên và giáo dục nghề nghiệp';

export const DIRECTOR = 'Giám đốc Sở GDĐT';
export const CHAIRMAN = 'Chủ tịch UBND tỉnh';

export const DECREE_125 =
  'Nghị định số 125/2024/NĐ-CP của Chính phủ quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục';
export const CIRCULAR_21_2019 =
  'Thông tư số 21/2019/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế quản lý bằng tốt ' +
  'nghiệp trung học cơ sở, bằng tốt nghiệp trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ ' +
  'của hệ thống giáo dục quốc dân';
export const CIRCULAR_32_2020 =
  'Thông tư số 32/2020/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ trường trung học ' +
  'cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học';

export function step(
  id: string,
  name: string,
  kind: ProcedureStep['kind'],
  division: string,
  role: Role,
  budgetHours: number,
): ProcedureStep {
  return { id, name, kind, division, role, budgetHours };
}

export const receive = (hours: number) =>
  step(
    'tiep-nhan',
    'Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn',
    'receipt',
    'BPMC',
    'receiver',
    hours,
  );
export const assign = (division: string, hours: number) =>
  step('phan-cong', 'Trưởng phòng phân công xử lý', 'handling', division, 'head', hours);
export const appraise = (division: string, name: string, hours: number) =>
  step('tham-dinh', name, 'handling', division, 'specialist', hours);
export const review = (division: string, hours: number) =>
  step('xem-xet', 'Trưởng phòng xem xét, trình Lãnh đạo Sở', 'handling', division, 'head', hours);
export const sign = (role: Role, name: string, hours: number) =>
  step('ky-duyet', name, 'approval', 'BGD', role, hours);
export const liaiseProvince = (division: string, hours: number) =>
  step(
    'lien-thong-ubnd-tinh',
    'Chuyển hồ sơ liên thông, chờ Chủ tịch UBND tỉnh xem xét, quyết định',
    'liaison',
    division,
    'specialist',
    hours,
  );
export const digitise = (hours: number) =>
  step('so-hoa-ket-qua', 'Vào sổ, phát hành và số hóa kết quả', 'digitisation', 'VP', 'specialist', hours);
export const giveBack = (hours: number) =>
  step('tra-ket-qua', 'Trả kết quả cho tổ chức, cá nhân', 'return', 'BPMC', 'receiver', hours);

export const schoolProposalComponents = (what: string): ProcedureComponent[] => [
  {
    code: 'TOTRINH',
    name: `Tờ trình đề nghị ${what} (trường công lập) hoặc đơn đề nghị (trường tư thục)`,
    required: true,
    copyForm: 'original',
  },
  { code: 'DEAN', name: `Đề án ${what}`, required: true, copyForm: 'original' },
];

export const LAND_PROOF: ProcedureComponent = {
  code: 'DATDAI',
  name: 'Văn bản chứng minh quyền sử dụng đất, quyền sở hữu hoặc hợp đồng thuê trụ sở, cơ sở vật chất',
  required: true,
  copyForm: 'certified_copy',
};
export const FINANCE_PROOF: ProcedureComponent = {
  code: 'TAICHINH',
  name: 'Văn bản chứng minh khả năng tài chính để đầu tư xây dựng trường (đối với trường tư thục)',
  required: false,
  copyForm: 'certified_copy',
};
