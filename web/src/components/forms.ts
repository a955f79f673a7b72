/**
 * Legal forms of a dossier from the forms API, as printable HTML. Labels and titles come from the API
 * (`listDossierForms`, the form's own `<title>`), so what the console shows is what the form prints.
 */
import { api, apiText, enc } from '../api/client';
import type { DossierFormKind, DossierFormList, DossierFormListItem } from '../api/types';

/** The forms of the dossier's set, with whether each applies now. */
export function fetchDossierFormList(code: string): Promise<DossierFormList> {
  return api<DossierFormList>(`/dossiers/${enc(code)}/forms`);
}

/** "Mẫu 06 – Phiếu kiểm soát quá trình giải quyết hồ sơ": the form's printed number and title. */
export const formButtonLabel = (f: DossierFormListItem): string => `Mẫu ${f.number} – ${f.title}`;

/** The printed form and the title it carries ("Mẫu số 06 – …"). */
async function printable(path: string): Promise<{ title: string; html: string }> {
  const html = await apiText(path);
  return { title: new DOMParser().parseFromString(html, 'text/html').title, html };
}

export function fetchDossierForm(
  code: string,
  kind: DossierFormKind,
): Promise<{ title: string; html: string }> {
  return printable(`/dossiers/${enc(code)}/forms/${enc(kind)}?format=html`);
}

/** Mẫu 02 of the guidance given at the desk for an incomplete dossier (no dossier code exists). */
export function fetchGuidanceForm(guidanceId: number): Promise<{ title: string; html: string }> {
  return printable(`/receipt-guidances/${guidanceId}/form?format=html`);
}
