/**
 * A legal form (HTML from the forms API, or built here) in a frame of its own, to read and print on A4:
 * the console's styles never touch it and printing prints only the form.
 */
import { useRef } from 'react';
import { Button, Group, Modal } from '@mantine/core';

export interface PrintableForm {
  title: string;
  html: string;
}

export function PrintFrame({ form, onClose }: { form: PrintableForm | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal opened={form !== null} onClose={onClose} title={form?.title} size="xl">
      {form ? (
        <>
          <iframe
            ref={frame}
            title={form.title}
            srcDoc={form.html}
            data-testid="print-frame"
            style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-3)' }}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Đóng
            </Button>
            <Button onClick={() => frame.current?.contentWindow?.print()}>In</Button>
          </Group>
        </>
      ) : null}
    </Modal>
  );
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Mẫu 02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ) for a dossier refused at the desk as incomplete: no
 * dossier code exists, so the console lays out the guidance the API recorded (its 422 answer).
 */
export function guidanceForm(input: {
  guidanceId: number;
  procedureName: string;
  applicantName: string;
  missing: { code: string; name: string }[];
  officerName: string;
  at: string;
}): string {
  const items = input.missing.map((m) => `<li>${escape(m.name)}</li>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Mẫu 02</title>
<style>@page{size:A4;margin:20mm}body{font-family:'Times New Roman',serif;font-size:14pt;line-height:1.5}
.c{text-align:center}.r{text-align:right}h1{font-size:15pt;margin:16px 0 4px}</style></head><body>
<p class="r">Mẫu 02</p>
<p class="c"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập – Tự do – Hạnh phúc</b></p>
<h1 class="c">PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ</h1>
<p class="c">Số phiếu: ${input.guidanceId}</p>
<p>Bộ phận tiếp nhận và trả kết quả – Sở Giáo dục và Đào tạo tiếp nhận hồ sơ của: <b>${escape(input.applicantName)}</b></p>
<p>Hồ sơ đề nghị giải quyết thủ tục: <b>${escape(input.procedureName)}</b></p>
<p>Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:</p><ol>${items}</ol>
<p>Lý do: hồ sơ chưa đầy đủ thành phần theo quy định.</p>
<p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ Bộ phận Một cửa để được hướng dẫn.</p>
<p class="r">${escape(input.at)}<br><b>NGƯỜI HƯỚNG DẪN</b><br><br><br>${escape(input.officerName)}</p>
</body></html>`;
}
