/**
 * The digitised result file (docs/architecture.md, "Payment and digitisation") on the real Temporal dev
 * server and PostgreSQL: upload at the digitisation step (size and type checks, content-addressed storage,
 * SHA-256 in the audit event), "result ready" refused without it for a document result, and the download.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { createFileStore, type FileStore } from '../common/file-store.js';
import { contentDisposition } from '../api/content-disposition.js';
import { cleanFileName } from '../api/routes/result-file.routes.js';
import type { Database } from '../db/database.js';
import { buildTestApp } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { minimalPdf, pdfOfSize } from './support/pdf.js';
import {
  apiDriver,
  dossierOf,
  historyOf,
  ok,
  walkTo,
  type ApiDriver,
  type DossierBody,
  multipartForm,
} from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { startDevWorker, type RunningWorker } from './support/temporal.js';
import { procedureCode, units } from './support/catalog.js';

const DIGITISATION = 'so-hoa-ket-qua';
/** Small, so the "too large" case needs no big upload. */
const MAX_BYTES = 64 * 1024;
/** Cấp bản sao văn bằng từ sổ gốc: its result is a document (the copy), with a fee paid at the desk. */
const COPY = { code: procedureCode('3.000465'), components: ['DON', 'GTTT'], fee: 10_000 };

/** A real one-page PDF, unique to the run. */
const pdf = minimalPdf(`Quyet dinh ${randomBytes(8).toString('hex')}`, 2000);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  randomBytes(500),
]);
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(1000)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let db: Database;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;
let root: string;
let store: FileStore;

beforeAll(async () => {
  db = connectTestDatabase();
  root = inject('storageRoot');
  store = createFileStore({ root });
  worker = await startDevWorker({ db, log: testLogger });
  app = await buildTestApp(db, { files: { store, maxBytes: MAX_BYTES } }, worker.taskQueue);
  api = apiDriver(app);
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await db?.destroy();
});

const form = multipartForm;

const fileForm = (data: Buffer, filename = 'ket-qua.pdf', contentType = 'application/pdf') =>
  form([
    { name: 'stepId', value: DIGITISATION },
    { name: 'file', filename, contentType, data },
  ]);

async function upload(
  code: string,
  body: { payload: Buffer; headers: Record<string, string> },
  username: string | null = 'vanthu',
  extraHeaders: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: `/dossiers/${encodeURIComponent(code)}/result-file`,
    headers: { ...(username ? await api.as(username) : {}), ...body.headers, ...extraHeaders },
    payload: body.payload,
  });
}

async function download(code: string, username: string | null = 'vanthu') {
  return app.inject({
    method: 'GET',
    url: `/dossiers/${encodeURIComponent(code)}/result-file`,
    headers: username ? await api.as(username) : {},
  });
}

/** A correction dossier (result: a decision) walked to its digitisation step, at the văn thư (VP). */
async function atDigitisation(): Promise<string> {
  const res = await api.receive();
  expect(res.statusCode, res.body).toBe(201);
  const dossier = await walkTo(api, await dossierOf(api, res.json<DossierBody>().code), DIGITISATION);
  expect(dossier.currentStep).toMatchObject({ stepId: DIGITISATION, kind: 'digitisation', division: 'VP' });
  return dossier.code;
}

const rowsOf = (code: string) =>
  db.selectFrom('stored_file').selectAll().where('dossier_code', '=', code).execute();

/** Every file of the store, the temporary folder included: to check that nothing was left behind. */
async function storedFiles(dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) out.push(...(await storedFiles(join(dir, entry.name))));
    else out.push(join(dir, entry.name));
  }
  return out.sort();
}

/** `sha256sum` of a file. */
const sha256sum = (file: string): string =>
  execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;

/** `sha256sum` of some bytes (written to a temporary file outside the store). */
async function sha256sumOf(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'motcua-sha-'));
  try {
    await writeFile(join(dir, 'f'), bytes);
    return sha256sum(join(dir, 'f'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The file name a `content-disposition` header gives in `filename*`. */
function utf8FileName(header: string | undefined): string | undefined {
  const m = /filename\*=UTF-8''([^;]+)/.exec(header ?? '');
  return m ? decodeURIComponent(m[1]!) : undefined;
}

describe('attaching the result at the digitisation step', () => {
  it('stores the PDF under its SHA-256, records it in the audit event, and serves the same bytes back', async () => {
    const code = await atDigitisation();
    const name = 'Quyết định chỉnh sửa văn bằng – Nguyễn Văn Ân (bản số hóa).pdf';
    const res = await upload(code, fileForm(pdf, name), 'vanthu', { 'idempotency-key': `attach-${code}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DossierBody>()).toMatchObject({ code, currentStep: { stepId: DIGITISATION } });

    const expected = await sha256sumOf(pdf);
    expect(expected).toBe(sha256(pdf));
    const [row, ...others] = await rowsOf(code);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      purpose: 'result',
      sha256: expected,
      size: pdf.length,
      media_type: 'application/pdf',
      file_name: name,
      uploaded_by: 'vanthu',
      tenant: expect.any(String),
    });
    expect(sha256sum(store.path(expected))).toBe(expected);

    const history = await historyOf(api, code);
    expect(history.chainValid).toBe(true);
    const attached = history.items.filter((e) => e.type === 'attach_result');
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({ stepId: DIGITISATION, actor: { username: 'vanthu' } });
    expect(attached[0]!.payload).toMatchObject({
      fileId: row!.id,
      sha256: expected,
      size: pdf.length,
      mediaType: 'application/pdf',
      fileName: name,
    });

    for (const who of ['vanthu', 'head', 'auditor']) {
      const got = await download(code, who);
      expect(got.statusCode, `${who}: ${got.body}`).toBe(200);
      expect(got.rawPayload.equals(pdf)).toBe(true);
      expect(got.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(pdf.length),
        'x-content-sha256': expected,
      });
      expect(utf8FileName(got.headers['content-disposition'] as string)).toBe(name);
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=/);
    }

    // The same request again (same Idempotency-Key) changes nothing and leaves one record.
    const again = await upload(code, fileForm(pdf, name), 'vanthu', { 'idempotency-key': `attach-${code}` });
    expect(again.statusCode, again.body).toBe(200);
    expect(await rowsOf(code)).toHaveLength(1);
    expect((await historyOf(api, code)).items.filter((e) => e.type === 'attach_result')).toHaveLength(1);

    // Still there once the result is ready and returned.
    await ok(api.act(code, 'result-ready', 'vanthu', { stepId: DIGITISATION }));
    await ok(api.act(code, 'return', 'receiver', {}));
    const after = await download(code, 'receiver');
    expect(after.statusCode).toBe(200);
    expect(sha256(after.rawPayload)).toBe(expected);
  });

  it('serves the latest file when the văn thư attaches another one, and stores equal content once', async () => {
    const first = await atDigitisation();
    const second = await atDigitisation();
    const replacement = Buffer.concat([pdf, Buffer.from('\n% bản ký lại\n')]);
    expect((await upload(first, fileForm(pdf, 'a.pdf'))).statusCode).toBe(200);
    expect((await upload(first, fileForm(replacement, 'b.pdf'))).statusCode).toBe(200);
    expect((await upload(second, fileForm(pdf, 'c.pdf'))).statusCode).toBe(200);

    const got = await download(first);
    expect(got.rawPayload.equals(replacement)).toBe(true);
    expect(utf8FileName(got.headers['content-disposition'] as string)).toBe('b.pdf');
    expect(await rowsOf(first)).toHaveLength(2);
    const onDisk = (await storedFiles()).filter((f) => f.endsWith(sha256(pdf)));
    expect(onDisk).toEqual([store.path(sha256(pdf))]);
  });

  it('stores a PNG sent as ".pdf" as image/png, named .png', async () => {
    const code = await atDigitisation();
    const res = await upload(code, fileForm(png, 'Bản scan quyết định.pdf', 'application/pdf'));
    expect(res.statusCode, res.body).toBe(200);
    expect(await rowsOf(code)).toEqual([
      expect.objectContaining({ media_type: 'image/png', file_name: 'Bản scan quyết định.png' }),
    ]);
    const got = await download(code);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(png)).toBe(true);
  });

  it('refuses a file over the size limit with 413, keeping nothing', async () => {
    const code = await atDigitisation();
    const before = await storedFiles();
    const big = Buffer.concat([pdf, randomBytes(MAX_BYTES)]);
    const res = await upload(code, fileForm(big, 'lớn.pdf'));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE.TOO_LARGE', field: 'body.file' });
    expect(res.json<{ message: string }>().message).toMatch(/dung lượng/);
    expect(await rowsOf(code)).toEqual([]);
    expect(await storedFiles()).toEqual(before);
    // Exactly the limit is accepted.
    const exact = pdfOfSize(MAX_BYTES);
    expect(exact.length).toBe(MAX_BYTES);
    expect((await upload(code, fileForm(exact))).statusCode).toBe(200);
  });

  it.each([
    ['a Windows executable named .pdf', exe, 'ket-qua.pdf', 'application/pdf'],
    ['a text file', Buffer.from('Quyết định số 12/QĐ-SGDĐT\n'.repeat(20)), 'ket-qua.txt', 'text/plain'],
    ['an HTML page', Buffer.from('<html><script>alert(1)</script></html>'.repeat(5)), 'a.html', 'text/html'],
  ])('refuses %s with 415', async (_name, data, filename, contentType) => {
    const code = await atDigitisation();
    const before = await storedFiles();
    const res = await upload(code, fileForm(data, filename, contentType));
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json()).toMatchObject({ code: 'FILE.UNSUPPORTED_TYPE', field: 'body.file' });
    expect(await rowsOf(code)).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it.each([
    ['a truncated PDF', pdf.subarray(0, Math.floor(pdf.length / 2))],
    ['a PDF cut just before its end', pdf.subarray(0, pdf.length - 7)],
    ['"%PDF-" followed by garbage', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)])],
    [
      'a PDF with no page',
      Buffer.from(
        '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
          '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    ],
  ])('refuses %s with 415 FILE.INVALID_PDF, keeping nothing', async (_name, data) => {
    const code = await atDigitisation();
    const before = await storedFiles();
    const res = await upload(code, fileForm(data, 'quyet-dinh.pdf'));
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json()).toMatchObject({ code: 'FILE.INVALID_PDF', field: 'body.file' });
    expect(res.json<{ message: string }>().message).toMatch(/không phải là PDF hợp lệ/);
    expect(await rowsOf(code)).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it('answers 400 naming the field for a missing file, a missing step, or an empty file', async () => {
    const code = await atDigitisation();
    const noFile = await upload(code, form([{ name: 'stepId', value: DIGITISATION }]));
    expect(noFile.statusCode, noFile.body).toBe(400);
    expect(noFile.json()).toMatchObject({ field: 'body.file' });
    const noStep = await upload(code, form([{ name: 'file', filename: 'a.pdf', data: pdf }]));
    expect(noStep.statusCode, noStep.body).toBe(400);
    expect(noStep.json()).toMatchObject({ field: 'body.stepId' });
    const empty = await upload(code, fileForm(Buffer.alloc(0)));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'FILE.EMPTY', field: 'body.file' });
    const two = await upload(
      code,
      form([
        { name: 'stepId', value: DIGITISATION },
        { name: 'file', filename: 'a.pdf', data: pdf },
        { name: 'file', filename: 'b.pdf', data: pdf },
      ]),
    );
    expect(two.statusCode, two.body).toBe(400);
    expect(two.json()).toMatchObject({ field: 'body.file' });
    const json = await app.inject({
      method: 'POST',
      url: `/dossiers/${encodeURIComponent(code)}/result-file`,
      headers: await api.as('vanthu'),
      payload: { stepId: DIGITISATION },
    });
    expect(json.statusCode).toBe(415);
    expect(await rowsOf(code)).toEqual([]);
  });

  it('refuses an officer of another division with 403, keeping no record and noting the attempt', async () => {
    const code = await atDigitisation();
    const res = await upload(code, fileForm(pdf), 'specialist2');
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'DOSSIER.WRONG_DIVISION' });
    expect(await rowsOf(code)).toEqual([]);
    const history = await historyOf(api, code);
    expect(history.items.some((e) => e.type === 'attach_result')).toBe(false);
    expect(history.rejected).toEqual([
      expect.objectContaining({
        actor: 'specialist2',
        action: 'attach_result',
        code: 'DOSSIER.WRONG_DIVISION',
      }),
    ]);
    expect((await download(code)).statusCode).toBe(404);
  });

  it('refuses the auditor (read-only) with 403 and a stale step with 409', async () => {
    const code = await atDigitisation();
    expect((await upload(code, fileForm(pdf), 'auditor')).json()).toMatchObject({
      code: 'DOSSIER.READ_ONLY_ROLE',
    });
    const early = (await api.receive()).json<DossierBody>().code;
    const stale = await upload(early, fileForm(pdf));
    expect(stale.statusCode, stale.body).toBe(409);
    expect(await rowsOf(code)).toEqual([]);
    expect(await rowsOf(early)).toEqual([]);
  });

  it('answers 401 without a token and 404 for an unknown dossier, before reading the file', async () => {
    const code = await atDigitisation();
    const res = await upload(code, fileForm(pdf), null);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'AUTH.MISSING_TOKEN' });
    expect((await download(code, null)).statusCode).toBe(401);
    const unknown = await upload(`${units.department}-000000-9999`, fileForm(pdf));
    expect(unknown.statusCode).toBe(404);
    expect(await rowsOf(code)).toEqual([]);
  });

  it('answers 404 FILE.NOT_FOUND for a dossier without a result file', async () => {
    const code = await atDigitisation();
    const res = await download(code);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'FILE.NOT_FOUND' });
  });
});

describe('over a real connection', () => {
  it('takes a browser-style FormData upload and answers an oversized one with 413 on a reusable client', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const code = await atDigitisation();
    const post = async (data: Buffer, name: string) => {
      const body = new FormData();
      body.append('stepId', DIGITISATION);
      body.append('file', new Blob([data], { type: 'application/octet-stream' }), name);
      return fetch(`${address}/dossiers/${encodeURIComponent(code)}/result-file`, {
        method: 'POST',
        headers: await api.as('vanthu'),
        body,
      });
    };
    const tooBig = await post(Buffer.concat([pdf, Buffer.alloc(20 * MAX_BYTES)]), 'lớn.pdf');
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ code: 'FILE.TOO_LARGE' });
    const name = 'Giấy xác nhận – Trần Thị Ngọc Ánh.pdf';
    const res = await post(pdf, name);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await rowsOf(code)).toEqual([expect.objectContaining({ file_name: name, sha256: sha256(pdf) })]);
    const got = await fetch(`${address}/dossiers/${encodeURIComponent(code)}/result-file`, {
      headers: await api.as('vanthu'),
    });
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    expect(utf8FileName(got.headers.get('content-disposition') ?? undefined)).toBe(name);
  });
});

describe('a procedure whose result is a decision (a document too)', () => {
  it('cannot be marked "result ready" before its file is attached', async () => {
    const code = await atDigitisation();
    const early = await api.act(code, 'result-ready', 'vanthu', { stepId: DIGITISATION });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'DOSSIER.RESULT_FILE_MISSING' });
    expect((await dossierOf(api, code)).currentStep?.stepId).toBe(DIGITISATION);

    expect((await upload(code, fileForm(pdf, 'Quyết định chỉnh sửa.pdf'))).statusCode).toBe(200);
    expect((await ok(api.act(code, 'result-ready', 'vanthu', { stepId: DIGITISATION }))).status).toBe(9);
  });
});

describe('a procedure whose result is a document', () => {
  it('cannot be marked "result ready" before its file is attached', async () => {
    const received = await api.receive({ procedureCode: COPY.code, components: COPY.components, copies: 1 });
    expect(received.statusCode, received.body).toBe(201);
    const { code } = received.json<DossierBody>();
    await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    await ok(
      api.act(code, 'cash-payment', 'receiver', {
        stepId: 'thu-phi',
        amount: COPY.fee,
        receiptNumber: 'BL-1',
      }),
    );
    await ok(api.act(code, 'complete', 'specialist', { stepId: 'tham-dinh' }));
    await ok(api.act(code, 'approve', 'deputy', { stepId: 'ky-duyet' }));

    const early = await api.act(code, 'result-ready', 'vanthu', { stepId: DIGITISATION });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'DOSSIER.RESULT_FILE_MISSING' });

    const res = await upload(code, fileForm(pdf, 'Bản sao văn bằng.pdf'));
    expect(res.statusCode, res.body).toBe(200);
    expect((await ok(api.act(code, 'result-ready', 'vanthu', { stepId: DIGITISATION }))).status).toBe(9);
    expect((await ok(api.act(code, 'return', 'receiver', {}))).status).toBe(10);
    expect((await download(code, 'receiver')).rawPayload.equals(pdf)).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the upload as multipart/form-data and the download as a binary answer', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    const path = doc.paths['/dossiers/{code}/result-file']!;
    expect(path.post).toMatchObject({
      operationId: 'attachResultFile',
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: { properties: { stepId: { type: 'string' }, file: { format: 'binary' } } },
          },
        },
      },
    });
    expect(path.get).toMatchObject({
      operationId: 'downloadResultFile',
      responses: { 200: { content: { 'application/pdf': { schema: { format: 'binary' } } } } },
    });
  });
});

describe('file names', () => {
  it('keeps Vietnamese names (NFC), drops control and invisible characters, and fits the extension to the type', () => {
    expect(cleanFileName('Quyết định.pdf', 'application/pdf')).toBe('Quyết định.pdf');
    expect(cleanFileName('Quye\u0302\u0301t.PDF', 'application/pdf')).toBe('Quyết.pdf');
    expect(cleanFileName('scan.pdf', 'image/png')).toBe('scan.png');
    expect(cleanFileName('QĐ số 12.2025', 'application/pdf')).toBe('QĐ số 12.2025.pdf');
    expect(cleanFileName('ảnh.jpeg', 'image/jpeg')).toBe('ảnh.jpeg');
    expect(cleanFileName('tai\u202efdp.exe', 'application/pdf')).toBe('taifdp.exe.pdf');
    expect(cleanFileName('a\u0000b\r\n"c".pdf', 'application/pdf')).toBe('ab_c_.pdf');
    expect(cleanFileName(undefined, 'image/jpeg')).toBe('ket-qua.jpg');
    expect(cleanFileName('.pdf', 'application/pdf')).toBe('ket-qua.pdf');
    expect(Array.from(cleanFileName('ệ'.repeat(400), 'application/pdf'))).toHaveLength(154);
  });

  it('gives an ASCII fallback and the exact UTF-8 name in content-disposition', () => {
    const header = contentDisposition('Quyết định (bản sao) 100%.pdf');
    expect(header).toBe(
      `attachment; filename="Quyet dinh (ban sao) 100_.pdf"; ` +
        `filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20%28b%E1%BA%A3n%20sao%29%20100%25.pdf`,
    );
    expect(utf8FileName(header)).toBe('Quyết định (bản sao) 100%.pdf');
    expect(contentDisposition('Đơn "x".pdf')).toContain('filename="Don _x_.pdf"');
  });
});
