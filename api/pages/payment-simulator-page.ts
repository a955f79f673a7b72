/**
 * The pages of the simulated payment provider (development and tests only), Vietnamese: pure render
 * functions from a payment request to a whole page.
 */
import { escapeHtml } from '../../domain/html.js';

const formatDong = (amount: number): string => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
dt{font-weight:600;margin-top:.5rem}button{font-size:1.1rem;padding:.5rem 1.5rem;margin-top:1rem}
.note{color:#8a5a00}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="note">Cổng thanh toán mô phỏng, chỉ dùng khi phát triển và kiểm thử: không có giao dịch thật.</p>
${body}
</body></html>
`;
}

/** The simulator's pay page of a payment request (and the target of its "Thanh toán" button). */
export const simulatorPath = (reference: string): string =>
  `/payments/simulator/${encodeURIComponent(reference)}`;

/** A payment request as the pay page shows it. */
export interface SimulatedRequest {
  reference: string;
  dossierCode: string;
  description: string;
  amount: number;
  status: 'pending' | 'paid' | 'cancelled';
  method: 'online' | 'cash' | null;
  transactionId: string | null;
  cancelReason: string | null;
}

/** No payment request has this reference. */
export function simulatorNotFoundPage(): string {
  return page('Không tìm thấy yêu cầu thanh toán', '<p>Mã thanh toán không tồn tại.</p>');
}

/** The pay page: what is asked, and the "Thanh toán" button while it can be paid. */
export function simulatorPayPage(r: SimulatedRequest): string {
  const paid = r.status === 'paid';
  const cancelled = r.status === 'cancelled';
  const rows: [string, string][] = [
    ['Mã thanh toán', r.reference],
    ['Hồ sơ', r.dossierCode],
    ['Nội dung', r.description],
    ['Số tiền', formatDong(r.amount)],
    [
      'Trạng thái',
      cancelled
        ? 'Đã hủy, không thể thanh toán'
        : paid
          ? `Đã thanh toán ${r.method === 'cash' ? 'tiền mặt, biên lai' : 'trực tuyến, giao dịch'} ${r.transactionId ?? ''}`
          : 'Chờ thanh toán',
    ],
    ...(cancelled ? [['Lý do', r.cancelReason ?? ''] as [string, string]] : []),
  ];
  const list = `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
  const form =
    paid || cancelled
      ? ''
      : `<form method="post" action="${escapeHtml(simulatorPath(r.reference))}">` +
        '<button type="submit">Thanh toán</button></form>';
  return page('Thanh toán phí, lệ phí', list + form);
}

/** What the signed callback answered to the button: its status (applied, duplicate) or its refusal. */
export function simulatorResultPage(
  reference: string,
  result: { ok: true; status: string } | { ok: false; message: string },
): string {
  const back = `<p><a href="${escapeHtml(simulatorPath(reference))}">Quay lại</a></p>`;
  const text = result.ok
    ? `<p>Thanh toán thành công (${escapeHtml(result.status)}).</p>`
    : `<p>Thanh toán không thành công: ${escapeHtml(result.message)}</p>`;
  return page(result.ok ? 'Đã thanh toán' : 'Không thành công', text + back);
}
