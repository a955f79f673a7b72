/**
 * What the officers' inbox asks of `listDossiers`, on the real stack: a search over code, applicant and
 * procedure (`q`), most urgent first (`sort=deadline`), and the true count of what matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, ok } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';

let h: DossierHarness;

beforeAll(async () => {
  h = await startDossierHarness();
});
afterAll(async () => {
  await h?.stop();
});

interface ListBody {
  items: {
    code: string;
    stepDeadline: string | null;
    appointmentAt: string;
    currentStepId: string | null;
    currentStepName: string | null;
  }[];
  total: number;
}

async function list(query: string): Promise<ListBody> {
  const res = await h.app.inject({ url: `/dossiers?${query}`, headers: await h.api.as('auditor') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListBody>();
}

describe('listDossiers for the inbox', () => {
  it('searches, sorts by deadline and counts every match', async () => {
    const tag = `Tìm${Date.now().toString(36)}`;
    const codes: string[] = [];
    for (const n of [1, 2, 3]) {
      const body = await ok(
        h.api.receive({
          applicant: { ...applicant, fullName: `Lê Văn ${tag} ${n}`, idNumber: '036090003333' },
        }),
      );
      codes.push(body.code);
    }
    // The first moves on (its next step has a later deadline than a fresh receipt step).
    await ok(h.api.act(codes[0]!, 'complete', 'receiver', { stepId: 'tiep-nhan' }));

    const page1 = await list(`q=${encodeURIComponent(tag.toLowerCase())}&pageSize=2&sort=deadline`);
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    const page2 = await list(`q=${encodeURIComponent(tag)}&pageSize=2&page=2&sort=deadline`);
    expect(page2.items).toHaveLength(1);
    const deadlines = [...page1.items, ...page2.items].map((i) =>
      Date.parse(i.stepDeadline ?? i.appointmentAt),
    );
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(new Set([...page1.items, ...page2.items].map((i) => i.code))).toEqual(new Set(codes));

    const [second] = (await list(`q=${encodeURIComponent(codes[1]!)}`)).items;
    expect(second).toMatchObject({ code: codes[1], currentStepId: 'tiep-nhan' });
    // The step's name from the dossier's procedure version: what the inbox shows, never its id.
    expect(second!.currentStepName).toMatch(/^Tiếp nhận/);
    // LIKE wildcards are searched for, not obeyed.
    expect((await list(`q=${encodeURIComponent('%_%')}`)).total).toBe(0);
  });

  it('refuses an unknown sort with the field at fault', async () => {
    const res = await h.app.inject({ url: '/dossiers?sort=name', headers: await h.api.as('auditor') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'query.sort' });
  });
});
