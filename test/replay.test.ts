import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { testTemporalClient } from './support/app.js';
import { signLiaisonToken } from '../common/liaison-token.js';
import {
  dossierOf,
  ok,
  walkCorrection,
  walkTo,
  type ApiDriver,
  type DossierBody,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { eventually } from './support/temporal.js';
import { withoutCheckoutPath } from './support/replay.js';
import { listenForVnpay, payThroughVnpay, startTestVnpay, vnpayDepsOf } from './support/vnpay.js';
import type { VnpaySandbox } from '../dev/vnpay-sandbox.js';
import { procedureCode } from './support/catalog.js';
import { consultingAtApproval, signSealAndReturn, testSigning } from './support/signing.js';

/**
 * Replay tests. Committed histories (test/replay/histories/*.json) were recorded from dossiers of every
 * path; replaying them with today's workflow code proves that running dossiers survive the change (a
 * change that needs `patched()` fails here). RECORD_HISTORIES=1 records the paths that have no history
 * yet; existing ones are never overwritten.
 */
const historiesDir = fileURLToPath(new URL('./replay/histories/', import.meta.url));
/**
 * The generation of workflow code the histories of this run belong to (docs/workflow-versioning.md).
 * Before the first release there is one generation, re-recorded with every workflow change. From the
 * first release on, bump it with every change to the dossier workflow (guarded by `patched()`), then
 * record with RECORD_HISTORIES=1: the histories of every earlier generation stay and keep being replayed.
 * 1: the first release candidate (the earlier pre-release generations were collapsed into it).
 */
const HISTORY_GENERATION = 1;

let db: Database;
let app: AppInstance;
let api: ApiDriver;

let harness: DossierHarness | undefined;
let sandbox: VnpaySandbox | undefined;
let baseUrl: string;

beforeAll(async () => {
  sandbox = await startTestVnpay();
  harness = await startDossierHarness({ app: vnpayDepsOf(sandbox), signers: testSigning().signers });
  ({ db, app, api } = harness);
  baseUrl = await listenForVnpay(app, sandbox);
});
afterAll(async () => {
  await harness?.stop();
  await sandbox?.close();
});

/** Runs each path of the dossier workflow once, returning the workflow id of each by path name. */
async function runEveryPath(): Promise<Record<string, string>> {
  const receive = async () => (await api.receive()).json<DossierBody>().code;
  const straight = await receive();
  await walkCorrection(api, straight);

  const supplement = await receive();
  await ok(api.act(supplement, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  await ok(
    api.act(supplement, 'supplement-request', 'head', {
      reason: 'Thiếu bản sao khai sinh',
      items: ['Giấy khai sinh'],
    }),
  );
  await ok(api.act(supplement, 'supplement-received', 'receiver', { note: 'Đã bổ sung' }));
  await ok(
    api.act(supplement, 'send-back', 'head', { stepId: 'phan-cong', reason: 'Chuyển lại bộ phận một cửa' }),
  );

  const refused = await receive();
  await ok(api.act(refused, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  await ok(api.act(refused, 'refuse', 'head', { reasons: ['Văn bằng không do Sở cấp'] }));

  const withdrawn = await receive();
  await ok(api.act(withdrawn, 'withdraw', 'receiver', { reason: 'Công dân xin rút hồ sơ' }));
  await ok(api.act(withdrawn, 'stop', 'receiver', { reason: 'Đã rút hồ sơ' }));

  const stopped = await receive();
  await ok(api.act(stopped, 'assign', 'admin', { stepId: 'tiep-nhan', assignee: 'receiver' }));
  await ok(api.act(stopped, 'stop', 'director', { reason: 'Dừng theo chỉ đạo' }));

  // Fee paid online through VNPAY (the sandbox's IPN), result digitised, returned.
  const copy = (
    await api.receive({ procedureCode: procedureCode('3.000465'), components: ['DON', 'GTTT'], copies: 1 })
  ).json<DossierBody>().code;
  await ok(api.act(copy, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  const reference = await eventually(async () => {
    const view = (await api.get(copy)).json<{ payment: { reference: string } | null }>();
    return view.payment?.reference;
  });
  const paid = await payThroughVnpay(baseUrl, reference);
  expect(paid.portal).toMatch(/thanh-toan=thanh-cong$/);
  const atAppraisal = await eventually(async () => {
    const view = await dossierOf(api, copy);
    return view.currentStep?.stepId === 'tham-dinh' ? view : undefined;
  });
  await walkTo(api, atAppraisal, null);

  // Liaison with the provincial People's Committee, answered through the signed link.
  const school = (
    await api.receive({ procedureCode: procedureCode('1.012944'), components: ['TOTRINH', 'DEAN', 'DATDAI'] })
  ).json<DossierBody>().code;
  await ok(api.act(school, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  for (const stepId of ['phan-cong', 'tham-dinh', 'xem-xet'])
    await ok(api.act(school, 'complete', 'admin', { stepId }));
  await ok(api.act(school, 'approve', 'director', { stepId: 'ky-duyet' }));
  const requestId = await eventually(async () => (await dossierOf(api, school)).liaison?.requestId);
  const request = await db
    .selectFrom('liaison_request')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  const partner = await db
    .selectFrom('partner_agency')
    .selectAll()
    .where('tenant', '=', 'default')
    .where('code', '=', request.partner_code)
    .executeTakeFirstOrThrow();
  const token = signLiaisonToken(
    {
      tenant: 'default',
      requestId,
      dossierCode: school,
      partnerCode: partner.code,
      exp: request.expires_at.getTime(),
    },
    partner.callback_secret,
  );
  const answered = await app.inject({
    method: 'POST',
    url: '/liaison/answer',
    headers: { authorization: `Bearer ${token}` },
    payload: { answer: 'approved' },
  });
  expect(answered.statusCode, answered.body).toBe(200);
  const afterLiaison = await eventually(async () => {
    const view = await dossierOf(api, school);
    return view.currentStep?.stepId === 'so-hoa-ket-qua' ? view : undefined;
  });
  await walkTo(api, afterLiaison, null);
  // A digitally signed result: the deputy's signature on approval, the văn thư's seal, then returned.
  const signed = await consultingAtApproval(api, '036095004321');
  await signSealAndReturn(api, signed);
  return {
    straight,
    supplement,
    refused,
    withdrawn,
    stopped,
    'payment-online': copy,
    liaison: school,
    'signed-sealed': signed,
  };
}

describe('replaying dossier histories', () => {
  it('replays the committed histories of every path with the current workflow code', async () => {
    const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json'));
    // While recording into an empty folder, the histories of this run are still being written.
    if (process.env.RECORD_HISTORIES !== '1') expect(files.length).toBeGreaterThan(0);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: file.replace(/\.json$/, ''),
        history: historyFromJSON(JSON.parse(await readFile(join(historiesDir, file), 'utf8'))),
      })),
    );
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { code: inject('workflowBundleCode') } },
      histories,
    )) {
      expect(result.error, result.workflowId).toBeUndefined();
    }
  });

  it('replays the histories of this run deterministically (and records them with RECORD_HISTORIES=1)', async () => {
    const ids = await runEveryPath();
    const client = testTemporalClient();
    for (const [path, workflowId] of Object.entries(ids)) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      await Worker.runReplayHistory(
        { workflowBundle: { code: inject('workflowBundleCode') } },
        history,
        workflowId,
      );
      // Histories recorded by earlier versions stay as they are: they are what this code must replay.
      const file = join(historiesDir, `dossier-g${HISTORY_GENERATION}-${path}.json`);
      if (process.env.RECORD_HISTORIES === '1' && !existsSync(file))
        await writeFile(file, withoutCheckoutPath(historyToJSON(history)));
    }
  });
});
