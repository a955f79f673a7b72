/**
 * The whole pdfmake document of a form, the counterpart of the HTML's `formDocument`: the paper of the
 * form set, the named styles (the HTML's CSS), the issuing body's block with the document number beside
 * the national heading, the form number and title, and the document information. Pure and deterministic: the dates in the document
 * are the form's own instants, so one form model always gives the same bytes.
 */
import type { FormKind } from '../form-sets.js';
import type { FormHeader } from '../model.js';
import { issuerColumnPercent, pageLayoutOf, type PageLayout } from '../page-layout.js';
import { issuerHeadingLines, placeDateLine } from '../vn-text.js';
import { mm } from './blocks.js';
import type { Content, DocumentDefinition, TextStyle } from './types.js';

/** The font family of every form; `common/form-pdf.ts` embeds its TTF files under this name. */
export const PDF_FONT_FAMILY = 'Tinos';

export interface FormPdfOptions {
  /** Instant of the place and date line under the national heading (as the HTML's `dateIso`). */
  dateIso?: string;
  subtitle?: string | null;
  /** The form's own instant (issue, receipt…): the document's creation date. */
  created: string;
  /** When the form's content last changed, if later than `created`: the modification date. */
  modified?: string;
  /** What the document is about, e.g. the dossier code. */
  subject: string;
}

/** The named styles: the HTML's CSS classes, sized for the page. */
function stylesOf(page: PageLayout): Record<string, TextStyle> {
  const t = page.type;
  return {
    formNo: { fontSize: t.note, alignment: 'right', margin: [0, 0, 0, mm(3)] },
    formLabel: { fontSize: t.heading, bold: true },
    heading: { fontSize: t.heading, alignment: 'center' },
    title: { fontSize: t.title, bold: true, alignment: 'center', margin: [0, mm(2), 0, mm(1)] },
    subtitle: { alignment: 'center', margin: [0, 0, 0, mm(3)] },
    p: { alignment: 'justify', margin: [0, mm(0.3), 0, mm(0.3)] },
    hint: { fontSize: t.note, italics: true },
    table: { fontSize: t.table, margin: [0, mm(2), 0, mm(3)] },
    smallTable: { fontSize: t.smallTable, margin: [0, mm(2), 0, mm(3)] },
    th: { bold: true, alignment: 'center' },
    recipients: { fontSize: t.note, alignment: 'left' },
  };
}

/** Form number and basis, then the issuing body's block (left) beside the national heading (right). */
function headingOf(header: FormHeader & { readonly kind: FormKind }, dateIso: string | undefined): Content[] {
  const issuer = issuerHeadingLines(header);
  return [
    {
      text: [{ text: header.label, style: 'formLabel' }, '\n', { text: `(${header.basis})`, italics: true }],
      style: 'formNo',
    },
    {
      columns: [
        {
          width: `${issuerColumnPercent}%`,
          stack: [
            ...(issuer.parent ? [issuer.parent] : []),
            { text: issuer.name, bold: true, decoration: 'underline' },
            ...(issuer.documentNumber
              ? [{ text: issuer.documentNumber, margin: [0, mm(1.5), 0, 0] as const }]
              : []),
          ],
        },
        {
          width: '*',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, decoration: 'underline' },
            ...(dateIso
              ? [
                  {
                    text: placeDateLine(header.place, dateIso),
                    italics: true,
                    margin: [0, mm(2), 0, 0] as const,
                  },
                ]
              : []),
          ],
        },
      ],
      style: 'heading',
      margin: [0, 0, 0, mm(4)],
    },
  ];
}

/** Date of a form instant ('…+07:00' ISO) for the document information. */
const dateOf = (iso: string): Date => new Date(iso);

/** The document of a form: its paper, heading, title, subtitle and `body`. */
export function formPdf(
  header: FormHeader & { readonly kind: FormKind },
  body: Content[],
  options: FormPdfOptions,
): DocumentDefinition {
  const page = pageLayoutOf(header);
  const [top, right, bottom, left] = page.marginMm;
  return {
    version: '1.7',
    subset: 'PDF/A-2b',
    language: 'vi-VN',
    pageSize: page.format,
    pageOrientation: page.orientation,
    pageMargins: [mm(left), mm(top), mm(right), mm(bottom)],
    info: {
      title: `${header.label} – ${header.title}`,
      author: header.issuer.name,
      subject: options.subject,
      creator: 'Một Cửa',
      producer: 'Một Cửa (pdfmake)',
      creationDate: dateOf(options.created),
      modDate: dateOf(options.modified ?? options.created),
    },
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: page.type.body, lineHeight: 1.15 },
    styles: stylesOf(page),
    content: [
      ...headingOf(header, options.dateIso),
      { text: header.title.toUpperCase(), style: 'title' },
      ...(options.subtitle ? [{ text: options.subtitle, style: 'subtitle' }] : []),
      ...body,
    ],
  };
}
