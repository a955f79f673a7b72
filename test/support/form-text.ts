/**
 * The text a form prints, from its HTML and from its PDF document definition, made comparable: the PDF
 * renderer must print what the HTML prints (docs/architecture.md, "Printed forms").
 */
import type { PdfDocumentDefinition } from '../../domain/forms/index.js';

/** Every string a PDF definition prints, in order (text runs, stacks, columns, lists, table cells). */
function pdfTexts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(pdfTexts);
  if (typeof node !== 'object' || node === null) return [];
  const { text, stack, columns, ul, table } = node as Record<string, unknown>;
  return pdfTexts([text, stack, columns, ul, (table as { body?: unknown } | undefined)?.body]);
}

/** The printed text of a PDF definition, its runs joined by spaces. */
export const pdfText = (d: PdfDocumentDefinition): string => pdfTexts(d.content).join(' ');

const entities: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': '\u00a0',
};

/** The visible text of a form's HTML page (the sheet, without the document's `<title>`). */
export function htmlText(html: string): string {
  const sheet = /<main class="sheet">([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return sheet.replace(/<[^>]+>/g, ' ').replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e]!);
}

/**
 * Text with its layout taken out: no white space (HTML and PDF break lines differently) and upper case
 * (the HTML upper-cases its title in CSS, the PDF in the text).
 */
export const comparable = (text: string): string => text.replace(/\s+/g, '').toUpperCase();
