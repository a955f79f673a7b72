import { randomUUID } from 'node:crypto';
import type { Mailer, OutboundMail } from '../../common/mailer.js';

/**
 * A mailer that accepts every message and delivers none, for the test workers and the benchmark that do
 * not look at e-mail (a liaison step then succeeds at once, as with a working SMTP server). `sent` keeps
 * what was "sent". Tests that check e-mails use a real mailer on `startTestSmtp()` instead.
 */
export function createDiscardMailer(): Mailer & { sent: OutboundMail[] } {
  const sent: OutboundMail[] = [];
  return {
    sent,
    send(mail) {
      sent.push(mail);
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      const messageId = mail.headers?.['Message-ID'] ?? `<${randomUUID()}@discard.invalid>`;
      return Promise.resolve({ messageId, accepted: [...to], rejected: [] });
    },
    verify: () => Promise.resolve(),
    close: () => undefined,
  };
}
