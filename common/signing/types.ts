/**
 * The signer port: what an activity calls to sign a result PDF. Implementations: a PKCS#12 key on disk
 * (`p12-signer.ts`) and a remote key behind a Cloud Signature Consortium API v2 service (`csc-signer.ts`).
 */

/** What the signature says and where its visible block goes. Texts are Vietnamese, shown as given. */
export interface SignatureAppearance {
  /** The signer's name shown in the block ("Ký bởi: …"); the certificate's CN is what verification reports. */
  signerName: string;
  /** Why the document is signed, e.g. "Phê duyệt kết quả giải quyết thủ tục hành chính". */
  reason: string;
  /** Where, e.g. "UBND phường Bến Nghé, TP. Hồ Chí Minh". */
  location: string;
  /** The signing time (epoch milliseconds); shown in Vietnam time. */
  signingTime: number;
  /**
   * The visible block on the last page, in PDF points from the page's bottom-left corner; defaults to the
   * bottom right (a seal's block should be placed elsewhere than the leader's).
   */
  position?: { x: number; y: number; width?: number; height?: number };
}

export interface ResultSigner {
  /** Signs `pdf` (already signed or not: a new signature is an incremental update keeping earlier ones). */
  sign(pdf: Uint8Array, appearance: SignatureAppearance): Promise<Uint8Array>;
}

/**
 * The key side of a signer: the certificate chain (DER, the signer's first) and a function signing the
 * DER of the CMS signed attributes with SHA-256 and RSA PKCS#1 v1.5.
 */
export interface SigningKey {
  certificates: readonly Uint8Array[];
  signSignedAttributes(der: Uint8Array): Promise<Uint8Array>;
}
