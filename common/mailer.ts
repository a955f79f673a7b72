import { createTransport } from 'nodemailer';

/** The subset of a pino logger the mailer uses. */
export interface MailerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** One outbound message. `from` is fixed by the mailer's configuration. */
export interface OutboundMail {
  to: string | string[];
  subject: string;
  /** Plain-text body; always sent, so every client can read the message. */
  text: string;
  /** Optional HTML alternative of the same content. */
  html?: string;
  /** Extra headers, e.g. a dossier reference or an idempotency key. */
  headers?: Record<string, string>;
}

/** What the SMTP server answered for an accepted message. */
export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** Outbound e-mail, used by the notification activities and by `/health`. */
export interface Mailer {
  /**
   * Sends one message. Rejects with nodemailer's error (which carries `responseCode` when the server
   * answered); classify it with {@link isPermanentSmtpError}.
   */
  send(mail: OutboundMail): Promise<SendResult>;
  /** Checks that the server answers and accepts our credentials; rejects within `timeoutMs` whatever happens. */
  verify(timeoutMs: number): Promise<void>;
  /** Releases pooled connections, if the URL asked for a pool (`?pool=true`). */
  close(): void;
}

export interface MailerOptions {
  /** e.g. `smtp://127.0.0.1:1025`, `smtps://user:pass@smtp.example.gov.vn:465`; `?pool=true` pools connections. */
  smtpUrl: string;
  /** Sender, e.g. `"Bộ phận Một cửa" <motcua@example.gov.vn>`. */
  from: string;
  logger?: MailerLogger;
}

/**
 * Socket timeouts for sends. nodemailer's defaults (2 min to connect, 10 min idle) would keep an activity
 * attempt hanging far longer than its own timeout; failing fast lets Temporal retry instead.
 */
const SEND_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** Builds the product's mailer on a nodemailer SMTP transport. */
export function createMailer(opts: MailerOptions): Mailer {
  const transport = createTransport({ url: opts.smtpUrl, ...SEND_TIMEOUTS }, { from: opts.from });
  return {
    async send(mail) {
      const info = await transport.sendMail({ ...mail });
      opts.logger?.info({ messageId: info.messageId, accepted: info.accepted.length }, 'mail sent');
      if (info.rejected.length > 0) {
        opts.logger?.warn(
          { messageId: info.messageId, rejected: info.rejected.length },
          'mail partly rejected',
        );
      }
      return { messageId: info.messageId, accepted: [...info.accepted], rejected: [...info.rejected] };
    },
    verify: (timeoutMs) => verifySmtp(opts.smtpUrl, timeoutMs),
    close: () => transport.close(),
  };
}

/**
 * Verifies on a throw-away transport whose own timeouts equal `timeoutMs`, so no socket outlives the
 * check, and races it against a timer, so a server that accepts the connection but never speaks cannot
 * hold the caller (the `/health` route) longer than asked.
 */
async function verifySmtp(smtpUrl: string, timeoutMs: number): Promise<void> {
  const probe = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`SMTP verify timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe.verify(), timeout]);
  } finally {
    clearTimeout(timer);
    probe.close();
  }
}

/**
 * True when the SMTP server refused the message for good (a 5xx reply): retrying the same message would
 * be refused again, so the activity should fail without retry. Connection errors, timeouts and 4xx replies
 * are transient and left to Temporal's retry policy. 503 ("bad sequence of commands") is a session-state
 * error, not a verdict on the message, so it counts as transient (as nodemailer's `isPermanentResponseCode`).
 */
export function isPermanentSmtpError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('responseCode' in err)) return false;
  const code = err.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && code !== 503;
}
