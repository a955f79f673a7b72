/**
 * pdfmake configured once for the whole process: the Tinos font (metric-compatible with Times New Roman,
 * full Vietnamese coverage) embedded from its npm package, and every other file or URL refused. Used by
 * the forms (`common/form-pdf.ts`) and the visible signature block (`common/signing/appearance.ts`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDF_FONT_FAMILY, type PdfDocumentDefinition } from '../domain/forms/index.js';

const require = createRequire(import.meta.url);

/**
 * The part of pdfmake's Node API used here (typed locally: see `domain/forms/pdf/types.ts` for why not
 * @types/pdfmake). The module is one shared instance; it is configured once, below.
 */
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  /** Family name → file names in `virtualfs` of its normal, bold, italics and bolditalics styles. */
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: PdfDocumentDefinition | Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

/** pdfmake's font styles → the Tinos files of @expo-google-fonts/tinos. */
const TINOS_FILES = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

let engine: PdfMake | undefined;

/** pdfmake with the fonts in its in-memory file system and every other file or URL refused. */
export function pdfmake(): PdfMake {
  if (engine) return engine;
  const instance = require('pdfmake') as PdfMake;
  const family: Record<string, string> = {};
  for (const [style, file] of Object.entries(TINOS_FILES)) {
    const name = `${PDF_FONT_FAMILY}-${style}.ttf`;
    instance.virtualfs.writeFileSync(name, readFileSync(require.resolve(`@expo-google-fonts/tinos/${file}`)));
    family[style] = name;
  }
  instance.setFonts({ [PDF_FONT_FAMILY]: family });
  // A form embeds its fonts and nothing else: no image URL, no server file may end up in a PDF.
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy(() => false);
  engine = instance;
  return instance;
}
