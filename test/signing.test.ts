/**
 * Signatures of result PDFs: the PKCS#12 signer (PAdES, incremental second signature), verification, and
 * poppler's `pdfsig` as an independent validator.
 */
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cscSigner } from '../common/signing/csc-signer.js';
import { resultSignersOf } from '../common/signing/index.js';
import { p12Signer } from '../common/signing/p12-signer.js';
import { certificatesFromPem, verdictOf, verifyPdfSignatures } from '../common/signing/verify.js';
import { startCscStandin, type CscStandin } from '../dev/csc-standin.js';
import { createTestCa } from './support/ca.js';
import { pdfsig } from './support/pdfsig.js';
import { minimalPdf } from './support/pdf.js';

const ca = createTestCa();
const roots = certificatesFromPem(ca.root.pem);
const leader = {
  signerName: 'Nguyễn Văn Lãnh Đạo',
  reason: 'Phê duyệt kết quả giải quyết thủ tục hành chính',
  location: 'UBND phường Bến Nghé, TP. Hồ Chí Minh',
  signingTime: Date.parse('2026-12-05T03:30:00Z'),
};

describe('PKCS#12 signer and verification', () => {
  const signer = p12Signer(ca.p12Path, ca.password);

  it('signs a PDF that verifies with the signer name, time, reason and location', async () => {
    const signed = Buffer.from(await signer.sign(minimalPdf(), leader));
    const reports = verifyPdfSignatures(signed, roots);
    expect(reports).toEqual([
      {
        valid: true,
        signer: 'Nguyễn Văn Lãnh Đạo',
        signedAt: '2026-12-05T03:30:00.000Z',
        modifiedAfter: false,
        trusted: true,
        reason: leader.reason,
        location: leader.location,
      },
    ]);
    expect(verdictOf(reports)).toBe('valid');
    const report = pdfsig(ca.dir, signed);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Nguyễn Văn Lãnh Đạo');
    expect(report).toContain('ETSI.CAdES.detached');
  });

  it('reports one changed byte as invalid and appended bytes as modified', async () => {
    const signed = Buffer.from(await signer.sign(minimalPdf(), leader));
    const changed = Buffer.from(signed);
    changed[120] = changed[120]! ^ 1;
    expect(verifyPdfSignatures(changed, roots)[0]).toMatchObject({ valid: false });
    expect(verdictOf(verifyPdfSignatures(changed, roots))).toBe('invalid');
    const appended = Buffer.concat([signed, Buffer.from('\n99 0 obj\n<< >>\nendobj\n')]);
    expect(verifyPdfSignatures(appended, roots)[0]).toMatchObject({ valid: true, modifiedAfter: true });
    expect(verdictOf(verifyPdfSignatures(appended, roots))).toBe('modified');
  });

  it('reports a certificate of another root as untrusted', async () => {
    const stranger = p12Signer(ca.otherP12Path, ca.password);
    const signed = Buffer.from(await stranger.sign(minimalPdf(), { ...leader, signerName: 'Người Lạ' }));
    const reports = verifyPdfSignatures(signed, roots);
    expect(reports[0]).toMatchObject({ valid: true, trusted: false, signer: 'Người Lạ' });
    expect(verdictOf(reports)).toBe('untrusted');
  });

  it('adds the seal as a second signature that keeps the first valid', async () => {
    const signed = await signer.sign(minimalPdf(), leader);
    const sealed = Buffer.from(
      await signer.sign(signed, {
        signerName: 'Văn thư UBND phường Bến Nghé',
        reason: 'Đóng dấu',
        location: leader.location,
        signingTime: leader.signingTime + 600_000,
        position: { x: 36, y: 36 },
      }),
    );
    const reports = verifyPdfSignatures(sealed, roots);
    expect(reports.map((r) => [r.valid, r.modifiedAfter, r.trusted, r.reason])).toEqual([
      [true, false, true, leader.reason],
      [true, false, true, 'Đóng dấu'],
    ]);
    expect(pdfsig(ca.dir, sealed).match(/Signature is Valid\./g)).toHaveLength(2);
  });
});

describe('CSC API v2 signer through the local stand-in', () => {
  let standin: CscStandin;
  const client = { clientId: 'mot-cua', clientSecret: 'csc-secret', credentialId: 'leader-1' };

  beforeAll(async () => {
    standin = await startCscStandin({
      ...client,
      keyPem: forge.pki.privateKeyToPem(ca.signer.key),
      certificatePems: [ca.signer.pem, ca.root.pem],
      userId: 'deputy',
    });
  });
  afterAll(() => standin.close());

  it('signs over HTTP a PDF that verifies, and a wrong client secret is refused', async () => {
    const signer = cscSigner({ baseUrl: standin.baseUrl, ...client });
    const signed = Buffer.from(await signer.sign(minimalPdf(), leader));
    expect(standin.signedCount()).toBe(1);
    expect(verifyPdfSignatures(signed, roots)).toEqual([
      expect.objectContaining({
        valid: true,
        trusted: true,
        signer: 'Nguyễn Văn Lãnh Đạo',
        modifiedAfter: false,
      }),
    ]);
    expect(pdfsig(ca.dir, signed)).toContain('Signature is Valid.');
    const intruder = cscSigner({ baseUrl: standin.baseUrl, ...client, clientSecret: 'wrong' });
    await expect(intruder.sign(minimalPdf(), leader)).rejects.toThrow(/invalid_client/);
  });

  it('chooses the first listed credential when none is configured, and a seal keeps the first signature', async () => {
    const p12Signed = await p12Signer(ca.p12Path, ca.password).sign(minimalPdf(), leader);
    const { credentialId: _unused, ...withoutCredential } = client;
    const sealed = Buffer.from(
      await cscSigner({ baseUrl: standin.baseUrl, ...withoutCredential }).sign(p12Signed, {
        ...leader,
        reason: 'Đóng dấu',
        position: { x: 36, y: 36 },
      }),
    );
    expect(verdictOf(verifyPdfSignatures(sealed, roots))).toBe('valid');
  });

  it("signs a leader's result with the leader's own credential (userID), the seal with the agency's", async () => {
    const { credentialId: _unused, ...withoutCredential } = client;
    const signers = resultSignersOf({ csc: { baseUrl: standin.baseUrl, ...withoutCredential } });
    const signed = Buffer.from(await signers!.personal('deputy').sign(minimalPdf(), leader));
    expect(verdictOf(verifyPdfSignatures(signed, roots))).toBe('valid');
    // A user the service keeps no credential for, and no agency credential to fall back on.
    await expect(signers!.personal('someone-else').sign(minimalPdf(), leader)).rejects.toThrow(
      /no credential/,
    );
    const withAgencyKey = resultSignersOf({ csc: { baseUrl: standin.baseUrl, ...client } });
    const fallback = Buffer.from(await withAgencyKey!.personal('someone-else').sign(minimalPdf(), leader));
    const sealed = Buffer.from(await withAgencyKey!.seal().sign(fallback, { ...leader, reason: 'Đóng dấu' }));
    expect(verifyPdfSignatures(sealed, roots).map((r) => r.valid && r.trusted)).toEqual([true, true]);
  });
});
