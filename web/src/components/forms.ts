/**
 * Legal forms of a dossier from the forms API, as printable HTML and as PDF. Labels and titles come from
 * the API (`listDossierForms`, the form's own `<title>`), so what the console shows is what the form prints.
 */
import { api, apiText, enc } from '../api/client';
import type { DossierFormKind, DossierFormList, DossierFormListItem } from '../api/types';
import type { PrintableForm } from './print-frame';

/** The forms of the dossier's set, with whether each applies now. */
export function fetchDossierFormList(code: string): Promise<DossierFormList> {
  return api<DossierFormList>(`/dossiers/${enc(code)}/forms`);
}

/** "Mẫu 06 – Phiếu kiểm soát quá trình giải quyết hồ sơ": the form's printed number and title. */
export const formButtonLabel = (f: DossierFormListItem): string => `Mẫu ${f.number} – ${f.title}`;

/** The printed form at `path`, the title it carries ("Mẫu số 06 – …") and where its PDF is. */
async function printable(path: string): Promise<PrintableForm> {
  const html = await apiText(`${path}?format=html`);
  const title = new DOMParser().parseFromString(html, 'text/html').title;
  return { title, html, pdfPath: `${path}?format=pdf` };
}

export function fetchDossierForm(code: string, kind: DossierFormKind): Promise<PrintableForm> {
  return printable(`/dossiers/${enc(code)}/forms/${enc(kind)}`);
}

/** Mẫu 02 of the guidance given at the desk for an incomplete dossier (no dossier code exists). */
export function fetchGuidanceForm(guidanceId: number): Promise<PrintableForm> {
  return printable(`/receipt-guidances/${guidanceId}/form`);
}
