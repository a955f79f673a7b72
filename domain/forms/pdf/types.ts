/**
 * The part of pdfmake's document definition (pdfmake 0.3) the forms use, typed here rather than taken
 * from @types/pdfmake: those declarations pull the DOM library into the whole program, which would let
 * browser globals type-check in domain/ and workflows/.
 */

export type Alignment = 'left' | 'center' | 'right' | 'justify';
/** Left, top, right, bottom, in points (pdfmake's order, not CSS's). */
export type Margins = readonly [number, number, number, number];

export interface TextStyle {
  /** Name of a style of {@link DocumentDefinition.styles}. */
  style?: string;
  font?: string;
  fontSize?: number;
  lineHeight?: number;
  bold?: boolean;
  italics?: boolean;
  alignment?: Alignment;
  decoration?: 'underline';
  margin?: Margins;
}

/** A run of a paragraph: plain text or styled text. */
export type Inline = string | (TextStyle & { text: string | readonly Inline[] });

export interface TableLayout {
  hLineWidth(): number;
  vLineWidth(): number;
  paddingLeft(): number;
  paddingRight(): number;
  paddingTop(): number;
  paddingBottom(): number;
}

/** A table cell; an empty object stands for a cell covered by a column span. */
export type TableCell =
  | Record<string, never>
  | (Content & {
      colSpan?: number;
      /** Which rules of the cell are drawn: left, top, right, bottom. */
      border?: readonly [boolean, boolean, boolean, boolean];
    });

export type Content =
  | string
  | (TextStyle & { text: string | readonly Inline[] })
  | (TextStyle & { stack: readonly Content[]; unbreakable?: boolean })
  | (TextStyle & {
      columns: readonly (Content & { width: string })[];
      columnGap?: number;
      unbreakable?: boolean;
    })
  | (TextStyle & { ul: readonly string[] })
  | (TextStyle & {
      table: {
        headerRows: number;
        dontBreakRows: boolean;
        widths: readonly string[];
        body: readonly (readonly TableCell[])[];
      };
      layout: TableLayout;
    });

export interface DocumentDefinition {
  version: '1.7';
  /**
   * The PDF/A part and conformance level pdfkit declares (XMP `pdfaid`, sRGB output intent); the fonts are
   * embedded. PDF/A-2b is based on PDF 1.7 (docs/archive.md says what is and is not checked).
   */
  subset: 'PDF/A-2b';
  /** BCP 47 tag of the document's language (the catalog's /Lang). */
  language: string;
  pageSize: 'A4' | 'A5';
  pageOrientation: 'portrait' | 'landscape';
  pageMargins: Margins;
  /** The document information dictionary; the dates also seed the file identifier. */
  info: {
    title: string;
    author: string;
    subject: string;
    creator: string;
    producer: string;
    creationDate: Date;
    modDate: Date;
  };
  defaultStyle: TextStyle;
  styles: Readonly<Record<string, TextStyle>>;
  content: readonly Content[];
}
