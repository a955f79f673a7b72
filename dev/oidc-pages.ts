/**
 * Pages of the local identity provider (dev/oidc-provider.ts), in Vietnamese: login, consent, logout and
 * errors. Plain HTML forms, no script.
 */
import { escapeHtml } from '../domain/html.js';

export const PROVIDER_TITLE = 'Đăng nhập bằng tài khoản định danh điện tử – môi trường thử nghiệm';

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;padding:32px 16px;color:#1f2933}
main{max-width:460px;margin:0 auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 4px #0002}
h1{font-size:1.25rem;color:#b71c1c;margin-top:0}label{display:block;margin:12px 0 4px}
input{width:100%;box-sizing:border-box;padding:8px;font-size:1rem}button{padding:8px 16px;margin:12px 8px 0 0;font-size:1rem;cursor:pointer}
.quick button{display:block;width:100%;text-align:left;margin:6px 0}.error{color:#b71c1c}.note{color:#52606d;font-size:.9rem}`;

/** A whole page. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(PROVIDER_TITLE)}</h1>
${body}</main></body></html>`;
}

const cancelForm = (uid: string) =>
  `<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" name="cancel" value="1">Hủy</button></form>`;

/** One test citizen the login page offers with a single click. */
export interface QuickAccount {
  account: string;
  label: string;
}

/** The login: a test citizen with one click, or a personal ID and the dev password; or cancel. */
export function loginPage(uid: string, accounts: QuickAccount[], error?: string): string {
  const action = `/interaction/${escapeHtml(uid)}/login`;
  const quick = accounts
    .map(
      (a) =>
        `<form method="post" action="${action}"><input type="hidden" name="account" value="${escapeHtml(a.account)}">` +
        `<button type="submit">${escapeHtml(a.label)}</button></form>`,
    )
    .join('');
  return page(
    'Đăng nhập',
    `<p class="note">Máy chủ định danh giả lập dùng cho phát triển và kiểm thử, không phải VNeID thật.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<h2>Chọn công dân thử nghiệm</h2><div class="quick">${quick}</div>
<h2>Hoặc nhập số định danh cá nhân</h2>
<form method="post" action="${action}">
<label for="personalId">Số định danh cá nhân (12 chữ số)</label><input id="personalId" name="personalId" inputmode="numeric" autocomplete="username" required>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form>${cancelForm(uid)}`,
  );
}

const scopeLabels: Readonly<Record<string, string>> = {
  openid: 'Định danh của bạn',
  profile: 'Họ và tên',
  email: 'Địa chỉ thư điện tử',
  phone: 'Số điện thoại',
};

/** The consent: what the portal asks to receive; agree or cancel. */
export function consentPage(uid: string, clientName: string, scopes: string[], idScope: string): string {
  const items = scopes
    .map((s) => scopeLabels[s] ?? (s === idScope ? 'Số định danh cá nhân' : s))
    .map((label) => `<li>${escapeHtml(label)}</li>`)
    .join('');
  return page(
    'Đồng ý chia sẻ thông tin',
    `<p>Dịch vụ <strong>${escapeHtml(clientName)}</strong> đề nghị được nhận các thông tin sau của bạn:</p><ul>${items}</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit">Đồng ý</button></form>${cancelForm(uid)}`,
  );
}

/** An error shown by the provider itself (nothing to send back to the portal). */
export function errorPage(message: string): string {
  return page('Có lỗi xảy ra', `<p class="error">${escapeHtml(message)}</p>`);
}

/** RP-initiated logout: confirm (the provider gives the form, with its own hidden fields). */
export function logoutPage(form: string): string {
  return page(
    'Đăng xuất',
    `${form}<p>Bạn có muốn đăng xuất khỏi tài khoản định danh điện tử không?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất</button>
<button type="submit" form="op.logoutForm">Không, vẫn đăng nhập</button>`,
  );
}

export const loggedOutPage = (): string => page('Đã đăng xuất', '<p>Bạn đã đăng xuất.</p>');
