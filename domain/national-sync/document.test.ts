import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../calendar/index.js';
import {
  buildNationalStatusDocument,
  finalNationalStatuses,
  portalTimestamp,
  type NationalStatusFacts,
} from './document.js';

const at = (iso: string): number => parseIsoInstant(iso)!;

const facts: NationalStatusFacts = {
  dossierCode: '000.00.99.H42-261207-0001',
  procedureCode: '3.000466.000.00.00.H42',
  procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  unitCode: '000.00.99.H42',
  applicantName: 'Nguyễn Văn Ân',
  channel: 'direct',
  status: 2,
  at: at('2026-12-07T08:05:09+07:00'),
  receivedAt: at('2026-12-07T08:05:09+07:00'),
  appointmentAt: at('2026-12-14T08:05:09+07:00'),
  handlingEndedAt: null,
  returnedAt: null,
  paidOnline: false,
  componentsDigitised: false,
  resultDigitised: false,
};

describe('the document pushed for a status change', () => {
  it('names the facts with the national portal fields, times as yyyyMMddHHmmss in Vietnam time', () => {
    expect(buildNationalStatusDocument(facts)).toEqual({
      MaHoSo: '000.00.99.H42-261207-0001',
      MaTTHC: '3.000466.000.00.00.H42',
      TenTTHC: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
      MaDonVi: '000.00.99.H42',
      ChuHoSo: 'Nguyễn Văn Ân',
      KenhThucHien: 1,
      TrangThaiHoSo: 2,
      ThoiDiem: '20261207080509',
      NgayCapNhat: '20261207080509',
      NgayTiepNhan: '20261207080509',
      NgayHenTra: '20261214080509',
      NgayKetThucXuLy: null,
      NgayTra: null,
      DuocThanhToanTrucTuyen: 0,
      DuocSoHoa: 0,
    });
  });

  it('codes the channel 1 direct, 2 online, 3 postal', () => {
    expect(buildNationalStatusDocument({ ...facts, channel: 'online' }).KenhThucHien).toBe(2);
    expect(buildNationalStatusDocument({ ...facts, channel: 'postal' }).KenhThucHien).toBe(3);
  });

  it('says 2 (the provincial gateway) for a fee paid online, 0 otherwise', () => {
    expect(buildNationalStatusDocument({ ...facts, paidOnline: true }).DuocThanhToanTrucTuyen).toBe(2);
    expect(buildNationalStatusDocument(facts).DuocThanhToanTrucTuyen).toBe(0);
  });

  it('counts a dossier digitised only with files on its components and on its result', () => {
    const doc = (c: boolean, r: boolean) =>
      buildNationalStatusDocument({ ...facts, componentsDigitised: c, resultDigitised: r }).DuocSoHoa;
    expect([doc(false, false), doc(true, false), doc(false, true), doc(true, true)]).toEqual([0, 0, 0, 1]);
  });

  it('dates the end of handling and the return when they happened, and no receipt before acceptance', () => {
    const returned = buildNationalStatusDocument({
      ...facts,
      status: 10,
      handlingEndedAt: at('2026-12-10T16:30:00+07:00'),
      returnedAt: at('2026-12-11T09:00:00+07:00'),
    });
    expect(returned).toMatchObject({ NgayKetThucXuLy: '20261210163000', NgayTra: '20261211090000' });
    const submitted = buildNationalStatusDocument({
      ...facts,
      status: 1,
      receivedAt: null,
      appointmentAt: null,
    });
    expect(submitted).toMatchObject({ TrangThaiHoSo: 1, NgayTiepNhan: null, NgayHenTra: null });
  });

  it('writes an instant just before midnight UTC on the next Vietnam day', () => {
    expect(portalTimestamp(Date.UTC(2026, 11, 31, 17, 0, 0))).toBe('20270101000000');
  });

  it('treats refused, stopped and returned as final', () => {
    expect([...finalNationalStatuses].sort((a, b) => a - b)).toEqual([3, 8, 10]);
  });
});
