import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { ParsedMail } from 'mailparser';
import { createLiaisonActivities, type LiaisonWebhookBody } from '../activities/liaison.activities.js';
import { createMailer, type Mailer } from '../common/mailer.js';
import type { AppInstance } from '../api/app.js';
import {
  LIAISON_TOKEN_TTL_MS,
  readLiaisonToken,
  signLiaisonToken,
  verifyLiaisonToken,
  type LiaisonTokenPayload,
} from '../common/liaison-token.js';
import type { Database } from '../db/database.js';
import { findLiaisonRequest, findPartnerAgency } from '../db/liaison.repository.js';
import type { LiaisonCallbackOutcome } from '../db/liaison.table.js';
import { newCallbackSecret, seedPartnerAgencies } from '../db/seed/partners.seed.js';
import type { liaisonWorkflow } from '../workflows/liaison/liaison.workflow.js';
import {
  liaisonStateQuery,
  liaisonWorkflowId,
  type LiaisonWorkflowInput,
} from '../workflows/liaison/messages.js';
import { buildTestApp, loginAs, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { apiDriver, type DossierBody } from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { eventually, startDevWorker, type RunningWorker } from './support/temporal.js';
import { units } from './support/catalog.js';

const PUBLIC_BASE_URL = 'http://motcua.test/api';
const PARTNER = 'UBND_TINH';
const DAY = 24 * 3_600_000;

let db: Database;
let smtp: TestSmtp;
let mailer: Mailer;
let worker: RunningWorker;
let app: AppInstance;
let dossierCode: string;

beforeAll(async () => {
  db = connectTestDatabase();
  smtp = await startTestSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, from: '"Một Cửa" <motcua@localhost>' });
  worker = await startDevWorker({ db, log: testLogger, mailer, publicBaseUrl: PUBLIC_BASE_URL });
  app = await buildTestApp(db, {}, worker.taskQueue);
  const res = await apiDriver(app).receive();
  expect(res.statusCode, res.body).toBe(201);
  dossierCode = res.json<DossierBody>().code;
  // The applicant's receipt notice goes through the same SMTP server: let it arrive before the tests
  // below make that server refuse the next message.
  await eventually(
    () =>
      Promise.resolve(
        smtp.received.find(
          (m) => m.headers.get('x-mot-cua-notification') === `dossier:${dossierCode}:applicant:received`,
        ),
      ),
    30_000,
  );
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  mailer?.close();
  await smtp?.close();
  await db?.destroy();
});

const newRequestId = () => `${dossierCode}-LT9-${randomUUID()}`;

const liaisonInput = (over: Partial<LiaisonWorkflowInput> = {}): LiaisonWorkflowInput => ({
  tenant: 'default',
  dossierCode,
  requestId: newRequestId(),
  stepId: 'tham-dinh',
  partnerCode: PARTNER,
  partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình',
  procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  deadline: Date.now() + 3 * DAY,
  ...over,
});

/** What the activities logged (the mock environment's logger would print to the console). */
const logged: LogEntry[] = [];
const activityEnv = () =>
  new MockActivityEnvironment(undefined, {
    logger: new DefaultLogger('INFO', (entry) => logged.push(entry)),
  });

/** The activity as the worker runs it (the trailing slash of the base URL is dropped). */
const sendLiaisonRequest = (input: LiaisonWorkflowInput) =>
  createLiaisonActivities({ db, mailer, publicBaseUrl: `${PUBLIC_BASE_URL}/` }).sendLiaisonRequest(input);

const partnerSecret = async (code = PARTNER) =>
  (await findPartnerAgency(db, 'default', code))!.callback_secret;

/** The e-mail of a liaison request, once the test SMTP server has it. */
const mailOf = (requestId: string): Promise<ParsedMail> =>
  eventually(async () =>
    Promise.resolve(smtp.received.find((m) => m.headers.get('x-mot-cua-liaison-request') === requestId)),
  );

const mailsOf = (requestId: string) =>
  smtp.received.filter((m) => m.headers.get('x-mot-cua-liaison-request') === requestId);

/** The answer link of a mail, as a path for `app.inject`, and its token. */
function linkOf(mail: ParsedMail): { path: string; token: string } {
  const match = /(http:\/\/motcua\.test\/api\/liaison\/answer\?token=\S+)/.exec(mail.text ?? '');
  expect(match, mail.text).not.toBeNull();
  const url = new URL(match![1]!);
  expect(url.pathname).toBe('/api/liaison/answer');
  // The test app has no /api prefix (a reverse proxy would strip it).
  return { path: `/liaison/answer${url.search}`, token: url.searchParams.get('token')! };
}

const answer = (token: string | null, body: object, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/liaison/answer',
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
    payload: body,
  });

const outcomes = async (requestId: string): Promise<LiaisonCallbackOutcome[]> =>
  (
    await db
      .selectFrom('liaison_callback')
      .select('outcome')
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome);

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure | Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

// ---------------------------------------------------------------------------------------------------------

describe('answer tokens (common/liaison-token.ts)', () => {
  const secret = 's'.repeat(43);
  const now = Date.UTC(2026, 10, 27, 3);
  const payload: LiaisonTokenPayload = {
    tenant: 'default',
    requestId: `${units.department}-261127-0001-LT5-1`,
    dossierCode: `${units.department}-261127-0001`,
    partnerCode: PARTNER,
    exp: now + 60 * DAY,
  };

  it('signs base64url(JSON).base64url(HMAC-SHA256), reads without verifying and verifies', () => {
    const token = signLiaisonToken(payload, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readLiaisonToken(token)).toEqual(payload);
    expect(verifyLiaisonToken(token, secret, now)).toBe('ok');
    expect(LIAISON_TOKEN_TTL_MS).toBe(60 * DAY);
  });

  it('calls a token signed with another key, or with a changed signature, forged', () => {
    const token = signLiaisonToken(payload, secret);
    expect(verifyLiaisonToken(signLiaisonToken(payload, 'o'.repeat(43)), secret, now)).toBe('forged');
    const [body, sig] = token.split('.') as [string, string];
    const flipped = `${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(verifyLiaisonToken(flipped, secret, now)).toBe('forged');
    expect(verifyLiaisonToken(`${body}.${sig.slice(0, 20)}`, secret, now)).toBe('forged');
  });

  it('calls a tampered payload forged, even with a later expiry or another request', () => {
    const token = signLiaisonToken(payload, secret);
    const sig = token.split('.')[1]!;
    for (const change of [{ exp: payload.exp + 365 * DAY }, { requestId: 'other' }, { partnerCode: 'X' }]) {
      const body = Buffer.from(JSON.stringify({ ...payload, ...change })).toString('base64url');
      const tampered = `${body}.${sig}`;
      expect(readLiaisonToken(tampered)).toMatchObject(change);
      expect(verifyLiaisonToken(tampered, secret, now)).toBe('forged');
    }
  });

  it('calls a genuine token expired from its exp on, and a forged expired one forged', () => {
    const token = signLiaisonToken(payload, secret);
    expect(verifyLiaisonToken(token, secret, payload.exp - 1)).toBe('ok');
    expect(verifyLiaisonToken(token, secret, payload.exp)).toBe('expired');
    expect(verifyLiaisonToken(signLiaisonToken(payload, 'o'.repeat(43)), secret, payload.exp + 1)).toBe(
      'forged',
    );
  });

  it.each([
    '',
    'abc',
    'a.b.c',
    'a b.c',
    `${Buffer.from('not json').toString('base64url')}.abc`,
    `${Buffer.from('{"tenant":"default"}').toString('base64url')}.abc`,
    `${Buffer.from(JSON.stringify({ ...payload, exp: '1' })).toString('base64url')}.abc`,
    `${'a'.repeat(3000)}.abc`,
  ])('reads the malformed token %# as undefined and never verifies it', (token) => {
    expect(readLiaisonToken(token)).toBeUndefined();
    expect(verifyLiaisonToken(token, secret, now)).toBe('forged');
  });
});

describe('partner agencies (seed)', () => {
  it('seeds UBND_TINH once with a random 32-byte key and never overwrites it', async () => {
    const before = await findPartnerAgency(db, 'default', PARTNER);
    expect(before).toMatchObject({
      name: 'Ủy ban nhân dân tỉnh Ninh Bình',
      unit_code: units.provincialCommittee,
      email: 'vanthu.ubnd@ninhbinh.local',
      webhook_url: null,
      active: true,
    });
    expect(Buffer.from(before!.callback_secret, 'base64url')).toHaveLength(32);
    expect(await seedPartnerAgencies(db, 'default', units)).toBe(0);
    expect((await findPartnerAgency(db, 'default', PARTNER))!.callback_secret).toBe(before!.callback_secret);
  });

  it('lists the partner agencies to officers, without their keys', async () => {
    const res = await app.inject({ url: '/partners', headers: await loginAs(app, 'auditor') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: { code: string }[] }>().items).toContainEqual({
      code: PARTNER,
      name: 'Ủy ban nhân dân tỉnh Ninh Bình',
      unitCode: units.provincialCommittee,
      email: 'vanthu.ubnd@ninhbinh.local',
      webhookUrl: null,
      active: true,
    });
    expect(res.body).not.toContain(await partnerSecret());
    expect((await app.inject({ url: '/partners' })).statusCode).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('sendLiaisonRequest (activity, real SMTP server)', () => {
  it('mails the partner once, in Vietnamese, with a working signed link; a second call sends nothing', async () => {
    const input = liaisonInput();
    const env = activityEnv();
    await env.run(sendLiaisonRequest, input);
    const mail = await mailOf(input.requestId);
    expect(mail.subject).toBe(`[Liên thông] Đề nghị phối hợp giải quyết hồ sơ ${dossierCode}`);
    expect(mail.messageId).toBe(`<${input.requestId}@mot-cua>`);
    expect(mail.to).toMatchObject({ value: [{ address: 'vanthu.ubnd@ninhbinh.local' }] });
    expect(mail.text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình');
    expect(mail.text).toContain(`Mã hồ sơ: ${dossierCode}`);
    expect(mail.text).toContain(`Thủ tục hành chính: ${input.procedureName}`);
    expect(mail.text).toMatch(/Thời hạn trả lời: \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    expect(mail.html).toContain('/liaison/answer?token=');

    const stored = await findLiaisonRequest(db, input.requestId);
    expect(stored).toMatchObject({ dossier_code: dossierCode, partner_code: PARTNER, webhook_status: null });
    expect(stored!.email_message_id).toBe(mail.messageId);
    expect(stored!.expires_at.getTime() - stored!.sent_at.getTime()).toBe(LIAISON_TOKEN_TTL_MS);

    const { path, token } = linkOf(mail);
    expect(readLiaisonToken(token)).toMatchObject({
      requestId: input.requestId,
      dossierCode,
      partnerCode: PARTNER,
    });
    expect(verifyLiaisonToken(token, await partnerSecret(), Date.now())).toBe('ok');
    const pageRes = await app.inject({ url: path });
    expect(pageRes.statusCode, pageRes.body).toBe(200);
    expect(pageRes.headers['content-type']).toMatch(/^text\/html/);
    expect(pageRes.headers['referrer-policy']).toBe('no-referrer');
    expect(pageRes.body).toContain(dossierCode);
    for (const label of ['Đồng ý', 'Không đồng ý', 'Yêu cầu bổ sung']) expect(pageRes.body).toContain(label);

    const count = smtp.received.length;
    await env.run(sendLiaisonRequest, input);
    expect(smtp.received.length).toBe(count);
    expect(mailsOf(input.requestId)).toHaveLength(1);
    expect(logged.filter((e) => e.meta?.requestId === input.requestId).map((e) => e.message)).toEqual([
      'liaison request recorded',
      'liaison e-mail sent',
      'liaison request already recorded',
      'liaison e-mail already sent',
    ]);
  });

  it('fails without retry on a permanent SMTP refusal, and is retried on a temporary one', async () => {
    const env = activityEnv();
    smtp.failNext(1, 'permfail');
    const permanent = await failureOf(env.run(sendLiaisonRequest, liaisonInput()));
    expect(permanent).toBeInstanceOf(ApplicationFailure);
    expect(permanent).toMatchObject({ type: 'LIAISON.MAIL_REJECTED', nonRetryable: true });

    const input = liaisonInput();
    smtp.failNext(1, 'tempfail');
    const temporary = await failureOf(env.run(sendLiaisonRequest, input));
    expect(temporary).not.toBeInstanceOf(ApplicationFailure);
    expect((await findLiaisonRequest(db, input.requestId))!.email_message_id).toBeNull();
    await env.run(sendLiaisonRequest, input);
    expect(mailsOf(input.requestId)).toHaveLength(1);
  });

  it('refuses an unknown partner without retry', async () => {
    const failure = await failureOf(
      activityEnv().run(sendLiaisonRequest, liaisonInput({ partnerCode: 'NOBODY' })),
    );
    expect(failure).toMatchObject({ type: 'LIAISON.UNKNOWN_PARTNER', nonRetryable: true });
  });

  describe('with a webhook', () => {
    let server: Server;
    const calls: { headers: IncomingMessage['headers']; body: LiaisonWebhookBody }[] = [];
    let statuses: number[] = [];
    const partnerCode = `HOOK_${randomUUID().slice(0, 8).toUpperCase()}`;

    beforeAll(async () => {
      server = createServer((req, res) => {
        let text = '';
        req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        req.on('end', () => {
          calls.push({ headers: req.headers, body: JSON.parse(text) as LiaisonWebhookBody });
          res.statusCode = statuses.shift() ?? 200;
          res.end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await db
        .insertInto('partner_agency')
        .values({
          tenant: 'default',
          code: partnerCode,
          name: 'Sở <Thử> & "Nghiệm"',
          unit_code: `000.00.98.${units.province}`,
          email: 'hook@ninhbinh.local',
          webhook_url: `http://127.0.0.1:${port}/lien-thong`,
          callback_secret: newCallbackSecret(),
        })
        .execute();
    });
    afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

    it('POSTs the request; a 500 is retried (thrown), then a 200 delivers it, mailing only once', async () => {
      const input = liaisonInput({ partnerCode });
      const env = activityEnv();
      statuses = [500];
      const first = await failureOf(env.run(sendLiaisonRequest, input));
      expect(first).not.toBeInstanceOf(ApplicationFailure);
      expect((await findLiaisonRequest(db, input.requestId))!.webhook_status).toBe('500');
      await env.run(sendLiaisonRequest, input);
      expect((await findLiaisonRequest(db, input.requestId))!.webhook_status).toBe('200');
      expect(mailsOf(input.requestId)).toHaveLength(1);

      const mine = calls.filter((c) => c.body.requestId === input.requestId);
      expect(mine).toHaveLength(2);
      const { headers, body } = mine[1]!;
      expect(headers['content-type']).toMatch(/^application\/json/);
      expect(headers['idempotency-key']).toBe(input.requestId);
      expect(body).toMatchObject({
        requestId: input.requestId,
        dossierCode,
        procedureName: input.procedureName,
      });
      expect(body.deadline).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(body.answerUrl).toBe(`${PUBLIC_BASE_URL}/liaison/answer?token=${body.token}`);
      expect(verifyLiaisonToken(body.token, await partnerSecret(partnerCode), Date.now())).toBe('ok');
      expect(mine[0]!.body.token).toBe(body.token);

      // A third run (a replay) neither mails nor calls again.
      await env.run(sendLiaisonRequest, input);
      expect(calls.filter((c) => c.body.requestId === input.requestId)).toHaveLength(2);

      // The answer page escapes what it shows (the partner's name here).
      const pageRes = await app.inject({ url: `/liaison/answer?token=${body.token}` });
      expect(pageRes.statusCode).toBe(200);
      expect(pageRes.body).toContain('Sở &lt;Thử&gt; &amp; &quot;Nghiệm&quot;');
      expect(pageRes.body).not.toContain('<Thử>');
    });

    it('fails without retry when the webhook refuses (4xx), but retries 429', async () => {
      const env = activityEnv();
      statuses = [404];
      const input = liaisonInput({ partnerCode });
      const refused = await failureOf(env.run(sendLiaisonRequest, input));
      expect(refused).toMatchObject({ type: 'LIAISON.WEBHOOK_REJECTED', nonRetryable: true });
      expect((await findLiaisonRequest(db, input.requestId))!.webhook_status).toBe('404');

      statuses = [429];
      const busy = await failureOf(env.run(sendLiaisonRequest, liaisonInput({ partnerCode })));
      expect(busy).not.toBeInstanceOf(ApplicationFailure);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('answer callbacks against a real liaison workflow', () => {
  /** Starts a liaison child (as the dossier workflow would) and returns it with its mailed token. */
  async function startLiaison() {
    const input = liaisonInput();
    const handle = await testTemporalClient().workflow.start<typeof liaisonWorkflow>('liaisonWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: liaisonWorkflowId(dossierCode, input.requestId),
      args: [input],
    });
    const mail = await mailOf(input.requestId);
    await eventually(async () => ((await handle.query(liaisonStateQuery)).sent ? true : undefined));
    return { input, handle, ...linkOf(mail) };
  }

  const waiting = async (handle: Awaited<ReturnType<typeof startLiaison>>['handle']) => {
    expect((await handle.query(liaisonStateQuery)).answer).toBeNull();
    expect((await handle.describe()).status.name).toBe('RUNNING');
  };

  it('takes a verified answer once: 200 and the workflow completes; the same again is 409 and logged', async () => {
    const { input, handle, token } = await startLiaison();
    const res = await answer(token, {
      answer: 'needs_supplement',
      note: '  Bổ sung biên bản kiểm tra thực tế.  ',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'applied',
      requestId: input.requestId,
      dossierCode,
      answer: 'needs_supplement',
      note: 'Bổ sung biên bản kiểm tra thực tế.',
    });
    expect(await handle.result()).toMatchObject({
      requestId: input.requestId,
      answer: 'needs_supplement',
      note: 'Bổ sung biên bản kiểm tra thực tế.',
    });

    const again = await answer(token, {
      answer: 'needs_supplement',
      note: 'Bổ sung biên bản kiểm tra thực tế.',
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'LIAISON.ALREADY_ANSWERED' });
    const other = await answer(token, { answer: 'approved' });
    expect(other.statusCode).toBe(409);
    expect(await outcomes(input.requestId)).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await handle.result()).answer).toBe('needs_supplement');

    // The officers' view of the dossier's liaisons.
    const view = await app.inject({
      url: `/dossiers/${encodeURIComponent(dossierCode)}/liaisons`,
      headers: await loginAs(app, 'auditor'),
    });
    expect(view.statusCode, view.body).toBe(200);
    const body = view.json<{
      requests: { requestId: string; answer: string | null; emailMessageId: string | null }[];
      callbacks: { requestId: string; outcome: string; answer: string | null; code: string | null }[];
    }>();
    expect(body.requests.find((r) => r.requestId === input.requestId)).toMatchObject({
      answer: 'needs_supplement',
      emailMessageId: `<${input.requestId}@mot-cua>`,
    });
    expect(body.callbacks.filter((c) => c.requestId === input.requestId)).toMatchObject([
      { outcome: 'applied', answer: 'needs_supplement', code: null },
      { outcome: 'duplicate', code: 'LIAISON.ALREADY_ANSWERED' },
      { outcome: 'duplicate', answer: 'approved' },
    ]);
    // The answered link now shows the answer instead of the form.
    const pageRes = await app.inject({ url: `/liaison/answer?token=${token}` });
    expect(pageRes.statusCode).toBe(200);
    expect(pageRes.body).toContain('đã được trả lời');
    expect(pageRes.body).not.toContain('<form');
  });

  it('answers one of two concurrent deliveries of the same callback, refuses the other', async () => {
    const { input, handle, token } = await startLiaison();
    const results = await Promise.all([
      answer(token, { answer: 'approved' }),
      answer(token, { answer: 'approved' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await outcomes(input.requestId)).sort()).toEqual(['applied', 'duplicate']);
    expect((await handle.result()).answer).toBe('approved');
  });

  it('refuses forged, tampered and expired tokens (401) and the workflow keeps waiting', async () => {
    const { input, handle, token } = await startLiaison();
    const secret = await partnerSecret();
    const payload = readLiaisonToken(token)!;

    const forged = await answer(signLiaisonToken(payload, newCallbackSecret()), { answer: 'approved' });
    expect(forged.statusCode, forged.body).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'LIAISON.FORGED' });

    const tamperedBody = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + DAY })).toString(
      'base64url',
    );
    const tampered = await answer(`${tamperedBody}.${token.split('.')[1]}`, { answer: 'refused' });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json()).toMatchObject({ code: 'LIAISON.FORGED' });

    const expired = await answer(signLiaisonToken({ ...payload, exp: Date.now() - 1000 }, secret), {
      answer: 'approved',
    });
    expect(expired.statusCode, expired.body).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'LIAISON.EXPIRED' });

    const expiredPage = await app.inject({
      url: `/liaison/answer?token=${signLiaisonToken({ ...payload, exp: Date.now() - 1000 }, secret)}`,
    });
    expect(expiredPage.statusCode).toBe(401);
    expect(expiredPage.headers['content-type']).toMatch(/^text\/html/);
    expect(expiredPage.body).toContain('đã hết hạn');

    expect(await outcomes(input.requestId)).toEqual(['forged', 'forged', 'expired']);
    await waiting(handle);

    // The genuine token still works afterwards.
    expect((await answer(token, { answer: 'refused', note: 'Không phù hợp quy hoạch.' })).statusCode).toBe(
      200,
    );
    expect(await handle.result()).toMatchObject({ answer: 'refused', note: 'Không phù hợp quy hoạch.' });
  });

  it('refuses missing, malformed and unknown tokens and invalid bodies, logging each', async () => {
    const { input, handle, token } = await startLiaison();
    const secret = await partnerSecret();
    const payload = readLiaisonToken(token)!;

    const missing = await answer(null, { answer: 'approved' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'LIAISON.MISSING_TOKEN' });
    const malformed = await answer('not-a-token', { answer: 'approved' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'LIAISON.MALFORMED_TOKEN' });
    const badHeader = await answer(null, { answer: 'approved', token }, { authorization: 'Basic abc' });
    expect(badHeader.statusCode).toBe(401);

    const unknownRequest = { ...payload, requestId: `${input.requestId}-X` };
    const unknown = await answer(signLiaisonToken(unknownRequest, secret), { answer: 'approved' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'LIAISON.UNKNOWN_REQUEST' });
    const noPartnerRequest = { ...payload, requestId: `${input.requestId}-Y`, partnerCode: 'NOBODY' };
    const noPartner = await answer(signLiaisonToken(noPartnerRequest, secret), { answer: 'approved' });
    expect(noPartner.statusCode).toBe(404);
    expect(await outcomes(unknownRequest.requestId)).toEqual(['unknown_request']);
    expect(await outcomes(noPartnerRequest.requestId)).toEqual(['unknown_request']);

    const invalid = await answer(token, { answer: 'maybe' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.answer' });
    const tooLong = await answer(token, { answer: 'approved', note: 'x'.repeat(2001) });
    expect(tooLong.statusCode).toBe(400);
    const notUrl = await answer(token, { answer: 'approved', fileUrl: 'javascript:alert(1)' });
    expect(notUrl.statusCode).toBe(400);
    expect(await outcomes(input.requestId)).toEqual(['invalid', 'invalid', 'invalid']);
    await waiting(handle);

    const badPage = await app.inject({ url: '/liaison/answer?token=%3Cscript%3E' });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.body).not.toContain('<script>');
    expect((await app.inject({ url: '/liaison/answer' })).statusCode).toBe(401);
  });

  it('takes the HTML form (token field, urlencoded) and answers in HTML; the file link is logged', async () => {
    const { input, handle, path, token } = await startLiaison();
    const formPage = await app.inject({ url: path });
    expect(formPage.body).toContain('<form method="post" action="answer">');
    expect(formPage.body).toContain(`name="token" value="${token}"`);

    const res = await app.inject({
      method: 'POST',
      url: '/liaison/answer',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        token,
        answer: 'approved',
        note: 'Thống nhất <b>đề nghị</b>.',
        fileUrl: 'https://vanban.ninhbinh.gov.vn/cv-123.pdf',
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Đã gửi ý kiến');
    expect(await handle.result()).toMatchObject({ answer: 'approved', note: 'Thống nhất <b>đề nghị</b>.' });
    const logged = await db
      .selectFrom('liaison_callback')
      .select('detail')
      .where('request_id', '=', input.requestId)
      .executeTakeFirstOrThrow();
    expect(logged.detail).toMatchObject({ fileUrl: 'https://vanban.ninhbinh.gov.vn/cv-123.pdf' });

    const again = await app.inject({
      method: 'POST',
      url: '/liaison/answer',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token, answer: 'refused', note: '' }).toString(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^text\/html/);
    expect(again.body).toContain('đã được trả lời');
  });

  it('refuses an answer to a liaison workflow closed without one (409) and logs it', async () => {
    const { input, handle, token } = await startLiaison();
    await handle.terminate('dossier ended');
    const res = await answer(token, { answer: 'approved' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'LIAISON.CLOSED' });
    expect(await outcomes(input.requestId)).toEqual(['closed']);
  });

  it('answers 404 when the request exists but its workflow does not', async () => {
    const input = liaisonInput();
    await activityEnv().run(sendLiaisonRequest, input);
    const { token } = linkOf(await mailOf(input.requestId));
    const res = await answer(token, { answer: 'approved' });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ code: 'LIAISON.UNKNOWN_REQUEST' });
    expect(await outcomes(input.requestId)).toEqual(['unknown_request']);
  });
});

describe('OpenAPI', () => {
  it('documents the liaison operations, the answer as JSON or an HTML form', async () => {
    const res = await app.inject({ url: '/openapi.json' });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json<{ paths: Record<string, Record<string, Record<string, unknown>>> }>();
    expect(doc.paths['/liaison/answer']!.get).toMatchObject({ operationId: 'getLiaisonAnswerForm' });
    expect(doc.paths['/liaison/answer']!.post).toMatchObject({
      operationId: 'answerLiaison',
      requestBody: {
        content: {
          'application/json': { schema: { required: ['answer'] } },
          'application/x-www-form-urlencoded': { schema: { required: ['answer'] } },
        },
      },
    });
    expect(doc.paths['/dossiers/{code}/liaisons']!.get).toMatchObject({ operationId: 'listDossierLiaisons' });
    expect(doc.paths['/partners']!.get).toMatchObject({ operationId: 'listPartnerAgencies' });
  });
});
