import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { componentErrors, firstErrorStep, stepOfField } from './field-errors';
import { safeReturnTo, signInPath } from './paths';
import { formatSize, searchable } from './text';

const components = [
  { code: 'don', name: 'Đơn đề nghị' },
  { code: 'cccd', name: 'Căn cước công dân' },
];

describe('API errors in the portal forms', () => {
  it('finds the wizard step of a field', () => {
    expect(stepOfField('body.applicant.address')).toBe(0);
    expect(stepOfField('body.applicant.representative.authorisation.document')).toBe(0);
    expect(stepOfField('body.components.1.fileId')).toBe(1);
    expect(stepOfField('body.receivingUnit')).toBe(2);
    expect(stepOfField('body.copies')).toBe(2);
    expect(stepOfField('body.procedureCode')).toBeNull();
    expect(stepOfField('body.applicantx')).toBeNull();
  });

  it('goes to the first step with an error', () => {
    const error = new ApiError(400, 'VALIDATION', 'Dữ liệu không hợp lệ', undefined, [
      { field: 'body.returnMethod', message: 'Chọn cách nhận kết quả' },
      { field: 'body.applicant.email', message: 'Địa chỉ email không hợp lệ' },
    ]);
    expect(firstErrorStep(error)).toBe(0);
    expect(firstErrorStep(new ApiError(400, 'PORTAL.NOT_ONLINE', 'x', 'body.procedureCode'))).toBeNull();
  });

  it('puts upload errors on their component', () => {
    const sent = [
      { code: 'don', fileId: 'f1' },
      { code: 'cccd', fileId: 'f2' },
    ];
    const unknownFile = new ApiError(
      400,
      'PORTAL.UNKNOWN_FILE',
      'Tệp không tồn tại',
      'body.components.1.fileId',
    );
    expect(componentErrors(unknownFile, sent, components)).toEqual({ cccd: 'Tệp không tồn tại' });
    const missing = new ApiError(400, 'PORTAL.MISSING_COMPONENT', 'Thiếu giấy tờ', 'body.components', [
      { field: 'body.components', message: 'Thiếu: Đơn đề nghị' },
      { field: 'body.components', message: 'Thiếu giấy tờ bắt buộc' },
    ]);
    expect(componentErrors(missing, [], components)).toEqual({
      don: 'Thiếu: Đơn đề nghị',
      '': 'Thiếu giấy tờ bắt buộc',
    });
    expect(componentErrors(null, sent, components)).toEqual({});
    expect(componentErrors(new ApiError(400, 'X', 'm', 'body.applicant.address'), sent, components)).toEqual(
      {},
    );
  });
});

describe('portal text and paths', () => {
  it('searches without diacritics', () => {
    expect(searchable('Cấp bản sao văn bằng, Đào tạo')).toBe('cap ban sao van bang, dao tao');
  });

  it('writes file sizes', () => {
    expect(formatSize(500)).toBe('500 byte');
    expect(formatSize(850 * 1024)).toBe('850 KB');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
  });

  it('comes back only to a portal path after sign-in', () => {
    expect(safeReturnTo('/dvc/nop-ho-so/1.001')).toBe('/dvc/nop-ho-so/1.001');
    expect(safeReturnTo('/dvc')).toBe('/dvc');
    expect(safeReturnTo('/dvcx')).toBe('/dvc/ho-so');
    expect(safeReturnTo('https://evil.example/')).toBe('/dvc/ho-so');
    expect(safeReturnTo('//evil.example/dvc')).toBe('/dvc/ho-so');
    expect(safeReturnTo(null)).toBe('/dvc/ho-so');
    expect(signInPath('/dvc/ho-so/A?thanh-toan=huy')).toBe(
      '/dvc/dang-nhap?returnTo=%2Fdvc%2Fho-so%2FA%3Fthanh-toan%3Dhuy',
    );
  });
});
