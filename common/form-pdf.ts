/**
 * Renders a form's PDF: the pure document definition of `domain/forms/pdf` laid out by pdfmake, with the
 * Tinos font (metric-compatible with Times New Roman, full Vietnamese coverage) embedded from its npm
 * package. Fonts are read from node_modules once, on the first PDF; nothing is fetched at run time. Used by
 * the API (`format=pdf`) and by the archive (the printed forms of a package, docs/archive.md).
 */
import { formPdfDefinition, type AnyForm } from '../domain/forms/index.js';
import { pdfmake } from './pdfmake.js';

/** The PDF of a form: the same model always gives the same bytes (its dates are the form's own). */
export function renderFormPdf(form: AnyForm): Promise<Buffer> {
  return pdfmake().createPdf(formPdfDefinition(form)).getBuffer();
}
