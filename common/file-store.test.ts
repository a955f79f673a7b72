import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileStore,
  detectMediaType,
  EmptyFileError,
  FileTooLargeError,
  InvalidPdfError,
  isReadablePdf,
  StoredFileNotFoundError,
  UnsupportedFileTypeError,
  type FileStore,
} from './file-store.js';
import { minimalPdf, pdfOfSize } from '../test/support/pdf.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const samplePdf = minimalPdf('Quyet dinh so 12/QD-SGDDT');
/** Starts like a PDF, opens as none. */
const pdfHeaderAndGarbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x41)]);
const zeroPagePdf = Buffer.from(
  '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.alloc(40, 7),
]);
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(40),
]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/** A stream of `chunks` chunks of `size` bytes each, counting how many were pulled. */
function chunked(first: Buffer, chunks: number, size = 1024) {
  const state = { pulled: 0, destroyed: false };
  const stream = Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i++) {
        state.pulled++;
        yield i === 0 ? Buffer.concat([first, Buffer.alloc(size - first.length, 1)]) : Buffer.alloc(size, 2);
      }
    })(),
  );
  stream.on('close', () => (state.destroyed = true));
  return { stream, state };
}

let root: string;
let store: FileStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'motcua-files-'));
  store = createFileStore({ root });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file under the root (relative paths), to check nothing is left behind. */
async function filesUnder(dir = root, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

describe('file store', () => {
  it('stores a buffer under <2 hex>/<sha256> with its SHA-256, size and detected type', async () => {
    const stored = await store.put(samplePdf, 1024);
    expect(stored).toEqual({
      sha256: sha(samplePdf),
      size: samplePdf.length,
      mediaType: 'application/pdf',
      created: true,
    });
    expect(store.path(stored.sha256)).toBe(join(root, stored.sha256.slice(0, 2), stored.sha256));
    expect(await readFile(store.path(stored.sha256))).toEqual(samplePdf);
    expect(await filesUnder()).toEqual([`${stored.sha256.slice(0, 2)}/${stored.sha256}`]);
    expect((await stat(store.path(stored.sha256))).mode & 0o222).toBe(0);
  });

  it('streams a large upload to disk, hashing it on the way', async () => {
    const big = pdfOfSize(300 * 4096);
    const stream = Readable.from(
      Array.from({ length: 300 }, (_, i) => big.subarray(i * 4096, (i + 1) * 4096)),
    );
    const stored = await store.put(stream, 2_000_000);
    const bytes = await readFile(store.path(stored.sha256));
    expect(bytes.length).toBe(300 * 4096);
    expect(stored).toMatchObject({ size: 300 * 4096, sha256: sha(bytes), mediaType: 'application/pdf' });
  });

  it('stores the same content once', async () => {
    const a = await store.put(png, 1024);
    const b = await store.put(Readable.from([png.subarray(0, 5), png.subarray(5)]), 1024);
    expect(a).toMatchObject({ created: true, mediaType: 'image/png' });
    expect(b).toEqual({ ...a, created: false });
    expect(await filesUnder()).toEqual([`${a.sha256.slice(0, 2)}/${a.sha256}`]);
  });

  it('accepts exactly maxBytes and refuses one byte more, leaving nothing behind', async () => {
    const exact = pdfOfSize(1000);
    await expect(store.put(exact, 1000)).resolves.toMatchObject({ size: 1000 });
    const over = Buffer.concat([exact, Buffer.from(' ')]);
    const err = await store.put(over, 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect(err).toMatchObject({ reason: 'too_large', maxBytes: 1000 });
    expect(await filesUnder()).toHaveLength(1);
  });

  it('stops reading a stream as soon as it is too large', async () => {
    const { stream, state } = chunked(samplePdf.subarray(0, 100), 10_000);
    await expect(store.put(stream, 10 * 1024)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(state.pulled).toBeLessThan(20);
    expect(state.destroyed).toBe(true);
    expect(await filesUnder()).toEqual([]);
  });

  it('detects the type from the bytes: PDF, PNG, JPEG', async () => {
    expect((await store.put(samplePdf, 4096)).mediaType).toBe('application/pdf');
    expect((await store.put(png, 4096)).mediaType).toBe('image/png');
    expect((await store.put(jpeg, 4096)).mediaType).toBe('image/jpeg');
  });

  it.each([
    ['a Windows executable', exe],
    ['plain text', Buffer.from('Quyết định số 12/QĐ-SGDĐT về việc chỉnh sửa văn bằng\n'.repeat(3))],
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['a ZIP (DOCX)', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])],
    ['a PDF header after leading junk', Buffer.concat([Buffer.from('xx'), samplePdf])],
    ['a file too short to tell', Buffer.from('%PDF-1.7\n')],
  ])('refuses %s', async (_name, bytes) => {
    const err = await store.put(bytes, 4096).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedFileTypeError);
    expect(await filesUnder()).toEqual([]);
  });

  it.each([
    ['a truncated PDF', samplePdf.subarray(0, Math.floor(samplePdf.length * 0.6))],
    ['a PDF without its end marker', samplePdf.subarray(0, samplePdf.length - 7)],
    ['"%PDF-" followed by garbage', pdfHeaderAndGarbage],
    ['a PDF without any page', zeroPagePdf],
  ])('refuses %s as an invalid PDF, keeping nothing', async (_name, bytes) => {
    const err = await store.put(bytes, 4096).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidPdfError);
    expect(err).toMatchObject({ reason: 'invalid_pdf' });
    const streamed = Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]);
    await expect(store.put(streamed, 4096)).rejects.toBeInstanceOf(InvalidPdfError);
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses an unsupported stream after its first bytes, without reading the rest', async () => {
    const { stream, state } = chunked(exe.subarray(0, 100), 10_000);
    await expect(store.put(stream, 100 * 1024 * 1024)).rejects.toBeInstanceOf(UnsupportedFileTypeError);
    expect(state.pulled).toBeLessThan(5);
    expect(state.destroyed).toBe(true);
    expect(await filesUnder()).toEqual([]);
  });

  it('refuses an empty file', async () => {
    await expect(store.put(Buffer.alloc(0), 4096)).rejects.toBeInstanceOf(EmptyFileError);
    await expect(store.put(Readable.from([]), 4096)).rejects.toBeInstanceOf(EmptyFileError);
    expect(await filesUnder()).toEqual([]);
  });

  it('passes on an error of the upload stream and keeps nothing', async () => {
    const failing = new Readable({
      read() {
        this.push(samplePdf);
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing, 4096)).rejects.toThrow('client went away');
    expect(await filesUnder()).toEqual([]);
  });

  it('opens a stored file for reading, and says when there is none', async () => {
    const { sha256 } = await store.put(samplePdf, 4096);
    expect(await buffer(await store.open(sha256))).toEqual(samplePdf);
    expect(await store.has(sha256)).toBe(true);
    const missing = 'f'.repeat(64);
    expect(await store.has(missing)).toBe(false);
    await expect(store.open(missing)).rejects.toBeInstanceOf(StoredFileNotFoundError);
  });

  it('refuses anything but a lower-case hex SHA-256 as an address', () => {
    for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/x`]) {
      expect(() => store.path(bad)).toThrow(RangeError);
    }
    expect(() => createFileStore({ root: 'relative/dir' })).toThrow(/absolute/);
  });

  it('keeps concurrent uploads of the same content consistent', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(jpeg, 4096)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await readFile(store.path(results[0]!.sha256))).toEqual(jpeg);
    expect(await filesUnder()).toEqual([`${results[0]!.sha256.slice(0, 2)}/${results[0]!.sha256}`]);
  });
});

describe('isReadablePdf', () => {
  it('opens a real PDF, trailing bytes after its end marker included', async () => {
    expect(await isReadablePdf(samplePdf)).toBe(true);
    expect(await isReadablePdf(Buffer.concat([samplePdf, Buffer.from('\n% ký lại\n')]))).toBe(true);
  });

  it('refuses a truncated, damaged or empty PDF', async () => {
    for (let cut = 20; cut < samplePdf.length - 1; cut += 37) {
      expect(await isReadablePdf(samplePdf.subarray(0, cut)), `cut at ${cut}`).toBe(false);
    }
    expect(await isReadablePdf(pdfHeaderAndGarbage)).toBe(false);
    expect(await isReadablePdf(zeroPagePdf)).toBe(false);
    const damaged = Buffer.from(
      samplePdf.toString('latin1').replace('/Type /Pages', '/Type /Pa(es'),
      'latin1',
    );
    expect(await isReadablePdf(damaged)).toBe(false);
  });
});

describe('detectMediaType', () => {
  it('needs the first 16 bytes and knows PDF, PNG and JPEG only', () => {
    expect(detectMediaType(samplePdf.subarray(0, 16))).toBe('application/pdf');
    expect(detectMediaType(samplePdf.subarray(0, 15))).toBeUndefined();
    expect(detectMediaType(png.subarray(0, 16))).toBe('image/png');
    expect(detectMediaType(Buffer.concat([png.subarray(0, 12), Buffer.from('IEND')]))).toBeUndefined();
    expect(detectMediaType(jpeg.subarray(0, 16))).toBe('image/jpeg');
    expect(detectMediaType(Buffer.from('%PDF-x.7 not a version'))).toBeUndefined();
    expect(detectMediaType(new Uint8Array(exe.subarray(0, 16)))).toBeUndefined();
  });
});
