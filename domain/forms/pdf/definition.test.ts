import { describe, expect, it } from 'vitest';
import type { ControlSheetForm, ReceiptForm, RegisterForm } from '../model.js';
import { formPdfDefinition, formPdfFileName } from './definition.js';
import { PDF_FONT_FAMILY } from './page.js';
import type { DocumentDefinition } from './types.js';

const header = {
  set: 'TT01_2018' as const,
  basis: 'Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ',
  agency: {
    parent: 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
    name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình',
    desk: 'Bộ phận Một cửa',
    unitCode: '000.00.40.H42',
  },
  place: 'Ninh Bình',
};
const applicant = {
  fullName: 'Nguyễn Thị Ngọc Ánh',
  idNumber: '036190004321',
  email: null,
  phone: '0987654321',
};

const receipt: ReceiptForm = {
  kind: 'receipt',
  ...header,
  number: '01',
  label: 'Mẫu số 01',
  title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  dossierCode: '000.00.40.H42-250302-0007',
  applicant,
  requestContent: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  procedureCode: '2.001914.000.00.00.H42',
  components: [{ no: 1, code: 'DON', name: 'Đơn đề nghị', form: 'Bản chính', quantity: 1 }],
  sets: 1,
  legalTime: '5 ngày làm việc',
  receivedAt: '2025-03-02T09:15:00+07:00',
  appointmentAt: '2025-03-09T09:15:00+07:00',
  currentAppointmentAt: null,
  returnPlace: 'Bộ phận Một cửa – Sở Giáo dục và Đào tạo tỉnh Ninh Bình',
  fee: null,
  register: { book: '2025', number: 7 },
  receiver: { username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' },
};

const row = (no: number, at: string) => ({
  no,
  seq: no,
  type: 'complete',
  action: 'Hoàn thành bước, chuyển hồ sơ',
  at,
  from: { unit: 'Bộ phận Một cửa', person: 'Nguyễn Thị Thu Hà' },
  to: { unit: 'Phòng Khảo thí', person: null },
  actor: null,
  onTime: null,
  onTimeLabel: 'Đúng hạn',
  note: null,
});

const sheet: ControlSheetForm = {
  kind: 'control_sheet',
  ...header,
  number: '05',
  label: 'Mẫu số 05',
  title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  dossierCode: receipt.dossierCode,
  applicant,
  requestContent: receipt.requestContent,
  receivedAt: receipt.receivedAt,
  appointmentAt: receipt.appointmentAt,
  originalAppointmentAt: receipt.appointmentAt,
  resolvingAgency: header.agency.name,
  coordinatingAgencies: [],
  rows: [row(1, '2025-03-04T10:00:00+07:00'), row(2, '2025-03-03T08:00:00+07:00')],
};

const register: RegisterForm = {
  kind: 'register',
  ...header,
  number: '06',
  label: 'Mẫu số 06',
  title: 'Sổ theo dõi hồ sơ',
  period: { from: '2025-03-01', to: '2025-03-31' },
  rows: [],
};

/** Every string a definition prints, in order (text runs, stacks, columns, lists, table cells). */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  const { text, stack, columns, ul, table } = node as Record<string, unknown>;
  return texts([text, stack, columns, ul, (table as { body?: unknown } | undefined)?.body]);
}
const printed = (d: DocumentDefinition) => texts(d.content).join(' ');

describe('the PDF document of a form', () => {
  it('prints a slip on A5 portrait and the register on A4 landscape, as the form set says', () => {
    expect(formPdfDefinition(receipt)).toMatchObject({ pageSize: 'A5', pageOrientation: 'portrait' });
    expect(formPdfDefinition(sheet)).toMatchObject({ pageSize: 'A5', pageOrientation: 'portrait' });
    expect(formPdfDefinition(register)).toMatchObject({ pageSize: 'A4', pageOrientation: 'landscape' });
  });

  it('dates the document by the form itself, never by the clock, in Vietnamese with the agency as author', () => {
    expect(formPdfDefinition(receipt)).toMatchObject({
      language: 'vi-VN',
      defaultStyle: { font: PDF_FONT_FAMILY },
      info: {
        title: 'Mẫu số 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
        author: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình',
        subject: receipt.dossierCode,
        creationDate: new Date('2025-03-02T09:15:00+07:00'),
        modDate: new Date('2025-03-02T09:15:00+07:00'),
      },
    });
    // The control sheet changed last at its latest handover; the register dates from its period.
    expect(formPdfDefinition(sheet).info.modDate).toEqual(new Date('2025-03-04T10:00:00+07:00'));
    expect(formPdfDefinition(register).info).toMatchObject({
      creationDate: new Date('2025-03-01T00:00:00+07:00'),
      modDate: new Date('2025-03-01T00:00:00+07:00'),
    });
    expect(formPdfDefinition(receipt)).toEqual(formPdfDefinition(structuredClone(receipt)));
  });

  it('prints the national heading, the agency block, the title and the body of the HTML form', () => {
    const text = printed(formPdfDefinition(receipt));
    for (const part of [
      'Mẫu số 01',
      '(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP',
      'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
      'BỘ PHẬN MỘT CỬA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Ninh Bình, ngày 02 tháng 03 năm 2025',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Nguyễn Thị Ngọc Ánh',
      'Đơn đề nghị',
      '09 giờ 15 phút, ngày 09 tháng 03 năm 2025',
      'Quyển số: 2025, Số thứ tự: 7',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Thị Thu Hà',
    ]) {
      expect(text).toContain(part);
    }
    expect(printed(formPdfDefinition(register))).toContain('Không có hồ sơ tiếp nhận trong kỳ.');
  });

  it('names the file by form number and dossier, or by period for the register', () => {
    expect(formPdfFileName(receipt)).toBe('Mẫu số 01 - 000.00.40.H42-250302-0007.pdf');
    expect(formPdfFileName(register)).toBe('Mẫu số 06 - Sổ theo dõi hồ sơ 2025-03-01 - 2025-03-31.pdf');
  });
});
