/**
 * The HTML pages of the partner agency's answer to a liaison request (Vietnamese, for the agency's staff):
 * pure render functions from the facts the route gathered to a whole page.
 */
import { formatVnIso } from '../../domain/calendar/index.js';
import type { LiaisonAnswer } from '../../domain/dossier/index.js';
import { escapeHtml } from '../../domain/html.js';

/** The answers a partner may give, in the order the form offers them. */
export const liaisonAnswers = [
  'approved',
  'refused',
  'needs_supplement',
] as const satisfies readonly LiaisonAnswer[];

/** Vietnamese labels of the answers, as on the answer page. */
export const answerLabels: Record<LiaisonAnswer, string> = {
  approved: 'Đồng ý',
  refused: 'Không đồng ý',
  needs_supplement: 'Yêu cầu bổ sung',
};

/** `2026-12-01T17:00:00+07:00` → `17:00 ngày 01/12/2026`. */
function vnDateTime(instant: number): string {
  const iso = formatVnIso(instant);
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
dt{font-weight:600;margin-top:.5rem}fieldset{margin-top:1rem}label{display:block;margin:.25rem 0}
textarea,input[type=url]{width:100%;box-sizing:border-box}button{font-size:1.1rem;padding:.5rem 1.5rem;margin-top:1rem}
.error{color:#a00}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

const factList = (facts: [string, string][]): string =>
  `<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;

/** What the answer page tells about the request. */
export interface LiaisonRequestFacts {
  partnerName: string;
  dossierCode: string;
  /** Empty when the dossier's projection is not there. */
  procedureName: string;
  applicantName: string;
  /** The liaison step's deadline (epoch ms), while the dossier waits for this request. */
  deadline: number | null;
  requestId: string;
}

function requestFacts(f: LiaisonRequestFacts): [string, string][] {
  return [
    ['Cơ quan phối hợp', f.partnerName],
    ['Mã hồ sơ', f.dossierCode],
    ['Thủ tục hành chính', f.procedureName],
    ['Tổ chức, cá nhân nộp hồ sơ', f.applicantName],
    ...(f.deadline === null ? [] : [['Thời hạn trả lời', vnDateTime(f.deadline)] as [string, string]]),
    ['Mã yêu cầu liên thông', f.requestId],
  ];
}

/** A refused token or answer: the reason, for people. */
export function liaisonErrorPage(message: string): string {
  return page('Không thể trả lời yêu cầu liên thông', `<p class="error">${escapeHtml(message)}</p>`);
}

/** The request was answered already: what was said, and when. */
export function liaisonAnsweredPage(
  facts: LiaisonRequestFacts,
  answer: { answer: LiaisonAnswer | null; answeredAt: number },
): string {
  const said = answer.answer && answer.answer in answerLabels ? answerLabels[answer.answer] : '';
  return page(
    'Yêu cầu liên thông đã được trả lời',
    factList(requestFacts(facts)) +
      `<p>Ý kiến đã gửi: <strong>${escapeHtml(said)}</strong>, lúc ${escapeHtml(
        vnDateTime(answer.answeredAt),
      )}.</p>`,
  );
}

/** The answer form: posts the token back with the answer, a note and a link to the agency's document. */
export function liaisonAnswerFormPage(
  facts: LiaisonRequestFacts,
  form: { token: string; expiresAt: number; noteMax: number },
): string {
  const choices = liaisonAnswers
    .map(
      (a) =>
        `<label><input type="radio" name="answer" value="${a}" required> ${escapeHtml(answerLabels[a])}</label>`,
    )
    .join('\n');
  // The action is relative ("answer" next to this page), so the form works behind a path prefix too.
  const body = `<form method="post" action="answer">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<fieldset><legend>Ý kiến của cơ quan phối hợp</legend>
${choices}
</fieldset>
<label for="note">Ý kiến, lý do hoặc nội dung cần bổ sung (tối đa ${form.noteMax} ký tự)</label>
<textarea id="note" name="note" rows="6" maxlength="${form.noteMax}"></textarea>
<label for="fileUrl">Đường dẫn văn bản trả lời đính kèm (nếu có)</label>
<input id="fileUrl" type="url" name="fileUrl" maxlength="2000" placeholder="https://">
<button type="submit">Gửi ý kiến</button>
</form>
<p><small>Đường liên kết có hiệu lực đến ${escapeHtml(vnDateTime(form.expiresAt))}. Mỗi yêu cầu chỉ được trả lời một lần.</small></p>`;
  return page('Trả lời yêu cầu liên thông', factList(requestFacts(facts)) + body);
}

/** The answer was taken: the thanks of the lead agency. */
export function liaisonAnswerTakenPage(taken: {
  dossierCode: string;
  answer: LiaisonAnswer;
  answeredAt: number;
}): string {
  return page(
    'Đã gửi ý kiến',
    factList([
      ['Mã hồ sơ', taken.dossierCode],
      ['Ý kiến', answerLabels[taken.answer]],
      ['Thời điểm', vnDateTime(taken.answeredAt)],
    ]) + '<p>Cơ quan chủ trì đã nhận ý kiến của Quý cơ quan. Xin cảm ơn.</p>',
  );
}
