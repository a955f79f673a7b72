import { expect } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { ActivityDeps } from '../../activities/index.js';
import { createMailer } from '../../common/mailer.js';
import type { AppDeps, AppInstance } from '../../api/app.js';
import type { Database } from '../../db/database.js';
import { buildTestApp } from './app.js';
import { connectTestDatabase } from './db.js';
import { apiDriver, type ApiDriver } from './dossiers.js';
import { testLogger } from './logger.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';
import { eventually, startDevWorker, type RunningWorker } from './temporal.js';

/** What a dossier test file drives: the suite's database, a real worker, the app on its task queue. */
export interface DossierHarness {
  db: Database;
  worker: RunningWorker;
  app: AppInstance;
  api: ApiDriver;
  stop(): Promise<void>;
}

/** A harness whose worker mails through a real SMTP server of the test file. */
export interface MailingDossierHarness extends DossierHarness {
  smtp: TestSmtp;
}

/** Options of {@link startDossierHarness}. */
export interface HarnessOptions {
  /** Where the worker pushes national statuses (a stand-in); without it they stay pending. */
  nationalPortal?: ActivityDeps['nationalPortal'];
  /** Overrides of the app's dependencies (e.g. the VNPAY terminal of a sandbox). */
  app?: Partial<AppDeps>;
  /** The keys that sign results (docs/signatures.md); without them a signature fails for good. */
  signers?: ActivityDeps['signers'];
  /** Where the worker archives finished dossiers; default the run's directory store. */
  archiveStore?: ActivityDeps['archiveStore'];
}

/**
 * Starts a worker and the app on its task queue; `stop()` in afterAll. The worker discards its mails,
 * unless `mail` is set: then they go over SMTP to a test server (`smtp`) started for the file. `app`
 * overrides the app's dependencies (e.g. the VNPAY terminal of a sandbox).
 */
export async function startDossierHarness(opts?: HarnessOptions): Promise<DossierHarness>;
export async function startDossierHarness(
  opts: HarnessOptions & { mail: true },
): Promise<MailingDossierHarness>;
export async function startDossierHarness(
  opts: HarnessOptions & { mail?: boolean } = {},
): Promise<DossierHarness> {
  const db = connectTestDatabase();
  const smtp = opts.mail ? await startTestSmtp() : undefined;
  const mailer = smtp ? createMailer({ smtpUrl: smtp.url, from: '"Sở GDĐT" <motcua@localhost>' }) : undefined;
  const worker = await startDevWorker({
    db,
    log: testLogger,
    ...(mailer ? { mailer } : {}),
    ...(opts.nationalPortal ? { nationalPortal: opts.nationalPortal } : {}),
    ...(opts.signers ? { signers: opts.signers } : {}),
    ...(opts.archiveStore ? { archiveStore: opts.archiveStore } : {}),
  });
  const app = await buildTestApp(db, opts.app ?? {}, worker.taskQueue);
  return {
    db,
    worker,
    app,
    api: apiDriver(app),
    ...(smtp ? { smtp } : {}),
    async stop() {
      await app.close();
      await worker.stop();
      mailer?.close();
      await smtp?.close();
      await db.destroy();
    },
  };
}

/** A liaison request to a partner agency (not one of the applicant's or officers' notices). */
export const isLiaisonMail = (m: ParsedMail): boolean => m.headers.has('x-mot-cua-liaison-request');

/** The answer token of the liaison e-mail sent for a dossier. */
export async function liaisonTokenFromMail(smtp: TestSmtp, code: string): Promise<string> {
  const mail = await eventually(() =>
    Promise.resolve(smtp.received.find((m) => isLiaisonMail(m) && (m.text ?? '').includes(code))),
  );
  expect(mail.subject).toMatch(/liên thông/i);
  const token = /token=([A-Za-z0-9_.-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no token in the mail:\n${mail.text}`);
  return token;
}
