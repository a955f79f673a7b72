import { describe, expect, it } from 'vitest';
import { liaisonAnswerFormPage, liaisonAnsweredPage, liaisonErrorPage } from './liaison-answer-page.js';
import { simulatorPayPage, simulatorResultPage } from './payment-simulator-page.js';

/** 2026-12-01T17:00:00+07:00 */
const DEC1_17H = Date.UTC(2026, 11, 1, 10, 0);

const facts = {
  partnerName: 'Sở <Thử> & "Nghiệm"',
  dossierCode: '000.00.53.H48-261201-0001',
  procedureName: 'Cấp bản sao văn bằng',
  applicantName: 'Nguyễn Văn Ân',
  deadline: DEC1_17H,
  requestId: 'LT-1',
};

describe('liaison answer pages', () => {
  it('renders the form with the escaped facts, the token and the deadline in Vietnamese', () => {
    const page = liaisonAnswerFormPage(facts, { token: 'a"b', expiresAt: DEC1_17H, noteMax: 2000 });
    expect(page).toContain('<title>Trả lời yêu cầu liên thông</title>');
    expect(page).toContain('Sở &lt;Thử&gt; &amp; &quot;Nghiệm&quot;');
    expect(page).not.toContain('<Thử>');
    expect(page).toContain('<input type="hidden" name="token" value="a&quot;b">');
    expect(page).toContain('<dt>Thời hạn trả lời</dt><dd>17:00 ngày 01/12/2026</dd>');
    expect(page).toContain('value="needs_supplement" required> Yêu cầu bổ sung');
    expect(page).toContain('maxlength="2000"');
  });

  it('leaves the deadline out when the dossier does not wait for this request', () => {
    expect(
      liaisonAnswerFormPage({ ...facts, deadline: null }, { token: 't', expiresAt: DEC1_17H, noteMax: 10 }),
    ).not.toContain('Thời hạn trả lời');
  });

  it('tells the answer already given and escapes an error message', () => {
    expect(liaisonAnsweredPage(facts, { answer: 'refused', answeredAt: DEC1_17H })).toContain(
      'Ý kiến đã gửi: <strong>Không đồng ý</strong>, lúc 17:00 ngày 01/12/2026.',
    );
    expect(liaisonErrorPage('<b>hết hạn</b>')).toContain('<p class="error">&lt;b&gt;hết hạn&lt;/b&gt;</p>');
  });
});

describe('payment simulator pages', () => {
  const request = {
    reference: '000.00.53.H48-261201-0001-TT1',
    dossierCode: '000.00.53.H48-261201-0001',
    description: 'Lệ phí <bản sao>',
    amount: 1234567,
    status: 'pending' as const,
    method: null,
    transactionId: null,
    cancelReason: null,
  };

  it('offers the button while pending, with the amount in đồng', () => {
    const page = simulatorPayPage(request);
    expect(page).toContain('<dd>1.234.567 đ</dd>');
    expect(page).toContain('Lệ phí &lt;bản sao&gt;');
    expect(page).toContain('<form method="post" action="/payments/simulator/000.00.53.H48-261201-0001-TT1">');
  });

  it('has no button once paid or cancelled', () => {
    const paid = simulatorPayPage({ ...request, status: 'paid', method: 'cash', transactionId: 'BL-1' });
    expect(paid).toContain('Đã thanh toán tiền mặt, biên lai BL-1');
    expect(paid).not.toContain('<form');
    const cancelled = simulatorPayPage({ ...request, status: 'cancelled', cancelReason: 'Nộp tiền mặt' });
    expect(cancelled).toContain('<dt>Lý do</dt><dd>Nộp tiền mặt</dd>');
    expect(cancelled).not.toContain('<form');
  });

  it('tells what the callback answered', () => {
    expect(simulatorResultPage('R', { ok: true, status: 'applied' })).toContain(
      'Thanh toán thành công (applied).',
    );
    expect(simulatorResultPage('R', { ok: false, message: 'Sai <số tiền>' })).toContain(
      'Thanh toán không thành công: Sai &lt;số tiền&gt;',
    );
  });
});
