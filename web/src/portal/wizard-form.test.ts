import { describe, expect, it } from 'vitest';
import type { Citizen, ProcedureDetail } from './types';
import { fromDraft, missingUploads, newWizardForm, stepIssues, submissionBody, toDraft } from './wizard-form';

const procedure: ProcedureDetail = {
  code: '1.001.H42',
  name: 'Cấp bản sao văn bằng',
  field: 'Văn bằng, chứng chỉ',
  onlineLevel: 'full',
  onlineLevelLabel: 'Toàn trình',
  legalLimit: { amount: 1, unit: 'working_day', text: '1 ngày làm việc' },
  fee: { amount: 10000, per: 'copy', note: null, text: '10.000 đồng/bản sao' },
  resultKind: 'copy',
  resultName: 'Bản sao văn bằng',
  components: [
    { code: 'don', name: 'Đơn đề nghị', required: true, copyForm: null },
    { code: 'cccd', name: 'Căn cước', required: false, copyForm: null },
  ],
  receivingUnits: [{ code: 'SO', name: 'Bộ phận Một cửa Sở GDĐT' }],
  returnMethods: ['online', 'post'],
  asksCopies: true,
};

const citizen: Citizen = {
  personalId: '037090000123',
  fullName: 'Nguyễn Văn An',
  email: 'an@example.vn',
  phone: null,
  csrfToken: 't',
};

const upload = { fileId: 'a'.repeat(64), name: 'don.pdf', contentType: 'application/pdf', size: 1200 };

describe('the submission wizard form', () => {
  const blank = newWizardForm(citizen, procedure);

  it('starts with the e-ID contacts and the only receiving unit chosen', () => {
    expect(blank).toMatchObject({ step: 0, kind: 'citizen', email: 'an@example.vn', phone: '' });
    expect(blank.receivingUnit).toBe('SO');
    expect(blank.returnMethod).toBeNull();
  });

  it('restores its own draft', () => {
    const form = { ...blank, step: 2, address: 'Hoa Lư, Ninh Bình', uploads: { don: upload }, copies: 3 };
    expect(fromDraft(JSON.parse(JSON.stringify(toDraft(form))), blank, procedure)).toEqual(form);
  });

  it('drops what the procedure no longer offers and fills what the draft lacks', () => {
    const restored = fromDraft(
      {
        version: 1,
        step: 9,
        address: 'Ninh Bình',
        uploads: { removed: upload, cccd: { fileId: 1 }, don: upload },
        receivingUnit: 'CLOSED',
        returnMethod: 'counter',
        copies: 0,
      },
      blank,
      procedure,
    );
    expect(restored).toMatchObject({
      step: 0,
      address: 'Ninh Bình',
      email: 'an@example.vn',
      uploads: { don: upload },
      receivingUnit: 'SO',
      returnMethod: null,
      copies: 1,
    });
    expect(restored?.uploads).not.toHaveProperty('cccd');
  });

  it('refuses a draft that is not a wizard draft', () => {
    expect(fromDraft(null, blank, procedure)).toBeNull();
    expect(fromDraft({ address: 'x' }, blank, procedure)).toBeNull();
    expect(fromDraft([], blank, procedure)).toBeNull();
  });

  it('sends the citizen as applicant with the name and ID of the e-ID', () => {
    const form = {
      ...blank,
      address: ' Ninh Bình ',
      phone: ' ',
      returnMethod: 'online' as const,
      uploads: { don: upload },
    };
    expect(submissionBody(form, citizen, procedure)).toEqual({
      procedureCode: '1.001.H42',
      receivingUnit: 'SO',
      returnMethod: 'online',
      applicant: {
        kind: 'citizen',
        fullName: 'Nguyễn Văn An',
        idNumber: '037090000123',
        address: 'Ninh Bình',
        email: 'an@example.vn',
      },
      components: [{ code: 'don', fileId: upload.fileId }],
      copies: 1,
    });
  });

  it('sends an organisation with the citizen as its representative', () => {
    const form = {
      ...blank,
      kind: 'organisation' as const,
      address: 'Số 1 Tràng An',
      organisation: {
        name: 'Trường THPT A',
        taxCode: '2700123456',
        document: 'Giấy giới thiệu số 5',
        issuedOn: '',
      },
    };
    expect(submissionBody(form, citizen, procedure).applicant).toEqual({
      kind: 'organisation',
      fullName: 'Trường THPT A',
      idNumber: '2700123456',
      address: 'Số 1 Tràng An',
      email: 'an@example.vn',
      representative: {
        fullName: 'Nguyễn Văn An',
        idNumber: '037090000123',
        authorisation: { document: 'Giấy giới thiệu số 5' },
      },
    });
  });

  it('names the required components without a file', () => {
    expect(missingUploads(blank, procedure).map((c) => c.code)).toEqual(['don']);
    expect(missingUploads({ ...blank, uploads: { don: upload } }, procedure)).toEqual([]);
  });

  it('says what is missing before leaving the files and the delivery steps', () => {
    expect(stepIssues({ ...blank, step: 1 }, procedure)).toEqual([
      { field: 'components', message: 'Chưa tải lên giấy tờ bắt buộc: Đơn đề nghị.' },
    ]);
    expect(stepIssues({ ...blank, step: 2 }, procedure).map((i) => i.field)).toEqual(['returnMethod']);
    expect(stepIssues({ ...blank, step: 2, receivingUnit: null, returnMethod: 'post' }, procedure)).toEqual([
      { field: 'receivingUnit', message: 'Vui lòng chọn nơi tiếp nhận hồ sơ.' },
    ]);
    expect(stepIssues({ ...blank, step: 0 }, procedure)).toEqual([]);
  });
});
