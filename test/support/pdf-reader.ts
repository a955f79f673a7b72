/**
 * Reads a PDF with a real parser (PDF.js, the legacy build that runs on Node 20): its page sizes, the
 * text of each page as a reader would extract it, and its document information.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  /** Width and height of each page, in points. */
  pages: { width: number; height: number }[];
  /** The text of the whole document, runs of white space as one space. */
  text: string;
  /** The document information dictionary and the catalog's language. */
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // PDF.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: ReadPdf['pages'] = [];
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      pages.push({ width: x1! - x0!, height: y1! - y0! });
      const content = await page.getTextContent();
      // Runs as written (pdfmake writes the spaces between words); a line end counts as a space.
      texts.push(
        content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''),
      );
    }
    const { info } = await doc.getMetadata();
    return { pages, text: texts.join(' ').replace(/\s+/g, ' '), info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
