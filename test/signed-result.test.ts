/**
 * A digitally signed result on the real stack (Temporal dev server, PostgreSQL, PKCS#12 keys of a test CA):
 * the specialist attaches the draft, the deputy's approval has the workflow sign it with the deputy's own
 * key, the văn thư's seal adds the agency's signature, and the returned result verifies — for the
 * officers, for the public check with the lookup proof, and for poppler's `pdfsig`. Without a key, the
 * failure is recorded and the result cannot be declared ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatesFromPem, verifyPdfSignatures } from '../common/signing/verify.js';
import {
  dossierOf,
  historyOf,
  ok,
  samplePdf,
  signedAs,
  type ApiDriver,
  type HistoryBody,
} from './support/dossiers.js';
import { pdfsig } from './support/pdfsig.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { AGENCY, consultingAtApproval, testSigning } from './support/signing.js';

const { ca, signers } = testSigning();
const roots = certificatesFromPem(ca.root.pem);
const idNumber = '036095001234';

const toApproval = (api: ApiDriver, draft: Buffer) => consultingAtApproval(api, idNumber, draft);

describe('a signed and sealed result', () => {
  let h: DossierHarness;
  beforeAll(async () => {
    h = await startDossierHarness({
      signers,
      app: { trustedSigningRoots: roots },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is signed by the approving deputy, sealed by the văn thư, and verifies everywhere', async () => {
    const { api, app } = h;
    const draft = samplePdf('Giay chung nhan dang ky hoat dong tu van du hoc');
    const code = await toApproval(api, draft);
    const approved = await api.act(code, 'approve', 'deputy', { stepId: 'ky-duyet' });
    expect(approved.statusCode, approved.body).toBe(200);

    const signed = await signedAs(api, code, 'approval');
    expect(signed.result).toMatchObject({
      fileName: 'Giấy chứng nhận.pdf',
      mediaType: 'application/pdf',
      signatures: [
        { kind: 'approval', signedBy: 'deputy', signerName: 'Vũ Đức Thắng', certificate: 'Vũ Đức Thắng' },
      ],
      signing: null,
    });
    expect(signed.result!.size).toBeGreaterThan(draft.length);
    const ready = await api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' });
    expect(ready.statusCode, ready.body).toBe(409);
    expect(ready.json<{ code: string }>().code).toBe('DOSSIER.RESULT_NOT_SEALED');

    await ok(api.act(code, 'seal', 'vanthu', { stepId: 'so-hoa-ket-qua' }));
    const sealed = await signedAs(api, code, 'seal');
    expect(sealed.result?.signatures.map((s) => [s.kind, s.certificate])).toEqual([
      ['approval', 'Vũ Đức Thắng'],
      ['seal', AGENCY],
    ]);

    // The officers' check of the stored result.
    const check = await app.inject({
      url: `/dossiers/${code}/result-file/signatures`,
      headers: await api.as('auditor'),
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      verdict: 'valid',
      signatures: [
        { valid: true, trusted: true, modifiedAfter: false, signer: 'Vũ Đức Thắng' },
        { valid: true, trusted: true, modifiedAfter: false, signer: AGENCY, location: expect.any(String) },
      ],
    });

    // The file itself: both signatures valid for our verifier and for poppler's.
    const download = await app.inject({
      url: `/dossiers/${code}/result-file`,
      headers: await api.as('vanthu'),
    });
    expect(download.statusCode).toBe(200);
    const bytes = download.rawPayload;
    expect(verifyPdfSignatures(bytes, roots).map((r) => r.valid && r.trusted)).toEqual([true, true]);
    const report = pdfsig(ca.dir, bytes);
    expect(report.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(report).toContain('Vũ Đức Thắng');

    await ok(api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' }));
    await ok(api.act(code, 'return', 'receiver', {}));
    const proof = await app.inject({
      method: 'POST',
      url: '/public/verify-result',
      payload: { code, idNumber },
    });
    expect(proof.statusCode, proof.body).toBe(200);
    expect(proof.json()).toMatchObject({
      verdict: 'valid',
      signatures: [{ signer: 'Vũ Đức Thắng' }, { signer: AGENCY }],
    });

    // The audit trail names each signature, its officer and its file.
    const events = (await historyOf(api, code)).items.filter((e) => e.type === 'result_signed');
    expect(events.map((e) => [e.actor?.username, e.payload.kind])).toEqual([
      ['deputy', 'approval'],
      ['vanthu', 'seal'],
    ]);
    expect(events[1]!.payload.sha256).toBe(sealed.result!.sha256);
  });
});

describe('no signing key', () => {
  let h: DossierHarness;
  beforeAll(async () => {
    h = await startDossierHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('records why the result was not signed; the result cannot be declared ready', async () => {
    const { api } = h;
    const code = await toApproval(api, samplePdf('Du thao'));
    await ok(api.act(code, 'approve', 'deputy', { stepId: 'ky-duyet' }));
    let failed: HistoryBody['items'][number] | undefined;
    for (let i = 0; i < 300 && !failed; i++) {
      failed = (await historyOf(api, code)).items.find((e) => e.type === 'result_signing_failed');
      if (!failed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(failed?.payload).toMatchObject({ kind: 'approval', code: 'SIGNING.NOT_CONFIGURED' });
    const ready = await api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' });
    expect(ready.statusCode, ready.body).toBe(409);
    expect(ready.json<{ code: string }>().code).toBe('DOSSIER.RESULT_NOT_SIGNED');
    expect((await dossierOf(api, code)).result?.signing).toBeNull();
  });
});
