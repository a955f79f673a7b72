/**
 * The archive store on an S3-compatible object store (docs/archive.md, "S3"), with the guarantees of the
 * directory store: a package is immutable, `put` of the same files again is a no-op, of different files
 * under a used key an {@link ArchiveConflictError}.
 *
 * Layout under the store's prefix: the files of a package at `<key>/<name>`, then, written last, its
 * commit marker at `.packages/<key>.json` (name, SHA-256 and size of each file). A package exists only once
 * its marker does, so a reader never sees half of one. Every object is written with `If-None-Match: *`:
 * nothing already stored is ever overwritten, whoever wrote it (a concurrent worker, an earlier attempt).
 */
import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  alreadyStored,
  ArchiveConflictError,
  byName,
  checkPackage,
  checkPath,
  type ArchiveFile,
  type ArchiveStore,
} from './archive-store.js';

/** Where the commit markers live, beside the packages (a key segment never starts with a dot). */
const MARKERS = '.packages';

interface Marker {
  readonly files: readonly { name: string; sha256: string; size: number }[];
}

const markerOf = (files: readonly ArchiveFile[]): Marker => ({
  files: byName(files).map((f) => ({
    name: f.name,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
    size: f.bytes.byteLength,
  })),
});

const sameMarker = (a: Marker, b: Marker): boolean => JSON.stringify(a.files) === JSON.stringify(b.files);

const statusOf = (err: unknown): number | undefined =>
  err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;

export interface S3ArchiveStoreOptions {
  client: S3Client;
  bucket: string;
  /** Folder of the store in the bucket (`a/b`), or '' for the bucket's root. */
  prefix: string;
}

/** Packages as objects of `bucket` under `prefix`. */
export function createS3ArchiveStore({ client, bucket, prefix }: S3ArchiveStoreOptions): ArchiveStore {
  if (prefix !== '') checkPath(prefix, 'prefix');
  const root = prefix === '' ? '' : `${prefix}/`;
  const markerKey = (key: string) => `${root}${MARKERS}/${key}.json`;
  const fileKey = (key: string, name: string) => `${root}${key}/${name}`;

  /** The object's bytes, or undefined when there is none. */
  async function read(objectKey: string): Promise<Uint8Array | undefined> {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
      if (!res.Body) throw new Error(`s3://${bucket}/${objectKey} has no body`);
      return await res.Body.transformToByteArray();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Writes the object unless one is there already: false when one was (S3 answers 412, or 409 in a race). */
  async function create(objectKey: string, bytes: Uint8Array, contentType: string): Promise<boolean> {
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey,
          Body: bytes,
          ContentType: contentType,
          IfNoneMatch: '*',
        }),
      );
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 409) return false;
      throw err;
    }
  }

  async function readMarker(key: string): Promise<Marker | undefined> {
    const bytes = await read(markerKey(key));
    return bytes && (JSON.parse(Buffer.from(bytes).toString('utf8')) as Marker);
  }

  return {
    async put(key, files) {
      checkPackage(key, files);
      const marker = markerOf(files);
      const existing = alreadyStored(key, await readMarker(key), (m) => sameMarker(m, marker));
      if (existing) return existing;
      for (const f of byName(files)) {
        if (await create(fileKey(key, f.name), f.bytes, 'application/octet-stream')) continue;
        // Left by an earlier attempt or a concurrent writer: fine when it holds the very same bytes.
        const there = await read(fileKey(key, f.name));
        if (!there || !Buffer.from(there).equals(Buffer.from(f.bytes))) throw new ArchiveConflictError(key);
      }
      const body = Buffer.from(`${JSON.stringify(marker, null, 2)}\n`, 'utf8');
      if (await create(markerKey(key), body, 'application/json')) return { stored: true };
      // Another writer committed first.
      const committed = alreadyStored(key, await readMarker(key), (m) => sameMarker(m, marker));
      if (committed) return committed;
      throw new Error(`archive package ${key}: its commit marker was refused, yet cannot be read`);
    },

    async get(key) {
      checkPath(key, 'key');
      const marker = await readMarker(key);
      if (!marker) return undefined;
      const files: ArchiveFile[] = [];
      for (const entry of marker.files) {
        const bytes = await read(fileKey(key, entry.name));
        const digest = bytes && createHash('sha256').update(bytes).digest('hex');
        if (digest !== entry.sha256) {
          throw new Error(`archive package ${key}: ${entry.name} is missing or altered in the object store`);
        }
        files.push({ name: entry.name, bytes: bytes! });
      }
      return files;
    },

    async list(keyPrefix = '') {
      const base = `${root}${MARKERS}/`;
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: `${base}${keyPrefix}`,
            ContinuationToken: token,
          }),
        );
        for (const o of page.Contents ?? []) {
          if (o.Key?.endsWith('.json')) keys.push(o.Key.slice(base.length, -'.json'.length));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
  };
}

/**
 * The store of `s3://bucket/prefix?endpoint=http://host:port&region=…&forcePathStyle=true`. Credentials come
 * from the SDK's default chain (`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` in the environment first);
 * the region from the URL, else `AWS_REGION`, else `us-east-1`.
 */
export function s3ArchiveStoreFromUrl(url: string, env: Record<string, string | undefined>): ArchiveStore {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`ARCHIVE_URL: not a URL: ${url}`);
  }
  const bucket = parsed.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new RangeError(`ARCHIVE_URL: invalid bucket name ${JSON.stringify(bucket)}`);
  }
  const known = new Set(['endpoint', 'region', 'forcePathStyle']);
  for (const name of parsed.searchParams.keys()) {
    if (!known.has(name)) throw new RangeError(`ARCHIVE_URL: unknown parameter ${name}`);
  }
  const endpoint = parsed.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(endpoint)) {
    throw new RangeError(`ARCHIVE_URL: endpoint must be http(s)://host[:port], not ${endpoint}`);
  }
  const pathStyle = parsed.searchParams.get('forcePathStyle');
  if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false') {
    throw new RangeError('ARCHIVE_URL: forcePathStyle is true or false');
  }
  const client = new S3Client({
    region: parsed.searchParams.get('region') ?? env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: pathStyle === 'true',
    // The standard variables; without them the SDK's default chain (shared files, instance roles).
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
  });
  const prefix = decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, '');
  return createS3ArchiveStore({ client, bucket, prefix });
}
