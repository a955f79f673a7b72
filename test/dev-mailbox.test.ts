import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevMailbox, type DevMailbox } from '../dev/mailbox.js';

const SUBJECT = 'Hồ sơ 000.00.53.H48-261127-0001 đã được tiếp nhận <thử> & "kiểm tra"';
const ESCAPED_SUBJECT =
  'Hồ sơ 000.00.53.H48-261127-0001 đã được tiếp nhận &lt;thử&gt; &amp; &quot;kiểm tra&quot;';
const TEXT = 'Kính gửi ông/bà Nguyễn Văn Ân, hồ sơ của ông/bà đã được tiếp nhận.';
const HTML = '<p>Kính gửi ông/bà <b>Nguyễn Văn Ân</b>.</p><script>alert("x")</script>';

interface MailJson {
  id: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  html: string | null;
}

describe('dev mailbox', () => {
  let storeDir: string;
  let mailbox: DevMailbox;
  const web = (path: string, init?: RequestInit) =>
    fetch(`http://127.0.0.1:${mailbox.httpPort}${path}`, init);
  const mails = async () => (await (await web('/api/mails')).json()) as MailJson[];

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'mot-cua-mailbox-'));
    mailbox = await startDevMailbox({ smtpPort: 0, httpPort: 0, storeDir });
  });
  afterAll(async () => {
    await mailbox.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  it('reports the real ports when asked for port 0', () => {
    expect(mailbox.smtpPort).toBeGreaterThan(0);
    expect(mailbox.httpPort).toBeGreaterThan(0);
  });

  it('catches a mail and lists it in the JSON API, Bcc recipients included', async () => {
    const transport = createTransport({ url: `smtp://127.0.0.1:${mailbox.smtpPort}` });
    await transport.sendMail({
      from: '"Một Cửa" <motcua@example.gov.vn>',
      to: 'nguyen.van.an@example.vn',
      bcc: 'lanh.dao@example.gov.vn',
      subject: SUBJECT,
      text: TEXT,
      html: HTML,
    });
    transport.close();

    const [mail, ...rest] = await mails();
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({
      from: '"Một Cửa" <motcua@example.gov.vn>',
      to: ['nguyen.van.an@example.vn', 'lanh.dao@example.gov.vn'],
      subject: SUBJECT,
      html: HTML,
    });
    expect(mail!.text.trim()).toBe(TEXT);
    expect(Number.isNaN(Date.parse(mail!.date))).toBe(false);
  });

  it('lists it on the Vietnamese inbox page with the subject escaped', async () => {
    const res = await web('/');
    const page = await res.text();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('Hộp thư phát triển');
    for (const column of ['Thời gian', 'Người nhận', 'Tiêu đề']) expect(page).toContain(`<th>${column}</th>`);
    expect(page).toContain(ESCAPED_SUBJECT);
    expect(page).not.toContain('<thử>');
  });

  it('renders one mail with its HTML body in a sandboxed iframe and its plain text', async () => {
    const [mail] = await mails();
    const res = await web(`/mail/${mail!.id}`);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain(`<h1>${ESCAPED_SUBJECT}</h1>`);
    expect(page).toMatch(/<iframe sandbox srcdoc="&lt;p&gt;Kính gửi ông\/bà &lt;b&gt;Nguyễn Văn Ân/);
    expect(page).not.toContain('<script>');
    expect(page).toContain(`<pre>${TEXT}`);
  });

  it('serves the raw message as .eml', async () => {
    const [mail] = await mails();
    const res = await web(`/mail/${mail!.id}.eml`);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    const raw = await res.text();
    expect(raw).toMatch(/^X-Envelope-To: nguyen\.van\.an@example\.vn, lanh\.dao@example\.gov\.vn\r\n/);
    expect(raw).toMatch(/^Subject: /m);
  });

  it('answers 404 for an unknown mail', async () => {
    expect((await web('/mail/0123abcd')).status).toBe(404);
  });

  it('keeps the inbox across a restart with the same store directory', async () => {
    const before = await mails();
    await mailbox.close();
    mailbox = await startDevMailbox({ smtpPort: 0, httpPort: 0, storeDir });
    expect(await mails()).toEqual(before);
  });

  it('clears everything on DELETE /api/mails, files included', async () => {
    expect((await web('/api/mails', { method: 'DELETE' })).status).toBe(200);
    expect(await mails()).toEqual([]);
    expect((await readdir(storeDir)).filter((f) => f.endsWith('.eml'))).toEqual([]);
  });
});
