import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * How the test server answers RCPT TO: `ok` accepts, `tempfail` answers 451 (the sender should retry),
 * `permfail` answers 550 (the sender must not retry).
 */
export type SmtpMode = 'ok' | 'tempfail' | 'permfail';

export interface TestSmtp {
  port: number;
  /** `smtp://127.0.0.1:<port>`, ready for `createMailer({ smtpUrl })`. */
  url: string;
  /** Every accepted message, parsed, in arrival order. */
  received: ParsedMail[];
  /** Resolves once at least `n` messages arrived (default timeout 5 s), with all of them. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Sets how every following transaction is answered, until changed. */
  setMode(mode: SmtpMode): void;
  /** Answers the next `count` transactions with `mode`, then goes back to the current mode ("down, then up"). */
  failNext(count: number, mode?: Exclude<SmtpMode, 'ok'>): void;
  close(): Promise<void>;
}

const REPLIES = {
  tempfail: { code: 451, message: '4.3.0 Temporary failure, try again later' },
  permfail: { code: 550, message: '5.1.1 Mailbox unavailable' },
} as const;

/** Starts a real smtp-server on 127.0.0.1 with a random port; every test file gets its own. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const transactionMode = new WeakMap<SMTPServerSession, SmtpMode>();
  let mode: SmtpMode = 'ok';
  let failures: { count: number; mode: Exclude<SmtpMode, 'ok'> } = { count: 0, mode: 'tempfail' };

  const nextTransactionMode = (): SmtpMode => {
    if (failures.count === 0) return mode;
    failures = { ...failures, count: failures.count - 1 };
    return failures.mode;
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'test' }),
    onMailFrom(_address, session, callback) {
      // One decision per message, so failNext(n) counts messages, not recipients.
      transactionMode.set(session, nextTransactionMode());
      callback();
    },
    onRcptTo(_address, session, callback) {
      const current = transactionMode.get(session) ?? 'ok';
      if (current === 'ok') return callback();
      const reply = REPLIES[current];
      callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  const port = await listen(server);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (n, timeoutMs = 5_000) => waitForCount(received, waiters, n, timeoutMs),
    setMode: (next) => {
      mode = next;
    },
    failNext: (count, failMode = 'tempfail') => {
      failures = { count, mode: failMode };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

function waitForCount(
  received: ParsedMail[],
  waiters: Set<() => void>,
  n: number,
  timeoutMs: number,
): Promise<ParsedMail[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (received.length < n) return;
      done();
      resolve(received.slice());
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`expected ${n} mail(s) within ${timeoutMs} ms, got ${received.length}`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}
