/**
 * Assignment only to eligible officers, on the real stack: the step's role and division decide whom
 * `GET /dossiers/{code}/assignees` lists and whom `assign` accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { ok } from './support/dossiers.js';

let h: DossierHarness;

beforeAll(async () => {
  h = await startDossierHarness();
});
afterAll(async () => {
  await h?.stop();
});

interface Assignees {
  stepId: string | null;
  items: { username: string; fullName: string; role: string; roleLabel: string; divisionCode: string }[];
}

async function assignees(code: string, username = 'head'): Promise<Assignees> {
  const res = await h.app.inject({
    url: `/dossiers/${encodeURIComponent(code)}/assignees`,
    headers: await h.api.as(username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Assignees>();
}

describe('assignment to eligible officers', () => {
  it('lists and accepts only officers holding the step role and division', async () => {
    const code = (await ok(h.api.receive())).code;
    await ok(h.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    await ok(h.api.act(code, 'complete', 'head', { stepId: 'phan-cong' }));

    // tham-dinh: a specialist of QLCL. The head of QLCL shares the division but not the role.
    const list = await assignees(code);
    expect(list.stepId).toBe('tham-dinh');
    expect(list.items).toEqual([
      {
        username: 'specialist',
        fullName: 'Trần Văn Minh',
        role: 'specialist',
        roleLabel: 'Chuyên viên',
        divisionCode: 'QLCL',
      },
    ]);

    const wrongRole = await h.api.act(code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'head' });
    expect(wrongRole.statusCode, wrongRole.body).toBe(400);
    expect(wrongRole.json()).toMatchObject({
      code: 'DOSSIER.ASSIGNEE_WRONG_ROLE',
      field: 'body.assignee',
      message: 'Cán bộ được giao không giữ vai trò xử lý bước này.',
    });
    const wrongDivision = await h.api.act(code, 'assign', 'head', {
      stepId: 'tham-dinh',
      assignee: 'specialist2',
    });
    expect(wrongDivision.json()).toMatchObject({ code: 'DOSSIER.ASSIGNEE_WRONG_DIVISION' });

    const assigned = await ok(
      h.api.act(code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'specialist' }),
    );
    expect(assigned.currentStep).toMatchObject({ stepId: 'tham-dinh' });

    // The leadership's signing step: either leader, nobody else.
    await ok(h.api.act(code, 'complete', 'specialist', { stepId: 'tham-dinh' }));
    await ok(h.api.act(code, 'complete', 'head', { stepId: 'xem-xet' }));
    const leaders = await assignees(code, 'director');
    expect(leaders.stepId).toBe('ky-duyet');
    expect(leaders.items.map((o) => o.username).sort()).toEqual(['deputy', 'director']);
  });

  it('answers 404 for an unknown dossier and 401 without a token', async () => {
    const missing = await h.app.inject({
      url: '/dossiers/KHONG-CO/assignees',
      headers: await h.api.as('head'),
    });
    expect(missing.statusCode).toBe(404);
    const anonymous = await h.app.inject({ url: '/dossiers/KHONG-CO/assignees' });
    expect(anonymous.statusCode).toBe(401);
  });
});
