/**
 * `allowedActions` of the dossier view against what the API then does, on the real Temporal dev server
 * and PostgreSQL: every action a role is offered is accepted, every other one is refused (403/409, never
 * a 400 about its input), for the desk, a division head, a leader, the inspectorate and the digitiser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionRoutes } from '../api/dossier-view.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { ok, samplePdf, walkTo, type ApiDriver, type DossierDetail } from './support/dossiers.js';

let h: DossierHarness;
let api: ApiDriver;

beforeAll(async () => {
  h = await startDossierHarness();
  api = h.api;
});
afterAll(() => h?.stop());

const allRoutes = Object.values(actionRoutes);

/** The view as `username` sees it. */
async function viewAs(code: string, username: string): Promise<DossierDetail & { allowedActions: string[] }> {
  const res = await api.get(code, username);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A new correction dossier walked to `stepId`. */
async function dossierAt(stepId: string): Promise<DossierDetail> {
  const received = (await ok(api.receive())) as DossierDetail;
  return walkTo(api, received, stepId);
}

/** A well-formed request of each action at the dossier's current step (valid input, whoever sends it). */
function send(code: string, route: string, username: string, stepId: string) {
  if (route === 'result-file') return api.upload(code, username, stepId, samplePdf());
  const bodies: Record<string, object> = {
    assign: { stepId, assignee: 'director' },
    complete: { stepId },
    approve: { stepId },
    'cash-payment': { stepId, amount: 0, receiptNumber: 'BL-0001' },
    'result-ready': { stepId },
    seal: { stepId },
    'send-back': { stepId, reason: 'Xem xét lại' },
    'supplement-request': { reason: 'Thiếu giấy tờ', items: ['Bản sao giấy khai sinh'] },
    return: {},
    'supplement-received': {},
    withdraw: { reason: 'Công dân rút hồ sơ' },
    refuse: { reasons: ['Không đủ điều kiện'] },
    stop: { reason: 'Dừng xử lý' },
    'sign-apology': { reason: 'Chậm xử lý', newAppointmentDate: '2099-01-05' },
  };
  const body = bodies[route];
  if (!body) throw new Error(`no body for ${route}`);
  return api.act(code, route, username, body);
}

describe('allowedActions in the dossier view', () => {
  it('names only routes of officer actions', async () => {
    const spec = (await h.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    for (const route of allRoutes) expect(Object.keys(spec.paths)).toContain(`/dossiers/{code}/${route}`);
  });

  it('at the approval step: the leader approves, the desk may record a withdrawal, others nothing', async () => {
    const d = await dossierAt('ky-duyet');
    const offered = {
      deputy: (await viewAs(d.code, 'deputy')).allowedActions,
      receiver: (await viewAs(d.code, 'receiver')).allowedActions,
      head: (await viewAs(d.code, 'head')).allowedActions,
      auditor: (await viewAs(d.code, 'auditor')).allowedActions,
    };
    expect(offered).toEqual({
      deputy: ['assign', 'approve', 'send-back', 'supplement-request', 'refuse', 'stop', 'sign-apology'],
      receiver: ['withdraw'],
      head: [],
      auditor: [],
    });
    // Everything not offered is refused for what the officer or the dossier is, not for its input.
    for (const [username, list] of Object.entries(offered)) {
      for (const route of allRoutes.filter((r) => !list.includes(r))) {
        const res = await send(d.code, route, username, 'ky-duyet');
        expect([403, 409], `${route} by ${username}: ${res.body}`).toContain(res.statusCode);
      }
    }
    // What is offered is accepted.
    const approved = (await ok(
      api.act(d.code, 'approve', 'deputy', { stepId: 'ky-duyet' }),
    )) as DossierDetail & {
      allowedActions: string[];
    };
    expect(approved.currentStep?.stepId).toBe('so-hoa-ket-qua');
    // The answer to an action is the acting officer's view of the new state.
    expect(approved.allowedActions).toEqual(['assign', 'refuse', 'stop', 'sign-apology']);

    const other = await dossierAt('ky-duyet');
    const withdrawn = await ok(send(other.code, 'withdraw', 'receiver', 'ky-duyet'));
    expect(withdrawn.phase).toBe('withdrawal_requested');
  });

  it('at the digitisation step the result is declared ready only once its file is attached', async () => {
    const d = await dossierAt('so-hoa-ket-qua');
    expect((await viewAs(d.code, 'vanthu')).allowedActions).toEqual([
      'result-file',
      'send-back',
      'supplement-request',
    ]);
    const early = await send(d.code, 'result-ready', 'vanthu', 'so-hoa-ket-qua');
    expect(early.statusCode, early.body).toBe(409);

    const upload = await send(d.code, 'result-file', 'vanthu', 'so-hoa-ket-qua');
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json<{ allowedActions: string[] }>().allowedActions).toContain('result-ready');
    const ready = await ok(send(d.code, 'result-ready', 'vanthu', 'so-hoa-ket-qua'));
    expect(ready.phase).toBe('result_ready');
    expect((await viewAs(d.code, 'receiver')).allowedActions).toEqual(['return']);
  });
});
