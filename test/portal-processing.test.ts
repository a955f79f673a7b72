/**
 * Portal happy paths during processing and a procedure not offered online: a supplement the officers ask
 * for after acceptance, sent on the portal and recorded with the usual action; a submission to a procedure
 * with onlineLevel 'none' refused with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import { buildTestApp } from './support/app.js';
import { placeholderCode } from './support/catalog.js';
import { testCitizens } from './support/citizen.js';
import { CORRECTION, ok } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { minimalPdf } from './support/pdf.js';
import { citizenHeadersAt, submitCorrection, uploadAs } from './support/portal.js';

let h: DossierHarness;
let app: AppInstance;

beforeAll(async () => {
  h = await startDossierHarness();
  app = await buildTestApp(h.db, {}, h.worker.taskQueue);
});

afterAll(async () => {
  await app.close();
  await h.stop();
});

describe('portal during processing', () => {
  it('sends a requested supplement: the officers see its files and record it with the usual action', async () => {
    const who = testCitizens.an;
    const headers = await citizenHeadersAt(h.db, who, Date.now());
    const filed = await submitCorrection(app, headers, who);
    expect(filed.statusCode, filed.body).toBe(201);
    const code = filed.json<{ code: string }>().code;
    const receiver = await h.api.as('receiver');
    const accepted = await app.inject({
      method: 'POST',
      url: `/online-submissions/${code}/accept`,
      headers: receiver,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);

    // Nothing was asked yet: a supplement is refused.
    const early = await uploadAs(app, headers, minimalPdf(`bang diem som ${code}`), 'bang-diem.pdf');
    const notAsked = await app.inject({
      method: 'POST',
      url: `/portal/dossiers/${code}/supplement`,
      headers,
      payload: { components: [{ code: 'VB', fileId: early.json<{ fileId: string }>().fileId }] },
    });
    expect(notAsked.statusCode).toBe(409);
    expect(notAsked.json()).toMatchObject({ code: 'PORTAL.NOT_ASKED' });

    await ok(h.api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    await ok(h.api.act(code, 'complete', 'head', { stepId: 'phan-cong' }));
    await ok(h.api.act(code, 'assign', 'head', { stepId: 'tham-dinh', assignee: 'specialist' }));
    const reason = 'Văn bằng scan thiếu mặt sau';
    await ok(h.api.act(code, 'supplement-request', 'specialist', { reason, items: ['VB'] }));
    const asked = await app.inject({ url: `/portal/dossiers/${code}`, headers });
    expect(asked.json()).toMatchObject({ nationalStatus: 5, request: { kind: 'supplement', text: reason } });

    const up = await uploadAs(app, headers, minimalPdf(`van bang hai mat ${code}`), 'van-bang-2-mat.pdf');
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json<{ fileId: string }>().fileId;
    const sent = await app.inject({
      method: 'POST',
      url: `/portal/dossiers/${code}/supplement`,
      headers,
      payload: { components: [{ code: 'VB', fileId }], note: 'Đã chụp đủ hai mặt.' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<{ history: { text: string }[] }>().history.map((l) => l.text)).toContain(
      'Công dân gửi hồ sơ bổ sung',
    );

    const seen = await app.inject({ url: `/online-submissions/${code}`, headers: receiver });
    expect(seen.statusCode, seen.body).toBe(200);
    const sentFile = seen
      .json<{ components: { code: string; fileId: string; fileName: string; href: string }[] }>()
      .components.find((c) => c.fileId === fileId);
    expect(sentFile).toMatchObject({ code: 'VB', fileName: 'van-bang-2-mat.pdf' });
    const download = await app.inject({ url: sentFile!.href, headers: receiver });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(minimalPdf(`van bang hai mat ${code}`))).toBe(true);

    const recorded = await ok(
      h.api.act(code, 'supplement-received', 'receiver', { note: 'Đã nhận văn bằng hai mặt' }),
    );
    expect(recorded).toMatchObject({ status: 4, phase: 'processing' });
    const after = await app.inject({ url: `/portal/dossiers/${code}`, headers });
    expect(after.json()).toMatchObject({ nationalStatus: 4, request: null });
  });

  it("refuses a submission to a procedure not offered online (onlineLevel 'none'), storing nothing", async () => {
    const admin = await h.api.as('admin');
    const current = await app.inject({ url: `/procedures/${CORRECTION.code}`, headers: admin });
    const { replaces: _replaces, ...definition } = current.json<{ definition: ProcedureDefinition }>()
      .definition as ProcedureDefinition & { replaces?: string };
    const code = placeholderCode('SGDDT.KOTT01');
    const published = await app.inject({
      method: 'POST',
      url: '/procedures',
      headers: admin,
      payload: { ...definition, code, name: 'Thủ tục chỉ nộp tại Bộ phận Một cửa', onlineLevel: 'none' },
    });
    expect(published.statusCode, published.body).toBe(201);

    const who = testCitizens.cuong;
    const headers = await citizenHeadersAt(h.db, who, Date.now());
    const count = async () =>
      Number(
        (
          await h.db
            .selectFrom('online_submission')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await submitCorrection(app, headers, who, { procedureCode: code });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PORTAL.NOT_ONLINE', field: 'body.procedureCode' });
    expect(await count()).toBe(before);
    const mine = await app.inject({ url: '/portal/dossiers', headers });
    expect(
      mine.json<{ items: { procedureName: string }[] }>().items.map((i) => i.procedureName),
    ).not.toContain('Thủ tục chỉ nộp tại Bộ phận Một cửa');
  });
});
