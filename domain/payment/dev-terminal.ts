/**
 * The VNPAY terminal of development and tests: the local sandbox (dev/vnpay-sandbox.ts) knows it. Never
 * valid in production (config/config.ts refuses the secret there).
 */
export const DEV_VNPAY_TMN_CODE = 'MOTCUA01';
export const DEV_VNPAY_HASH_SECRET = 'DEVONLYVNPAYSECRETNOTFORPRODUCTION0123';
export const DEV_VNPAY_PORT = 8090;
export const DEV_VNPAY_PAY_URL = `http://127.0.0.1:${DEV_VNPAY_PORT}/paymentv2/vpcpay.html`;
export const DEV_VNPAY_API_URL = `http://127.0.0.1:${DEV_VNPAY_PORT}/merchant_webapi/api/transaction`;

/** The dev terminal as a whole (common/vnpay.ts `VnpayTerminal`). */
export const devVnpayTerminal = {
  tmnCode: DEV_VNPAY_TMN_CODE,
  hashSecret: DEV_VNPAY_HASH_SECRET,
  payUrl: DEV_VNPAY_PAY_URL,
  apiUrl: DEV_VNPAY_API_URL,
} as const;
