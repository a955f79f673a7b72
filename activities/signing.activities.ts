import { resolve } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { PDFDocument } from 'pdf-lib';
import { createFileStore, StoredFileNotFoundError } from '../common/file-store.js';
import { verifyPdfSignatures, type ResultSigners } from '../common/signing/index.js';
import type { Database } from '../db/database.js';
import { listReceivingUnits } from '../db/organisation.repository.js';
import { findStoredFile, insertStoredFile } from '../db/stored-file.repository.js';
import { whileHeartbeating } from './heartbeat.js';
import type { SignatureKind, SignedResult } from '../domain/dossier/index.js';

export interface SigningActivityDeps {
  db: Database;
  /** The configured keys (`SIGNING_*` or `CSC_*`); without them a signature fails for good. */
  signers: ResultSigners | undefined;
  /** Root of the content-addressed file store (`STORAGE_ROOT`), where the draft is and the signed file goes. */
  storageRoot: string;
}

/** Codes of the non-retryable failures of `signResult`. */
export const SigningErrors = {
  notConfigured: 'SIGNING.NOT_CONFIGURED',
  fileMissing: 'SIGNING.FILE_MISSING',
  unsignable: 'SIGNING.UNSIGNABLE',
} as const;

/** What the dossier workflow asks to be signed. */
export interface SignResultInput {
  tenant: string;
  dossierCode: string;
  kind: SignatureKind;
  /** The officer in whose name the signature is made (the approving leader, the văn thư for the seal). */
  signer: { username: string; fullName: string };
  /** Epoch ms, the signing time written in the signature: fixed by the workflow, so a retry signs alike. */
  signingTime: number;
  reason: string;
  /** The file to sign (its SHA-256 is its address in the file store). */
  file: { sha256: string; fileName: string };
}

const fail = (message: string, type: string): ApplicationFailure =>
  ApplicationFailure.nonRetryable(message, type);

/** Digital signatures of results (docs/signatures.md), made for the dossier workflow. */
export function createSigningActivities({ db, signers, storageRoot }: SigningActivityDeps) {
  const files = createFileStore({ root: resolve(storageRoot) });

  async function bytesOf(sha256: string): Promise<Buffer> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await files.open(sha256)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (err) {
      if (err instanceof StoredFileNotFoundError)
        throw fail(`stored file ${sha256} is missing`, SigningErrors.fileMissing);
      throw err;
    }
  }

  /** The place the signature names: the date-line place of the agency's own desk (or of any unit). */
  async function placeOf(tenant: string): Promise<string> {
    const units = await listReceivingUnits(db, tenant);
    return (units.find((u) => u.kind === 'agency_desk') ?? units[0])?.place ?? 'Việt Nam';
  }

  return {
    /**
     * Signs the result file in the officer's name (their key, or the agency's seal), checks the signature,
     * stores the signed PDF and records it as a result upload of the dossier. Idempotent: the same request
     * gives the same bytes (RSA PKCS#1 v1.5 and a fixed signing time), stored once, recorded once.
     */
    async signResult(input: SignResultInput): Promise<SignedResult> {
      return whileHeartbeating(() => sign(input));
    },
  };

  async function sign(input: SignResultInput): Promise<SignedResult> {
    if (!signers)
      throw fail('no signing key is configured (SIGNING_P12_PATH or CSC_*)', SigningErrors.notConfigured);
    const draft = await bytesOf(input.file.sha256);
    try {
      await PDFDocument.load(draft, { updateMetadata: false });
    } catch (err) {
      throw fail(`the result cannot be signed: ${(err as Error).message}`, SigningErrors.unsignable);
    }
    const signer = input.kind === 'seal' ? signers.seal() : signers.personal(input.signer.username);
    const signed = Buffer.from(
      await signer.sign(draft, {
        signerName: input.signer.fullName,
        reason: input.reason,
        location: await placeOf(input.tenant),
        signingTime: input.signingTime,
        // The seal's block at the bottom left, the leader's at the bottom right (the default).
        ...(input.kind === 'seal' ? { position: { x: 36, y: 36 } } : {}),
      }),
    );
    // What was made must verify before it becomes the result: every signature valid, the new one last.
    const reports = verifyPdfSignatures(signed, []);
    const made = reports.at(-1);
    if (!made || reports.length === 0 || reports.some((r) => !r.valid)) {
      throw fail('the signed result does not verify', SigningErrors.unsignable);
    }
    const stored = await files.put(signed, signed.length);
    const row =
      (await findStoredFile(db, input.dossierCode, 'result', stored.sha256)) ??
      (await insertStoredFile(db, {
        tenant: input.tenant,
        dossier_code: input.dossierCode,
        purpose: 'result',
        sha256: stored.sha256,
        size: stored.size,
        media_type: 'application/pdf',
        file_name: input.file.fileName,
        uploaded_by: input.signer.username,
      }));
    return { fileId: row.id, sha256: stored.sha256, size: stored.size, certificate: made.signer ?? '' };
  }
}
