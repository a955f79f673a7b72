/**
 * Runs the dev mailbox on its own: `npx tsx dev/mailbox-main.ts`.
 *
 * Env: SMTP_PORT (default 1025), MAILBOX_PORT (default 8025), MAILBOX_HOST (default 127.0.0.1).
 * Mail is kept under `.data/mail` at the repository root, so a restart keeps the inbox.
 */
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { z } from 'zod';
import { startDevMailbox } from './mailbox.js';

const port = z.coerce.number().int().min(0).max(65_535);
const EnvSchema = z.object({
  SMTP_PORT: port.default(1025),
  MAILBOX_PORT: port.default(8025),
  MAILBOX_HOST: z.string().min(1).default('127.0.0.1'),
});

async function main(): Promise<void> {
  const logger = pino({ name: 'dev-mailbox' });
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) logger.error(`${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  const env = parsed.data;
  const mailbox = await startDevMailbox({
    host: env.MAILBOX_HOST,
    smtpPort: env.SMTP_PORT,
    httpPort: env.MAILBOX_PORT,
    storeDir: fileURLToPath(new URL('../.data/mail', import.meta.url)),
    logger,
  });
  logger.info(
    {
      smtp: `smtp://${env.MAILBOX_HOST}:${mailbox.smtpPort}`,
      web: `http://${env.MAILBOX_HOST}:${mailbox.httpPort}`,
    },
    `dev mailbox ready with ${mailbox.messages().length} stored mail(s)`,
  );

  const stop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'dev mailbox stopping');
    mailbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'dev mailbox did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
