/**
 * A small, real PDF built by hand (synchronously, no library): one A4 page showing `text`, with a correct
 * cross-reference table, so PDF readers (and the API's check with pdf-lib) open it. `padding` bytes of
 * spaces go into the page's content stream, for tests that need a large file.
 */
export function minimalPdf(text = 'Ket qua giai quyet TTHC', padding = 0): Buffer {
  // Only printable ASCII in the content stream; parentheses and backslashes escaped.
  const shown = text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 770 Td (${shown}) Tj ET\n${' '.repeat(padding)}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A real PDF of exactly `size` bytes (padded inside its content stream). */
export function pdfOfSize(size: number, text = 'Ket qua giai quyet TTHC'): Buffer {
  let padding = Math.max(0, size - minimalPdf(text).length);
  // The stream's /Length grows by a digit now and then: adjust until the size is exact.
  for (let i = 0; i < 5; i++) {
    const pdf = minimalPdf(text, padding);
    if (pdf.length === size) return pdf;
    padding += size - pdf.length;
  }
  throw new Error(`cannot build a PDF of ${size} bytes`);
}
