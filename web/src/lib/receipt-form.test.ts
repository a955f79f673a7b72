import { describe, expect, it } from 'vitest';
import {
  emptyReceiptForm,
  fromDraft,
  idNumberHint,
  isBlank,
  isStoredReceiptDraft,
  receiptBody,
  type ReceiptForm,
} from './receipt-form';

const filled: ReceiptForm = {
  ...emptyReceiptForm('XA-HAIHAU'),
  procedureCode: 'P1',
  components: ['don'],
  applicant: {
    kind: 'citizen',
    fullName: ' Nguyễn Văn Ân ',
    idNumber: '036090001234 ',
    address: 'Xã Hải Hậu, tỉnh Ninh Bình',
    email: '',
    phone: ' 0912 345 678',
  },
};

describe('the receipt form', () => {
  it('sends trimmed text, leaves out empty optional fields, and the counter chosen', () => {
    expect(receiptBody({ ...filled, returnTo: { method: 'counter', unit: 'TTPVHCC-ND' } }, 'P1')).toEqual({
      channel: 'direct',
      procedureCode: 'P1',
      components: ['don'],
      applicant: {
        kind: 'citizen',
        fullName: 'Nguyễn Văn Ân',
        idNumber: '036090001234',
        address: 'Xã Hải Hậu, tỉnh Ninh Bình',
        phone: '0912 345 678',
      },
      returnTo: { method: 'counter', unit: 'TTPVHCC-ND' },
    });
  });

  it('sends an open representative section even half-filled (the API names the field), a unit only for a counter', () => {
    const body = receiptBody(
      {
        ...filled,
        representative: {
          fullName: 'Trần Thị Bình',
          idNumber: '',
          document: 'Giấy ủy quyền số 3',
          issuedOn: '',
        },
        returnTo: { method: 'post', unit: 'XA-HAIHAU' },
      },
      'P1',
    );
    expect(body.applicant.representative).toEqual({
      fullName: 'Trần Thị Bình',
      idNumber: '',
      authorisation: { document: 'Giấy ủy quyền số 3' },
    });
    expect(body.returnTo).toEqual({ method: 'post' });
    expect(receiptBody({ ...filled, returnTo: { method: 'counter', unit: null } }, 'P1').returnTo).toEqual({
      method: 'counter',
    });
  });

  it('sends the copies only when the fee is per copy', () => {
    const form = { ...filled, copies: 3 };
    expect(receiptBody(form, 'P1', true)).toMatchObject({ copies: 3 });
    expect(receiptBody(form, 'P1')).not.toHaveProperty('copies');
  });

  it('loads a draft of an older build with the new fields at their defaults', () => {
    const old = {
      channel: 'postal',
      procedureCode: 'P1',
      components: ['don'],
      applicant: { fullName: 'Lê Thị Cũ', idNumber: '036090001111', email: '', phone: '' },
    };
    expect(isStoredReceiptDraft(old) && fromDraft(old, 'BPMC')).toEqual({
      channel: 'postal',
      procedureCode: 'P1',
      components: ['don'],
      applicant: { ...old.applicant, kind: 'citizen', address: '' },
      representative: null,
      returnTo: { method: 'counter', unit: 'BPMC' },
      copies: 1,
    });
  });

  it('keeps every field of a new draft through storage', () => {
    const form: ReceiptForm = {
      ...filled,
      applicant: { ...filled.applicant, kind: 'organisation' },
      representative: { fullName: 'B', idNumber: '036090001234', document: 'UQ 1', issuedOn: '2026-11-30' },
      returnTo: { method: 'online', unit: null },
    };
    const stored: unknown = JSON.parse(JSON.stringify(form));
    expect(isStoredReceiptDraft(stored) && fromDraft(stored, 'BPMC')).toEqual(form);
    expect(isStoredReceiptDraft({ ...form, applicant: { fullName: 'x' } })).toBe(false);
  });

  it('is blank until something is typed or chosen', () => {
    const blank = emptyReceiptForm('BPMC');
    expect(isBlank(blank)).toBe(true);
    expect(isBlank({ ...blank, applicant: { ...blank.applicant, kind: 'organisation' } })).toBe(true);
    expect(isBlank({ ...blank, applicant: { ...blank.applicant, address: 'Hải Hậu' } })).toBe(false);
    expect(
      isBlank({ ...blank, representative: { fullName: '', idNumber: '', document: 'UQ', issuedOn: '' } }),
    ).toBe(false);
  });

  it('hints what an identification number is made of, why it will be refused, the province of a CCCD', () => {
    expect(idNumberHint('citizen', '')).toContain('12 chữ số');
    expect(idNumberHint('citizen', '12')).toBe('Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.');
    expect(idNumberHint('citizen', '999090001234')).toContain('"999" không phải là mã tỉnh');
    expect(idNumberHint('citizen', '036090001234')).toBe('Mã tỉnh, thành phố 036: Nam Định');
    expect(idNumberHint('organisation', '0101234567-001')).toContain('10 chữ số');
    expect(idNumberHint('organisation', '12')).toContain('Mã số thuế');
  });
});
