/** A throw-away certificate authority for signature tests (files in a temp dir). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootCa, issueSigner, toP12, type Issuer } from '../../scripts/dev-ca.js';

export interface TestCa {
  dir: string;
  root: Issuer;
  rootPath: string;
  signer: Issuer;
  p12Path: string;
  password: string;
  /** A root that issued nothing above, with a signer of its own (its certificates are untrusted). */
  otherRoot: Issuer;
  otherP12Path: string;
}

export function createTestCa(signerName = 'Nguyễn Văn Lãnh Đạo'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-ca-'));
  const password = 'test-p12';
  const root = createRootCa('CA thử nghiệm');
  const signer = issueSigner(root, signerName);
  const otherRoot = createRootCa('CA lạ');
  const stranger = issueSigner(otherRoot, 'Người Lạ');
  const rootPath = join(dir, 'root.pem');
  const p12Path = join(dir, 'signer.p12');
  const otherP12Path = join(dir, 'other.p12');
  writeFileSync(rootPath, root.pem);
  writeFileSync(p12Path, toP12(signer, root, password));
  writeFileSync(otherP12Path, toP12(stranger, otherRoot, password));
  return { dir, root, rootPath, signer, p12Path, password, otherRoot, otherP12Path };
}
