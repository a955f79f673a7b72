/**
 * The visible signature block: a small PDF page laid out by pdfmake with the embedded Tinos font (for
 * Vietnamese diacritics), used as the signature widget's appearance (a form XObject).
 */
import { formatVnIso } from '../../domain/calendar/index.js';
import { PDF_FONT_FAMILY } from '../../domain/forms/index.js';
import { pdfmake } from '../pdfmake.js';
import type { SignatureAppearance } from './types.js';

export const BLOCK_WIDTH = 230;
export const BLOCK_HEIGHT = 66;

/** "05/12/2026 10:30:15 (giờ Việt Nam)" */
export function vnDisplayTime(instant: number): string {
  const iso = formatVnIso(instant); // 2026-12-05T10:30:15+07:00
  const [date = '', time = ''] = iso.split('T');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${time.slice(0, 8)} (giờ Việt Nam)`;
}

/** The one-page PDF of the block (width × height points, a thin frame and three lines). */
export function renderSignatureBlock(
  appearance: SignatureAppearance,
  width: number,
  height: number,
): Promise<Buffer> {
  const line = (label: string, value: string) => ({ text: [{ text: label, bold: true }, value] });
  return pdfmake()
    .createPdf({
      pageSize: { width, height },
      pageMargins: [6, 5, 6, 5],
      info: { title: 'Chữ ký số', producer: 'Một Cửa' },
      defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 8, lineHeight: 1.1 },
      background: () => ({
        canvas: [
          { type: 'rect', x: 1, y: 1, w: width - 2, h: height - 2, lineWidth: 0.8, lineColor: '#1f4e9c' },
        ],
      }),
      content: [
        { text: 'Văn bản đã được ký số', bold: true, color: '#1f4e9c', margin: [0, 0, 0, 2] },
        line('Ký bởi: ', appearance.signerName),
        line('Thời gian ký: ', vnDisplayTime(appearance.signingTime)),
        line('Lý do: ', appearance.reason),
      ],
    })
    .getBuffer();
}
