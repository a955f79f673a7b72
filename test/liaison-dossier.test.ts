import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { buildTestApp } from './support/app.js';
import { apiDriver, ok, type ApiDriver, type DossierDetail, type HistoryBody } from './support/dossiers.js';
import {
  isLiaisonMail,
  liaisonTokenFromMail,
  startDossierHarness,
  type MailingDossierHarness,
} from './support/harness.js';
import type { TestSmtp } from './support/smtp.js';
import { eventually } from './support/temporal.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';
import { procedureCode } from './support/catalog.js';

/** Establishing a public high school: the Sở appraises, the provincial People's Committee decides. */
const SCHOOL = { procedureCode: procedureCode('1.012944'), components: ['TOTRINH', 'DEAN', 'DATDAI'] };
const applicant = {
  kind: 'organisation',
  fullName: 'Ủy ban nhân dân xã Giao Thủy',
  idNumber: '0600987654',
  address: 'Xã Giao Thủy, tỉnh Ninh Bình',
};

let db: Database;
let smtp: TestSmtp;
let app: AppInstance;
let api: ApiDriver;

let harness: MailingDossierHarness | undefined;
beforeAll(async () => {
  harness = await startDossierHarness({ mail: true });
  ({ db, smtp, app, api } = harness);
});
afterAll(() => harness?.stop());

const dossier = async (a: ApiDriver, code: string) => (await a.get(code)).json<DossierDetail>();

/** Receives a school dossier and walks it to the liaison step; resolves once the request is out. */
async function toLiaison(a: ApiDriver): Promise<string> {
  const { code } = (await a.receive({ ...SCHOOL, applicant })).json<DossierDetail>();
  await ok(a.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  // The TCCB division has no dev user: the administrator does its work here.
  for (const stepId of ['phan-cong', 'tham-dinh', 'xem-xet'])
    await ok(a.act(code, 'complete', 'admin', { stepId }));
  await ok(a.act(code, 'approve', 'director', { stepId: 'ky-duyet' }));
  await eventually(async () => ((await dossier(a, code)).liaison?.status === 'waiting' ? true : undefined));
  return code;
}

const tokenFromMail = (code: string): Promise<string> => liaisonTokenFromMail(smtp, code);

const answer = (target: AppInstance, token: string, body: object) =>
  target.inject({
    method: 'POST',
    url: '/liaison/answer',
    headers: { authorization: `Bearer ${token}` },
    payload: body,
  });

describe('a liaison procedure (liên thông with UBND tỉnh) end to end', () => {
  it('sends the partner an e-mail and moves on when the partner approves through the signed link', async () => {
    const code = await toLiaison(api);
    const token = await tokenFromMail(code);
    const res = await answer(app, token, {
      answer: 'approved',
      note: 'Chủ tịch UBND tỉnh đã ký quyết định thành lập',
    });
    expect(res.statusCode, res.body).toBe(200);
    const moved = await eventually(async () => {
      const d = await dossier(api, code);
      return d.currentStep?.stepId === 'so-hoa-ket-qua' ? d : undefined;
    });
    expect(moved.liaison).toMatchObject({ status: 'answered', answer: 'approved', late: false });
    const history = (await api.history(code)).json<HistoryBody>();
    const types = history.items.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['liaison_requested', 'liaison_answered']);
    expect(history.chainValid).toBe(true);
    // The same callback again changes nothing.
    expect((await answer(app, token, { answer: 'approved' })).statusCode).toBe(409);
    expect((await api.history(code)).json<HistoryBody>().items).toHaveLength(history.items.length);
  });

  it('refuses the dossier when the partner refuses', async () => {
    const code = await toLiaison(api);
    const res = await answer(app, await tokenFromMail(code), {
      answer: 'refused',
      note: 'Không phù hợp quy hoạch mạng lưới trường',
    });
    expect(res.statusCode, res.body).toBe(200);
    const refused = await eventually(async () => {
      const d = await dossier(api, code);
      return d.status === 3 ? d : undefined;
    });
    expect(refused).toMatchObject({ phase: 'refused', liaison: { answer: 'refused' } });
  });

  it('changes nothing on a forged answer', async () => {
    const code = await toLiaison(api);
    const token = await tokenFromMail(code);
    const forged = `${token.split('.')[0]}.${Buffer.from('forged').toString('base64url')}`;
    expect((await answer(app, forged, { answer: 'approved' })).statusCode).toBe(401);
    expect((await dossier(api, code)).liaison).toMatchObject({ status: 'waiting' });
  });
});

describe('a worker restarted while waiting for the partner', () => {
  it('keeps waiting, then takes the answer exactly once', async () => {
    const taskQueue = `liaison-restart-${randomUUID()}`;
    const env = { SMTP_URL: smtp.url };
    const processes: WorkerProcess[] = [await startWorkerProcess(taskQueue, env)];
    const restartApp = await buildTestApp(db, {}, taskQueue);
    const restartApi = apiDriver(restartApp);
    try {
      const code = await toLiaison(restartApi);
      const token = await tokenFromMail(code);
      await processes[0]!.crash();
      processes.push(await startWorkerProcess(taskQueue, env));

      const res = await answer(restartApp, token, { answer: 'approved' });
      expect(res.statusCode, res.body).toBe(200);
      await eventually(
        async () =>
          (await dossier(restartApi, code)).currentStep?.stepId === 'so-hoa-ket-qua' ? true : undefined,
        30_000,
      );
      expect((await answer(restartApp, token, { answer: 'approved' })).statusCode).toBe(409);
      const history = (await restartApi.history(code)).json<HistoryBody>();
      expect(history.items.filter((e) => e.type === 'liaison_answered')).toHaveLength(1);
      expect(history.items.filter((e) => e.type === 'liaison_requested')).toHaveLength(1);
      expect(history.chainValid).toBe(true);
      expect(smtp.received.filter((m) => isLiaisonMail(m) && (m.text ?? '').includes(code))).toHaveLength(1);
    } finally {
      await restartApp.close();
      for (const p of processes) await p.stop();
    }
  });
});
