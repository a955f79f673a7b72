import { createHash, randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';

/**
 * Content-addressed local storage of uploaded files (digitised results). A file lives at
 * `<root>/<first 2 hex of its SHA-256>/<SHA-256>`: the same content is stored once, and a stored file never
 * changes. Uploads are streamed to `<root>/tmp/` while being hashed, counted and type-checked, then renamed
 * into place, so a reader never sees a partial file.
 */

/** The file types accepted, recognised by their first bytes (never by the client's content type). */
export const acceptedMediaTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AcceptedMediaType = (typeof acceptedMediaTypes)[number];

/** File name extensions of each accepted type; the first is the one given to a name without a fitting one. */
export const extensionsOf: Readonly<Record<AcceptedMediaType, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe', '.jfif'],
};

/** How many leading bytes {@link detectMediaType} looks at; shorter files are not accepted. */
export const SNIFF_BYTES = 16;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The type of a file from its first {@link SNIFF_BYTES} bytes, or undefined when it is none of the
 * accepted ones. PDF: `%PDF-` and a version digit at offset 0 (the header the PDF standard requires; files
 * with leading junk are refused). PNG: the 8-byte signature followed by the IHDR chunk. JPEG: SOI and the
 * start of a marker (FF D8 FF).
 */
export function detectMediaType(head: Uint8Array): AcceptedMediaType | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.length < SNIFF_BYTES) return undefined;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes[5]! >= 0x30 && bytes[5]! <= 0x39) {
    return 'application/pdf';
  }
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.subarray(12, 16).toString('latin1') === 'IHDR') {
    return 'image/png';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** How far from the end a PDF's `%%EOF` marker may be (what PDF readers tolerate as trailing bytes). */
const PDF_EOF_WINDOW = 1024;

/**
 * Whether `bytes` (which start with a PDF header) are a PDF that opens: it ends with its `%%EOF` marker
 * (a truncated upload does not), every object parses, and it has at least one page.
 */
export async function isReadablePdf(bytes: Uint8Array): Promise<boolean> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(Math.max(0, buf.length - PDF_EOF_WINDOW)).includes('%%EOF', 0, 'latin1')) return false;
  try {
    const doc = await PDFDocument.load(buf, {
      updateMetadata: false,
      // An encrypted PDF still has a readable page tree; its content is the issuer's business.
      ignoreEncryption: true,
      // Strict: a damaged object is a refusal, not a warning on the console.
      throwOnInvalidObject: true,
    });
    return doc.getPageCount() > 0;
  } catch {
    return false;
  }
}

/** A refused upload. `reason` is stable; the API maps it to its answer. */
export class FileStoreError extends Error {
  constructor(
    readonly reason: 'too_large' | 'unsupported_type' | 'invalid_pdf' | 'empty' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The upload went past `maxBytes`; nothing was stored. */
export class FileTooLargeError extends FileStoreError {
  constructor(readonly maxBytes: number) {
    super('too_large', `file larger than ${maxBytes} bytes`);
  }
}

/** The content is not one of {@link acceptedMediaTypes}; nothing was stored. */
export class UnsupportedFileTypeError extends FileStoreError {
  constructor() {
    super('unsupported_type', `file is not one of ${acceptedMediaTypes.join(', ')}`);
  }
}

/** The content starts like a PDF but does not open as one (truncated, damaged, no page); nothing was stored. */
export class InvalidPdfError extends FileStoreError {
  constructor() {
    super('invalid_pdf', 'file starts with a PDF header but is not a readable PDF with at least one page');
  }
}

/** The upload had no bytes; nothing was stored. */
export class EmptyFileError extends FileStoreError {
  constructor() {
    super('empty', 'file is empty');
  }
}

/** No stored file has this SHA-256. */
export class StoredFileNotFoundError extends FileStoreError {
  constructor(readonly sha256: string) {
    super('not_found', `no stored file ${sha256}`);
  }
}

/** What {@link FileStore.put} stored. */
export interface StoredContent {
  /** Lower-case hex SHA-256 of the bytes: their address. */
  sha256: string;
  size: number;
  /** Detected from the bytes. */
  mediaType: AcceptedMediaType;
  /** False when the same content was already stored (nothing new was written). */
  created: boolean;
}

export interface FileStore {
  /** The absolute storage root. */
  readonly root: string;
  /**
   * Stores `data` (a buffer or a byte stream, read to its end) if it is at most `maxBytes` long and of an
   * accepted type (a PDF must also open, see {@link isReadablePdf}). Throws {@link FileTooLargeError},
   * {@link UnsupportedFileTypeError}, {@link InvalidPdfError} or {@link EmptyFileError} (a stream is
   * destroyed as soon as the answer is known), leaving nothing behind.
   */
  put(data: Buffer | Readable, maxBytes: number): Promise<StoredContent>;
  /** The stored file's bytes; rejects with {@link StoredFileNotFoundError}. */
  open(sha256: string): Promise<Readable>;
  /** Where the file with this SHA-256 is (or would be) stored. Throws RangeError on a malformed hash. */
  path(sha256: string): string;
  /** Whether a file with this SHA-256 is stored. */
  has(sha256: string): Promise<boolean>;
}

export interface FileStoreOptions {
  /** Absolute directory (created when missing). */
  root: string;
}

const isErrno = (err: unknown, code: string): boolean => (err as NodeJS.ErrnoException | null)?.code === code;

/** Writes the whole buffer (a write may take fewer bytes than offered). */
async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename in `dir` durable; best effort (not every platform can fsync a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, fsConstants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the directory entry is a bonus; the file itself was fsynced.
  }
}

/** Creates the store over `root`; directories are created on first use. */
export function createFileStore(options: FileStoreOptions): FileStore {
  const root = options.root;
  if (!isAbsolute(root)) throw new Error(`file store root must be an absolute path, got ${root}`);
  const tmpDir = join(root, 'tmp');

  function path(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new RangeError(`not a lower-case hex SHA-256: ${sha256}`);
    return join(root, sha256.slice(0, 2), sha256);
  }

  async function put(data: Buffer | Readable, maxBytes: number): Promise<StoredContent> {
    try {
      return await store(Buffer.isBuffer(data) ? [data] : data, maxBytes);
    } catch (err) {
      // Refused (or failed) before the end: stop reading an upload nobody will store.
      if (!Buffer.isBuffer(data) && !data.readableEnded) data.destroy();
      throw err;
    }
  }

  async function store(
    source: Iterable<unknown> | AsyncIterable<unknown>,
    maxBytes: number,
  ): Promise<StoredContent> {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError(`bad maxBytes ${maxBytes}`);
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let mediaType: AcceptedMediaType | undefined;
    let moved = false;
    const handle = await open(tmp, 'wx', 0o600);
    try {
      try {
        // Iterating a stream pulls it as fast as the disk takes it; leaving the loop by throwing destroys it.
        for await (const chunk of source) {
          const buf = Buffer.isBuffer(chunk)
            ? chunk
            : typeof chunk === 'string'
              ? Buffer.from(chunk)
              : Buffer.from(chunk as Uint8Array);
          size += buf.length;
          if (size > maxBytes) throw new FileTooLargeError(maxBytes);
          if (head.length < SNIFF_BYTES) {
            head = Buffer.concat([head, buf.subarray(0, SNIFF_BYTES - head.length)]);
            if (head.length === SNIFF_BYTES) {
              mediaType = detectMediaType(head);
              if (!mediaType) throw new UnsupportedFileTypeError();
            }
          }
          hash.update(buf);
          await writeAll(handle, buf);
        }
        if (size === 0) throw new EmptyFileError();
        if (!mediaType) throw new UnsupportedFileTypeError();
        // A PDF header proves little: the whole file must open (read back, at most maxBytes).
        if (mediaType === 'application/pdf' && !(await isReadablePdf(await readFile(tmp))))
          throw new InvalidPdfError();
        await handle.sync();
        // Stored content never changes.
        await handle.chmod(0o440);
      } finally {
        await handle.close();
      }
      const sha256 = hash.digest('hex');
      const target = path(sha256);
      if (await exists(target)) return { sha256, size, mediaType, created: false };
      await mkdir(dirname(target), { recursive: true });
      // Atomic: a reader sees no file or the whole file. Two uploads of the same content racing here both
      // rename identical bytes onto the same name, which is harmless.
      await rename(tmp, target);
      moved = true;
      await syncDirectory(dirname(target));
      return { sha256, size, mediaType, created: true };
    } finally {
      if (!moved) await unlink(tmp).catch(() => undefined);
    }
  }

  async function exists(file: string): Promise<boolean> {
    try {
      return (await stat(file)).isFile();
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async function openStored(sha256: string): Promise<Readable> {
    let handle: FileHandle;
    try {
      handle = await open(path(sha256), 'r');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new StoredFileNotFoundError(sha256);
      throw err;
    }
    // The stream closes the handle when it ends or is destroyed.
    return handle.createReadStream();
  }

  return {
    root,
    put,
    open: openStored,
    path,
    has: (sha256) => exists(path(sha256)),
  };
}
