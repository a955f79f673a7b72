import { ConfigError, loadConfig } from '../../config/config.js';

/** The variables `loadConfig` refuses in this environment (none when it loads). */
export function refusedVariables(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.map((i) => i.variable);
  }
}

/** The one variable `loadConfig` requires. */
export const baseEnv = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua' };

/** A production environment that loads: real secrets set. */
export const productionEnv = {
  ...baseEnv,
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(40),
  ARCHIVE_INDEX_KEY: 'a'.repeat(40),
  VNPAY_TMN_CODE: 'PRODTMN1',
  VNPAY_HASH_SECRET: 'p'.repeat(40),
  VNPAY_PAY_URL: 'https://pay.vnpay.vn/vpcpay.html',
  VNPAY_API_URL: 'https://merchant.vnpay.vn/merchant_webapi/api/transaction',
};
