/**
 * The pieces of a form's PDF, as pdfmake content (plain data): paragraphs, the grid tables, the
 * signature blocks. They mirror the HTML renderer's markup (`../html.ts`, `../render.ts`); type sizes and
 * spacing are the named styles of `./page.ts`, the counterpart of the HTML's CSS classes.
 */
import type { Content, Inline, TableCell, TableLayout } from './types.js';
import { columnPercents, type PageLayout } from '../page-layout.js';

/** Millimetres to PDF points. */
export const mm = (value: number): number => (value * 72) / 25.4;

export const bold = (text: string | number): Inline => ({ text: String(text), bold: true });
export const italic = (text: string): Inline => ({ text, italics: true });

/** `<p>`: a justified paragraph of runs (an empty run list prints nothing). */
export const para = (...runs: (Inline | null)[]): Content => ({
  text: runs.filter((r): r is Inline => r !== '' && r !== null),
  style: 'p',
});

/** `<p class="subtitle">`: centred under the title. */
export const subtitle = (...runs: Inline[]): Content => ({ text: runs, style: 'subtitle' });

/** `<p class="hint">`: a note in italics. */
export const hint = (text: string): Content => ({ text, style: 'hint' });

/** `<ul>`. */
export const bullets = (items: readonly string[]): Content => ({ ul: items, style: 'p' });

/** Thin black rules around every cell, a padding narrow enough for the A5 tables. */
const gridLayout: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingLeft: () => mm(1),
  paddingRight: () => mm(1),
  paddingTop: () => mm(0.8),
  paddingBottom: () => mm(0.8),
};

/** A header cell (`<th>`), spanning `colSpan` columns like the HTML's `colspan`. */
export const th = (text: string, colSpan?: number): TableCell => ({
  text,
  style: 'th',
  ...(colSpan ? { colSpan } : {}),
});

/**
 * A header cell over both header rows (the HTML's `rowspan="2"`): pdfmake does not grow rows to fit a
 * row-spanning cell, so the label fills the upper cell and {@link thTallEnd} continues it below, with
 * no rule between them.
 */
export const thTall = (text: string): TableCell => ({ text, style: 'th', border: [true, true, true, false] });
export const thTallEnd = (): TableCell => ({ text: '', border: [true, false, true, true] });

/** A body cell (`<td>`), centred for `class="c"`. */
export const td = (text: string | number | readonly Inline[], centred = false): TableCell => ({
  text: typeof text === 'number' ? String(text) : text,
  ...(centred ? { alignment: 'center' as const } : {}),
});

/** The cells a column span covers (pdfmake wants them present and empty; it writes into each). */
export const spanned = (count = 1): TableCell[] => Array.from({ length: count }, () => ({}));

/**
 * `<table class="grid">`: header rows repeated on each page, rows never split across pages, columns as
 * relative widths (shared with the HTML) so that the table fits any paper.
 */
export function grid(options: {
  weights: readonly number[];
  head: TableCell[][];
  body: TableCell[][];
  small?: boolean;
}): Content {
  return {
    table: {
      headerRows: options.head.length,
      dontBreakRows: true,
      widths: columnPercents(options.weights).map((p) => `${p}%`),
      body: [...options.head, ...options.body],
    },
    layout: gridLayout,
    style: options.small ? 'smallTable' : 'table',
  };
}

export interface SignatureBlock {
  title: string | readonly string[];
  hint?: string;
  name?: string | null;
}

function signatureStack(page: PageLayout, b: SignatureBlock): Content {
  return {
    stack: [
      ...(typeof b.title === 'string' ? [b.title] : b.title).map((t) => ({ text: t, bold: true })),
      ...(b.hint ? [{ text: `(${b.hint})`, style: 'hint', alignment: 'center' as const }] : []),
      { text: b.name ?? '', bold: true, margin: [0, mm(page.signSpaceMm), 0, 0] as const },
    ],
    alignment: 'center',
  };
}

/** Two signature columns (left, right) kept on one page; `leftExtra` fills an empty left column. */
export function signatures(
  page: PageLayout,
  left: SignatureBlock | null,
  right: SignatureBlock,
  leftExtra?: Content,
): Content {
  return {
    columns: [
      { width: '50%', stack: [left ? signatureStack(page, left) : (leftExtra ?? '')] },
      { width: '50%', stack: [signatureStack(page, right)] },
    ],
    columnGap: mm(4),
    margin: [0, mm(4), 0, 0],
    unbreakable: true,
  };
}
