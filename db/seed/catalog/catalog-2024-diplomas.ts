/**
 * The 2024 catalog, part 1: diplomas and pupils (docs/domain.md, "Seeded procedures" #1–4, #13), as
 * seeded since the first release. Data caveats: see `procedures.seed.ts`.
 */
import {
  CIRCULAR_21_2019,
  DIRECTOR,
  FIELD_DIPLOMAS,
  FIELD_SECONDARY,
  appraise,
  assign,
  digitise,
  giveBack,
  receive,
  review,
  sign,
  step,
  type SeedProcedure,
} from './building-blocks.js';

/** Every procedure of this catalog as first seeded: version 1, effective 2024-01-01. */
export const v2024 = { version: 1, effectiveFrom: '2024-01-01' } as const;

/** 1. Copy of a diploma from the original register: same day, 15:00 cut-off, province-priced fee. */
export const diplomaCopy: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: the provincial national code is UNCONFIRMED (docs/domain.md, "Seeded procedures"
  // #1: district version 1.010020; Cao Bằng local code "VBCC01").
  localCode: 'SGDDT.VBCC01',
  name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
  field: FIELD_DIPLOMAS,
  // Same day; received after 15:00 → next working day (Decree 23/2015). The extension of up to 2 working
  // days for many copies or a complex register (or longer by written agreement) is not modelled.
  legalLimit: { amount: 1, unit: 'same_day' },
  // UNCONFIRMED for Ninh Bình: 10.000đ/bản is Cao Bằng's price (Hà Nội: 9.000đ, later free for THPT copies).
  fee: { amount: 10_000, note: 'Mức thu 10.000 đồng/bản sao theo quy định của tỉnh', per: 'copy' },
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
  // A same-day procedure: remind at half of each step, flag the dossier 2 hours before the deadline; an
  // apology "one working day before" a same-day appointment cannot exist, so its limit is the appointment.
  escalation: { reminderAtFraction: 0.5, atRiskWorkingDays: 0.25, apologyLeadWorkingDays: 0 },
};

/** 2. Correction of a diploma's content: 5 working days, result is a correction decision. */
export const diplomaCorrection: SeedProcedure = {
  ...v2024,
  // National code 2.001914 [C] (seen as .H50, Quảng Trị); the entry in the province's list is UNCONFIRMED.
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
export const foreignDiplomaRecognition: SeedProcedure = {
  ...v2024,
  // National code 1.004889 [C] (.H33 Kiên Giang, .H10 Bình Phước); the entry in the province's list is UNCONFIRMED.
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
export const studentTransfer: SeedProcedure = {
  ...v2024,
  // Code and 40 h limit as seen for Ninh Bình (docs/domain.md, "Seeded procedures" #4); TT-Huế publishes
  // 2 working days.
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

/** 10. Support policy for upper-secondary students of the Kinh ethnicity: 8 working days. */
export const kinhStudentSupport: SeedProcedure = {
  ...v2024,
  // LOCAL placeholder: national code UNCONFIRMED (docs/domain.md, "Seeded procedures" #13).
  localCode: 'SGDDT.HTHS01',
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
