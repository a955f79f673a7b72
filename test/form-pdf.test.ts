/**
 * The legal forms as PDF (`format=pdf`) through the HTTP API on real Temporal and PostgreSQL: a dossier
 * driven through a supplement request and an apology, a refused one, the register of a period and the
 * desk's guidance, each PDF read back with PDF.js: its paper as the form set says, its Vietnamese text
 * extractable with every diacritic, its document information, and the same bytes on every request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { toVnDate } from '../domain/calendar/index.js';
import { formSets, type AnyForm } from '../domain/forms/index.js';
import { dayAfter, dossierOf, ok, walkTo, type ApiDriver, type DossierDetail } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { readPdf } from './support/pdf-reader.js';

/** Sheet sizes in points, portrait (ISO 216, as pdfkit and every PDF reader measure them). */
const SHEETS = { A4: { width: 595.28, height: 841.89 }, A5: { width: 419.53, height: 595.28 } };

const applicant = {
  fullName: 'Nguyễn Thị Ngọc Ánh',
  idNumber: '036190004321',
  address: 'Số 5 đường Hùng Vương, phường Nam Định, tỉnh Ninh Bình',
  email: 'ngocanh@example.vn',
  phone: '0987 654 321',
};

let app: AppInstance;
let api: ApiDriver;
let harness: DossierHarness | undefined;
beforeAll(async () => {
  harness = await startDossierHarness();
  ({ app, api } = harness);
});
afterAll(() => harness?.stop());

/** GETs `url` as JSON and as PDF, twice; checks the PDF's headers, paper, metadata and stable bytes. */
async function pdfOf<T extends AnyForm>(url: string, username = 'auditor') {
  const headers = await api.as(username);
  const json = await app.inject({ url, headers });
  expect(json.statusCode, json.body).toBe(200);
  const form = json.json<T>();
  const pdfUrl = `${url}${url.includes('?') ? '&' : '?'}format=pdf`;
  const first = await app.inject({ url: pdfUrl, headers });
  expect(first.statusCode, first.body).toBe(200);
  expect(first.headers['content-type']).toBe('application/pdf');
  expect(first.headers['content-disposition']).toMatch(/^inline; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
  expect(
    decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(first.headers['content-disposition']))![1]!),
  ).toMatch(new RegExp(`^${form.label} - .+\\.pdf$`));
  const bytes = first.rawPayload;
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const again = await app.inject({ url: pdfUrl, headers });
  expect(again.rawPayload.equals(bytes), 'the same form gives the same bytes').toBe(true);

  const pdf = await readPdf(bytes);
  const paper = formSets[form.set].forms[form.kind].pageSize;
  const sheet = SHEETS[paper.format];
  const expected = paper.orientation === 'portrait' ? sheet : { width: sheet.height, height: sheet.width };
  for (const page of pdf.pages) {
    expect(page.width).toBeCloseTo(expected.width, 1);
    expect(page.height).toBeCloseTo(expected.height, 1);
  }
  expect(pdf.text).toContain(form.title.toUpperCase());
  expect(pdf.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(pdf.text).toContain('Độc lập - Tự do - Hạnh phúc');
  expect(pdf.text).toContain(form.label);
  expect(pdf.info).toMatchObject({
    Title: `${form.label} – ${form.title}`,
    Author: form.agency.name,
    Language: 'vi-VN',
  });
  return { form, pdf };
}

describe('the forms of a dossier as PDF', () => {
  let code: string;

  beforeAll(async () => {
    const received = (await ok(api.receive({ applicant }))) as DossierDetail;
    code = received.code;
    await walkTo(api, received, 'ky-duyet');
    await ok(
      api.act(code, 'supplement-request', 'deputy', {
        reason: 'Văn bằng đề nghị chỉnh sửa là bản chụp mờ',
        items: ['Bản sao có chứng thực văn bằng'],
      }),
    );
    await ok(api.act(code, 'supplement-received', 'receiver', { note: 'Đã nhận bản sao rõ nét' }));
    const before = await dossierOf(api, code);
    await ok(
      api.act(code, 'sign-apology', 'deputy', {
        reason: 'Chờ xác minh hồ sơ gốc tại trường',
        newAppointmentDate: dayAfter(before.appointmentAt),
      }),
    );
  });

  const url = (number: string) => `/dossiers/${encodeURIComponent(code)}/forms/${number}`;

  it('Mẫu 01: an A5 receipt slip with the applicant, the code and the appointment', async () => {
    const { pdf } = await pdfOf(url('01'));
    expect(pdf.text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(pdf.text).toContain('Nguyễn Thị Ngọc Ánh');
    expect(pdf.text).toContain(`Mã hồ sơ: ${code}`);
    expect(pdf.text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(pdf.info).toMatchObject({ Subject: code });
  });

  it('Mẫu 02, 04 and 05: the supplement request, the apology and the control sheet', async () => {
    const supplement = await pdfOf(url('02'));
    expect(supplement.pdf.text).toContain('Văn bằng đề nghị chỉnh sửa là bản chụp mờ');
    expect(supplement.pdf.text).toContain('Bản sao có chứng thực văn bằng');
    const apology = await pdfOf(url('04'));
    expect(apology.pdf.text).toContain('Kính gửi: Ông/Bà Nguyễn Thị Ngọc Ánh');
    expect(apology.pdf.text).toContain('Chờ xác minh hồ sơ gốc tại trường');
    const sheet = await pdfOf(url('05'));
    expect(sheet.pdf.text).toContain('Kèm theo hồ sơ của: Nguyễn Thị Ngọc Ánh');
    expect(sheet.pdf.text).toContain('Tiếp nhận hồ sơ');
  });
});

describe('other forms as PDF', () => {
  it('Mẫu 03 of a refused dossier lists the reasons', async () => {
    const at = await walkTo(api, (await ok(api.receive({ applicant }))) as DossierDetail, 'tham-dinh');
    const reasons = ['Văn bằng không do Sở cấp', 'Nội dung đề nghị không có căn cứ'];
    await ok(api.act(at.code, 'refuse', 'head', { reasons }));
    const { pdf } = await pdfOf(`/dossiers/${encodeURIComponent(at.code)}/forms/03`);
    for (const reason of reasons) expect(pdf.text).toContain(reason);
    expect(pdf.text).toContain('NGƯỜI TỪ CHỐI');
  });

  it('the register of a period is an A4 landscape table with one line per dossier', async () => {
    const dossier = await ok(api.receive({ applicant }));
    const today = toVnDate(Date.now());
    const { pdf } = await pdfOf(`/forms/06?from=${today}&to=${today}`);
    // A narrow column breaks the code after a hyphen.
    expect(pdf.text.replace(/ /g, '')).toContain(dossier.code);
    expect(pdf.text).toContain('SỔ THEO DÕI HỒ SƠ');
  });

  it('the desk guidance for an incomplete dossier, without a dossier code', async () => {
    const res = await api.receive({ applicant, components: ['DON'] });
    expect(res.statusCode, res.body).toBe(422);
    const { guidanceId } = res.json<{ guidanceId: number }>();
    const { pdf } = await pdfOf(`/receipt-guidances/${guidanceId}/form`, 'receiver');
    expect(pdf.text).toContain('Nguyễn Thị Ngọc Ánh');
    expect(pdf.text).toContain('NGƯỜI HƯỚNG DẪN');
  });
});
