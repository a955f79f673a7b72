/**
 * Signed results in tests (docs/signatures.md): a test CA with the deputy's own key and the agency's seal,
 * the signers built on them, and a consulting dossier (`1.005061`, signed and sealed) walked over the API.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { resultSignersOf, type ResultSigners } from '../../common/signing/index.js';
import { issueSigner, toP12 } from '../../scripts/dev-ca.js';
import { createTestCa, type TestCa } from './ca.js';
import { procedureCode } from './catalog.js';
import { applicant, ok, samplePdf, signedAs, type ApiDriver } from './dossiers.js';

export const AGENCY = 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình';

/** A test CA whose root signed the agency's key, the deputy's own key (CN Vũ Đức Thắng) and the seal. */
export function testSigning(): { ca: TestCa; signers: ResultSigners } {
  const ca = createTestCa('Nguyễn Văn Lãnh Đạo');
  const dir = join(ca.dir, 'signers');
  mkdirSync(dir);
  writeFileSync(join(dir, 'deputy.p12'), toP12(issueSigner(ca.root, 'Vũ Đức Thắng'), ca.root, ca.password));
  const sealPath = join(ca.dir, 'seal.p12');
  writeFileSync(sealPath, toP12(issueSigner(ca.root, AGENCY), ca.root, ca.password));
  const signers = resultSignersOf({ p12: { path: ca.p12Path, password: ca.password, dir, sealPath } });
  if (!signers) throw new Error('no signers');
  return { ca, signers };
}

/** Đăng ký hoạt động tư vấn du học: a certificate signed by a deputy and sealed (seeded `resultSigning`). */
export const CONSULTING = {
  procedureCode: procedureCode('1.005061'),
  components: ['VBDN', 'DKDN', 'TRUSO'],
};

/** Receives a consulting dossier and walks it to the approval step with its draft attached; its code. */
export async function consultingAtApproval(
  api: ApiDriver,
  idNumber: string,
  draft = samplePdf(),
): Promise<string> {
  const received = await api.receive({ ...CONSULTING, applicant: { ...applicant, idNumber } });
  expect(received.statusCode, received.body).toBe(201);
  const code = received.json<{ code: string }>().code;
  await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  // No dev officer works in the GDCN division: the administrator does its steps.
  await ok(api.act(code, 'complete', 'admin', { stepId: 'phan-cong' }));
  const tooEarly = await api.upload(code, 'vanthu', 'so-hoa-ket-qua', draft);
  expect(tooEarly.statusCode, tooEarly.body).toBe(409);
  const attached = await api.upload(code, 'admin', 'tham-dinh', draft, 'Giấy chứng nhận.pdf');
  expect(attached.statusCode, attached.body).toBe(200);
  await ok(api.act(code, 'complete', 'admin', { stepId: 'tham-dinh' }));
  await ok(api.act(code, 'complete', 'admin', { stepId: 'xem-xet' }));
  return code;
}

/** Approves, seals and returns a consulting dossier at its approval step (signers configured). */
export async function signSealAndReturn(api: ApiDriver, code: string): Promise<void> {
  await ok(api.act(code, 'approve', 'deputy', { stepId: 'ky-duyet' }));
  await signedAs(api, code, 'approval');
  await ok(api.act(code, 'seal', 'vanthu', { stepId: 'so-hoa-ket-qua' }));
  await signedAs(api, code, 'seal');
  await ok(api.act(code, 'result-ready', 'vanthu', { stepId: 'so-hoa-ket-qua' }));
  await ok(api.act(code, 'return', 'receiver', {}));
}
