import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure, log } from '@temporalio/activity';
import { ArchiveConflictError, type ArchiveFile, type ArchiveStore } from '../common/archive-store.js';
import { renderFormPdf } from '../common/form-pdf.js';
import {
  findArchivePackage,
  idNumberHash,
  markDossierArchived,
  recordArchivePackage,
} from '../db/archive.repository.js';
import type { Database } from '../db/database.js';
import { verifyChain } from '../db/dossier-chain.js';
import { findDossier, listDossierEvents } from '../db/dossier.repository.js';
import type { DossierRow } from '../db/dossier.table.js';
import { findOnlineSubmission } from '../db/online-submission.repository.js';
import { findProcedureVersion } from '../db/procedure.repository.js';
import { loadDossierFormInput } from '../db/dossier-form-input.js';
import { listDossierFormIssues } from '../db/form-issue.repository.js';
import {
  buildArchiveMetadata,
  type ArchiveDocument,
  type ArchiveMetadata,
} from '../domain/archive/metadata.js';
import { toVnDate } from '../domain/calendar/index.js';
import { finalPhases, type ArchivedPackage } from '../domain/dossier/index.js';
import { buildDossierForm, FormNotApplicableError, type DossierForm } from '../domain/forms/index.js';
import { whileHeartbeating } from './heartbeat.js';
import { assemblePackage, documentPath, pageCountOf, sha256Hex } from './archive-package.js';

export interface ArchiveActivityDeps {
  db: Database;
  store: ArchiveStore;
  /** Root of the content-addressed file store (`STORAGE_ROOT`): results and citizens' uploads. */
  storageRoot: string;
  /** Key of the index's applicant ID hashes (`ARCHIVE_INDEX_KEY`; the API searches with the same). */
  indexKey: string;
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

/** A built package: its key in the store, its files and hash, and what the index records of it. */
export interface BuiltPackage extends ReturnType<typeof assemblePackage> {
  key: string;
  metadata: ArchiveMetadata;
  dossier: DossierRow;
}

/**
 * Builds the package of a finished dossier, storing nothing (docs/archive.md): the same dossier gives the
 * same bytes. Throws the non-retryable failures of {@link ArchiveErrors}. Runs in an activity context (logs).
 */
export function createArchivePackageBuilder({
  db,
  storageRoot,
}: Pick<ArchiveActivityDeps, 'db' | 'storageRoot'>) {
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

  return async function buildPackage(code: string): Promise<BuiltPackage> {
    const dossier = await findDossier(db, code);
    if (!dossier) throw new Error(`dossier ${code} has no projection row yet`);
    const state = dossier.state;
    if (!finalPhases.has(state.phase)) {
      throw ApplicationFailure.nonRetryable(`dossier ${code} is ${state.phase}`, ArchiveErrors.notFinished);
    }
    const stored = await listDossierEvents(db, code);
    const chain = verifyChain(stored);
    if (!chain.valid || stored.at(-1)?.seq !== dossier.seq) {
      throw ApplicationFailure.nonRetryable(
        `audit chain of ${code} broken at ${chain.brokenAtSeq ?? 'its end'}`,
        ArchiveErrors.chainBroken,
      );
    }
    // The trail up to the dossier's end: the `archived` event that names this package comes after it, so a
    // package built again once archived is the same package.
    const archivedAt = stored.findIndex((e) => e.type === 'archived');
    const events = archivedAt < 0 ? stored : stored.slice(0, archivedAt);
    const last = events.at(-1);
    if (!last)
      throw ApplicationFailure.nonRetryable(`dossier ${code} has no events`, ArchiveErrors.chainBroken);
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
    function addFile(
      kind: string,
      bytes: Uint8Array,
      mediaType: string,
      pageCount: number | null,
      meta: Omit<DocumentMeta, 'file' | 'sha256' | 'format' | 'pageCount' | 'rights'>,
    ) {
      const file = documentPath(documents.length + 1, kind, mediaType);
      documents.push({ name: file, bytes });
      metas.push({ ...meta, file, sha256: sha256Hex(bytes), format: mediaType, pageCount, rights: RIGHTS });
    }
    async function addDocument(
      kind: string,
      sha256: string,
      mediaType: string,
      meta: Omit<DocumentMeta, 'file' | 'sha256' | 'format' | 'pageCount' | 'rights'>,
    ) {
      const bytes = await storedBytes(sha256);
      addFile(kind, bytes, mediaType, await pageCountOf(bytes, mediaType), meta);
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
    // The printed forms the dossier was issued (Mẫu 01–06), in the order they were numbered, rendered as
    // the API renders them; a form that no longer builds from the dossier's data is left out and logged.
    const formInput = await loadDossierFormInput(db, dossier);
    for (const issue of await listDossierFormIssues(db, code)) {
      let form: DossierForm;
      try {
        form = buildDossierForm(issue.form_kind, formInput, {
          request: issue.form_kind === 'supplement' ? issue.occurrence : undefined,
        });
      } catch (err) {
        if (!(err instanceof FormNotApplicableError)) throw err;
        log.warn('issued form left out of the archive package', {
          code,
          kind: issue.form_kind,
          error: err.message,
        });
        continue;
      }
      const bytes = await renderFormPdf(form);
      addFile(
        `form-${issue.form_kind}`,
        bytes,
        'application/pdf',
        await pageCountOf(bytes, 'application/pdf'),
        {
          typeName: form.title,
          number: form.documentNumber,
          date: toVnDate(issue.issued_at.getTime()),
          issuer: form.issuer.name,
          summary: `${form.label}: ${form.title}, hồ sơ ${code}`,
        },
      );
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
    return { ...pkg, key: `${state.tenant}/${code}`, metadata, dossier };
  };
}

/** Archival packages of finished dossiers (docs/archive.md). */
export function createArchiveActivities({ db, store, storageRoot, indexKey }: ArchiveActivityDeps) {
  const buildPackage = createArchivePackageBuilder({ db, storageRoot });
  return {
    /**
     * Builds and stores the package of a finished dossier and adds it to the archive index. Idempotent: a
     * dossier already in the index gets its package back; the same package stored again is a no-op.
     */
    async archiveDossier(input: { code: string }): Promise<ArchivedPackage> {
      return whileHeartbeating(() => archive(input.code));
    },
  };

  async function archive(code: string): Promise<ArchivedPackage> {
    const indexed = await findArchivePackage(db, code);
    if (indexed) {
      await markDossierArchived(db, code, indexed.created_at);
      return { packageHash: indexed.package_hash, key: indexed.key };
    }
    const { files, packageHash, key, metadata, dossier } = await buildPackage(code);
    const state = dossier.state;
    try {
      const { stored } = await store.put(key, files);
      log.info(stored ? 'archive package stored' : 'archive package already stored', { code, key });
    } catch (err) {
      if (!(err instanceof ArchiveConflictError)) throw err;
      throw ApplicationFailure.nonRetryable(err.message, ArchiveErrors.conflict);
    }
    const row = await recordArchivePackage(db, {
      dossier_code: code,
      tenant: state.tenant,
      key,
      package_hash: packageHash,
      procedure_code: state.procedureCode,
      applicant_id_hash: idNumberHash(indexKey, dossier.applicant_id_number),
      end_date: metadata.endDate,
      retention_years: metadata.retention.years,
    });
    // The live rows may now give up their personal data once retention has passed (docs/personal-data.md).
    await markDossierArchived(db, code, row.created_at);
    return { packageHash: row.package_hash, key: row.key };
  }
}
