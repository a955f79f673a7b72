/**
 * The files of an archival package (docs/archive.md): the documents, `metadata.json`, `history.json` and
 * `manifest.json` (SHA-256 and size of every other file). The package hash is the SHA-256 of the manifest.
 * Deterministic: the same dossier gives the same bytes, so storing it again is a no-op.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { ArchiveFile } from '../common/archive-store.js';
import { canonicalJson } from '../db/dossier-chain.js';
import type { DossierEventRow } from '../db/dossier.table.js';
import { archiveMetadataSchema, type ArchiveMetadata } from '../domain/archive/metadata.js';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/** The package path of the `order`-th document (never the uploader's file name). */
export const documentPath = (order: number, kind: string, mediaType: string): string =>
  `documents/${String(order).padStart(3, '0')}-${kind}${EXTENSIONS[mediaType] ?? '.bin'}`;

/** Pages of a PDF (null when it cannot be read), 1 for an image. */
export async function pageCountOf(bytes: Uint8Array, mediaType: string): Promise<number | null> {
  if (mediaType !== 'application/pdf') return 1;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    return doc.getPageCount();
  } catch {
    return null;
  }
}

/** One manifest line. */
export interface ManifestEntry {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
}

const json = (value: unknown): Uint8Array => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** The audit trail as archived: every stored column but `recorded_at`, in order. */
function historyOf(events: readonly DossierEventRow[]) {
  return events.map(({ recorded_at: _recordedAt, at, payload, ...rest }) => ({
    ...rest,
    at: at.toISOString(),
    // As stored (canonical JSON): its digest is `payload_digest`.
    payload: canonicalJson(payload),
  }));
}

/**
 * The package's files, sorted by name, and its hash. `metadata` is validated here (a package never holds
 * metadata that does not fit the schema).
 */
export function assemblePackage(
  metadata: ArchiveMetadata,
  documents: readonly ArchiveFile[],
  events: readonly DossierEventRow[],
): { files: ArchiveFile[]; packageHash: string; manifest: ManifestEntry[] } {
  const content: ArchiveFile[] = [
    ...documents,
    { name: 'history.json', bytes: json(historyOf(events)) },
    { name: 'metadata.json', bytes: json(archiveMetadataSchema.parse(metadata)) },
  ].sort((a, b) => (a.name < b.name ? -1 : 1));
  const manifest = content.map((f) => ({
    name: f.name,
    sha256: sha256Hex(f.bytes),
    size: f.bytes.byteLength,
  }));
  const manifestBytes = json({ algorithm: 'SHA-256', files: manifest });
  return {
    files: [...content, { name: 'manifest.json', bytes: manifestBytes }],
    packageHash: sha256Hex(manifestBytes),
    manifest,
  };
}
