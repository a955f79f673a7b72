/**
 * The procedure catalog every installation starts with: twelve real procedures of a provincial Sở GDĐT
 * (docs/domain.md, "Seeded procedures") as version 1, with the internal process (quy trình nội bộ) of each.
 * Values differ by province and by publication decision; the tenant publishes its own versions through the
 * API.
 *
 * Data caveats (docs/domain.md, "Confirmed and unconfirmed facts"):
 * - Codes: a `X.XXXXXX.000.00.00.H42` code is the national TTHC code + the Ninh Bình suffix (H42); the
 *   national part is confirmed where docs/domain.md gives it, but whether Ninh Bình's published list
 *   carries each code is UNCONFIRMED. Procedures whose code docs/domain.md marks UNCONFIRMED get a LOCAL
 *   placeholder code `H42.SGDDT.<…>`, to be replaced by the code of the provincial publication decision.
 * - Legal bases are cited by number and title without dates, from background knowledge: UNCONFIRMED,
 *   verify on vbpl.vn before publishing. Decree 125/2024/NĐ-CP replaced Decrees 46/2017 and 135/2018
 *   on conditions of investment and operation in education (UNCONFIRMED: its effective date, hence
 *   whether a version effective 2024-01-01 should still cite 46/2017).
 * - `onlineLevel` values are UNCONFIRMED for Ninh Bình (check the provincial list under Decree 42/2022).
 * - Step budgets are ours unless a comment cites an approved internal process; each fits the legal limit.
 * - Divisions: school organisation → TCCB; diplomas → QLCL; transfers → GDTRH; centres and study-abroad
 *   consulting → GDCN; student support policies → GDCT. Division assignments are UNCONFIRMED per province.
 */
import type { Transaction } from 'kysely';
import {
  validateProcedureDefinition,
  type ProcedureComponent,
  type ProcedureDefinition,
  type ProcedureStep,
} from '../../domain/procedure/procedure-definition.js';
import type { Role } from '../../domain/roles.js';
import { insertProcedureVersion, listProcedures } from '../procedure.repository.js';
import type { DB } from '../schema.js';
import { divisions } from './organisation.seed.js';

const v1 = { version: 1, effectiveFrom: '2024-01-01' } as const;

const UBND_TINH = { partnerCode: 'UBND_TINH', partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình' };

const FIELD_DIPLOMAS = 'Văn bằng, chứng chỉ';
const FIELD_SCHOOLS = 'Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân và các cơ sở giáo dục khác';
const FIELD_SECONDARY = 'Giáo dục trung học';
const FIELD_CONTINUING = 'Giáo dục thường xuyên và giáo dục nghề nghiệp';

const DIRECTOR = 'Giám đốc Sở GDĐT';
const CHAIRMAN = 'Chủ tịch UBND tỉnh';

const DECREE_125 =
  'Nghị định số 125/2024/NĐ-CP của Chính phủ quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục';
const CIRCULAR_21_2019 =
  'Thông tư số 21/2019/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế quản lý bằng tốt ' +
  'nghiệp trung học cơ sở, bằng tốt nghiệp trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ ' +
  'của hệ thống giáo dục quốc dân';
const CIRCULAR_32_2020 =
  'Thông tư số 32/2020/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ trường trung học ' +
  'cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học';

function step(
  id: string,
  name: string,
  kind: ProcedureStep['kind'],
  division: string,
  role: Role,
  budgetHours: number,
): ProcedureStep {
  return { id, name, kind, division, role, budgetHours };
}

const receive = (hours: number) =>
  step(
    'tiep-nhan',
    'Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn',
    'receipt',
    'BPMC',
    'receiver',
    hours,
  );
const assign = (division: string, hours: number) =>
  step('phan-cong', 'Trưởng phòng phân công xử lý', 'handling', division, 'head', hours);
const appraise = (division: string, name: string, hours: number) =>
  step('tham-dinh', name, 'handling', division, 'specialist', hours);
const review = (division: string, hours: number) =>
  step('xem-xet', 'Trưởng phòng xem xét, trình Lãnh đạo Sở', 'handling', division, 'head', hours);
const sign = (role: Role, name: string, hours: number) =>
  step('ky-duyet', name, 'approval', 'BGD', role, hours);
const liaiseProvince = (division: string, hours: number) =>
  step(
    'lien-thong-ubnd-tinh',
    'Chuyển hồ sơ liên thông, chờ Chủ tịch UBND tỉnh xem xét, quyết định',
    'liaison',
    division,
    'specialist',
    hours,
  );
const digitise = (hours: number) =>
  step('so-hoa-ket-qua', 'Vào sổ, phát hành và số hóa kết quả', 'digitisation', 'VP', 'specialist', hours);
const giveBack = (hours: number) =>
  step('tra-ket-qua', 'Trả kết quả cho tổ chức, cá nhân', 'return', 'BPMC', 'receiver', hours);

/** 1. Copy of a diploma from the original register: same day, 15:00 cut-off, province-priced fee. */
const diplomaCopy: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: the provincial national code is UNCONFIRMED (docs/domain.md, "Seeded procedures"
  // #1: district version 1.010020; Cao Bằng local code "VBCC01").
  code: 'H42.SGDDT.VBCC01',
  name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
  field: FIELD_DIPLOMAS,
  // Same day; received after 15:00 → next working day (Decree 23/2015). The extension of up to 2 working
  // days for many copies or a complex register (or longer by written agreement) is not modelled.
  legalLimit: { amount: 1, unit: 'same_day' },
  // UNCONFIRMED for Ninh Bình: 10.000đ/bản is Cao Bằng's price (Hà Nội: 9.000đ, later free for THPT copies).
  fee: { amount: 10_000, note: 'Mức thu 10.000 đồng/bản sao theo quy định của tỉnh' },
  onlineLevel: 'partial',
  resultKind: 'document',
  resultName: 'Bản sao văn bằng, chứng chỉ từ sổ gốc',
  legalBasis: [
    'Nghị định số 23/2015/NĐ-CP của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, ' +
      'chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
    CIRCULAR_21_2019,
  ],
  components: [
    {
      code: 'DON',
      name: 'Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc (theo mẫu)',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'GTTT',
      name: 'Căn cước công dân, hộ chiếu hoặc giấy tờ tùy thân khác còn giá trị sử dụng của người yêu cầu',
      required: true,
      copyForm: 'any',
    },
    {
      code: 'UQ',
      name: 'Văn bản ủy quyền (trường hợp người được ủy quyền yêu cầu cấp bản sao)',
      required: false,
      copyForm: 'certified_copy',
    },
    {
      code: 'PB',
      name: 'Phong bì ghi rõ địa chỉ người nhận (trường hợp nhận kết quả qua dịch vụ bưu chính)',
      required: false,
    },
  ],
  supplementClockRule: 'restart',
  decider: DIRECTOR,
  steps: [
    receive(1),
    step('thu-phi', 'Thu phí cấp bản sao', 'payment', 'BPMC', 'receiver', 0.5),
    appraise('QLCL', 'Đối chiếu sổ gốc, in bản sao văn bằng, chứng chỉ', 3),
    sign('deputy', 'Lãnh đạo Sở ký bản sao', 2),
    digitise(0.5),
    giveBack(1),
  ],
  // A same-day procedure: remind at half of each step, flag the dossier 2 hours before the deadline.
  escalation: { reminderAtFraction: 0.5, atRiskWorkingDays: 0.25 },
};

/** 2. Correction of a diploma's content: 5 working days, result is a correction decision. */
const diplomaCorrection: ProcedureDefinition = {
  ...v1,
  // National code 2.001914 [C] (seen as .H50, Quảng Trị); the .H42 entry is UNCONFIRMED.
  code: '2.001914.000.00.00.H42',
  nationalCode: '2.001914',
  name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  field: FIELD_DIPLOMAS,
  legalLimit: { amount: 5, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'full',
  resultKind: 'decision',
  // The diploma itself is not edited; a refusal is written with reasons.
  resultName: 'Quyết định chỉnh sửa văn bằng, chứng chỉ',
  legalBasis: [CIRCULAR_21_2019],
  components: [
    { code: 'DON', name: 'Đơn đề nghị chỉnh sửa văn bằng, chứng chỉ', required: true, copyForm: 'original' },
    { code: 'VB', name: 'Văn bằng, chứng chỉ đề nghị chỉnh sửa', required: true, copyForm: 'original' },
    {
      code: 'HT',
      name: 'Trích lục hoặc quyết định thay đổi, cải chính hộ tịch, xác định lại dân tộc, xác định lại giới tính',
      required: true,
      copyForm: 'certified_copy',
    },
    { code: 'KS', name: 'Giấy khai sinh', required: true, copyForm: 'any' },
    {
      code: 'GTTT',
      name: 'Căn cước công dân hoặc hộ chiếu còn giá trị sử dụng của người được cấp văn bằng, chứng chỉ',
      required: true,
      copyForm: 'any',
    },
  ],
  supplementClockRule: 'restart',
  decider: DIRECTOR,
  steps: [
    receive(4),
    assign('QLCL', 2),
    appraise('QLCL', 'Thẩm định hồ sơ, dự thảo quyết định chỉnh sửa', 20),
    review('QLCL', 4),
    sign('deputy', 'Lãnh đạo Sở ký quyết định chỉnh sửa', 6),
    digitise(2),
    giveBack(2),
  ],
};

/** 3. Recognition of lower/upper secondary diplomas issued abroad: 15 working days. */
const foreignDiplomaRecognition: ProcedureDefinition = {
  ...v1,
  // National code 1.004889 [C] (.H33 Kiên Giang, .H10 Bình Phước); the .H42 entry is UNCONFIRMED.
  code: '1.004889.000.00.00.H42',
  nationalCode: '1.004889',
  name:
    'Công nhận bằng tốt nghiệp trung học cơ sở, bằng tốt nghiệp trung học phổ thông, giấy chứng nhận hoàn ' +
    'thành chương trình giáo dục phổ thông do cơ sở giáo dục nước ngoài cấp',
  field: FIELD_DIPLOMAS,
  // National page: 15 working days (Bình Phước: 10, up to 20 when foreign verification is needed).
  legalLimit: { amount: 15, unit: 'working_days' },
  // No fee at the Sở (UNCONFIRMED); a separate verification fee exists under a Ministry of Finance circular.
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'document',
  // UNCONFIRMED: exact name of the result document.
  resultName: 'Văn bản công nhận văn bằng',
  // UNCONFIRMED: the circular governing recognition of foreign diplomas.
  legalBasis: [
    'Thông tư số 13/2021/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về điều kiện, trình tự, ' +
      'thủ tục, thẩm quyền công nhận văn bằng do cơ sở giáo dục nước ngoài cấp để sử dụng tại Việt Nam',
  ],
  components: [
    { code: 'DON', name: 'Đơn đề nghị công nhận văn bằng (theo mẫu)', required: true, copyForm: 'original' },
    {
      code: 'VB',
      name: 'Bản sao văn bằng đề nghị công nhận kèm bản dịch sang tiếng Việt được chứng thực',
      required: true,
      copyForm: 'certified_copy',
    },
    {
      code: 'KQHT',
      name: 'Bản sao kết quả học tập kèm bản dịch sang tiếng Việt được chứng thực',
      required: true,
      copyForm: 'certified_copy',
    },
    {
      code: 'UQXM',
      name: 'Văn bản ủy quyền cho cơ quan công nhận xác minh thông tin về văn bằng (trường hợp cần xác minh)',
      required: false,
      copyForm: 'original',
    },
    {
      code: 'GTTT',
      name: 'Bản sao căn cước công dân hoặc hộ chiếu của người được cấp văn bằng',
      required: true,
      copyForm: 'copy',
    },
  ],
  // Pause: time spent waiting for the applicant is excluded (QĐ 766 KPI rule) rather than restarting
  // 15 working days; which rule the recognition circular intends is UNCONFIRMED.
  supplementClockRule: 'pause',
  decider: DIRECTOR,
  steps: [
    receive(8),
    assign('QLCL', 4),
    appraise('QLCL', 'Thẩm định, xác minh văn bằng; dự thảo văn bản công nhận', 80),
    review('QLCL', 8),
    sign('deputy', 'Lãnh đạo Sở ký văn bản công nhận', 8),
    digitise(4),
    giveBack(8),
  ],
};

/** 4. Transfer of an upper-secondary student: Ninh Bình publishes 40 working hours. */
const studentTransfer: ProcedureDefinition = {
  ...v1,
  // Code and 40 h limit as seen for Ninh Bình (docs/domain.md, "Seeded procedures" #4); TT-Huế publishes
  // 2 working days.
  code: '2.002478.000.00.00.H42',
  nationalCode: '2.002478',
  name: 'Chuyển trường đối với học sinh trung học phổ thông',
  field: FIELD_SECONDARY,
  legalLimit: { amount: 40, unit: 'working_hours' },
  fee: { amount: 0 },
  onlineLevel: 'full',
  resultKind: 'document',
  resultName: 'Giấy giới thiệu chuyển trường',
  // UNCONFIRMED: numbers and titles of the transfer regulation and its amendment.
  legalBasis: [
    'Quyết định số 51/2002/QĐ-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy định chuyển trường ' +
      'và tiếp nhận học sinh học tại các trường trung học cơ sở và trung học phổ thông',
    'Thông tư số 50/2021/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo sửa đổi, bổ sung một số điều của ' +
      'Quy định chuyển trường và tiếp nhận học sinh học tại các trường trung học cơ sở và trung học phổ thông',
  ],
  components: [
    {
      code: 'DON',
      name: 'Đơn xin chuyển trường do cha mẹ hoặc người giám hộ ký',
      required: true,
      copyForm: 'original',
    },
    { code: 'HB', name: 'Học bạ', required: true, copyForm: 'original' },
    {
      code: 'BTN',
      name: 'Bằng tốt nghiệp trung học cơ sở hoặc giấy chứng nhận tốt nghiệp trung học cơ sở tạm thời',
      required: true,
      copyForm: 'certified_copy',
    },
    {
      code: 'TTLOP10',
      name: 'Giấy chứng nhận trúng tuyển vào lớp 10 trung học phổ thông',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'GGT',
      name: 'Giấy giới thiệu chuyển trường do Hiệu trưởng nhà trường nơi đi cấp',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'GGTSO',
      name: 'Giấy giới thiệu chuyển trường do Giám đốc Sở GDĐT nơi đi cấp (học sinh chuyển từ tỉnh khác đến)',
      required: false,
      copyForm: 'original',
    },
    {
      code: 'UUTIEN',
      name: 'Giấy tờ hợp lệ để được hưởng chế độ ưu tiên, khuyến khích (nếu có)',
      required: false,
      copyForm: 'certified_copy',
    },
  ],
  // Pause: a family supplementing a transcript should not restart the count (UNCONFIRMED choice).
  supplementClockRule: 'pause',
  decider: DIRECTOR,
  steps: [
    receive(4),
    appraise('GDTRH', 'Kiểm tra hồ sơ, dự thảo giấy giới thiệu chuyển trường', 20),
    review('GDTRH', 4),
    sign('deputy', 'Lãnh đạo Sở ký giấy giới thiệu chuyển trường', 4),
    digitise(4),
    giveBack(4),
  ],
};

const schoolProposalComponents = (what: string): ProcedureComponent[] => [
  {
    code: 'TOTRINH',
    name: `Tờ trình đề nghị ${what} (trường công lập) hoặc đơn đề nghị (trường tư thục)`,
    required: true,
    copyForm: 'original',
  },
  { code: 'DEAN', name: `Đề án ${what}`, required: true, copyForm: 'original' },
];

const LAND_PROOF: ProcedureComponent = {
  code: 'DATDAI',
  name: 'Văn bản chứng minh quyền sử dụng đất, quyền sở hữu hoặc hợp đồng thuê trụ sở, cơ sở vật chất',
  required: true,
  copyForm: 'certified_copy',
};
const FINANCE_PROOF: ProcedureComponent = {
  code: 'TAICHINH',
  name: 'Văn bản chứng minh khả năng tài chính để đầu tư xây dựng trường (đối với trường tư thục)',
  required: false,
  copyForm: 'certified_copy',
};

/** 5. Establishment of a public / permission to establish a private upper-secondary school (liaison). */
const schoolEstablishment: ProcedureDefinition = {
  ...v1,
  // Code confirmed for Ninh Bình (docs/domain.md, "Seeded procedures" #5). An invalid dossier is notified
  // within 5 working days.
  code: '1.006388.000.00.00.H42',
  nationalCode: '1.006388',
  name: 'Thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường trung học phổ thông tư thục',
  field: FIELD_SCHOOLS,
  // 25 working days = 200 h after a valid dossier.
  legalLimit: { amount: 25, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'decision',
  resultName: 'Quyết định thành lập hoặc cho phép thành lập trường trung học phổ thông',
  legalBasis: [DECREE_125, CIRCULAR_32_2020],
  components: [...schoolProposalComponents('thành lập trường'), LAND_PROOF, FINANCE_PROOF],
  supplementClockRule: 'restart',
  decider: CHAIRMAN,
  liaison: [UBND_TINH],
  // Ninh Bình's approved process: receipt 8 h, TCCB head 4 h, specialist/consultation 152 h, then the
  // UBND tỉnh one-stop. Here the 152 h are split so that the Sở's signature, the liaison (40 h = 5
  // working days for the chairman's decision: UNCONFIRMED), digitisation and return fit the same 200 h.
  steps: [
    receive(8),
    assign('TCCB', 4),
    appraise('TCCB', 'Thẩm định hồ sơ, lấy ý kiến các sở, ngành liên quan, kiểm tra thực tế', 132),
    review('TCCB', 4),
    sign('director', 'Giám đốc Sở ký tờ trình, báo cáo thẩm định trình UBND tỉnh', 8),
    liaiseProvince('TCCB', 40),
    digitise(2),
    giveBack(2),
  ],
};

/** 6. Establishment of a specialised (chuyên) upper-secondary school (liaison): 20 working days. */
const specialisedSchoolEstablishment: ProcedureDefinition = {
  ...v1,
  // National code 1.005015 [C] (seen as .H33); the .H42 entry is UNCONFIRMED.
  code: '1.005015.000.00.00.H42',
  nationalCode: '1.005015',
  name: 'Thành lập, cho phép thành lập trường trung học phổ thông chuyên',
  field: FIELD_SCHOOLS,
  // 5 working days to notify an invalid dossier, 20 working days of appraisal by the Sở, then the chairman
  // decides (Decree 125/2024). Whether the chairman's time counts inside the 20 days is UNCONFIRMED;
  // here the whole process, liaison included, fits in 20 working days (160 h).
  legalLimit: { amount: 20, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'decision',
  resultName: 'Quyết định thành lập, cho phép thành lập trường trung học phổ thông chuyên',
  legalBasis: [
    DECREE_125,
    // UNCONFIRMED: number of the regulation on specialised upper-secondary schools.
    'Thông tư số 05/2023/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế tổ chức và hoạt ' +
      'động của trường trung học phổ thông chuyên',
  ],
  components: [...schoolProposalComponents('thành lập trường chuyên'), LAND_PROOF, FINANCE_PROOF],
  supplementClockRule: 'restart',
  decider: CHAIRMAN,
  liaison: [UBND_TINH],
  steps: [
    receive(4),
    assign('TCCB', 4),
    appraise('TCCB', 'Thẩm định hồ sơ, lấy ý kiến các sở, ngành liên quan, kiểm tra thực tế', 100),
    review('TCCB', 4),
    sign('director', 'Giám đốc Sở ký tờ trình, báo cáo thẩm định trình UBND tỉnh', 8),
    liaiseProvince('TCCB', 32),
    digitise(4),
    giveBack(4),
  ],
};

/** 7. Permission for an upper-secondary school to start educational activities: 20 working days. */
const schoolActivityPermission: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #7).
  code: 'H42.SGDDT.THPT-HDGD',
  name: 'Cho phép trường trung học phổ thông hoạt động giáo dục',
  field: FIELD_SCHOOLS,
  // 20 working days (TT-Huế).
  legalLimit: { amount: 20, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'decision',
  resultName: 'Quyết định cho phép trường trung học phổ thông hoạt động giáo dục',
  legalBasis: [DECREE_125, CIRCULAR_32_2020],
  components: [
    {
      code: 'TOTRINH',
      name: 'Tờ trình đề nghị cho phép hoạt động giáo dục',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'QDTL',
      name: 'Quyết định thành lập hoặc cho phép thành lập trường',
      required: true,
      copyForm: 'certified_copy',
    },
    {
      code: 'NHANSU',
      name: 'Danh sách cán bộ quản lý, giáo viên kèm bản sao văn bằng, chứng chỉ',
      required: true,
      copyForm: 'copy',
    },
    LAND_PROOF,
    {
      code: 'QUYCHE',
      name: 'Quy chế tổ chức và hoạt động của trường (đối với trường tư thục)',
      required: false,
      copyForm: 'original',
    },
  ],
  supplementClockRule: 'restart',
  decider: DIRECTOR,
  // GDTRH appraises the educational conditions (some provinces give it to TCCB: UNCONFIRMED).
  steps: [
    receive(4),
    assign('GDTRH', 4),
    appraise('GDTRH', 'Thẩm định hồ sơ, kiểm tra thực tế điều kiện hoạt động giáo dục', 128),
    review('GDTRH', 8),
    sign('director', 'Giám đốc Sở ký quyết định cho phép hoạt động giáo dục', 8),
    digitise(4),
    giveBack(4),
  ],
};

/** 8. Registration certificate for study-abroad consulting services: 15 working days. */
const studyAbroadConsulting: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #10).
  code: 'H42.SGDDT.TVDH01',
  name: 'Cấp giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học',
  field: FIELD_CONTINUING,
  legalLimit: { amount: 15, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'full',
  resultKind: 'document',
  resultName: 'Giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học',
  legalBasis: [DECREE_125],
  components: [
    {
      code: 'VBDN',
      name: 'Văn bản đề nghị cấp giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'DKDN',
      name: 'Giấy chứng nhận đăng ký doanh nghiệp',
      required: true,
      copyForm: 'certified_copy',
    },
    {
      code: 'NHANVIEN',
      name:
        'Danh sách nhân viên tư vấn du học kèm bản sao văn bằng, chứng chỉ ngoại ngữ và chứng chỉ bồi dưỡng ' +
        'nghiệp vụ tư vấn du học',
      required: true,
      copyForm: 'certified_copy',
    },
    { code: 'DEAN', name: 'Đề án hoạt động dịch vụ tư vấn du học', required: true, copyForm: 'original' },
  ],
  supplementClockRule: 'restart',
  decider: DIRECTOR,
  // GDCN (Phòng GDCN & GDTX) is chosen over TCCB: the pattern in docs/domain.md, "Seeded procedures", gives
  // study-abroad consulting to the continuing / vocational education division.
  steps: [
    receive(4),
    assign('GDCN', 4),
    appraise('GDCN', 'Thẩm định hồ sơ, kiểm tra điều kiện hoạt động tư vấn du học', 88),
    review('GDCN', 8),
    sign('deputy', 'Lãnh đạo Sở ký giấy chứng nhận', 8),
    digitise(4),
    giveBack(4),
  ],
};

/** 9. Permission for a foreign-language / IT centre to start educational activities: 15 working days. */
const languageCentrePermission: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #11).
  code: 'H42.SGDDT.TTNN-HDGD',
  name: 'Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục',
  field: FIELD_CONTINUING,
  legalLimit: { amount: 15, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'full',
  resultKind: 'decision',
  resultName: 'Quyết định cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục',
  legalBasis: [
    DECREE_125,
    // UNCONFIRMED: number of the regulation on foreign-language and IT centres.
    'Thông tư số 21/2018/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế tổ chức và hoạt động ' +
      'của trung tâm ngoại ngữ, tin học',
  ],
  components: [
    {
      code: 'TOTRINH',
      name: 'Tờ trình đề nghị cho phép trung tâm hoạt động giáo dục',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'QDTL',
      name: 'Quyết định thành lập hoặc cho phép thành lập trung tâm',
      required: true,
      copyForm: 'certified_copy',
    },
    {
      code: 'CHUONGTRINH',
      name: 'Chương trình, tài liệu dạy học; danh sách giáo viên kèm bản sao văn bằng, chứng chỉ',
      required: true,
      copyForm: 'copy',
    },
    LAND_PROOF,
    {
      code: 'QUYCHE',
      name: 'Quy chế tổ chức và hoạt động của trung tâm',
      required: true,
      copyForm: 'original',
    },
  ],
  supplementClockRule: 'restart',
  decider: DIRECTOR,
  steps: [
    receive(4),
    assign('GDCN', 4),
    appraise('GDCN', 'Thẩm định hồ sơ, kiểm tra thực tế tại trung tâm', 88),
    review('GDCN', 8),
    sign('deputy', 'Lãnh đạo Sở ký quyết định cho phép hoạt động giáo dục', 8),
    digitise(4),
    giveBack(4),
  ],
};

/** 10. Support policy for upper-secondary students of the Kinh ethnicity: 8 working days. */
const kinhStudentSupport: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #13).
  code: 'H42.SGDDT.HTHS01',
  name: 'Xét, duyệt chính sách hỗ trợ đối với học sinh trung học phổ thông là người dân tộc Kinh',
  field: FIELD_SECONDARY,
  legalLimit: { amount: 8, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'decision',
  resultName: 'Quyết định phê duyệt danh sách học sinh được hưởng chính sách hỗ trợ',
  // UNCONFIRMED: Decree 116/2016 may have been replaced by a 2025 decree on support for students in
  // ethnic-minority and disadvantaged areas; verify before publishing.
  legalBasis: [
    'Nghị định số 116/2016/NĐ-CP của Chính phủ quy định chính sách hỗ trợ học sinh và trường phổ thông ở ' +
      'xã, thôn đặc biệt khó khăn',
  ],
  components: [
    {
      code: 'VBDN',
      name: 'Văn bản đề nghị của nhà trường kèm danh sách học sinh đề nghị hưởng chính sách hỗ trợ',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'DON',
      name: 'Đơn đề nghị hỗ trợ của học sinh (theo mẫu)',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'HONGHEO',
      name: 'Giấy tờ chứng minh học sinh thuộc hộ nghèo, có nơi thường trú tại xã, thôn đặc biệt khó khăn',
      required: true,
      copyForm: 'any',
    },
  ],
  supplementClockRule: 'restart',
  decider: DIRECTOR,
  // GDCT (student affairs) leads and consults KHTC on funding: UNCONFIRMED per province.
  steps: [
    receive(4),
    appraise('GDCT', 'Thẩm định danh sách, phối hợp Phòng Kế hoạch – Tài chính xác định kinh phí', 36),
    review('GDCT', 8),
    sign('deputy', 'Lãnh đạo Sở ký quyết định phê duyệt', 8),
    digitise(4),
    giveBack(4),
  ],
};

/** 11. Merger, division or split of upper-secondary schools (liaison): 20 working days. */
const schoolMerger: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #8).
  code: 'H42.SGDDT.THPT-SNCT',
  name: 'Sáp nhập, chia, tách trường trung học phổ thông',
  field: FIELD_SCHOOLS,
  // TT-Huế lists both 20 and 40 working days: UNCONFIRMED, 20 kept.
  legalLimit: { amount: 20, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'decision',
  resultName: 'Quyết định sáp nhập, chia, tách trường trung học phổ thông',
  legalBasis: [DECREE_125, CIRCULAR_32_2020],
  components: [
    ...schoolProposalComponents('sáp nhập, chia, tách trường'),
    {
      code: 'TAISAN',
      name: 'Văn bản xác nhận về tài chính, tài sản, đất đai, các khoản vay, nợ phải trả và các vấn đề liên quan',
      required: true,
      copyForm: 'certified_copy',
    },
  ],
  supplementClockRule: 'restart',
  decider: CHAIRMAN,
  liaison: [UBND_TINH],
  steps: [
    receive(4),
    assign('TCCB', 4),
    appraise('TCCB', 'Thẩm định hồ sơ, lấy ý kiến các sở, ngành liên quan', 96),
    review('TCCB', 4),
    sign('director', 'Giám đốc Sở ký tờ trình trình UBND tỉnh', 8),
    liaiseProvince('TCCB', 36),
    digitise(4),
    giveBack(4),
  ],
};

/** 12. Dissolution of an upper-secondary school (liaison): 20 working days. */
const schoolDissolution: ProcedureDefinition = {
  ...v1,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #9).
  code: 'H42.SGDDT.THPT-GT',
  name: 'Giải thể trường trung học phổ thông (theo đề nghị của tổ chức, cá nhân đề nghị thành lập trường)',
  field: FIELD_SCHOOLS,
  // TT-Huế lists 20 or 30 working days: UNCONFIRMED, 20 kept.
  legalLimit: { amount: 20, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'partial',
  resultKind: 'decision',
  resultName: 'Quyết định giải thể trường trung học phổ thông',
  legalBasis: [DECREE_125, CIRCULAR_32_2020],
  components: [
    {
      code: 'TOTRINH',
      name: 'Tờ trình đề nghị giải thể trường của tổ chức, cá nhân đề nghị thành lập trường',
      required: true,
      copyForm: 'original',
    },
    {
      code: 'PHUONGAN',
      name:
        'Phương án giải thể: bảo đảm quyền lợi của học sinh, giáo viên, người lao động; xử lý tài chính, ' +
        'tài sản, đất đai',
      required: true,
      copyForm: 'original',
    },
  ],
  supplementClockRule: 'restart',
  decider: CHAIRMAN,
  liaison: [UBND_TINH],
  steps: [
    receive(4),
    assign('TCCB', 4),
    appraise('TCCB', 'Thẩm định hồ sơ, phương án giải thể, lấy ý kiến các sở, ngành liên quan', 96),
    review('TCCB', 4),
    sign('director', 'Giám đốc Sở ký tờ trình trình UBND tỉnh', 8),
    liaiseProvince('TCCB', 36),
    digitise(4),
    giveBack(4),
  ],
};

/** The seeded catalog: version 1 of each procedure, effective 2024-01-01. */
export const seedProcedures: ProcedureDefinition[] = [
  diplomaCopy,
  diplomaCorrection,
  foreignDiplomaRecognition,
  studentTransfer,
  schoolEstablishment,
  specialisedSchoolEstablishment,
  schoolActivityPermission,
  studyAbroadConsulting,
  languageCentrePermission,
  kinhStudentSupport,
  schoolMerger,
  schoolDissolution,
];

/** The seeded definition, validated against the seeded divisions; a broken seed fails loudly. */
function validSeed(def: ProcedureDefinition): ProcedureDefinition {
  const result = validateProcedureDefinition(def, { divisionCodes: divisions.map((d) => d.code) });
  if (result.ok) return result.value;
  const issues = result.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Seeded procedure ${def.code} is invalid: ${issues}`);
}

/**
 * Publishes version 1 of every seeded procedure whose code the tenant has no version of yet. Idempotent;
 * concurrent runs are serialised by the caller (`seedDatabase` holds the seed lock). Returns how many
 * procedures were published.
 */
export async function seedProcedureCatalog(trx: Transaction<DB>, tenant: string): Promise<number> {
  const existing = new Set((await listProcedures(trx, tenant)).map((p) => p.code));
  let published = 0;
  for (const def of seedProcedures) {
    if (existing.has(def.code)) continue;
    await insertProcedureVersion(trx, tenant, validSeed(def), 'seed');
    published += 1;
  }
  return published;
}
