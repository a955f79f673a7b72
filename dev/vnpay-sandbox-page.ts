/**
 * The pages of the local VNPAY sandbox (dev/vnpay-sandbox.ts), in Vietnamese: pure render functions.
 */
import { escapeHtml } from '../domain/html.js';

const formatDong = (amount: number): string => `${amount.toLocaleString('vi-VN')} đ`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
dt{font-weight:600;margin-top:.5rem}button{font-size:1.1rem;padding:.5rem 1.5rem;margin:1rem .5rem 0 0}
.note{color:#8a5a00}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
<p class="note">Cổng thanh toán VNPAY thử nghiệm (sandbox cục bộ): không có giao dịch thật.</p>
${body}
</main></body></html>
`;
}

/** What the pay page shows of a transaction being paid. */
export interface SandboxPayView {
  session: string;
  tmnCode: string;
  txnRef: string;
  orderInfo: string;
  /** In đồng. */
  amount: number;
}

/** The pay page: the order, the amount, and the two buttons. */
export function sandboxPayPage(v: SandboxPayView): string {
  const rows: [string, string][] = [
    ['Đơn vị chấp nhận thanh toán', v.tmnCode],
    ['Mã giao dịch của đơn vị', v.txnRef],
    ['Nội dung thanh toán', v.orderInfo],
    ['Số tiền', formatDong(v.amount)],
  ];
  const list = `<dl>${rows.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`).join('')}</dl>`;
  const form =
    '<form method="post" action="/paymentv2/confirm">' +
    `<input type="hidden" name="session" value="${escapeHtml(v.session)}">` +
    '<button type="submit" name="action" value="pay" aria-label="Thanh toán đơn hàng">Thanh toán</button>' +
    '<button type="submit" name="action" value="cancel" aria-label="Hủy giao dịch và quay lại">Hủy giao dịch</button>' +
    '</form>';
  return page('Thanh toán qua VNPAY', list + form);
}

/** The gateway refuses the request (bad signature, expired, unknown terminal, bad amount…). */
export function sandboxErrorPage(message: string): string {
  return page('Giao dịch không thành công', `<p role="alert">${escapeHtml(message)}</p>`);
}
