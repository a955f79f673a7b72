/** Digital signatures of results (docs/signatures.md): the signer port, its two adapters, verification. */
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

/** The configured signer (`CSC_*` first, else `SIGNING_P12_*`), or undefined when none is. */
export function resultSignerOf(settings: {
  csc?: CscConfig | undefined;
  p12?: { path: string; password: string } | undefined;
}): ResultSigner | undefined {
  if (settings.csc) return cscSigner(settings.csc);
  if (settings.p12) return p12Signer(settings.p12.path, settings.p12.password);
  return undefined;
}
