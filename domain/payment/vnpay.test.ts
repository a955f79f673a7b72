import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedPayUrl, verifySignedQuery } from '../../common/vnpay.js';
import { IPN_ANSWERS, returnResultOf } from './vnpay-codes.js';
import {
  formatVnpDate,
  fromVnpAmount,
  orderInfoText,
  parseVnpDate,
  payUrlParams,
  queryDrRequest,
  queryDrRequestText,
  signedQueryText,
  toVnpAmount,
} from './vnpay.js';

const SECRET = 'VNPAYTESTSECRET0123456789ABCDEFG';
// 2026-12-07 10:15:30 in Vietnam (GMT+7) = 03:15:30 UTC.
const NOW = Date.UTC(2026, 11, 7, 3, 15, 30);

describe('VNPAY 2.1.0, pure parts', () => {
  it('counts vnp_Amount in hundredths of a đồng', () => {
    expect(toVnpAmount(10_000)).toBe('1000000');
    expect(fromVnpAmount('1000000')).toBe(10_000);
    for (const bad of ['1000050', '', '-100', '1e6', undefined]) expect(fromVnpAmount(bad)).toBeUndefined();
  });

  it('formats and parses yyyyMMddHHmmss in GMT+7', () => {
    expect(formatVnpDate(NOW)).toBe('20261207101530');
    expect(formatVnpDate(Date.UTC(2026, 11, 31, 17, 0, 0))).toBe('20270101000000');
    expect(parseVnpDate('20261207101530')).toBe(NOW);
    for (const bad of ['20261307101530', '20260230101530', '2026120710153', undefined]) {
      expect(parseVnpDate(bad)).toBeUndefined();
    }
  });

  it('writes vnp_OrderInfo without diacritics or special characters', () => {
    expect(orderInfoText('Phí cấp bản sao văn bằng — hồ sơ 000.00.99.H42-261207-0001 (Đắk Lắk)')).toBe(
      'Phi cap ban sao van bang ho so 000 00 99 H42 261207 0001 Dak Lak',
    );
  });

  it('signs the sorted, URL-encoded parameters (spaces as +) with HMAC-SHA512: a vector computed by hand', () => {
    const input = {
      reference: '000.00.99.H42-261207-0001-TT1',
      amount: 10_000,
      orderInfo: 'Lệ phí hồ sơ',
      returnUrl: 'https://motcua.example/payments/vnpay/return',
      ipAddr: '203.0.113.7',
    };
    const params = payUrlParams({ ...input, tmnCode: 'MOTCUA01', now: NOW });
    const text = signedQueryText({ ...params, vnp_SecureHash: 'ignored', other: 'ignored' });
    const byHand =
      'vnp_Amount=1000000&vnp_Command=pay&vnp_CreateDate=20261207101530&vnp_CurrCode=VND' +
      '&vnp_ExpireDate=20261207103030&vnp_IpAddr=203.0.113.7&vnp_Locale=vn&vnp_OrderInfo=Le+phi+ho+so' +
      '&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fmotcua.example%2Fpayments%2Fvnpay%2Freturn' +
      '&vnp_TmnCode=MOTCUA01&vnp_TxnRef=000.00.99.H42-261207-0001-TT1&vnp_Version=2.1.0';
    expect(text).toBe(byHand);
    const hash = createHmac('sha512', SECRET).update(byHand).digest('hex');
    const { url } = signedPayUrl(
      { tmnCode: 'MOTCUA01', hashSecret: SECRET, payUrl: 'https://gw.example/vpcpay.html' },
      { ...input, now: NOW },
    );
    expect(url).toBe(`https://gw.example/vpcpay.html?${byHand}&vnp_SecureHash=${hash}`);
    expect(verifySignedQuery({ ...params, vnp_SecureHash: hash.toUpperCase() }, SECRET)).toBe(true);
    expect(verifySignedQuery({ ...params, vnp_Amount: '100', vnp_SecureHash: hash }, SECRET)).toBe(false);
  });

  it('joins a querydr request with | in VNPAY order', () => {
    const r = queryDrRequest({
      requestId: 'R1',
      tmnCode: 'MOTCUA01',
      reference: 'X-TT1',
      transactionDate: '20261207101530',
      ipAddr: '127.0.0.1',
      now: NOW,
    });
    expect(queryDrRequestText(r)).toBe(
      'R1|2.1.0|querydr|MOTCUA01|X-TT1|20261207101530|20261207101530|127.0.0.1|Truy van giao dich X TT1',
    );
  });

  it('sends the payer back with thanh-cong, huy or loi', () => {
    expect(returnResultOf(true, '00')).toBe('thanh-cong');
    expect(returnResultOf(true, '24')).toBe('huy');
    expect(returnResultOf(true, '51')).toBe('loi');
    expect(returnResultOf(false, '00')).toBe('loi');
    expect(IPN_ANSWERS.invalidSignature).toEqual({ RspCode: '97', Message: 'Invalid signature' });
  });
});
