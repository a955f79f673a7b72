/** Legal forms of a dossier from the forms API (`getDossierForm`), as printable HTML and as PDF. */
import { apiText, enc } from '../api/client';
import type { PrintableForm } from './print-frame';

export const formTitles: Record<string, string> = {
  '01': 'Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Mẫu 05 – Phiếu kiểm soát quá trình giải quyết hồ sơ',
};

export async function fetchDossierForm(code: string, form: string): Promise<PrintableForm> {
  const path = `/dossiers/${enc(code)}/forms/${enc(form)}`;
  const html = await apiText(`${path}?format=html`);
  return { title: formTitles[form] ?? `Mẫu ${form}`, html, pdfPath: `${path}?format=pdf` };
}

/** Mẫu 02 of the guidance given at the desk for an incomplete dossier (no dossier code exists). */
export async function fetchGuidanceForm(guidanceId: number): Promise<PrintableForm> {
  const path = `/receipt-guidances/${guidanceId}/form`;
  const html = await apiText(`${path}?format=html`);
  return { title: formTitles['02']!, html, pdfPath: `${path}?format=pdf` };
}
