import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, isPermanentSmtpError, type Mailer } from '../common/mailer.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';

const FROM = '"Bộ phận Một cửa Sở Tư pháp" <motcua@example.gov.vn>';
const RECEIPT = {
  to: 'nguyen.van.an@example.vn',
  subject: 'Hồ sơ 000.00.53.H48-261127-0001 đã được tiếp nhận',
  text:
    'Kính gửi ông/bà Nguyễn Văn Ân, hồ sơ của ông/bà đã được tiếp nhận. ' +
    'Ngày hẹn trả kết quả: 17:00 ngày 04/12/2026.',
  html:
    '<p>Kính gửi ông/bà <strong>Nguyễn Văn Ân</strong>, hồ sơ của ông/bà đã được tiếp nhận.</p>' +
    '<p>Ngày hẹn trả kết quả: <strong>17:00 ngày 04/12/2026</strong>.</p>',
  headers: { 'X-Mot-Cua-Dossier': '000.00.53.H48-261127-0001' },
};

describe('mailer', () => {
  let smtp: TestSmtp;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: FROM });
  });
  afterEach(() => smtp.setMode('ok'));
  afterAll(async () => {
    mailer.close();
    await smtp.close();
  });

  it('delivers a Vietnamese receipt notice with subject, text and HTML intact', async () => {
    const before = smtp.received.length;
    const result = await mailer.send(RECEIPT);
    const mail = (await smtp.waitFor(before + 1))[before]!;

    expect(result.accepted).toEqual([RECEIPT.to]);
    expect(result.rejected).toEqual([]);
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.subject).toBe(RECEIPT.subject);
    expect(mail.from?.value[0]).toEqual({
      name: 'Bộ phận Một cửa Sở Tư pháp',
      address: 'motcua@example.gov.vn',
    });
    expect(Array.isArray(mail.to) ? mail.to : [mail.to]).toMatchObject([
      { value: [{ address: RECEIPT.to }] },
    ]);
    expect(mail.text?.trim()).toBe(RECEIPT.text);
    expect(mail.html).toContain('<strong>Nguyễn Văn Ân</strong>');
    expect(mail.html).toContain('17:00 ngày 04/12/2026');
    expect(mail.headers.get('x-mot-cua-dossier')).toBe('000.00.53.H48-261127-0001');
  });

  it('reports a 550 rejection as permanent and delivers nothing', async () => {
    smtp.setMode('permfail');
    const before = smtp.received.length;
    const err: unknown = await mailer.send(RECEIPT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ responseCode: 550 });
    expect(isPermanentSmtpError(err)).toBe(true);
    expect(smtp.received).toHaveLength(before);
  });

  it('reports a 451 rejection as transient, and the retry goes through once the server is back', async () => {
    smtp.failNext(1, 'tempfail');
    const before = smtp.received.length;
    const err: unknown = await mailer.send(RECEIPT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ responseCode: 451 });
    expect(isPermanentSmtpError(err)).toBe(false);

    await mailer.send(RECEIPT);
    expect(await smtp.waitFor(before + 1)).toHaveLength(before + 1);
  });

  it('verifies a live server', async () => {
    await expect(mailer.verify(2_000)).resolves.toBeUndefined();
  });
});

describe('mailer without a working server', () => {
  let silent: { server: Server; port: number; sockets: Set<Socket> };

  beforeAll(async () => {
    silent = await startSilentTcpServer();
  });
  afterAll(async () => {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise((resolve) => silent.server.close(resolve));
  });

  it('rejects verify within the timeout when the server accepts TCP but never greets', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${silent.port}`, from: FROM });
    const started = performance.now();
    await expect(mailer.verify(300)).rejects.toThrow();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_000);
    mailer.close();
  });

  it('treats a refused connection as transient', async () => {
    const port = await freePort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    const err: unknown = await mailer.send(RECEIPT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(isPermanentSmtpError(err)).toBe(false);
    mailer.close();
  });
});

describe('isPermanentSmtpError', () => {
  it.each([
    [{ responseCode: 550 }, true],
    [{ responseCode: 554 }, true],
    [{ responseCode: 503 }, false],
    [{ responseCode: 451 }, false],
    [{ responseCode: 421 }, false],
    [{ code: 'ECONNREFUSED' }, false],
    [new Error('boom'), false],
    [null, false],
    ['550', false],
  ])('classifies %o as permanent: %s', (err, expected) => {
    expect(isPermanentSmtpError(err)).toBe(expected);
  });
});

/** A TCP server that accepts connections and never writes a byte, like a hung SMTP relay. */
async function startSilentTcpServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

/** A port that nothing listens on (bound, read, released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
