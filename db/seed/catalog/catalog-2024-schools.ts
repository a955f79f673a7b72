/**
 * The 2024 catalog, part 2: schools and centres (docs/domain.md, "Seeded procedures" #5–11), as seeded
 * since the first release. Data caveats: see `procedures.seed.ts`.
 */
import {
  CHAIRMAN,
  CIRCULAR_32_2020,
  DECREE_125,
  DIRECTOR,
  FIELD_CONTINUING,
  FIELD_SCHOOLS,
  FINANCE_PROOF,
  LAND_PROOF,
  UBND_TINH,
  appraise,
  assign,
  digitise,
  giveBack,
  liaiseProvince,
  receive,
  review,
  schoolProposalComponents,
  sign,
  type SeedProcedure,
} from './building-blocks.js';
import { v2024 } from './catalog-2024-diplomas.js';

/** 5. Establishment of a public / permission to establish a private upper-secondary school (liaison). */
export const schoolEstablishment: SeedProcedure = {
  ...v2024,
  // Code confirmed for Ninh Bình (docs/domain.md, "Seeded procedures" #5). An invalid dossier is notified
  // within 5 working days.
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
export const specialisedSchoolEstablishment: SeedProcedure = {
  ...v2024,
  // National code 1.005015 [C] (seen as .H33); the entry in the province's list is UNCONFIRMED.
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
export const schoolActivityPermission: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #7).
  localCode: 'SGDDT.THPT-HDGD',
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
export const studyAbroadConsulting: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #10).
  localCode: 'SGDDT.TVDH01',
  name: 'Cấp giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học',
  field: FIELD_CONTINUING,
  legalLimit: { amount: 15, unit: 'working_days' },
  fee: { amount: 0 },
  onlineLevel: 'full',
  resultKind: 'document',
  resultName: 'Giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học',
  // Issued as an electronic certificate: signed by the approving leader, sealed by the văn thư
  // (docs/signatures.md). A full online procedure whose result the applicant downloads.
  resultSigning: { seal: true },
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
export const languageCentrePermission: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #11).
  localCode: 'SGDDT.TTNN-HDGD',
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

/** 11. Merger, division or split of upper-secondary schools (liaison): 20 working days. */
export const schoolMerger: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #8).
  localCode: 'SGDDT.THPT-SNCT',
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
export const schoolDissolution: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #9).
  localCode: 'SGDDT.THPT-GT',
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
