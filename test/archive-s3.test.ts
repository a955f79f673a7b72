/**
 * The ArchiveStore contract (docs/archive.md, "Store") run against both implementations: the directory
 * store and the S3 store on a real S3-compatible server (moto's, started here). Then the S3 store's own
 * cases (a crashed writer's leftovers, an object altered behind its back, its URL), and one dossier archived
 * by the worker into S3.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArchiveConflictError,
  createDirectoryArchiveStore,
  type ArchiveFile,
  type ArchiveStore,
} from '../common/archive-store.js';
import { archiveStoreFromUrl } from '../common/archive-store-url.js';
import { dossierOf, historyOf, ok, walkTo } from './support/dossiers.js';
import { startDossierHarness } from './support/harness.js';
import { startTestS3, type TestS3 } from './support/s3.js';
import { eventually } from './support/temporal.js';

const file = (name: string, text: string): ArchiveFile => ({ name, bytes: Buffer.from(text, 'utf8') });
const pkg = (tag: string): ArchiveFile[] => [
  file('manifest.json', `{"of":"${tag}"}\n`),
  file('documents/001-result.pdf', `%PDF-1.7 ${tag}`),
  file('documents/002-form-receipt.pdf', `%PDF-1.7 receipt ${tag}`),
  file('metadata.json', `{"tag":"${tag}"}\n`),
];
const sorted = (files: readonly ArchiveFile[]) => [...files].sort((x, y) => (x.name < y.name ? -1 : 1));
const names = (files: readonly ArchiveFile[] | undefined) => files?.map((f) => f.name);
const texts = (files: readonly ArchiveFile[] | undefined) =>
  files?.map((f) => [f.name, Buffer.from(f.bytes).toString('utf8')]);

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startTestS3();
  dir = await mkdtemp(join(tmpdir(), 'archive-contract-'));
});
afterAll(async () => {
  await s3?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Each implementation, made fresh (empty) for its block. */
const implementations: [string, () => Promise<ArchiveStore>][] = [
  ['directory', () => Promise.resolve(createDirectoryArchiveStore(join(dir, randomUUID())))],
  ['S3', async () => archiveStoreFromUrl(await s3.bucket(`archive-${randomUUID()}`, 'packages/v1'), s3.env)],
];

describe.each(implementations)('the %s archive store', (_name, make) => {
  let store: ArchiveStore;
  beforeAll(async () => {
    store = await make();
  });

  it('stores a package and gives back its files sorted by name, the same bytes', async () => {
    await expect(store.put('T1/CODE-1', pkg('a'))).resolves.toEqual({ stored: true });
    const got = await store.get('T1/CODE-1');
    expect(texts(got)).toEqual(texts(sorted(pkg('a'))));
  });

  it('takes the same package again as a no-op, in any order', async () => {
    await store.put('T1/CODE-2', pkg('b'));
    await expect(store.put('T1/CODE-2', [...pkg('b')].reverse())).resolves.toEqual({ stored: false });
  });

  it('refuses a different package under a used key and keeps the first', async () => {
    await store.put('T1/CODE-3', pkg('c'));
    await expect(store.put('T1/CODE-3', pkg('other'))).rejects.toBeInstanceOf(ArchiveConflictError);
    await expect(store.put('T1/CODE-3', pkg('c').slice(1))).rejects.toBeInstanceOf(ArchiveConflictError);
    expect(texts(await store.get('T1/CODE-3'))).toEqual(texts(sorted(pkg('c'))));
  });

  it('stores a package once when two writers put it at the same time', async () => {
    const results = await Promise.all([store.put('T1/CODE-4', pkg('d')), store.put('T1/CODE-4', pkg('d'))]);
    expect(results.map((r) => r.stored).sort()).toEqual([false, true]);
    expect(names(await store.get('T1/CODE-4'))).toHaveLength(4);
  });

  it('answers undefined for an unknown key and lists the keys under a prefix, sorted', async () => {
    await expect(store.get('T1/NOPE')).resolves.toBeUndefined();
    await store.put('T2/CODE-9', pkg('e'));
    await store.put('T2/CODE-10', pkg('f'));
    expect(await store.list('T2/')).toEqual(['T2/CODE-10', 'T2/CODE-9']);
    expect(await store.list()).toEqual(expect.arrayContaining(['T1/CODE-1', 'T1/CODE-4', 'T2/CODE-9']));
    expect(await store.list('T3/')).toEqual([]);
  });

  it('refuses keys and file names that could leave their place, writing nothing', async () => {
    for (const key of ['../T1/X', '/abs', 'T1/../X', 'T1//X', '.hidden/X', 'T1/X Y', '']) {
      await expect(store.put(key, pkg('g')), key).rejects.toBeInstanceOf(RangeError);
      await expect(store.get(key), key).rejects.toBeInstanceOf(RangeError);
    }
    for (const name of ['../escape.json', '/etc/passwd', 'a/../../b', '.marker']) {
      await expect(store.put('T1/CODE-5', [file(name, 'x')]), name).rejects.toBeInstanceOf(RangeError);
    }
    await expect(store.get('T1/CODE-5')).resolves.toBeUndefined();
  });
});

describe('the S3 archive store', () => {
  let url: string;
  let bucket: string;
  beforeAll(async () => {
    bucket = `archive-${randomUUID()}`;
    url = await s3.bucket(bucket, 'prod');
  });
  const putObject = (key: string, body: string) =>
    s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  it("treats a crashed writer's files without their commit marker as no package, and completes it", async () => {
    const store = archiveStoreFromUrl(url, s3.env);
    await putObject('prod/T1/HALF/metadata.json', '{"tag":"h"}\n');
    await expect(store.get('T1/HALF')).resolves.toBeUndefined();
    expect(await store.list('T1/')).not.toContain('T1/HALF');
    await expect(store.put('T1/HALF', pkg('h'))).resolves.toEqual({ stored: true });
    expect(texts(await store.get('T1/HALF'))).toEqual(texts(sorted(pkg('h'))));
  });

  it('refuses to complete over leftovers that differ, and never overwrites them', async () => {
    const store = archiveStoreFromUrl(url, s3.env);
    await putObject('prod/T1/ODD/metadata.json', 'not this package');
    await expect(store.put('T1/ODD', pkg('i'))).rejects.toBeInstanceOf(ArchiveConflictError);
    await expect(store.get('T1/ODD')).resolves.toBeUndefined();
  });

  it('notices an object altered behind its back', async () => {
    const store = archiveStoreFromUrl(url, s3.env);
    await store.put('T1/ALTERED', pkg('j'));
    await putObject('prod/T1/ALTERED/metadata.json', '{"tag":"forged"}\n');
    await expect(store.get('T1/ALTERED')).rejects.toThrow(/metadata\.json is missing or altered/);
  });

  it('refuses a malformed ARCHIVE_URL, naming what is wrong', () => {
    expect(() => archiveStoreFromUrl('s3://B/x', {})).toThrow(/bucket/);
    expect(() => archiveStoreFromUrl('s3://bucket-1/x?endpoint=ftp://h', {})).toThrow(/endpoint/);
    expect(() => archiveStoreFromUrl('s3://bucket-1/x?forcePathStyle=yes', {})).toThrow(/forcePathStyle/);
    expect(() => archiveStoreFromUrl('s3://bucket-1/x?colour=blue', {})).toThrow(/colour/);
    expect(() => archiveStoreFromUrl('s3://bucket-1/a%20b/.x', {})).toThrow(/prefix/);
    expect(() => archiveStoreFromUrl('gs://bucket-1/x', {})).toThrow(/scheme/);
  });
});

describe('a dossier archived by the worker into S3', () => {
  it('has its package in the bucket, the hash of its archived event', async () => {
    const store = archiveStoreFromUrl(await s3.bucket(`archive-${randomUUID()}`, 'motcua'), s3.env);
    const h = await startDossierHarness({ archiveStore: store });
    try {
      const { code } = await ok(h.api.receive());
      await walkTo(h.api, await dossierOf(h.api, code), null);
      const event = await eventually(async () => {
        const history = await historyOf(h.api, code);
        return history.items.find((e) => e.type === 'archived');
      }, 30_000);
      const { key, packageHash } = event.payload as { key: string; packageHash: string };
      expect(await store.list()).toContain(key);
      const files = (await store.get(key))!;
      const manifest = files.find((f) => f.name === 'manifest.json')!;
      expect(createHash('sha256').update(manifest.bytes).digest('hex')).toBe(packageHash);
      expect(files.some((f) => /^documents\/\d{3}-form-receipt\.pdf$/.test(f.name))).toBe(true);
    } finally {
      await h.stop();
    }
  });
});
