/**
 * The printed page of a form, shared by the HTML renderer (`@page`, type sizes) and the PDF renderer
 * (page size, margins, type sizes): the paper comes from the form set (`pageSize`), the rest from here.
 */
import { formSets, type FormKind, type FormSetId, type PageSize } from './form-sets.js';

/** Type sizes in points: body text, heading blocks, title, tables, compact tables, notes and hints. */
export interface TypeSizes {
  readonly body: number;
  readonly heading: number;
  readonly title: number;
  readonly table: number;
  readonly smallTable: number;
  readonly note: number;
}

export interface PageLayout extends PageSize {
  /** Sheet width and height in millimetres, in the page's orientation. */
  readonly widthMm: number;
  readonly heightMm: number;
  /** Margins in millimetres: top, right, bottom, left (the wider left one is the binding edge). */
  readonly marginMm: readonly [number, number, number, number];
  /** Height left blank for a handwritten signature, in millimetres. */
  readonly signSpaceMm: number;
  readonly type: TypeSizes;
}

interface Sheet {
  readonly shortMm: number;
  readonly longMm: number;
  readonly marginMm: readonly [number, number, number, number];
  readonly signSpaceMm: number;
  readonly type: TypeSizes;
}

/**
 * A4 keeps the margins and sizes of administrative documents (13 pt body, Times); A5 slips are set a
 * size smaller with narrower margins so a form's tables still fit its 123 mm line.
 */
const sheets: Readonly<Record<PageSize['format'], Sheet>> = {
  A4: {
    shortMm: 210,
    longMm: 297,
    marginMm: [20, 15, 20, 25],
    signSpaceMm: 22,
    type: { body: 13, heading: 12, title: 14, table: 12, smallTable: 9, note: 11 },
  },
  A5: {
    shortMm: 148,
    longMm: 210,
    marginMm: [8, 10, 8, 15],
    signSpaceMm: 15,
    type: { body: 10.5, heading: 9, title: 12, table: 9.5, smallTable: 8, note: 8.5 },
  },
};

/** The page of the form `kind` in `set`. */
export function pageLayoutOf(form: { readonly set: FormSetId; readonly kind: FormKind }): PageLayout {
  const pageSize = formSets[form.set].forms[form.kind].pageSize;
  const sheet = sheets[pageSize.format];
  const landscape = pageSize.orientation === 'landscape';
  return {
    ...pageSize,
    widthMm: landscape ? sheet.longMm : sheet.shortMm,
    heightMm: landscape ? sheet.shortMm : sheet.longMm,
    marginMm: sheet.marginMm,
    signSpaceMm: sheet.signSpaceMm,
    type: sheet.type,
  };
}

/** Width of the text line, in millimetres. */
export const lineWidthMm = (page: PageLayout): number => page.widthMm - page.marginMm[1] - page.marginMm[3];

/** Column widths of a table as percentages of the line, from relative weights. */
export function columnPercents(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / total) * 10_000) / 100);
}

/**
 * Relative column widths of the tables both renderers print, so that a table fits the page whatever its
 * size. Receipt and refusal: TT, name, form of the copy, quantity.
 */
export const componentColumns = [10, 58, 32, 20] as const;
/** Control sheet: TT, unit, time, giver, receiver, result, note. */
export const controlSheetColumns = [8, 34, 22, 21, 21, 22, 22] as const;
/** Tracking register, its 15 columns. */
export const registerColumns = [6, 28, 24, 12, 18, 20, 18, 18, 18, 18, 18, 18, 14, 11, 13] as const;
/** Supplement: TT, item. */
export const supplementColumns = [10, 110] as const;
