/**
 * The legal forms of a dossier (Mẫu 01–06 of Circular 01/2018/TT-VPCP and the Circular 03/2025/TT-VPCP
 * set): pure builders from loaded data to a typed model, the model's printable HTML and its PDF document.
 */
export * from './form-sets.js';
export type * from './types.js';
export * from './model.js';
export { FORM_ERROR, FormNotApplicableError } from './common.js';
export { buildReceiptForm } from './receipt-form.js';
export { buildGuidanceForm, buildSupplementForm, supplementRequests } from './supplement-form.js';
export { buildRefusalForm } from './refusal-form.js';
export { buildSubmissionCompletionForm, buildSubmissionRefusalForm } from './submission-forms.js';
export { buildApologyForm, signerTitleLines } from './apology-form.js';
export { buildStopNoticeForm } from './stop-notice-form.js';
export * from './numbering.js';
export { buildControlSheetForm, handoverLabels, handoverRows, isHandover } from './control-sheet-form.js';
export { buildRegisterForm } from './register-form.js';
export { renderFormHtml } from './render.js';
export { vnDateText, vnDateTimeText } from './vn-text.js';
export { buildDossierForm, type DossierFormOptions } from './dossier-form.js';
export { formPdfDefinition, formPdfFileName } from './pdf/definition.js';
export { PDF_FONT_FAMILY } from './pdf/page.js';
export type { DocumentDefinition as PdfDocumentDefinition } from './pdf/types.js';
