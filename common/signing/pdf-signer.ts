/**
 * A {@link ResultSigner} from a {@link SigningKey}: placeholder (incremental update), then @signpdf/signpdf
 * fills the ByteRange and the CMS built by `cms.ts`.
 */
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { buildCms } from './cms.js';
import { addSignaturePlaceholder } from './placeholder.js';
import type { ResultSigner, SignatureAppearance, SigningKey } from './types.js';

class CmsSigner extends Signer {
  constructor(private readonly key: SigningKey) {
    super();
  }

  override sign(content: Buffer): Promise<Buffer> {
    return buildCms(content, this.key);
  }
}

export function pdfSigner(key: () => Promise<SigningKey>): ResultSigner {
  return {
    async sign(pdf: Uint8Array, appearance: SignatureAppearance): Promise<Uint8Array> {
      const prepared = await addSignaturePlaceholder(Buffer.from(pdf), appearance);
      return new SignPdf().sign(prepared, new CmsSigner(await key()));
    },
  };
}
