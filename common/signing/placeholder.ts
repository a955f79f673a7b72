/**
 * Adds an empty signature (field, widget with the visible block, signature dictionary with a ByteRange
 * placeholder) to a PDF as an incremental update: the original bytes are kept as they are, so earlier
 * signatures stay valid. pdf-lib loads and edits the document; only the objects that changed or are new
 * are appended, with a cross-reference section whose /Prev points at the previous one.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFObject,
  type PDFRef,
} from 'pdf-lib';
import { BLOCK_HEIGHT, BLOCK_WIDTH, renderSignatureBlock } from './appearance.js';
import type { SignatureAppearance } from './types.js';

/** Room for the CMS (bytes): a 4096-bit chain of three certificates fits with a wide margin. */
export const SIGNATURE_BYTES = 16384;
export const BYTE_RANGE_PLACEHOLDER = '**********';

function bytesOf(object: PDFObject): Buffer {
  const out = Buffer.alloc(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

function snapshot(doc: PDFDocument): Map<string, Buffer> {
  return new Map(doc.context.enumerateIndirectObjects().map(([ref, obj]) => [ref.tag, bytesOf(obj)]));
}

/** The byte offset the previous cross-reference section starts at (the last `startxref`). */
function previousXref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  const match = at < 0 ? null : /^startxref\s+(\d+)/.exec(pdf.subarray(at, at + 40).toString('latin1'));
  if (!match) throw new Error('PDF without startxref');
  return Number(match[1]);
}

function appendUpdate(original: Buffer, doc: PDFDocument, before: Map<string, Buffer>): Buffer {
  const parts: Buffer[] = [original, Buffer.from(original.at(-1) === 0x0a ? '' : '\n')];
  let offset = parts[0]!.length + parts[1]!.length;
  const entries: { ref: PDFRef; offset: number }[] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const body = bytesOf(obj);
    if (before.get(ref.tag)?.equals(body)) continue;
    const chunk = Buffer.concat([
      Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`),
      body,
      Buffer.from('\nendobj\n'),
    ]);
    entries.push({ ref, offset });
    parts.push(chunk);
    offset += chunk.length;
  }
  entries.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  let xref = 'xref\n';
  for (const { ref, offset: at } of entries) {
    xref += `${ref.objectNumber} 1\n${String(at).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n \n`;
  }
  const { Root, Info, ID } = doc.context.trailerInfo;
  const trailer = doc.context.obj({ Size: doc.context.largestObjectNumber + 1, Root, Info, ID });
  trailer.set(PDFName.of('Prev'), PDFNumber.of(previousXref(original)));
  xref += `trailer\n${trailer.toString()}\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** The signature fields already in the form (to name the new one). */
function fieldsOf(doc: PDFDocument): { acroForm: PDFDict; fields: PDFArray } {
  let acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!acroForm) {
    acroForm = doc.context.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(acroForm));
  }
  let fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) {
    fields = doc.context.obj([]);
    acroForm.set(PDFName.of('Fields'), fields);
  }
  return { acroForm, fields };
}

/** `pdf` with a new, unsigned signature whose /Contents is a zero-filled hex string to be replaced. */
export async function addSignaturePlaceholder(pdf: Buffer, appearance: SignatureAppearance): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (doc.isEncrypted) throw new Error('encrypted PDF');
  const before = snapshot(doc);
  const page = doc.getPage(doc.getPageCount() - 1);
  const width = appearance.position?.width ?? BLOCK_WIDTH;
  const height = appearance.position?.height ?? BLOCK_HEIGHT;
  const x = appearance.position?.x ?? page.getWidth() - width - 36;
  const y = appearance.position?.y ?? 36;
  const [block] = await doc.embedPdf(await renderSignatureBlock(appearance, width, height));
  const text = (value: string) => PDFHexString.fromText(value);
  const sigDict = doc.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, ...Array<PDFName>(3).fill(PDFName.of(BYTE_RANGE_PLACEHOLDER))],
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)),
    Reason: text(appearance.reason),
    Location: text(appearance.location),
    Name: text(appearance.signerName),
    M: PDFString.fromDate(new Date(appearance.signingTime)),
  });
  // Written as raw bytes, so the ByteRange and Contents placeholders keep their exact shape.
  const sigRef = doc.context.register(PDFInvalidObject.of(bytesOf(sigDict)));
  const { acroForm, fields } = fieldsOf(doc);
  const widget = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [x, y, x + width, y + height],
      V: sigRef,
      T: PDFString.of(`Signature${fields.size() + 1}`),
      F: 4,
      P: page.ref,
      AP: { N: block!.ref },
    }),
  );
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? doc.context.obj([]);
  annots.push(widget);
  page.node.set(PDFName.of('Annots'), annots);
  fields.push(widget);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  await doc.flush();
  return appendUpdate(pdf, doc, before);
}
