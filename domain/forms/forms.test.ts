import { describe, expect, it } from 'vitest';
import { vnDateTimeToInstant } from '../calendar/index.js';
import {
  buildApologyForm,
  buildControlSheetForm,
  buildDossierForm,
  buildGuidanceForm,
  buildReceiptForm,
  buildRefusalForm,
  buildRegisterForm,
  buildSupplementForm,
  buildStopNoticeForm,
  dossierFormSchema,
  formSetOf,
  formsIssuedByEvent,
  FormNotApplicableError,
  formPdfDefinition,
  isHandover,
  registerFormSchema,
  renderFormHtml,
  vnDateTimeText,
  type DossierFormInput,
  type FormEvent,
  type FormUnit,
} from './index.js';
import { procedureCode, units } from '../../test/support/catalog.js';
import { comparable, htmlText, pdfText } from '../../test/support/form-text.js';

const at = (day: string, hhmm: string) => vnDateTimeToInstant(day, hhmm);

const actor = (username: string, name: string, role: string, division: string | null = null) => ({
  username,
  name,
  role,
  division,
});
const receiver = actor('receiver', 'Nguyễn Thị Thu Hà', 'receiver', 'BPMC');
const head = actor('head', 'Phạm Thị Lan Anh', 'head', 'QLCL');
const specialist = actor('specialist', 'Trần Văn Minh', 'specialist', 'QLCL');
const deputy = actor('deputy', 'Vũ Đức Thắng', 'deputy', 'BGD');

let seq = 0;
function ev(
  type: string,
  when: number,
  who: FormEvent['actor'],
  from: string | null,
  to: string | null,
  extra: Partial<FormEvent> = {},
): FormEvent {
  seq += 1;
  return {
    seq,
    at: when,
    type,
    actor: who,
    stepId: from ?? to,
    fromPhase: seq === 1 ? null : 'processing',
    toPhase: 'processing',
    fromStepId: from,
    toStepId: to,
    onTime: null,
    payload: {},
    ...extra,
  };
}

const received = at('2026-11-02', '09:00');
const appointment = at('2026-11-09', '09:00');
const newAppointment = at('2026-11-16', '17:00');

/** A dossier that went through supplement, liaison, apology and return (the 2025 set: received in 2026). */
function journey(): FormEvent[] {
  seq = 0;
  return [
    ev('receive', received, receiver, null, 'tiep-nhan', { payload: { appointmentAt: appointment } }),
    ev('complete', at('2026-11-02', '10:00'), receiver, 'tiep-nhan', 'tham-dinh', { onTime: 'early' }),
    ev('assign', at('2026-11-02', '10:30'), head, 'tham-dinh', 'tham-dinh', {
      payload: { assignee: { officerId: 'x', username: 'specialist', fullName: specialist.name } },
    }),
    ev('request_supplement', at('2026-11-03', '08:00'), specialist, 'tham-dinh', 'tham-dinh', {
      toPhase: 'awaiting_supplement',
      payload: { reason: 'Bản sao văn bằng <mờ>', items: ['VB', 'Ảnh chân dung'], count: 1 },
    }),
    ev('record_supplement', at('2026-11-04', '08:00'), receiver, 'tham-dinh', 'tham-dinh', {
      fromPhase: 'awaiting_supplement',
    }),
    ev('complete', at('2026-11-05', '08:00'), specialist, 'tham-dinh', 'lien-thong', { onTime: 'on_time' }),
    ev('liaison_requested', at('2026-11-05', '08:00'), null, 'lien-thong', 'lien-thong', {
      payload: { partnerCode: 'UBND_TINH', partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình' },
    }),
    ev('step_reminder', at('2026-11-06', '08:00'), null, 'lien-thong', 'lien-thong'),
    ev('sign_apology', at('2026-11-06', '09:00'), deputy, 'lien-thong', 'lien-thong', {
      payload: {
        reason: 'Chờ ý kiến của UBND tỉnh',
        previousAppointmentAt: appointment,
        newAppointmentAt: newAppointment,
        dueBy: at('2026-11-06', '17:00'),
        late: false,
      },
    }),
    ev('liaison_answered', at('2026-11-10', '08:00'), null, 'lien-thong', 'ky-duyet', {
      onTime: 'late',
      payload: { partnerCode: 'UBND_TINH', answer: 'approved', note: null },
    }),
    ev('approve', at('2026-11-10', '10:00'), deputy, 'ky-duyet', 'tra-ket-qua', {
      onTime: 'early',
      toPhase: 'result_ready',
    }),
    ev('return_result', at('2026-11-11', '08:00'), receiver, 'tra-ket-qua', null, {
      fromPhase: 'result_ready',
      toPhase: 'returned',
      onTime: 'on_time',
    }),
  ];
}

const haiHau: FormUnit = {
  code: 'XA-HAIHAU',
  name: 'Trung tâm Phục vụ hành chính công xã Hải Hậu',
  parentName: 'ỦY BAN NHÂN DÂN XÃ HẢI HẬU',
  symbol: 'TTPVHCC-HH',
  address: 'Xã Hải Hậu, tỉnh Ninh Bình',
  place: 'Hải Hậu',
};
const namDinh: FormUnit = {
  code: 'TTPVHCC-ND',
  name: 'Chi nhánh Nam Định – Trung tâm Phục vụ hành chính công tỉnh Ninh Bình',
  parentName: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
  symbol: 'TTPVHCC-CNNĐ',
  address: 'Phường Nam Định, tỉnh Ninh Bình',
  place: 'Nam Định',
};

/**
 * A dossier received at the Hải Hậu commune point under Decree 118/2025, handled by the Sở, its result
 * returned at the counter of the Nam Định branch.
 */
function input(
  events: FormEvent[] = journey(),
  overrides: Partial<DossierFormInput['dossier']> = {},
): DossierFormInput {
  return {
    agency: { name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình', unitCode: units.department, symbol: 'SGDĐT' },
    issues: [
      { kind: 'receipt', occurrence: 1, number: 15, symbol: 'PTN-TTPVHCC-HH' },
      { kind: 'control_sheet', occurrence: 1, number: 15, symbol: 'PKS-TTPVHCC-HH' },
      { kind: 'supplement', occurrence: 1, number: 3, symbol: 'PBS-SGDĐT' },
      { kind: 'apology', occurrence: 1, number: 2, symbol: 'PXL-SGDĐT' },
    ],
    divisions: {
      BPMC: 'Bộ phận Một cửa',
      QLCL: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
      BGD: 'Ban Giám đốc Sở',
    },
    procedure: {
      code: procedureCode('3.000466'),
      name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
      legalLimit: { amount: 5, unit: 'working_days' },
      fee: { amount: 0 },
      components: [
        { code: 'DON', name: 'Đơn đề nghị chỉnh sửa', required: true, copyForm: 'original' },
        { code: 'VB', name: 'Văn bằng, chứng chỉ đề nghị chỉnh sửa', required: true, copyForm: 'original' },
      ],
      steps: [
        { id: 'tiep-nhan', name: 'Tiếp nhận', kind: 'receipt', division: 'BPMC', role: 'receiver' },
        { id: 'tham-dinh', name: 'Thẩm định', kind: 'handling', division: 'QLCL', role: 'specialist' },
        { id: 'lien-thong', name: 'Liên thông', kind: 'liaison', division: 'QLCL', role: 'specialist' },
        { id: 'ky-duyet', name: 'Ký duyệt', kind: 'approval', division: 'BGD', role: 'deputy' },
        { id: 'tra-ket-qua', name: 'Trả kết quả', kind: 'return', division: 'BPMC', role: 'receiver' },
      ],
      liaison: [{ partnerCode: 'UBND_TINH', partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình' }],
      decider: 'Giám đốc Sở GDĐT',
    },
    dossier: {
      code: `${units.department}-261102-0007`,
      ruleSet: 'ND118_2025',
      desk: { receivingUnit: haiHau, returnMethod: 'counter', returnUnit: namDinh },
      channel: 'direct' as const,
      applicant: {
        kind: 'citizen',
        fullName: 'Nguyễn Văn Ân',
        idNumber: '036090001234',
        address: 'Xóm 3, xã Hải Hậu, tỉnh Ninh Bình',
        email: null,
        phone: '0912 345 678',
        representative: {
          fullName: 'Trần Thị Bình',
          idNumber: '036190004321',
          authorisation: { document: 'Giấy ủy quyền số 12/2026/UQ', issuedOn: '2026-10-30' },
        },
      },
      components: ['DON', 'VB'],
      receivedAt: received,
      receivedBy: 'receiver',
      appointmentAt: newAppointment,
      originalAppointmentAt: appointment,
      status: 10,
      statusLabel: 'Đã trả kết quả',
      phase: 'returned',
      resultReadyAt: at('2026-11-10', '10:00'),
      finishedAt: at('2026-11-11', '08:00'),
      apology: null,
      ...overrides,
    },
    events,
  };
}

describe('form sets', () => {
  it('follow the rule set of the dossier: Circular 01/2018 under Decree 61, Circular 03/2025 under Decree 118', () => {
    expect(formSetOf('ND61_2018').id).toBe('TT01_2018');
    expect(formSetOf('ND118_2025').id).toBe('TT03_2025');
    expect(formSetOf('ND61_2018').forms.stop_notice).toBeUndefined();
  });

  it('print the same dossier with the titles and numbers of its rule set, whatever its receipt date', () => {
    expect(buildControlSheetForm(input())).toMatchObject({ set: 'TT03_2025', label: 'Mẫu số 06' });
    const old = input(journey(), { ruleSet: 'ND61_2018' });
    expect(buildControlSheetForm(old)).toMatchObject({ set: 'TT01_2018', label: 'Mẫu số 05' });
    expect(buildApologyForm(old).title).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
    expect(buildApologyForm(input()).title).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    // The applicant block is the same under both sets.
    expect(buildReceiptForm(old).applicant).toEqual(buildReceiptForm(input()).applicant);
  });

  it('prints dates the Vietnamese way, in Vietnam time', () => {
    expect(vnDateTimeText('2026-12-01T17:00:00+07:00')).toBe('17 giờ 00 phút, ngày 01 tháng 12 năm 2026');
  });
});

describe('Mẫu 01 – receipt slip', () => {
  it('shows the appointment given at receipt, the components received, the receiver', () => {
    const form = buildReceiptForm(input());
    expect(dossierFormSchema.parse(form)).toEqual(form);
    expect(form).toMatchObject({
      title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      documentNumber: '15/PTN-TTPVHCC-HH',
      issuer: { parent: 'ỦY BAN NHÂN DÂN XÃ HẢI HẬU', name: 'Trung tâm Phục vụ hành chính công xã Hải Hậu' },
      place: 'Hải Hậu',
      returnMethod: 'counter',
      returnPlace:
        'Tại Chi nhánh Nam Định – Trung tâm Phục vụ hành chính công tỉnh Ninh Bình (Phường Nam Định, tỉnh Ninh Bình)',
      receivedAt: '2026-11-02T09:00:00+07:00',
      appointmentAt: '2026-11-09T09:00:00+07:00',
      currentAppointmentAt: '2026-11-16T17:00:00+07:00',
      legalTime: '5 ngày làm việc',
      register: { book: '2026', number: 7 },
      receiver: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
    });
    expect(form.components.map((c) => [c.name, c.form])).toEqual([
      ['Đơn đề nghị chỉnh sửa', 'Bản chính'],
      ['Văn bằng, chứng chỉ đề nghị chỉnh sửa', 'Bản chính'],
    ]);
    const html = renderFormHtml(form);
    expect(html).toContain('Số: 15/PTN-TTPVHCC-HH');
    expect(html).toContain('Hải Hậu, ngày 02 tháng 11 năm 2026');
    expect(html).toContain('>TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG<');
    expect(html).toContain('Địa chỉ: Xóm 3, xã Hải Hậu, tỉnh Ninh Bình');
    expect(html).toContain('Số định danh cá nhân: 036090001234');
    expect(html).toContain('Người đại diện nộp hồ sơ: <b>Trần Thị Bình</b>');
    expect(html).toContain('Giấy ủy quyền số 12/2026/UQ ngày 30/10/2026');
  });

  it('prints the return by post to the applicant address, and online', () => {
    const desk = { receivingUnit: haiHau, returnUnit: haiHau };
    const post = buildReceiptForm(input(journey(), { desk: { ...desk, returnMethod: 'post' } }));
    expect(post.returnPlace).toBe(
      'Qua dịch vụ bưu chính công ích, đến địa chỉ: Xóm 3, xã Hải Hậu, tỉnh Ninh Bình',
    );
    const online = buildReceiptForm(input(journey(), { desk: { ...desk, returnMethod: 'online' } }));
    expect(online.returnPlace).toMatch(/^Trực tuyến trên Cổng Dịch vụ công/);
  });

  it('charges the fee per copy asked for when the procedure charges per copy', () => {
    const perCopy = (copies: number | null) => {
      const base = input(journey(), { copies });
      const fee = { amount: 20_000, per: 'copy' as const, note: 'Phí cấp bản sao' };
      return buildReceiptForm({ ...base, procedure: { ...base.procedure, fee } }).fee;
    };
    expect(perCopy(3)).toEqual({ amount: 60_000, note: 'Phí cấp bản sao' });
    expect(perCopy(null)).toEqual({ amount: 20_000, note: 'Phí cấp bản sao' });
  });

  it('leaves the number blank for a form issued before numbering existed', () => {
    const form = buildReceiptForm({ ...input(), issues: [] });
    expect(form.documentNumber).toBeNull();
    expect(renderFormHtml(form)).toContain('Số: ......../TTPVHCC-HH');
  });
});

describe('numbering', () => {
  const state = { ruleSet: 'ND118_2025' as const, supplements: [1, 2] };
  it('issues a form for the events that create one, by the issuer the rules name', () => {
    expect(formsIssuedByEvent({ type: 'request_supplement', payload: {} }, state, 'QLCL')).toEqual([
      { kind: 'supplement', occurrence: 2, issuer: 'agency' },
    ]);
    expect(formsIssuedByEvent({ type: 'request_supplement', payload: {} }, state, 'BPMC')).toEqual([
      { kind: 'supplement', occurrence: 2, issuer: 'receiving_unit' },
    ]);
    expect(formsIssuedByEvent({ type: 'refuse', payload: {} }, state, null)).toEqual([
      { kind: 'refusal', occurrence: 1, issuer: 'receiving_unit' },
    ]);
    expect(formsIssuedByEvent({ type: 'sign_apology', payload: {} }, state, 'QLCL')).toEqual([
      { kind: 'apology', occurrence: 1, issuer: 'agency' },
    ]);
    expect(formsIssuedByEvent({ type: 'stop', payload: {} }, state, null)).toEqual([
      { kind: 'stop_notice', occurrence: 1, issuer: 'agency' },
    ]);
    expect(formsIssuedByEvent({ type: 'complete', payload: {} }, state, 'QLCL')).toEqual([]);
  });

  it('issues no stop notice under Circular 01/2018, which has none', () => {
    const old = { ruleSet: 'ND61_2018' as const, supplements: [] };
    expect(formsIssuedByEvent({ type: 'stop', payload: {} }, old, null)).toEqual([]);
  });
});

describe('Mẫu 02 – supplement guidance', () => {
  it('lists the requested items (component codes named) and the reason, guided by the officer', () => {
    const form = buildSupplementForm(input());
    expect(form).toMatchObject({
      source: 'supplement_request',
      requestIndex: 1,
      requestCount: 1,
      reason: 'Bản sao văn bằng <mờ>',
      documentNumber: '3/PBS-SGDĐT',
      issuer: { name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình', symbol: 'SGDĐT' },
      guide: { fullName: 'Trần Văn Minh', unit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục' },
      contact: 'Trung tâm Phục vụ hành chính công xã Hải Hậu (Xã Hải Hậu, tỉnh Ninh Bình)',
    });
    expect(form.items.map((i) => i.name)).toEqual(['Văn bằng, chứng chỉ đề nghị chỉnh sửa', 'Ảnh chân dung']);
  });

  it('does not apply to a dossier never asked for a supplement', () => {
    const events = journey().filter((e) => e.type !== 'request_supplement');
    expect(() => buildSupplementForm(input(events))).toThrow(FormNotApplicableError);
  });

  it('is built from the desk guidance for an incomplete dossier', () => {
    const form = buildGuidanceForm({
      agency: input().agency,
      ruleSet: 'ND61_2018',
      unit: haiHau,
      issue: { kind: 'supplement', occurrence: 1, number: 4, symbol: 'PBS-TTPVHCC-HH' },
      id: 42,
      procedure: { code: 'P', name: 'Thủ tục' },
      applicant: input().dossier.applicant,
      missing: [{ code: 'VB', name: 'Văn bằng' }],
      givenAt: received,
      givenBy: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
    });
    expect(form).toMatchObject({
      source: 'receipt_guidance',
      dossierCode: null,
      guidanceId: 42,
      set: 'TT01_2018',
      documentNumber: '4/PBS-TTPVHCC-HH',
      place: 'Hải Hậu',
    });
    expect(form.items).toEqual([{ no: 1, name: 'Văn bằng' }]);
  });
});

describe('Mẫu 03 – refusal', () => {
  it('does not apply to a dossier never refused', () => {
    expect(() => buildRefusalForm(input())).toThrow(FormNotApplicableError);
  });

  it('carries the reasons and the refusing officer', () => {
    seq = 0;
    const events = [
      ev('receive', received, receiver, null, 'tiep-nhan'),
      ev('refuse', at('2026-11-02', '11:00'), deputy, 'tiep-nhan', null, {
        toPhase: 'refused',
        payload: { reasons: ['Không thuộc thẩm quyền', 'Hồ sơ giả mạo'] },
      }),
    ];
    const form = buildRefusalForm(input(events));
    expect(form).toMatchObject({
      reasons: ['Không thuộc thẩm quyền', 'Hồ sơ giả mạo'],
      refuser: { fullName: 'Vũ Đức Thắng', role: 'deputy' },
      refusedAt: '2026-11-02T11:00:00+07:00',
      issuer: { name: 'Trung tâm Phục vụ hành chính công xã Hải Hậu' },
      receiver: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
    });
    const html = renderFormHtml(form);
    expect(html).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(html).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(html).toContain('<b>Trần Thị Bình</b>');
  });
});

describe('Mẫu 04 – apology with a new appointment', () => {
  const apology = {
    signedAt: at('2026-11-06', '09:00'),
    signedBy: 'deputy',
    signerName: 'Vũ Đức Thắng',
    signerRole: 'deputy',
    reason: 'Chờ ý kiến của UBND tỉnh',
    previousAppointmentAt: appointment,
    newAppointmentAt: newAppointment,
  };

  it('uses the apology of the state: reason, previous and new appointment, signer "KT. Giám đốc"', () => {
    const form = buildApologyForm(input(journey(), { apology }));
    expect(dossierFormSchema.parse(form)).toEqual(form);
    expect(form).toMatchObject({
      title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      label: 'Mẫu số 04',
      reason: 'Chờ ý kiến của UBND tỉnh',
      previousAppointmentAt: '2026-11-09T09:00:00+07:00',
      newAppointmentAt: '2026-11-16T17:00:00+07:00',
      signer: { fullName: 'Vũ Đức Thắng', titleLines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] },
    });
    const html = renderFormHtml(form);
    expect(html).toContain('17 giờ 00 phút, ngày 16 tháng 11 năm 2026');
    expect(html).toContain('KT. GIÁM ĐỐC');
  });

  it('is issued by the Sở under its number, with its own place and date', () => {
    const form = buildApologyForm(input(journey(), { apology }));
    expect(form).toMatchObject({
      documentNumber: '2/PXL-SGDĐT',
      issuer: { parent: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH', name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình' },
      place: 'Ninh Bình',
    });
    expect(renderFormHtml(form)).toContain('>SỞ GIÁO DỤC VÀ ĐÀO TẠO<');
  });

  it('prints its legal limit and marks a late signature; none for an apology signed before limits', () => {
    const onTime = buildApologyForm(input());
    expect(onTime).toMatchObject({ dueBy: '2026-11-06T17:00:00+07:00', late: false });
    const limit =
      'Thời hạn gửi văn bản xin lỗi theo quy định: chậm nhất 17 giờ 00 phút, ngày 06 tháng 11 năm 2026';
    expect(renderFormHtml(onTime)).toContain(`${limit}.`);
    const late = buildApologyForm(
      input(journey(), { apology: { ...apology, dueBy: at('2026-11-05', '17:00'), late: true } }),
    );
    expect(late.late).toBe(true);
    expect(renderFormHtml(late)).toContain('; văn bản được ký sau thời hạn này.');
    const before = buildApologyForm(input(journey(), { apology }));
    expect(before).toMatchObject({ dueBy: null, late: false });
    expect(renderFormHtml(before)).not.toContain('Thời hạn gửi văn bản xin lỗi');
  });

  it('falls back to the sign_apology event, and does not apply without an apology', () => {
    expect(buildApologyForm(input()).newAppointmentAt).toBe('2026-11-16T17:00:00+07:00');
    const events = journey().filter((e) => e.type !== 'sign_apology');
    expect(() => buildApologyForm(input(events))).toThrow(FormNotApplicableError);
  });
});

describe('Mẫu 05 – process control sheet', () => {
  it('has one row per handover of the history, with its time, parties and on-time result', () => {
    const events = journey();
    const form = buildControlSheetForm(input(events));
    expect(dossierFormSchema.parse(form)).toEqual(form);
    expect(form.rows.map((r) => r.seq)).toEqual(events.filter(isHandover).map((e) => e.seq));
    expect(form.rows.map((r) => r.type)).toEqual([
      'receive',
      'complete',
      'request_supplement',
      'record_supplement',
      'complete',
      'liaison_requested',
      'sign_apology',
      'liaison_answered',
      'approve',
      'return_result',
    ]);
    const byType = (type: string) => form.rows.find((r) => r.type === type)!;
    expect(byType('receive')).toMatchObject({
      at: '2026-11-02T09:00:00+07:00',
      from: { unit: 'Tổ chức, cá nhân', person: 'Nguyễn Văn Ân' },
      to: { unit: haiHau.name, person: 'Nguyễn Thị Thu Hà' },
      onTime: null,
    });
    // The receiving person of the transfer is the officer the head assigned.
    expect(form.rows[1]).toMatchObject({
      from: { unit: haiHau.name, person: 'Nguyễn Thị Thu Hà' },
      to: { unit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục', person: 'Trần Văn Minh' },
      onTime: 'early',
      onTimeLabel: 'Trước hạn',
    });
    expect(byType('request_supplement')).toMatchObject({
      to: { unit: 'Tổ chức, cá nhân' },
      note: 'Bản sao văn bằng <mờ>',
    });
    expect(byType('liaison_requested').to.unit).toBe('Ủy ban nhân dân tỉnh Ninh Bình');
    expect(byType('liaison_answered')).toMatchObject({
      from: { unit: 'Ủy ban nhân dân tỉnh Ninh Bình', person: null },
      to: { unit: 'Ban Giám đốc Sở', person: 'Vũ Đức Thắng' },
      onTimeLabel: 'Quá hạn',
      actor: null,
    });
    expect(byType('sign_apology')).toMatchObject({
      from: { unit: 'Ban Giám đốc Sở' },
      to: { unit: 'Tổ chức, cá nhân' },
    });
    expect(byType('approve').to.unit).toBe(namDinh.name);
    expect(byType('return_result')).toMatchObject({
      from: { unit: namDinh.name },
      to: { unit: 'Tổ chức, cá nhân' },
      onTimeLabel: 'Đúng hạn',
    });
    expect(form.coordinatingAgencies).toEqual(['Ủy ban nhân dân tỉnh Ninh Bình']);
    expect(form).toMatchObject({
      documentNumber: '15/PKS-TTPVHCC-HH',
      returnPlace: expect.stringContaining(namDinh.name),
    });
  });
});

describe('Mẫu 06 – tracking register', () => {
  it('has one line per dossier in order of receipt, and takes the set in force at the period end', () => {
    const base = input();
    const line = (code: string, receivedAt: number) => ({
      code,
      procedureCode: base.procedure.code,
      procedureName: base.procedure.name,
      applicant: base.dossier.applicant,
      channel: 'online' as const,
      receivedAt,
      appointmentAt: receivedAt + 86_400_000,
      resolvingDivision: 'QLCL',
      transferredAt: null,
      resultReadyAt: null,
      returnedAt: null,
      statusLabel: 'Đang xử lý',
      phase: 'refused',
    });
    const form = buildRegisterForm({
      agency: base.agency,
      ruleSet: 'ND118_2025',
      divisions: base.divisions,
      from: '2025-09-01',
      to: '2025-09-30',
      dossiers: [line('B', at('2025-09-20', '08:00')), line('A', at('2025-09-02', '08:00'))],
    });
    expect(registerFormSchema.parse(form)).toEqual(form);
    expect(form).toMatchObject({ set: 'TT03_2025', label: 'Mẫu số 07' });
    expect(form.rows.map((r) => [r.no, r.dossierCode, r.note])).toEqual([
      [1, 'A', 'Từ chối giải quyết'],
      [2, 'B', 'Từ chối giải quyết'],
    ]);
    const html = renderFormHtml(form);
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('Từ ngày 01 tháng 09 năm 2025 đến ngày 30 tháng 09 năm 2025');
  });
});

describe('HTML', () => {
  it('is a complete document on its A5 paper with the national heading, and escapes every value', () => {
    const evil = input(journey(), {
      applicant: { fullName: '<script>alert("x")</script> & Co', idNumber: '1', email: null, phone: null },
    });
    for (const kind of ['receipt', 'supplement', 'control_sheet'] as const) {
      const html = renderFormHtml(buildDossierForm(kind, evil));
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('@page { size: A5 portrait;');
      expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    }
    expect(renderFormHtml(buildSupplementForm(input()))).toContain('Bản sao văn bằng &lt;mờ&gt;');
  });

  it('prints the receipt time and appointment with hour and minute', () => {
    const html = renderFormHtml(buildReceiptForm(input()));
    expect(html).toContain('09 giờ 00 phút, ngày 02 tháng 11 năm 2026');
    expect(html).toContain('09 giờ 00 phút, ngày 09 tháng 11 năm 2026');
    expect(html).toContain('Mẫu số 01');
  });
});

describe('stop notice (Circular 03/2025)', () => {
  function stopped(ruleSet: 'ND61_2018' | 'ND118_2025') {
    seq = 0;
    const events = [
      ev('receive', received, receiver, null, 'tiep-nhan'),
      ev('complete', at('2026-11-02', '10:00'), receiver, 'tiep-nhan', 'tham-dinh'),
      ev('withdraw', at('2026-11-03', '08:00'), receiver, 'tham-dinh', 'tham-dinh', {
        toPhase: 'withdrawal_requested',
        payload: { reason: 'Không còn nhu cầu' },
      }),
      ev('stop', at('2026-11-03', '09:00'), deputy, 'tham-dinh', null, {
        fromPhase: 'withdrawal_requested',
        toPhase: 'stopped',
        payload: { reason: 'Công dân rút hồ sơ' },
      }),
    ];
    return input(events, { ruleSet, phase: 'stopped', status: 8 });
  }

  it('tells the applicant the dossier stopped, closing the withdrawal, signed by the leader', () => {
    const form = buildStopNoticeForm({
      ...stopped('ND118_2025'),
      issues: [{ kind: 'stop_notice', occurrence: 1, number: 1, symbol: 'TBD-SGDĐT' }],
    });
    expect(dossierFormSchema.parse(form)).toEqual(form);
    expect(form).toMatchObject({
      label: 'Mẫu số 05',
      title: 'Thông báo dừng giải quyết hồ sơ',
      documentNumber: '1/TBD-SGDĐT',
      reason: 'Công dân rút hồ sơ',
      withdrawal: { reason: 'Không còn nhu cầu', requestedAt: '2026-11-03T08:00:00+07:00' },
      signer: { fullName: 'Vũ Đức Thắng', titleLines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] },
    });
    expect(renderFormHtml(form)).toContain('thông báo dừng giải quyết hồ sơ nêu trên');
  });

  it('does not apply under Circular 01/2018, nor to a dossier not stopped', () => {
    expect(() => buildStopNoticeForm(stopped('ND61_2018'))).toThrow(FormNotApplicableError);
    expect(() => buildStopNoticeForm(input())).toThrow(FormNotApplicableError);
  });
});

describe('PDF', () => {
  it('prints what the HTML prints, section by section, for every form of a dossier', () => {
    const refused = [
      ev('receive', received, receiver, null, 'tiep-nhan'),
      ev('refuse', at('2026-11-02', '11:00'), deputy, 'tiep-nhan', null, {
        toPhase: 'refused',
        payload: { reasons: ['Không thuộc thẩm quyền', 'Hồ sơ giả mạo'] },
      }),
    ];
    const stopped = [
      ev('receive', received, receiver, null, 'tiep-nhan'),
      ev('withdraw', at('2026-11-03', '08:00'), receiver, 'tham-dinh', 'tham-dinh', {
        toPhase: 'withdrawal_requested',
        payload: { reason: 'Không còn nhu cầu' },
      }),
      ev('stop', at('2026-11-03', '09:00'), deputy, 'tham-dinh', null, {
        fromPhase: 'withdrawal_requested',
        toPhase: 'stopped',
        payload: { reason: 'Công dân rút hồ sơ' },
      }),
    ];
    const forms = [
      ...(['receipt', 'supplement', 'apology', 'control_sheet'] as const).map((kind) =>
        buildDossierForm(kind, input()),
      ),
      buildRefusalForm(input(refused)),
      buildStopNoticeForm(input(stopped, { phase: 'stopped', status: 8 })),
    ];
    for (const form of forms) {
      const pdf = comparable(pdfText(formPdfDefinition(form)));
      expect(pdf, form.kind).toBe(comparable(htmlText(renderFormHtml(form))));
    }
  });
});
