import { afterAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, redactUrl } from '../../config/logger.js';
import { buildTestApp } from '../support/app.js';
import { connectTestDatabase } from '../support/db.js';

describe('request logs', () => {
  const db = connectTestDatabase();
  afterAll(() => db.destroy());

  it.each([
    ['/liaison/answer?token=abc.def', '/liaison/answer?token=***'],
    ['/x?a=1&token=secret&b=2', '/x?a=1&token=***&b=2'],
    ['/dossiers?status=4', '/dossiers?status=4'],
  ])('redact %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('never carry the answer token of a liaison link nor the Authorization header', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildTestApp(db, { logger: createLogger({ LOG_LEVEL: 'info' }, 'api', sink) });
    await app.inject({
      url: '/liaison/answer?token=very.secret',
      headers: { authorization: 'Bearer also-secret' },
    });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/liaison/answer?token=***');
    expect(log).not.toContain('very.secret');
    expect(log).not.toContain('also-secret');
  });
});
