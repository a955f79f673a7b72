import { describe, expect, it } from 'vitest';
import { liaisonAnswerFormPage, liaisonAnsweredPage, liaisonErrorPage } from './liaison-answer-page.js';

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
