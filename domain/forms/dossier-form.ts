/** Builds any form of a dossier by its kind. */
import { buildApologyForm } from './apology-form.js';
import { buildControlSheetForm } from './control-sheet-form.js';
import type { DossierFormKind } from './form-sets.js';
import type { DossierForm } from './model.js';
import { buildReceiptForm } from './receipt-form.js';
import { buildRefusalForm } from './refusal-form.js';
import { buildStopNoticeForm } from './stop-notice-form.js';
import { buildSupplementForm } from './supplement-form.js';
import type { DossierFormInput } from './types.js';

export interface DossierFormOptions {
  /** Mẫu 02: which supplement request (1-based); default the last. */
  readonly request?: number | undefined;
}

/** @throws FormNotApplicableError when the form does not apply to the dossier as it stands. */
export function buildDossierForm(
  kind: DossierFormKind,
  input: DossierFormInput,
  options: DossierFormOptions = {},
): DossierForm {
  switch (kind) {
    case 'receipt':
      return buildReceiptForm(input);
    case 'supplement':
      return buildSupplementForm(input, options.request);
    case 'refusal':
      return buildRefusalForm(input);
    case 'apology':
      return buildApologyForm(input);
    case 'stop_notice':
      return buildStopNoticeForm(input);
    case 'control_sheet':
      return buildControlSheetForm(input);
  }
}
