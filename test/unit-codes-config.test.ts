import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { refusedVariables } from './support/config.js';
import { unitCodesOf } from '../config/units.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua' };
const production = {
  ...base,
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(40),
  VNPAY_TMN_CODE: 'PRODTMN1',
  VNPAY_HASH_SECRET: 'p'.repeat(40),
  VNPAY_PAY_URL: 'https://pay.vnpay.vn/vpcpay.html',
  VNPAY_API_URL: 'https://merchant.vnpay.vn/merchant_webapi/api/transaction',
};

describe('unit codes (config/units.ts)', () => {
  it('default to Ninh Bình, a development placeholder for the Sở and 000.00.00 for the UBND tỉnh', () => {
    expect(unitCodesOf(loadConfig(base))).toEqual({
      province: 'H42',
      department: '000.00.99.H42',
      provincialCommittee: '000.00.00.H42',
    });
  });

  it('take the configured codes, the province suffix included', () => {
    const env = { ...base, PROVINCE_CODE: 'H48', UNIT_CODE: '000.00.53.H48' };
    expect(unitCodesOf(loadConfig(env))).toEqual({
      province: 'H48',
      department: '000.00.53.H48',
      provincialCommittee: '000.00.00.H48',
    });
  });

  it.each([
    [{ PROVINCE_CODE: 'NB' }, 'PROVINCE_CODE'],
    [{ UNIT_CODE: '000.00.53' }, 'UNIT_CODE'],
    [{ UNIT_CODE: '000.00.53.H48' }, 'UNIT_CODE'],
    [{ PROVINCE_COMMITTEE_UNIT_CODE: '000.00.00.h42' }, 'PROVINCE_COMMITTEE_UNIT_CODE'],
  ])('refuse %o at start-up, naming %s', (override, variable) => {
    expect(refusedVariables({ ...base, ...override })).toEqual([variable]);
  });

  it('must name the Sở in production: there is no production default', () => {
    expect(refusedVariables(production)).toEqual(['UNIT_CODE']);
    expect(refusedVariables({ ...production, UNIT_CODE: '000.00.12.H42' })).toEqual([]);
  });
});
