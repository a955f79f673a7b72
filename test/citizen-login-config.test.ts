import { describe, expect, it } from 'vitest';
import { loadConfig, oidcRedirectUri } from '../config/config.js';
import { baseEnv as base, productionEnv, refusedVariables } from './support/config.js';

const production = { ...productionEnv, UNIT_CODE: '000.00.53.H42' };

describe('citizen login configuration (OIDC_*, CITIZEN_ID_CLAIM)', () => {
  it('is off by default; the callback defaults to the public base URL', () => {
    const config = loadConfig({ ...base, PUBLIC_BASE_URL: 'https://dvc.example.vn' });
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config).toMatchObject({
      OIDC_CLIENT_ID: 'mot-cua',
      CITIZEN_ID_CLAIM: 'personal_id',
      OIDC_SCOPES: 'openid profile email phone personal_id',
    });
    expect(oidcRedirectUri(config)).toBe('https://dvc.example.vn/portal/auth/callback');
    const own = loadConfig({ ...base, OIDC_REDIRECT_URI: 'https://a.example.vn/cb' });
    expect(oidcRedirectUri(own)).toBe('https://a.example.vn/cb');
  });

  it('refuses scopes without openid and a malformed claim name', () => {
    expect(refusedVariables({ ...base, OIDC_SCOPES: 'profile email' })).toEqual(['OIDC_SCOPES']);
    expect(refusedVariables({ ...base, CITIZEN_ID_CLAIM: 'so dinh danh' })).toEqual(['CITIZEN_ID_CLAIM']);
  });

  it('in production wants an https issuer and the secret the provider issued', () => {
    expect(refusedVariables(production)).toEqual([]);
    expect(refusedVariables({ ...production, OIDC_ISSUER: 'http://idp.example.vn' })).toEqual([
      'OIDC_ISSUER',
      'OIDC_CLIENT_SECRET',
    ]);
    const https = { ...production, OIDC_ISSUER: 'https://idp.example.vn' };
    expect(refusedVariables(https)).toEqual(['OIDC_CLIENT_SECRET']);
    expect(refusedVariables({ ...https, OIDC_CLIENT_SECRET: 's'.repeat(32) })).toEqual([]);
  });
});
