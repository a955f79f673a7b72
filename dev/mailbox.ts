import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { escapeHtml } from '../domain/html.js';

/** One message caught by the dev mailbox. */
export interface StoredMail {
  /** Random hex id, also in the `.eml` file name. */
  id: string;
  receivedAt: Date;
  /** The `From` header as text. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are listed too. */
  to: string[];
  subject: string;
  /** The `Date` header, or the arrival time when the header is missing. */
  date: Date;
  text: string;
  html: string | null;
  headers: Array<{ key: string; line: string }>;
  /** The message as received, with an `X-Envelope-To` line prepended. */
  raw: Buffer;
}

export interface DevMailbox {
  /** Actual ports (useful when 0 was asked for). */
  smtpPort: number;
  httpPort: number;
  /** Newest first. */
  messages(): StoredMail[];
  close(): Promise<void>;
}

export interface DevMailboxOptions {
  /** Interface for both servers; default 127.0.0.1 (never expose a catch-all beyond the machine). */
  host?: string;
  /** 0 picks a free port. */
  smtpPort: number;
  /** 0 picks a free port. */
  httpPort: number;
  /** When set, every message is kept as `<storeDir>/<timestamp>-<id>.eml` and reloaded at start. */
  storeDir?: string;
  logger?: { info(obj: object, msg?: string): void };
}

const MAX_MAILS = 1000;
const MAX_SIZE = 25 * 1024 * 1024;
const EML_NAME = /^(\d+)-([0-9a-f]+)\.eml$/;
const ENVELOPE_HEADER = 'X-Envelope-To';

/**
 * Starts a local catch-all SMTP server (no TLS, any or no credentials) and a small web page to read
 * what it caught. For development only: it accepts mail for every address.
 */
export async function startDevMailbox(opts: DevMailboxOptions): Promise<DevMailbox> {
  const host = opts.host ?? '127.0.0.1';
  const store = new MailStore(opts.storeDir);
  await store.load();
  const smtp = createSmtp(store, opts.logger);
  const http = createServer((req, res) => {
    handleHttp(store, req, res).catch((err: unknown) => sendText(res, 500, String(err)));
  });
  const smtpPort = await listenSmtp(smtp, opts.smtpPort, host);
  const httpPort = await listenHttp(http, opts.httpPort, host).catch(async (err: unknown) => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  });
  return {
    smtpPort,
    httpPort,
    messages: () => store.list(),
    close: () => closeAll(smtp, http),
  };
}

// ---------------------------------------------------------------- store

class MailStore {
  private mails: StoredMail[] = [];

  constructor(private readonly dir: string | undefined) {}

  list(): StoredMail[] {
    return this.mails.slice();
  }

  get(id: string): StoredMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  async load(): Promise<void> {
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => EML_NAME.test(n));
    const newest = names.sort(byTimestampDesc).slice(0, MAX_MAILS);
    for (const name of newest) {
      const [, ts, id] = EML_NAME.exec(name) ?? [];
      if (!ts || !id) continue;
      const raw = await readFile(join(this.dir, name));
      this.mails.push(await parseMail(id, new Date(Number(ts)), raw));
    }
  }

  async add(rcptTo: string[], message: Buffer): Promise<StoredMail> {
    const raw = Buffer.concat([Buffer.from(`${ENVELOPE_HEADER}: ${rcptTo.join(', ')}\r\n`), message]);
    const mail = await parseMail(randomBytes(8).toString('hex'), new Date(), raw);
    if (this.dir) await writeFile(join(this.dir, fileName(mail)), raw);
    this.mails.unshift(mail);
    for (const evicted of this.mails.splice(MAX_MAILS)) await this.remove(evicted);
    return mail;
  }

  /** Empties the inbox, including stored files beyond the in-memory cap. */
  async clear(): Promise<void> {
    this.mails = [];
    if (!this.dir) return;
    const names = (await readdir(this.dir)).filter((n) => EML_NAME.test(n));
    for (const name of names) await unlink(join(this.dir, name)).catch(() => undefined);
  }

  private async remove(mail: StoredMail): Promise<void> {
    if (this.dir) await unlink(join(this.dir, fileName(mail))).catch(() => undefined);
  }
}

function fileName(mail: StoredMail): string {
  return `${mail.receivedAt.getTime()}-${mail.id}.eml`;
}

function byTimestampDesc(a: string, b: string): number {
  return Number(b.split('-')[0]) - Number(a.split('-')[0]);
}

async function parseMail(id: string, receivedAt: Date, raw: Buffer): Promise<StoredMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  const envelope = parsed.headers.get(ENVELOPE_HEADER.toLowerCase());
  return {
    id,
    receivedAt,
    from: parsed.from?.text ?? '',
    to: typeof envelope === 'string' ? splitList(envelope) : addressList(parsed.to),
    subject: parsed.subject ?? '',
    date: parsed.date ?? receivedAt,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers: parsed.headerLines.filter((h) => h.key !== ENVELOPE_HEADER.toLowerCase()),
    raw,
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function addressList(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.map((a) => a.address ?? a.name));
}

// ---------------------------------------------------------------- SMTP

function createSmtp(store: MailStore, logger: DevMailboxOptions['logger']): SMTPServer {
  return new SMTPServer({
    banner: 'Mot Cua dev mailbox (catch-all, development only)',
    authOptional: true,
    // Accept whatever credentials a developer's SMTP_URL carries: this box exists to catch mail.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_SIZE,
    logger: false,
    closeTimeout: 1_000,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'dev' }),
    onData: (stream, session, callback) => {
      receive(store, stream, session)
        .then((mail) => {
          logger?.info({ id: mail.id, to: mail.to, subject: mail.subject }, 'dev mailbox: mail received');
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
}

async function receive(store: MailStore, stream: SMTPServerDataStream, session: SMTPServerSession) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) {
    throw Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 });
  }
  const rcptTo = session.envelope.rcptTo.map((r) => r.address);
  return store.add(rcptTo, Buffer.concat(chunks));
}

// ---------------------------------------------------------------- HTTP

async function handleHttp(store: MailStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://mailbox').pathname;
  const method = req.method ?? 'GET';
  const mailMatch = /^\/mail\/([0-9a-f]+)(\.eml)?$/.exec(path);

  if (path === '/api/mails' && method === 'DELETE') {
    await store.clear();
    return sendJson(res, 200, { deleted: true });
  }
  if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed');
  if (path === '/') return sendHtml(res, 200, renderInbox(store.list()));
  if (path === '/api/mails') return sendJson(res, 200, store.list().map(toJson));
  if (mailMatch) {
    const mail = store.get(mailMatch[1] ?? '');
    if (!mail) return sendHtml(res, 404, renderNotFound());
    if (mailMatch[2]) return sendEml(res, mail);
    return sendHtml(res, 200, renderMail(mail));
  }
  return sendHtml(res, 404, renderNotFound());
}

function toJson(mail: StoredMail) {
  const { id, from, to, subject, text, html } = mail;
  return {
    id,
    from,
    to,
    subject,
    date: mail.date.toISOString(),
    receivedAt: mail.receivedAt.toISOString(),
    text,
    html,
  };
}

function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // Inherited by the srcdoc iframe as well: no script runs anywhere on these pages.
    'content-security-policy': "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function sendEml(res: ServerResponse, mail: StoredMail): void {
  res.writeHead(200, {
    'content-type': 'message/rfc822',
    'content-disposition': `attachment; filename="${mail.id}.eml"`,
    'x-content-type-options': 'nosniff',
  });
  res.end(mail.raw);
}

// ---------------------------------------------------------------- pages (Vietnamese UI)

/** e.g. "22:36:44 27/11/2026", office time (UTC+7). */
const TIME_FORMAT = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Ho_Chi_Minh',
});

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f4f4f4}a{color:#0b5394}pre{white-space:pre-wrap;background:#f8f8f8;padding:1rem;border:1px solid #ddd}
iframe{width:100%;min-height:28rem;border:1px solid #ddd;background:#fff}.muted{color:#777}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

function renderInbox(mails: StoredMail[]): string {
  const rows = mails
    .map(
      (m) => `<tr><td>${escapeHtml(TIME_FORMAT.format(m.receivedAt))}</td>
<td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="/mail/${m.id}">${escapeHtml(m.subject || '(không có tiêu đề)')}</a></td></tr>`,
    )
    .join('\n');
  const table = mails.length
    ? `<table><thead><tr><th>Thời gian</th><th>Người nhận</th><th>Tiêu đề</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">Chưa có thư nào.</p>';
  return page(
    'Hộp thư phát triển',
    `<h1>Hộp thư phát triển</h1>
<p class="muted">Mọi thư gửi tới máy chủ SMTP cục bộ đều được giữ lại ở đây (${mails.length} thư). Chỉ dùng khi phát triển.</p>
${table}`,
  );
}

function renderMail(mail: StoredMail): string {
  const fields: Array<[string, string]> = [
    ['Từ', mail.from],
    ['Người nhận', mail.to.join(', ')],
    ['Tiêu đề', mail.subject],
    ['Ngày gửi', TIME_FORMAT.format(mail.date)],
    ['Nhận lúc', TIME_FORMAT.format(mail.receivedAt)],
  ];
  const summary = fields.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const headers = mail.headers.map((h) => escapeHtml(h.line)).join('\n');
  const html = mail.html
    ? `<h2>Nội dung HTML</h2><iframe sandbox srcdoc="${escapeHtml(mail.html)}" title="Nội dung HTML"></iframe>`
    : '<p class="muted">Thư không có phần HTML.</p>';
  return page(
    mail.subject || 'Thư',
    `<p><a href="/">← Hộp thư</a> · <a href="/mail/${mail.id}.eml">Tải tệp .eml</a></p>
<h1>${escapeHtml(mail.subject || '(không có tiêu đề)')}</h1>
<table>${summary}</table>
${html}
<h2>Nội dung văn bản</h2><pre>${escapeHtml(mail.text)}</pre>
<details><summary>Tiêu đề thư (headers)</summary><pre>${headers}</pre></details>`,
  );
}

function renderNotFound(): string {
  return page('Không tìm thấy', '<h1>Không tìm thấy thư</h1><p><a href="/">← Hộp thư</a></p>');
}

// ---------------------------------------------------------------- lifecycle

function listenSmtp(smtp: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(port, host, () => {
      smtp.off('error', reject);
      resolve((smtp.server.address() as AddressInfo).port);
    });
  });
}

function listenHttp(http: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve((http.address() as AddressInfo).port);
    });
  });
}

async function closeAll(smtp: SMTPServer, http: Server): Promise<void> {
  const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeAllConnections();
  await Promise.all([httpClosed, new Promise<void>((resolve) => smtp.close(() => resolve()))]);
}
