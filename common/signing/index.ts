/** Digital signatures of results (docs/signatures.md): the signer port, its two adapters, verification. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cscSigner, type CscConfig } from './csc-signer.js';
import { p12Signer } from './p12-signer.js';
import type { ResultSigner } from './types.js';

export type { ResultSigner, SignatureAppearance, SigningKey } from './types.js';
export { cscSigner, type CscConfig } from './csc-signer.js';
export { p12Signer, keyFromP12 } from './p12-signer.js';
export {
  certificatesFromPem,
  verdictOf,
  verifyPdfSignatures,
  type SignatureReport,
  type Verdict,
} from './verify.js';

/** Where the signing keys are (`CSC_*` first, else `SIGNING_P12_*`). */
export interface SigningSettings {
  csc?: (CscConfig & { sealCredentialId?: string | undefined }) | undefined;
  p12?:
    | {
        /** The agency's key: signs for a leader without a key of their own, and seals when `sealPath` is unset. */
        path: string;
        password: string;
        /** A folder of leaders' own keys, `<username>.p12` (same password). */
        dir?: string | undefined;
        /** The agency's seal key. */
        sealPath?: string | undefined;
      }
    | undefined;
}

/** The signers of results: a leader's (personal) and the agency's seal (docs/signatures.md). */
export interface ResultSigners {
  /** The signer of the leader `username`: their own key when there is one, else the agency's. */
  personal(username: string): ResultSigner;
  /** The agency's seal ("đóng dấu" by the văn thư). */
  seal(): ResultSigner;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The configured signers, or undefined when no key is configured. */
export function resultSignersOf(settings: SigningSettings): ResultSigners | undefined {
  const { csc, p12 } = settings;
  if (csc) {
    const { sealCredentialId, ...config } = csc;
    return {
      personal: (username) => cscSigner({ ...config, userId: username }),
      seal: () => cscSigner(sealCredentialId ? { ...config, credentialId: sealCredentialId } : config),
    };
  }
  if (p12) {
    const own = (username: string) =>
      p12.dir && USERNAME.test(username) ? join(p12.dir, `${username}.p12`) : undefined;
    return {
      personal: (username) => {
        const path = own(username);
        return p12Signer(path && existsSync(path) ? path : p12.path, p12.password);
      },
      seal: () => p12Signer(p12.sealPath ?? p12.path, p12.password),
    };
  }
  return undefined;
}
