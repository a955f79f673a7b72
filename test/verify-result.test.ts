/**
 * Public signature verification over HTTP: `POST /public/verify-result` with an uploaded PDF or with the
 * lookup proof of a real dossier returned on the Temporal dev server (its stored result signed by the
 * PKCS#12 signer), the root certificate download, and the 4xx answers to bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { p12Signer } from '../common/signing/p12-signer.js';
import { certificatesFromPem } from '../common/signing/verify.js';
import { buildTestApp } from './support/app.js';
import { createTestCa } from './support/ca.js';
import {
  apiDriver,
  applicant,
  dossierOf,
  multipartForm,
  samplePdf,
  walkTo,
  type ApiDriver,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';

const ca = createTestCa();
const signer = p12Signer(ca.p12Path, ca.password);
const appearance = {
  signerName: 'Nguyễn Văn Lãnh Đạo',
  reason: 'Phê duyệt kết quả giải quyết thủ tục hành chính',
  location: 'UBND phường Bến Nghé',
  signingTime: Date.parse('2026-12-05T03:30:00Z'),
};

let h: DossierHarness;
let app: AppInstance;
let api: ApiDriver;

beforeAll(async () => {
  h = await startDossierHarness();
  app = await buildTestApp(
    h.db,
    { trustedSigningRoots: certificatesFromPem(ca.root.pem) },
    h.worker.taskQueue,
  );
  api = apiDriver(app);
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
});

const upload = (data: Buffer, contentType = 'application/pdf') => {
  const form = multipartForm([{ name: 'file', filename: 'ket-qua.pdf', contentType, data }]);
  return app.inject({
    method: 'POST',
    url: '/public/verify-result',
    headers: form.headers,
    payload: form.payload,
  });
};
const errorOf = (res: { json<T>(): T }) => res.json<{ code: string; field?: string }>();

describe('POST /public/verify-result with a file', () => {
  it('reports a signed PDF as valid, with signer, time, reason and location', async () => {
    const res = await upload(Buffer.from(await signer.sign(samplePdf(), appearance)));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      signatures: [
        {
          valid: true,
          signer: 'Nguyễn Văn Lãnh Đạo',
          signedAt: '2026-12-05T03:30:00.000Z',
          modifiedAfter: false,
          trusted: true,
          reason: appearance.reason,
          location: appearance.location,
        },
      ],
      verdict: 'valid',
    });
  });

  it('reports a changed byte as invalid and another root as untrusted', async () => {
    const signed = Buffer.from(await signer.sign(samplePdf(), appearance));
    signed[200] = signed[200]! ^ 1;
    expect((await upload(signed)).json()).toMatchObject({ verdict: 'invalid' });
    const stranger = p12Signer(ca.otherP12Path, ca.password);
    const foreign = Buffer.from(await stranger.sign(samplePdf(), appearance));
    expect((await upload(foreign)).json()).toMatchObject({
      verdict: 'untrusted',
      signatures: [{ trusted: false }],
    });
  });

  it('answers 415 to a file that is not a PDF, 422 to a PDF without signature, 413 to 50 MB', async () => {
    const png = await upload(Buffer.from('\x89PNG\r\n\x1a\n not a pdf', 'latin1'), 'image/png');
    expect(png.statusCode, png.body).toBe(415);
    expect(errorOf(png)).toMatchObject({ code: 'FILE.UNSUPPORTED_TYPE', field: 'body.file' });
    const unsigned = await upload(samplePdf());
    expect(unsigned.statusCode, unsigned.body).toBe(422);
    expect(errorOf(unsigned)).toMatchObject({ code: 'SIGNATURE.NONE', field: 'body.file' });
    const huge = await upload(Buffer.concat([samplePdf(), Buffer.alloc(50 * 1024 * 1024, 0x20)]));
    expect(huge.statusCode, huge.body).toBe(413);
    expect(errorOf(huge)).toMatchObject({ code: 'FILE.TOO_LARGE', field: 'body.file' });
  });

  it('answers 400 to a cut multipart body and to a file sent as JSON (found by schemathesis)', async () => {
    const boundary = 'x-verify-boundary';
    const cut = await app.inject({
      method: 'POST',
      url: '/public/verify-result',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\n-5.36e16--${boundary}--\r\n`,
    });
    expect(cut.statusCode, cut.body).toBe(400);
    const json = await app.inject({ method: 'POST', url: '/public/verify-result', payload: { file: 'x' } });
    expect(json.statusCode, json.body).toBe(400);
    expect(errorOf(json)).toMatchObject({ field: 'body.file' });
  });
});

describe('POST /public/verify-result with the lookup proof', () => {
  it('verifies the stored result of a returned dossier; bad proofs get 400 and 404', async () => {
    const idNumber = '079123456789';
    const received = await api.receive({ applicant: { ...applicant, idNumber } });
    expect(received.statusCode, received.body).toBe(201);
    const code = received.json<{ code: string }>().code;
    await walkTo(api, await dossierOf(api, code), 'so-hoa-ket-qua');
    const signed = Buffer.from(await signer.sign(samplePdf(`Quyet dinh ${code}`), appearance));
    const attached = await api.upload(code, 'vanthu', 'so-hoa-ket-qua', signed);
    expect(attached.statusCode, attached.body).toBe(200);
    await walkTo(api, await dossierOf(api, code), null);

    const res = await app.inject({
      method: 'POST',
      url: '/public/verify-result',
      payload: { code, idNumber },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ verdict: 'valid', signatures: [{ signer: 'Nguyễn Văn Lãnh Đạo' }] });

    const wrong = await app.inject({
      method: 'POST',
      url: '/public/verify-result',
      payload: { code, idNumber: '079000000000' },
    });
    expect(wrong.statusCode).toBe(404);
    expect(errorOf(wrong).code).toBe('LOOKUP.NOT_FOUND');
    const malformed = await app.inject({ method: 'POST', url: '/public/verify-result', payload: { code } });
    expect(malformed.statusCode, malformed.body).toBe(400);
    expect(errorOf(malformed)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.idNumber' });
  });
});

describe('GET /public/signing/root-certificate', () => {
  it('serves the trusted root in PEM', async () => {
    const res = await app.inject({ url: '/public/signing/root-certificate' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-pem-file/);
    expect(certificatesFromPem(res.body)[0]?.fingerprint256).toBe(
      certificatesFromPem(ca.root.pem)[0]?.fingerprint256,
    );
  });
});
