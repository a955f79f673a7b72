/**
 * A local stand-in of the VNPAY gateway (protocol 2.1.0) for development and tests, speaking the real
 * protocol over real HTTP: the pay page (`GET /paymentv2/vpcpay.html?<signed params>`), the IPN it calls
 * on the merchant server to server, the signed return to vnp_ReturnUrl, and querydr
 * (`POST /merchant_webapi/api/transaction`). Its query signing is written independently of the API's
 * (URLSearchParams, as VNPAY's Java sample encodes), so a mismatch between the two shows in the tests.
 */
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  formatVnpDate,
  parseVnpDate,
  queryDrRequestText,
  queryDrResponseText,
  type QueryDrRequest,
  type QueryDrResponse,
} from '../domain/payment/vnpay.js';
import { sandboxErrorPage, sandboxPayPage } from './vnpay-sandbox-page.js';

/** A merchant terminal as VNPAY's merchant portal configures it. */
export interface SandboxMerchant {
  tmnCode: string;
  hashSecret: string;
  /** Where the IPN goes (server to server, GET with signed params). */
  ipnUrl: string;
}

/** One payment attempt (one pay URL opened). */
export interface SandboxTransaction {
  session: string;
  tmnCode: string;
  txnRef: string;
  /** vnp_Amount as sent (đồng × 100). */
  amount: string;
  orderInfo: string;
  createDate: string;
  returnUrl: string;
  state: 'open' | 'paid' | 'cancelled';
  transactionNo?: string;
  payDate?: string;
  /** What the merchant answered to each IPN. */
  ipnAnswers: { RspCode?: string; Message?: string; status: number }[];
}

export interface VnpaySandbox {
  url: string;
  transactions: SandboxTransaction[];
  /** Whether paying calls the merchant's IPN (false: test the reconciliation). */
  callIpn: boolean;
  /** Adds or replaces a merchant terminal. */
  configureMerchant(merchant: SandboxMerchant): void;
  /** Sends the IPN of the last finished attempt of `txnRef` again, as VNPAY retries it. */
  replayIpn(txnRef: string): Promise<{ RspCode?: string; Message?: string; status: number }>;
  close(): Promise<void>;
}

const hmac = (text: string, secret: string) => createHmac('sha512', secret).update(text).digest('hex');

/** `key=value&…` of the vnp_ params but the hash, sorted, form-encoded: the signed text and the query. */
function sortedQuery(params: Record<string, string>): string {
  const entries = Object.entries(params)
    .filter(([k]) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return new URLSearchParams(entries).toString();
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export async function startVnpaySandbox(opts: {
  port?: number;
  host?: string;
  merchants: SandboxMerchant[];
  callIpn?: boolean;
}): Promise<VnpaySandbox> {
  const merchants = new Map(opts.merchants.map((m) => [m.tmnCode, m]));
  const transactions: SandboxTransaction[] = [];
  // VNPAY's transaction numbers are unique: sandboxes sharing a database must not repeat each other's.
  let serial = randomInt(10_000_000, 90_000_000);

  /** The signed result params of a finished attempt (IPN and return carry the same). */
  function resultParams(t: SandboxTransaction): Record<string, string> {
    const paid = t.state === 'paid';
    const params: Record<string, string> = {
      vnp_Amount: t.amount,
      vnp_BankCode: paid ? 'NCB' : 'VNPAY',
      vnp_CardType: paid ? 'ATM' : 'QRCODE',
      vnp_OrderInfo: t.orderInfo,
      vnp_PayDate: t.payDate ?? formatVnpDate(Date.now()),
      vnp_ResponseCode: paid ? '00' : '24',
      vnp_TmnCode: t.tmnCode,
      vnp_TransactionNo: t.transactionNo ?? '0',
      vnp_TransactionStatus: paid ? '00' : '02',
      vnp_TxnRef: t.txnRef,
      ...(paid ? { vnp_BankTranNo: `VNP${t.transactionNo}` } : {}),
    };
    const secret = merchants.get(t.tmnCode)?.hashSecret ?? '';
    return { ...params, vnp_SecureHash: hmac(sortedQuery(params), secret) };
  }

  async function sendIpn(t: SandboxTransaction) {
    const merchant = merchants.get(t.tmnCode);
    if (!merchant) throw new Error(`no merchant ${t.tmnCode}`);
    const res = await fetch(`${merchant.ipnUrl}?${new URLSearchParams(resultParams(t)).toString()}`);
    const body = (await res.json().catch(() => ({}))) as { RspCode?: string; Message?: string };
    const answer = { ...body, status: res.status };
    t.ipnAnswers.push(answer);
    return answer;
  }

  function html(res: ServerResponse, status: number, body: string) {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  }

  function openPayment(url: URL, res: ServerResponse) {
    const p = Object.fromEntries(url.searchParams);
    const merchant = merchants.get(p.vnp_TmnCode ?? '');
    if (!merchant)
      return html(res, 400, sandboxErrorPage('Website này chưa được phê duyệt (mã website không tồn tại).'));
    if (p.vnp_SecureHash !== hmac(sortedQuery(p), merchant.hashSecret)) {
      return html(res, 400, sandboxErrorPage('Sai chữ ký.'));
    }
    const amount = /^\d+00$/.test(p.vnp_Amount ?? '') ? Number(p.vnp_Amount) / 100 : 0;
    const valid =
      p.vnp_Version === '2.1.0' && p.vnp_Command === 'pay' && p.vnp_CurrCode === 'VND' && amount >= 5_000;
    if (!valid || !p.vnp_TxnRef || !p.vnp_ReturnUrl || !p.vnp_CreateDate) {
      return html(
        res,
        400,
        sandboxErrorPage('Dữ liệu gửi sang không đúng định dạng hoặc số tiền không hợp lệ.'),
      );
    }
    if ((parseVnpDate(p.vnp_ExpireDate) ?? 0) < Date.now()) {
      return html(res, 400, sandboxErrorPage('Giao dịch đã quá thời gian chờ thanh toán.'));
    }
    const t: SandboxTransaction = {
      session: randomUUID(),
      tmnCode: merchant.tmnCode,
      txnRef: p.vnp_TxnRef,
      amount: p.vnp_Amount ?? '',
      orderInfo: p.vnp_OrderInfo ?? '',
      createDate: p.vnp_CreateDate,
      returnUrl: p.vnp_ReturnUrl,
      state: 'open',
      ipnAnswers: [],
    };
    transactions.push(t);
    return html(res, 200, sandboxPayPage({ ...t, amount }));
  }

  async function confirm(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const t = transactions.find((x) => x.session === form.get('session') && x.state === 'open');
    if (!t) return html(res, 404, sandboxErrorPage('Không tìm thấy giao dịch.'));
    t.payDate = formatVnpDate(Date.now());
    if (form.get('action') === 'pay') {
      t.state = 'paid';
      t.transactionNo = String((serial += 1));
    } else t.state = 'cancelled';
    if (sandbox.callIpn) await sendIpn(t).catch(() => undefined);
    const back = `${t.returnUrl}?${new URLSearchParams(resultParams(t)).toString()}`;
    res.writeHead(302, { location: back }).end();
  }

  async function queryDr(req: IncomingMessage, res: ServerResponse) {
    const q = JSON.parse(await readBody(req)) as QueryDrRequest & { vnp_SecureHash?: string };
    const merchant = merchants.get(q.vnp_TmnCode);
    const answer = (r: Omit<QueryDrResponse, 'vnp_ResponseId' | 'vnp_Command' | 'vnp_TmnCode'>) => {
      const body: QueryDrResponse = {
        vnp_ResponseId: randomUUID().replace(/-/g, ''),
        vnp_Command: 'querydr',
        vnp_TmnCode: q.vnp_TmnCode,
        ...r,
      };
      body.vnp_SecureHash = hmac(queryDrResponseText(body), merchant?.hashSecret ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!merchant) return answer({ vnp_ResponseCode: '02', vnp_Message: 'Merchant is not valid' });
    if (q.vnp_SecureHash !== hmac(queryDrRequestText(q), merchant.hashSecret)) {
      return answer({ vnp_ResponseCode: '97', vnp_Message: 'Invalid checksum' });
    }
    const t = transactions.find((x) => x.txnRef === q.vnp_TxnRef && x.createDate === q.vnp_TransactionDate);
    if (!t) return answer({ vnp_ResponseCode: '91', vnp_Message: 'Transaction not found' });
    const paid = t.state === 'paid';
    return answer({
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TxnRef: t.txnRef,
      vnp_Amount: t.amount,
      vnp_BankCode: paid ? 'NCB' : '',
      vnp_PayDate: t.payDate ?? '',
      vnp_TransactionNo: t.transactionNo ?? '0',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: paid ? '00' : t.state === 'open' ? '01' : '02',
      vnp_OrderInfo: t.orderInfo,
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const route = `${req.method} ${url.pathname}`;
    const handled =
      route === 'GET /paymentv2/vpcpay.html'
        ? Promise.resolve(openPayment(url, res))
        : route === 'POST /paymentv2/confirm'
          ? confirm(req, res)
          : route === 'POST /merchant_webapi/api/transaction'
            ? queryDr(req, res)
            : Promise.resolve(html(res, 404, sandboxErrorPage('Không tìm thấy trang.')));
    handled.catch(() => {
      if (!res.headersSent) html(res, 500, sandboxErrorPage('Lỗi hệ thống.'));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sandbox: VnpaySandbox = {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    transactions,
    callIpn: opts.callIpn ?? true,
    configureMerchant: (m) => void merchants.set(m.tmnCode, m),
    async replayIpn(txnRef) {
      const t = transactions.findLast((x) => x.txnRef === txnRef && x.state !== 'open');
      if (!t) throw new Error(`no finished transaction ${txnRef}`);
      return sendIpn(t);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return sandbox;
}

/** The API's and worker's `VNPAY_PAY_URL` and `VNPAY_API_URL` pointing at a sandbox (`make dev`, the soak run). */
export function sandboxEnv(sandbox: Pick<VnpaySandbox, 'url'>): Record<string, string> {
  return {
    VNPAY_PAY_URL: `${sandbox.url}/paymentv2/vpcpay.html`,
    VNPAY_API_URL: `${sandbox.url}/merchant_webapi/api/transaction`,
  };
}
