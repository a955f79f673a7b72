/**
 * The archival package of a finished dossier (docs/archive.md) on the real Temporal dev server and
 * PostgreSQL: the package holds every file its manifest names with matching hashes, the metadata fits the
 * Circular 02/2019 schema, the package hash is in the `archived` event, archiving again duplicates
 * nothing, and the archive index finds the package by code, ID number and end date.
 */
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createArchiveActivities,
  createArchivePackageBuilder,
  type BuiltPackage,
} from '../activities/archive.activities.js';
import {
  ArchiveConflictError,
  createDirectoryArchiveStore,
  type ArchiveFile,
} from '../common/archive-store.js';
import { DEV_ARCHIVE_INDEX_KEY } from '../domain/archive/index-key.js';
import { archiveMetadataSchema } from '../domain/archive/metadata.js';
import { applicant, dossierOf, historyOf, ok, walkTo } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { eventually } from './support/temporal.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const store = () => createDirectoryArchiveStore(join(inject('storageRoot'), 'archive'));
const text = (files: ArchiveFile[], name: string) =>
  Buffer.from(files.find((f) => f.name === name)!.bytes).toString('utf8');

let h: DossierHarness;
let code: string;
let archived: { packageHash: string; key: string };

beforeAll(async () => {
  h = await startDossierHarness();
  const received = await ok(h.api.receive());
  code = received.code;
  const done = await walkTo(h.api, await dossierOf(h.api, code), null);
  expect(done.phase).toBe('returned');
  const history = await eventually(async () => {
    const x = await historyOf(h.api, code);
    return x.items.some((e) => e.type === 'archived') ? x : undefined;
  }, 30_000);
  const event = history.items.find((e) => e.type === 'archived')!;
  archived = event.payload as { packageHash: string; key: string };
});
afterAll(async () => {
  await h?.stop();
});

describe('the package of a returned dossier', () => {
  it('holds every file of its manifest, with the hashes and sizes named; its hash is the manifest’s', async () => {
    const files = (await store().get(archived.key))!;
    expect(archived.key).toBe(`${(await dossierOf(h.api, code)).tenant as string}/${code}`);
    const manifestFile = files.find((f) => f.name === 'manifest.json')!;
    expect(sha256(manifestFile.bytes)).toBe(archived.packageHash);
    const manifest = JSON.parse(text(files, 'manifest.json')) as {
      files: { name: string; sha256: string; size: number }[];
    };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(
      files.map((f) => f.name).filter((n) => n !== 'manifest.json'),
    );
    for (const entry of manifest.files) {
      const file = files.find((f) => f.name === entry.name)!;
      expect(sha256(file.bytes)).toBe(entry.sha256);
      expect(file.bytes.byteLength).toBe(entry.size);
    }
  });

  it('has metadata that fits the schema, naming the result file', async () => {
    const files = (await store().get(archived.key))!;
    const metadata = archiveMetadataSchema.parse(JSON.parse(text(files, 'metadata.json')));
    const dossier = await dossierOf(h.api, code);
    expect(metadata).toMatchObject({
      fileCode: code,
      outcome: 'returned',
      language: 'vi',
      retention: { years: 10 },
    });
    const result = dossier.result as { sha256: string };
    expect(metadata.documents.map((d) => d.sha256)).toContain(result.sha256);
    expect(metadata.documentCount).toBe(metadata.documents.length);
    for (const d of metadata.documents) expect(files.some((f) => f.name === d.file)).toBe(true);
  });

  it('has the audit trail up to the end, chained as stored', async () => {
    const files = (await store().get(archived.key))!;
    const history = JSON.parse(text(files, 'history.json')) as {
      seq: number;
      type: string;
      prev_hash: string;
      hash: string;
    }[];
    const stored = (await historyOf(h.api, code)).items.filter((e) => e.type !== 'archived');
    expect(history.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    expect(history.at(-1)!.type).toBe('return_result');
    for (const [i, e] of history.entries()) if (i > 0) expect(e.prev_hash).toBe(history[i - 1]!.hash);
  });

  it('is not duplicated by archiving again', async () => {
    const activities = createArchiveActivities({
      db: h.db,
      store: store(),
      storageRoot: inject('storageRoot'),
      indexKey: DEV_ARCHIVE_INDEX_KEY,
    });
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    const again = await env.run((input: { code: string }) => activities.archiveDossier(input), { code });
    expect(again).toEqual(archived);
    // It heartbeats (its proxy has a heartbeat timeout): a lost attempt is retried in seconds.
    expect(beats).toBeGreaterThanOrEqual(1);
    const rows = await h.db
      .selectFrom('archive_package')
      .selectAll()
      .where('dossier_code', '=', code)
      .execute();
    expect(rows).toHaveLength(1);
    const events = (await historyOf(h.api, code)).items.filter((e) => e.type === 'archived');
    expect(events).toHaveLength(1);
    const files = (await store().get(archived.key))!;
    await expect(store().put(archived.key, files)).resolves.toEqual({ stored: false });
    const altered = files.map((f) => (f.name === 'metadata.json' ? { ...f, bytes: Buffer.from('{}') } : f));
    await expect(store().put(archived.key, altered)).rejects.toBeInstanceOf(ArchiveConflictError);
  });
});

describe('the printed forms in the package', () => {
  it('holds every form issued for the dossier, as the API prints it, described in the metadata', async () => {
    const files = (await store().get(archived.key))!;
    const metadata = archiveMetadataSchema.parse(JSON.parse(text(files, 'metadata.json')));
    const issued = await h.db
      .selectFrom('form_issue')
      .selectAll()
      .where('dossier_code', '=', code)
      .orderBy('id')
      .execute();
    expect(issued.map((i) => i.form_kind)).toEqual(expect.arrayContaining(['receipt', 'control_sheet']));
    const forms = metadata.documents.filter((d) => /^documents\/\d{3}-form-/.test(d.file));
    expect(forms.map((d) => d.file.replace(/^documents\/\d{3}-form-|\.pdf$/g, ''))).toEqual(
      issued.map((i) => i.form_kind),
    );
    const headers = await h.api.as('auditor');
    for (const [i, doc] of forms.entries()) {
      const kind = issued[i]!.form_kind;
      const url = `/dossiers/${encodeURIComponent(code)}/forms/${kind}`;
      const model = (await h.app.inject({ url, headers })).json<{ title: string; documentNumber: string }>();
      const pdf = await h.app.inject({ url: `${url}?format=pdf`, headers });
      expect(pdf.statusCode, pdf.body).toBe(200);
      const file = files.find((f) => f.name === doc.file)!;
      // The same renderer as the API: the very bytes GET …?format=pdf answers.
      expect(Buffer.from(file.bytes).equals(pdf.rawPayload)).toBe(true);
      expect(doc).toMatchObject({
        typeName: model.title,
        number: model.documentNumber,
        format: 'application/pdf',
        sha256: sha256(file.bytes),
      });
      expect(doc.pageCount).toBeGreaterThanOrEqual(1);
      // PDF/A-2b identification (XMP) and its output intent; not a validation (docs/archive.md).
      const raw = Buffer.from(file.bytes).toString('latin1');
      expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    }
    expect(forms[0]).toMatchObject({ typeName: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' });
  });

  it('is built again with the same bytes, forms included, once the dossier is archived', async () => {
    const build = createArchivePackageBuilder({ db: h.db, storageRoot: inject('storageRoot') });
    const env = new MockActivityEnvironment();
    const first: BuiltPackage = await env.run(build, code);
    const second: BuiltPackage = await env.run(build, code);
    expect(first.packageHash).toBe(archived.packageHash);
    expect(second.packageHash).toBe(archived.packageHash);
    expect(first.files.map((f) => sha256(f.bytes))).toEqual(second.files.map((f) => sha256(f.bytes)));
  });
});

describe('the archive index', () => {
  const search = async (query: string, username = 'auditor') =>
    h.app.inject({ method: 'GET', url: `/archive?${query}`, headers: await h.api.as(username) });

  it('finds the package by code, by ID number and by end date', async () => {
    const byCode = await search(`code=${encodeURIComponent(code)}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
    const [item] = byCode.json<{ items: { dossierCode: string; packageHash: string; endDate: string }[] }>()
      .items;
    expect(item).toMatchObject({ dossierCode: code, packageHash: archived.packageHash });
    const byId = await search(`idNumber=${applicant.idNumber}`);
    expect(byId.json<{ items: { dossierCode: string }[] }>().items.map((i) => i.dossierCode)).toContain(code);
    const byDate = await search(`from=${item!.endDate}&to=${item!.endDate}`);
    expect(byDate.json<{ items: { dossierCode: string }[] }>().items.map((i) => i.dossierCode)).toContain(
      code,
    );
    const before = await search('from=2000-01-01&to=2000-01-02');
    expect(before.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('keeps the ID number as its HMAC under ARCHIVE_INDEX_KEY, not as a plain SHA-256, and still finds it', async () => {
    const row = await h.db
      .selectFrom('archive_package')
      .select('applicant_id_hash')
      .where('dossier_code', '=', code)
      .executeTakeFirstOrThrow();
    const id = applicant.idNumber.replace(/\s+/g, '').toUpperCase();
    expect(row.applicant_id_hash).not.toBe(sha256(Buffer.from(id, 'utf8')));
    expect(row.applicant_id_hash).not.toContain(id);
    expect(row.applicant_id_hash).toBe(createHmac('sha256', DEV_ARCHIVE_INDEX_KEY).update(id).digest('hex'));
    // However the ID is typed (spaces), the search hashes it with the same function and key.
    const spaced = `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`;
    const found = await search(`idNumber=${encodeURIComponent(spaced)}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json<{ items: { dossierCode: string }[] }>().items.map((i) => i.dossierCode)).toContain(
      code,
    );
  });

  it('refuses a search without criterion or with a bad date, naming the field', async () => {
    const none = await search('');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'ARCHIVE.NO_CRITERION', field: 'query.code' });
    const bad = await search('from=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ARCHIVE.INVALID_DATE', field: 'query.from' });
  });

  it('is for auditors and administrators only', async () => {
    const res = await search(`code=${encodeURIComponent(code)}`, 'receiver');
    expect(res.statusCode).toBe(403);
  });
});
