import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { AppInstance } from '../../api/app.js';
import type { Database } from '../../db/database.js';
import { findPaymentRequest, listPaymentCallbacks } from '../../db/payment.repository.js';
import type { VnpaySandbox } from '../../dev/vnpay-sandbox.js';
import { buildTestApp } from './app.js';
import { procedureCode } from './catalog.js';
import { connectTestDatabase } from './db.js';
import {
  apiDriver,
  dossierOf,
  historyOf,
  type ApiDriver,
  type DossierBody,
  type DossierDetail,
} from './dossiers.js';
import { testLogger } from './logger.js';
import { eventually, startDevWorker, type RunningWorker } from './temporal.js';
import {
  listenForVnpay,
  startTestVnpay,
  TEST_HASH_SECRET,
  TEST_TMN_CODE,
  terminalOf,
  vnpayDepsOf,
} from './vnpay.js';

/** Copy of a diploma: fee 10.000đ; tiep-nhan → thu-phi (payment) → tham-dinh → ky-duyet → … */
export const COPY = { code: procedureCode('3.000465'), components: ['DON', 'GTTT'] };
export const FEE = 10_000;

export interface PaymentView {
  reference: string;
  amount: number;
  status: 'pending' | 'paid' | 'cancelled';
  method: 'online' | 'cash' | null;
  transactionId: string | null;
  paidAt: string | null;
}
export type DossierWithPayment = DossierDetail & { payment?: PaymentView | null };

/** A payment-test file's parts. */
export interface PaymentTestParts {
  db: Database;
  app: AppInstance;
  api: ApiDriver;
}

export async function receiveCopy({ db, api }: PaymentTestParts): Promise<string> {
  const res = await api.receive({ procedureCode: COPY.code, components: COPY.components, copies: 1 });
  expect(res.statusCode, res.body).toBe(201);
  const { code } = res.json<DossierBody>();
  // The receipt's event is stored by the workflow just after: wait for it, so snapshots stay still.
  await eventually(async () => {
    const row = await db.selectFrom('dossier').select('seq').where('code', '=', code).executeTakeFirst();
    return row && row.seq >= 1 ? true : undefined;
  });
  return code;
}

/** Receives a copy dossier and completes its receipt: the workflow asks for the fee at `thu-phi`. */
export async function atPayment(parts: PaymentTestParts): Promise<{ code: string; reference: string }> {
  const code = await receiveCopy(parts);
  const done = await parts.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' });
  expect(done.statusCode, done.body).toBe(200);
  const dossier = await eventually(async () => {
    const d = (await dossierOf(parts.api, code)) as DossierWithPayment;
    return d.payment?.status === 'pending' ? d : undefined;
  });
  return { code, reference: dossier.payment!.reference };
}

/** What must not move when a transaction is refused: the dossier's last event and the ledger row. */
export async function snapshot({ db, api }: PaymentTestParts, code: string, reference: string) {
  const row = db.selectFrom('dossier').select(['seq', 'status', 'current_step_id']).where('code', '=', code);
  return {
    dossier: await row.executeTakeFirstOrThrow(),
    events: (await historyOf(api, code)).items.length,
    request: await findPaymentRequest(db, reference),
  };
}

export const outcomes = async (db: Database, reference: string) =>
  (await listPaymentCallbacks(db, reference)).map((c) => c.outcome);

/**
 * An IPN query as VNPAY sends it, signed here independently of the code under test (node:crypto, the
 * params sorted and form-encoded), with the suite's secret unless told otherwise.
 */
export function ipnQuery(params: Record<string, string>, secret = TEST_HASH_SECRET): string {
  const sorted = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))).toString();
  return `${sorted}&vnp_SecureHash=${createHmac('sha512', secret).update(sorted).digest('hex')}`;
}

/** The params of a successful payment of `reference` (amount in đồng). */
export const paidParams = (reference: string, over: Record<string, string> = {}): Record<string, string> => ({
  vnp_Amount: String(FEE * 100),
  vnp_BankCode: 'NCB',
  vnp_BankTranNo: 'VNP99',
  vnp_CardType: 'ATM',
  vnp_OrderInfo: 'Thanh toan phi le phi',
  vnp_PayDate: '20261207101500',
  vnp_ResponseCode: '00',
  vnp_TmnCode: TEST_TMN_CODE,
  vnp_TransactionNo: String(15_000_000 + Math.floor(Math.random() * 1_000_000)),
  vnp_TransactionStatus: '00',
  vnp_TxnRef: reference,
  ...over,
});

/** Delivers an IPN to the app (as VNPAY: GET with the signed query) and answers its JSON. */
export async function deliverIpn(
  app: AppInstance,
  query: string,
): Promise<{ RspCode: string; Message: string }> {
  const res = await app.inject({ url: `/payments/vnpay/ipn?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A payment test file's world: database, worker and app wired to a VNPAY sandbox the app listens for. */
export interface PaymentTestWorld extends PaymentTestParts {
  worker: RunningWorker;
  sandbox: VnpaySandbox;
  /** Where the app listens (the sandbox's IPN goes there). */
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts {@link PaymentTestWorld} in beforeAll; `stop()` in afterAll. */
export async function startPaymentTestWorld(): Promise<PaymentTestWorld> {
  const db = connectTestDatabase();
  const sandbox = await startTestVnpay();
  const worker = await startDevWorker({ db, log: testLogger, vnpay: terminalOf(sandbox) });
  const app = await buildTestApp(db, vnpayDepsOf(sandbox), worker.taskQueue);
  const baseUrl = await listenForVnpay(app, sandbox);
  return {
    db,
    app,
    api: apiDriver(app),
    worker,
    sandbox,
    baseUrl,
    async stop() {
      await app.close();
      await worker.stop();
      await sandbox.close();
      await db.destroy();
    },
  };
}
