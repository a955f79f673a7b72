import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { createFileStore } from '../common/file-store.js';
import type { Database } from '../db/database.js';
import { buildTestApp } from './support/app.js';
import { citizenHeaders, testCitizens, type CitizenHeaders } from './support/citizen.js';
import { connectTestDatabase } from './support/db.js';
import { CORRECTION } from './support/dossiers.js';
import { minimalPdf } from './support/pdf.js';
import { selfApplicant, submitCorrection, uploadAs } from './support/portal.js';

let db: Database;
let app: AppInstance;
let an: CitizenHeaders;
let binh: CitizenHeaders;

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(25),
]);

beforeAll(async () => {
  db = connectTestDatabase();
  app = await buildTestApp(db);
  an = await citizenHeaders(db, testCitizens.an);
  binh = await citizenHeaders(db, testCitizens.binh);
});

afterAll(async () => {
  await app.close();
  await db.destroy();
});

/** Rows of every table a submission writes. */
async function stored(): Promise<number[]> {
  const count = async (table: 'online_submission' | 'online_submission_event' | 'dossier_code_counter') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counter = await db
    .selectFrom('dossier_code_counter')
    .select((eb) => eb.fn.sum<number>('last').as('n'))
    .executeTakeFirst();
  return [await count('online_submission'), await count('online_submission_event'), Number(counter?.n ?? 0)];
}

describe('portal catalog', () => {
  it('lists the current procedures with their cards, and one with its receiving units', async () => {
    const list = await app.inject({ url: '/portal/procedures' });
    expect(list.statusCode).toBe(200);
    const card = list.json<{ items: { code: string }[] }>().items.find((p) => p.code === CORRECTION.code);
    expect(card).toMatchObject({
      onlineLevel: 'full',
      onlineLevelLabel: 'Toàn trình',
      legalLimit: { amount: 5, unit: 'working_days', text: '5 ngày làm việc' },
      fee: { amount: 0, text: 'Miễn phí' },
    });
    const one = await app.inject({ url: `/portal/procedures/${CORRECTION.code}` });
    expect(one.json()).toMatchObject({ code: CORRECTION.code, asksCopies: false });
    expect(one.json<{ receivingUnits: { code: string }[] }>().receivingUnits.map((u) => u.code)).toContain(
      'BPMC',
    );
    const unknown = await app.inject({ url: '/portal/procedures/1.999999.000.00.00.H42' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PORTAL.UNKNOWN_PROCEDURE' });
  });
});

describe('portal drafts', () => {
  it('saves, reads and removes one draft per citizen and procedure; CSRF and size are checked', async () => {
    const url = `/portal/drafts/${CORRECTION.code}`;
    expect((await app.inject({ url, headers: an })).json()).toMatchObject({ code: 'PORTAL.NO_DRAFT' });
    const put = await app.inject({
      method: 'PUT',
      url,
      headers: an,
      payload: { data: { step: 2, name: 'Ân' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await app.inject({ url, headers: an })).json()).toMatchObject({ data: { step: 2, name: 'Ân' } });
    expect((await app.inject({ url, headers: binh })).statusCode).toBe(404);
    const noCsrf = await app.inject({
      method: 'PUT',
      url,
      headers: { cookie: an.cookie },
      payload: { data: {} },
    });
    expect(noCsrf.json()).toMatchObject({ code: 'CITIZEN.CSRF' });
    const big = await app.inject({
      method: 'PUT',
      url,
      headers: an,
      payload: { data: { x: 'a'.repeat(70_000) } },
    });
    expect(big.statusCode).toBe(400);
    expect((await app.inject({ method: 'DELETE', url, headers: an })).statusCode).toBe(204);
    expect((await app.inject({ url, headers: an })).statusCode).toBe(404);
  });
});

describe('portal uploads', () => {
  it('tells the type by content, refuses fakes, empty, missing and oversized files, and needs a session', async () => {
    const ok = await uploadAs(app, an, minimalPdf('don'), 'Đơn đề nghị.pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: 'Đơn đề nghị.pdf', contentType: 'application/pdf' });
    const disguised = await uploadAs(app, an, png, 'anh.pdf');
    expect(disguised.json()).toMatchObject({ contentType: 'image/png', name: 'anh.png' });
    const before = await db.selectFrom('citizen_upload').select('sha256').execute();
    const text = await uploadAs(app, an, Buffer.from('Day khong phai la PDF, chi la van ban.'), 'gia.pdf');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'FILE.UNSUPPORTED_TYPE', field: 'body.file' });
    expect((await uploadAs(app, an, Buffer.alloc(0), 'rong.pdf')).json()).toMatchObject({
      code: 'FILE.EMPTY',
    });
    const missing = await app.inject({
      method: 'POST',
      url: '/portal/uploads',
      headers: { ...an, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    expect(missing.json()).toMatchObject({ code: 'FILE.MISSING' });
    const small = await buildTestApp(db, {
      files: { store: createFileStore({ root: inject('storageRoot') }), maxBytes: 500 },
    });
    try {
      const large = await uploadAs(small, an, minimalPdf('x', 2000), 'lon.pdf');
      expect(large.statusCode).toBe(413);
      expect(large.json()).toMatchObject({ code: 'FILE.TOO_LARGE' });
    } finally {
      await small.close();
    }
    expect((await uploadAs(app, { cookie: '', 'x-csrf-token': '' }, png)).statusCode).toBe(401);
    expect(await db.selectFrom('citizen_upload').select('sha256').execute()).toHaveLength(before.length);
  });
});

describe('portal submissions', () => {
  it('files a dossier: code, national status 1, listed for its citizen only', async () => {
    const res = await submitCorrection(app, an, testCitizens.an);
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json<{ code: string }>();
    expect(res.json()).toMatchObject({ nationalStatus: 1, statusLabel: 'Mới đăng ký' });
    const mine = await app.inject({ url: '/portal/dossiers', headers: an });
    // Other files of the run file dossiers for the same test citizen (some on a later day): find this one.
    const items = mine.json<{ items: { code: string }[] }>().items;
    expect(items.find((i) => i.code === code)).toMatchObject({ code, needsAction: null });
    const theirs = await app.inject({ url: '/portal/dossiers', headers: binh });
    expect(theirs.json<{ items: { code: string }[] }>().items.map((i) => i.code)).not.toContain(code);
  });

  it('refuses bad input with a stable code and the field, storing nothing', async () => {
    const theirUpload = (await uploadAs(app, binh, minimalPdf('cua Binh'), 'b.pdf')).json<{
      fileId: string;
    }>();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ procedureCode: '1.999999.000.00.00.H42' }, 'PORTAL.UNKNOWN_PROCEDURE', 'body.procedureCode'],
      [{ receivingUnit: 'KHONG-CO' }, 'PORTAL.UNKNOWN_RECEIVING_UNIT', 'body.receivingUnit'],
      [{ components: [] }, 'PORTAL.MISSING_COMPONENT', 'body.components'],
      [
        { components: [{ code: 'XYZ', fileId: theirUpload.fileId }] },
        'PORTAL.UNKNOWN_COMPONENT',
        'body.components.0.code',
      ],
      [
        { components: CORRECTION.components.map((code) => ({ code, fileId: theirUpload.fileId })) },
        'PORTAL.UNKNOWN_FILE',
        'body.components.0.fileId',
      ],
      [
        { applicant: selfApplicant(testCitizens.binh) },
        'PORTAL.APPLICANT_NOT_SELF',
        'body.applicant.idNumber',
      ],
      [{ copies: 2 }, 'DOSSIER.COPIES_NOT_APPLICABLE', 'body.copies'],
      [
        { applicant: { ...selfApplicant(testCitizens.an), idNumber: '12' } },
        'VALIDATION_FAILED',
        'body.applicant.idNumber',
      ],
    ];
    for (const [overrides, code, field] of cases) {
      const before = await stored();
      const res = await submitCorrection(app, an, testCitizens.an, overrides);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400);
      expect(res.json(), code).toMatchObject({ code, field });
      expect(await stored(), code).toEqual(before);
    }
    const expired = await app.inject({
      method: 'POST',
      url: '/portal/submissions',
      headers: { cookie: `mc_citizen=${'A'.repeat(43)}`, 'x-csrf-token': 'x' },
      payload: {
        procedureCode: CORRECTION.code,
        receivingUnit: 'BPMC',
        returnMethod: 'online',
        applicant: selfApplicant(testCitizens.an),
        components: CORRECTION.components.map((code) => ({ code, fileId: 'a'.repeat(64) })),
      },
    });
    expect(expired.json()).toMatchObject({ code: 'CITIZEN.SESSION_EXPIRED' });
  });

  it("never lets one citizen read or act on another's dossier: every route answers 404", async () => {
    const res = await submitCorrection(app, an, testCitizens.an);
    const { code } = res.json<{ code: string }>();
    const fileId = (
      await db
        .selectFrom('online_submission')
        .select('components')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).components[0]!.fileId;
    const routes: { method: 'GET' | 'POST'; url: string; payload?: object }[] = [
      { method: 'GET', url: `/portal/dossiers/${code}` },
      { method: 'GET', url: `/portal/dossiers/${code}/files/${fileId}` },
      { method: 'GET', url: `/portal/dossiers/${code}/forms/receipt` },
      { method: 'GET', url: `/portal/dossiers/${code}/result` },
      {
        method: 'POST',
        url: `/portal/dossiers/${code}/complete`,
        payload: { components: [{ code: 'KS', fileId }] },
      },
      {
        method: 'POST',
        url: `/portal/dossiers/${code}/supplement`,
        payload: { components: [{ code: 'KS', fileId }] },
      },
      { method: 'POST', url: `/portal/dossiers/${code}/payment` },
      { method: 'POST', url: `/portal/dossiers/${code}/rating`, payload: { level: 'satisfied' } },
    ];
    for (const r of routes) {
      const other = await app.inject({ ...r, headers: binh });
      expect(other.statusCode, r.url).toBe(404);
      expect(other.json(), r.url).toMatchObject({ code: 'PORTAL.NOT_FOUND' });
      const unknown = await app.inject({
        ...r,
        url: r.url.replace(code, `${code.slice(0, -4)}9999`),
        headers: an,
      });
      expect(unknown.statusCode, r.url).toBe(404);
    }
    const own = await app.inject({ url: `/portal/dossiers/${code}/files/${fileId}`, headers: an });
    expect(own.statusCode).toBe(200);
    const notYet = await app.inject({ method: 'POST', url: `/portal/dossiers/${code}/payment`, headers: an });
    expect(notYet.json()).toMatchObject({ code: 'PORTAL.NOTHING_TO_PAY' });
    const result = await app.inject({ url: `/portal/dossiers/${code}/result`, headers: an });
    expect(result.json()).toMatchObject({ code: 'PORTAL.RESULT_NOT_READY' });
    const rating = await app.inject({
      method: 'POST',
      url: `/portal/dossiers/${code}/rating`,
      headers: an,
      payload: { level: 'satisfied' },
    });
    expect(rating.json()).toMatchObject({ code: 'PORTAL.RATING_NOT_OPEN' });
  });
});
