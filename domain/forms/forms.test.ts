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
  CIRCULAR_03_2025_EFFECTIVE_FROM,
  dossierFormSchema,
  formSetFor,
  FormNotApplicableError,
  isHandover,
  registerFormSchema,
  renderFormHtml,
  vnDateTimeText,
  type DossierFormInput,
  type FormEvent,
} from './index.js';
import { procedureCode, units } from '../../test/support/catalog.js';

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

function input(events: FormEvent[] = journey(), overrides: Partial<DossierFormInput['dossier']> = {}) {
  return {
    agency: {
      name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình',
      unitCode: units.department,
      deskName: 'Bộ phận Một cửa',
    },
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
      channel: 'direct' as const,
      applicant: { fullName: 'Nguyễn Văn Ân', idNumber: '036090001234', email: null, phone: '0912 345 678' },
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
  } satisfies DossierFormInput;
}

describe('form sets', () => {
  it('uses the Circular 01/2018 set before the Circular 03/2025 effective date, the 2025 set from it', () => {
    const day = CIRCULAR_03_2025_EFFECTIVE_FROM;
    expect(formSetFor(at(day, '00:00') - 60_000).id).toBe('TT01_2018');
    expect(formSetFor(at(day, '00:00')).id).toBe('TT03_2025');
  });

  it('numbers the control sheet 05 in the 2018 set and 06 in the 2025 set', () => {
    expect(buildControlSheetForm(input()).label).toBe('Mẫu số 06');
    const old = input(journey(), { receivedAt: at('2024-03-04', '08:00') });
    expect(buildControlSheetForm(old)).toMatchObject({ set: 'TT01_2018', label: 'Mẫu số 05' });
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
      agency: { parent: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH' },
      place: 'Ninh Bình',
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
      guide: { fullName: 'Trần Văn Minh', unit: 'Phòng Khảo thí và Quản lý chất lượng giáo dục' },
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
      id: 42,
      procedure: { code: 'P', name: 'Thủ tục' },
      applicant: input().dossier.applicant,
      missing: [{ code: 'VB', name: 'Văn bằng' }],
      givenAt: received,
      givenBy: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
    });
    expect(form).toMatchObject({ source: 'receipt_guidance', dossierCode: null, guidanceId: 42 });
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
    });
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

  it('is titled "Phiếu xin lỗi và hẹn lại ngày trả kết quả" in the 2018 set', () => {
    const form = buildApologyForm(input(journey(), { apology, receivedAt: at('2025-01-06', '08:00') }));
    expect(form.title).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
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
      to: { unit: 'Bộ phận Một cửa', person: 'Nguyễn Thị Thu Hà' },
      onTime: null,
    });
    // The receiving person of the transfer is the officer the head assigned.
    expect(form.rows[1]).toMatchObject({
      from: { unit: 'Bộ phận Một cửa', person: 'Nguyễn Thị Thu Hà' },
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
    expect(byType('return_result')).toMatchObject({
      to: { unit: 'Tổ chức, cá nhân' },
      onTimeLabel: 'Đúng hạn',
    });
    expect(form.coordinatingAgencies).toEqual(['Ủy ban nhân dân tỉnh Ninh Bình']);
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
      expect(html).toContain('ỦY BAN NHÂN DÂN TỈNH NINH BÌNH');
      expect(html).toContain('>SỞ GIÁO DỤC VÀ ĐÀO TẠO<');
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
