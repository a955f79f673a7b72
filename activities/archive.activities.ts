import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure, log } from '@temporalio/activity';
import { ArchiveConflictError, type ArchiveFile, type ArchiveStore } from '../common/archive-store.js';
import {
  findArchivePackage,
  idNumberHash,
  markDossierArchived,
  recordArchivePackage,
} from '../db/archive.repository.js';
import type { Database } from '../db/database.js';
import { verifyChain } from '../db/dossier-chain.js';
import { findDossier, listDossierEvents } from '../db/dossier.repository.js';
import { findOnlineSubmission } from '../db/online-submission.repository.js';
import { findProcedureVersion } from '../db/procedure.repository.js';
import { buildArchiveMetadata, type ArchiveDocument } from '../domain/archive/metadata.js';
import { toVnDate } from '../domain/calendar/index.js';
import { finalPhases, type ArchivedPackage } from '../domain/dossier/index.js';
import { assemblePackage, documentPath, pageCountOf, sha256Hex } from './archive-package.js';

export interface ArchiveActivityDeps {
  db: Database;
  store: ArchiveStore;
  /** Root of the content-addressed file store (`STORAGE_ROOT`): results and citizens' uploads. */
  storageRoot: string;
}

/** Codes of the non-retryable failures of `archiveDossier`. */
export const ArchiveErrors = {
  notFinished: 'ARCHIVE.NOT_FINISHED',
  chainBroken: 'ARCHIVE.CHAIN_BROKEN',
  fileMissing: 'ARCHIVE.FILE_MISSING',
  conflict: 'ARCHIVE.CONFLICT',
} as const;

const RIGHTS = 'Hạn chế sử dụng';
type DocumentMeta = Omit<ArchiveDocument, 'identifier' | 'order' | 'language'>;

/** Archival packages of finished dossiers (docs/archive.md). */
export function createArchiveActivities({ db, store, storageRoot }: ArchiveActivityDeps) {
  /** The bytes the file store keeps under `sha256`; a missing file is a non-retryable failure. */
  async function storedBytes(sha256: string): Promise<Uint8Array> {
    try {
      const bytes = await readFile(join(storageRoot, sha256.slice(0, 2), sha256));
      if (sha256Hex(bytes) === sha256) return bytes;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    throw ApplicationFailure.nonRetryable(
      `stored file ${sha256} is missing or altered`,
      ArchiveErrors.fileMissing,
    );
  }

  return {
    /**
     * Builds and stores the package of a finished dossier and adds it to the archive index. Idempotent: a
     * dossier already in the index gets its package back; the same package stored again is a no-op.
     */
    async archiveDossier({ code }: { code: string }): Promise<ArchivedPackage> {
      const indexed = await findArchivePackage(db, code);
      if (indexed) {
        await markDossierArchived(db, code, indexed.created_at);
        return { packageHash: indexed.package_hash, key: indexed.key };
      }
      const dossier = await findDossier(db, code);
      if (!dossier) throw new Error(`dossier ${code} has no projection row yet`);
      const state = dossier.state;
      if (!finalPhases.has(state.phase)) {
        throw ApplicationFailure.nonRetryable(`dossier ${code} is ${state.phase}`, ArchiveErrors.notFinished);
      }
      const events = await listDossierEvents(db, code);
      const chain = verifyChain(events);
      const last = events.at(-1);
      if (!chain.valid || !last || last.seq !== dossier.seq) {
        throw ApplicationFailure.nonRetryable(
          `audit chain of ${code} broken at ${chain.brokenAtSeq ?? 'its end'}`,
          ArchiveErrors.chainBroken,
        );
      }
      const procedure = await findProcedureVersion(
        db,
        state.tenant,
        state.procedureCode,
        state.procedureVersion,
      );
      const tenant = await db
        .selectFrom('tenant')
        .select('name')
        .where('code', '=', state.tenant)
        .executeTakeFirst();
      const documents: ArchiveFile[] = [];
      const metas: DocumentMeta[] = [];
      async function addDocument(
        kind: string,
        sha256: string,
        mediaType: string,
        meta: Omit<DocumentMeta, 'file' | 'sha256' | 'format' | 'pageCount' | 'rights'>,
      ) {
        const bytes = await storedBytes(sha256);
        const file = documentPath(documents.length + 1, kind, mediaType);
        documents.push({ name: file, bytes });
        const pageCount = await pageCountOf(bytes, mediaType);
        metas.push({ ...meta, file, sha256, format: mediaType, pageCount, rights: RIGHTS });
      }
      const submission = await findOnlineSubmission(db, code);
      for (const c of submission?.components ?? []) {
        const upload = await db
          .selectFrom('citizen_upload')
          .select('content_type')
          .where('sha256', '=', c.fileId)
          .executeTakeFirst();
        await addDocument('component', c.fileId, upload?.content_type ?? 'application/pdf', {
          typeName: 'Thành phần hồ sơ',
          number: null,
          date: toVnDate(submission!.submitted_at.getTime()),
          issuer: dossier.applicant_name,
          summary: c.name,
        });
      }
      if (state.result) {
        await addDocument('result', state.result.sha256, state.result.mediaType, {
          typeName: procedure?.definition.resultName ?? 'Kết quả giải quyết thủ tục hành chính',
          number: null,
          date: toVnDate(state.result.attachedAt),
          issuer: tenant?.name ?? state.tenant,
          summary: `${procedure?.definition.resultName ?? 'Kết quả'}: hồ sơ ${code}`,
        });
      }
      const retentionYears = procedure?.definition.retentionYears;
      const metadata = buildArchiveMetadata({
        state,
        unitCode: dossier.unit_code,
        procedureName: dossier.procedure_name,
        procedureField: procedure?.definition.field ?? '',
        retentionYears,
        receivedBy: dossier.received_by,
        endedBy: last.type,
        endedAt: state.finishedAt ?? last.at.getTime(),
        documents: metas,
      });
      const pkg = assemblePackage(metadata, documents, events);
      const key = `${state.tenant}/${code}`;
      try {
        const { stored } = await store.put(key, pkg.files);
        log.info(stored ? 'archive package stored' : 'archive package already stored', { code, key });
      } catch (err) {
        if (!(err instanceof ArchiveConflictError)) throw err;
        throw ApplicationFailure.nonRetryable(err.message, ArchiveErrors.conflict);
      }
      const row = await recordArchivePackage(db, {
        dossier_code: code,
        tenant: state.tenant,
        key,
        package_hash: pkg.packageHash,
        procedure_code: state.procedureCode,
        applicant_id_hash: idNumberHash(dossier.applicant_id_number),
        end_date: metadata.endDate,
        retention_years: metadata.retention.years,
      });
      // The live rows may now give up their personal data once retention has passed (docs/personal-data.md).
      await markDossierArchived(db, code, row.created_at);
      return { packageHash: row.package_hash, key: row.key };
    },
  };
}
