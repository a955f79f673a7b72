/**
 * The applicant's side (issue 8): citizen lookup by dossier code + ID number, the result download once
 * returned, the satisfaction rating (once), the per-client rate limits, and the Temporal Web UI link of a
 * dossier. A real dossier is driven through the API to its return on the Temporal dev server.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { temporalWorkflowUrl } from '../api/dossier-view.js';
import { createFileStore } from '../common/file-store.js';
import { defaultRateLimits } from '../api/rate-limit.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { devPassword, devUsers } from '../db/seed/organisation.seed.js';
import { buildTestApp } from './support/app.js';
import {
  apiDriver,
  applicant,
  dossierOf,
  samplePdf,
  walkTo,
  type ApiDriver,
  type DossierDetail,
} from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';

interface ErrorJson {
  code: string;
  message: string;
  field?: string;
  requestId: string;
}

interface LookupJson {
  code: string;
  status: number;
  statusLabel: string;
  phase: string;
  phaseLabel: string;
  procedure: { code: string; name: string };
  receivedAt: string;
  appointmentAt: string;
  currentStep: { name: string | null; handledBy: string | null } | null;
  resultReady: boolean;
  returned: boolean;
  returnedAt: string | null;
  result: { fileName: string; sha256: string; download: { method: string; href: string } } | null;
  rating: { level: string; levelLabel: string; comment: string | null } | null;
  canRate: boolean;
}

let h: DossierHarness;
let app: AppInstance;
let api: ApiDriver;
let root: string;

/** An ID number of this file's own applicant (the other files use `applicant.idNumber`). */
const idNumber = `0790${String(randomInt(10 ** 8)).padStart(8, '0')}`;
let dossier: DossierDetail;

beforeAll(async () => {
  h = await startDossierHarness();
  root = inject('storageRoot');
  app = await buildTestApp(
    h.db,
    { files: { store: createFileStore({ root }), maxBytes: 1024 * 1024 } },
    h.worker.taskQueue,
  );
  api = apiDriver(app);
  const received = await api.receive({ applicant: { ...applicant, idNumber } });
  expect(received.statusCode, received.body).toBe(201);
  dossier = await dossierOf(api, received.json<{ code: string }>().code);
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
});

const post = (url: string, payload: object, remoteAddress?: string, target: AppInstance = app) =>
  target.inject({ method: 'POST', url, payload, ...(remoteAddress ? { remoteAddress } : {}) });
const lookup = (payload: object) => post('/public/lookup', payload);
const download = (payload: object) => post('/public/lookup/result', payload);
const rate = (payload: object) => post('/public/rating', payload);

/** The error body without what differs per request. */
const sansRequestId = (body: ErrorJson) => ({ ...body, requestId: undefined });

describe('citizen lookup of a dossier in progress', () => {
  it('shows status, appointment and the step by role, and nothing personal', async () => {
    const res = await lookup({ code: dossier.code, idNumber });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<LookupJson>();
    expect(body).toMatchObject({
      code: dossier.code,
      status: 2,
      statusLabel: 'Được tiếp nhận',
      procedure: { code: dossier.procedure.code, name: dossier.procedure.name },
      receivedAt: dossier.receivedAt,
      appointmentAt: dossier.appointmentAt,
      currentStep: { handledBy: 'Cán bộ tiếp nhận (một cửa)' },
      resultReady: false,
      returned: false,
      result: null,
      rating: null,
      canRate: false,
    });
    // No applicant data beyond what the applicant typed, no officer identity.
    const officers = devUsers.flatMap((u) => [u.fullName, `"${u.username}"`, u.email]);
    for (const secret of [applicant.fullName, applicant.email, applicant.phone, ...officers])
      expect(res.body).not.toContain(secret);
    expect(Object.keys(body)).not.toContain('applicant');
  });

  it('takes the ID number whatever its case and surrounding spaces', async () => {
    const res = await lookup({ code: ` ${dossier.code} `, idNumber: ` ${idNumber} ` });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('answers a wrong code, a wrong ID number or both with the same 404', async () => {
    const otherCode = dossier.code.replace(/\d{4}$/, (n) =>
      String((Number(n) + 5000) % 10_000).padStart(4, '0'),
    );
    const otherId = idNumber.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const answers = await Promise.all([
      lookup({ code: otherCode, idNumber }),
      lookup({ code: dossier.code, idNumber: otherId }),
      lookup({ code: otherCode, idNumber: otherId }),
      lookup({ code: dossier.code, idNumber: applicant.idNumber }),
      download({ code: dossier.code, idNumber: otherId }),
      rate({ code: otherCode, idNumber, level: 'satisfied' }),
    ]);
    const bodies = answers.map((r) => {
      expect(r.statusCode, r.body).toBe(404);
      return r.json<ErrorJson>();
    });
    expect(bodies[0]).toMatchObject({ code: 'LOOKUP.NOT_FOUND' });
    expect(bodies[0]?.field).toBeUndefined();
    for (const body of bodies) expect(sansRequestId(body)).toEqual(sansRequestId(bodies[0]!));
    expect(new Set(bodies.map((b) => b.requestId)).size).toBe(bodies.length);
  });

  it('answers malformed input 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ code: dossier.code }, 'body.idNumber'],
      [{ code: dossier.code, idNumber: '12' }, 'body.idNumber'],
      [{ code: 'MÃ HỒ SƠ', idNumber }, 'body.code'],
      [{ code: '', idNumber }, 'body.code'],
      [{ code: 'x'.repeat(101), idNumber }, 'body.code'],
    ];
    for (const [payload, field] of cases) {
      const res = await lookup(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorJson>()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const badLevel = await rate({ code: dossier.code, idNumber, level: 'excellent' });
    expect(badLevel.json<ErrorJson>()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.level' });
    const longComment = await rate({
      code: dossier.code,
      idNumber,
      level: 'satisfied',
      comment: 'a'.repeat(1001),
    });
    expect(longComment.json<ErrorJson>()).toMatchObject({ field: 'body.comment' });
  });

  it('refuses the download and the rating before the result is returned', async () => {
    for (const res of [
      await download({ code: dossier.code, idNumber }),
      await rate({ code: dossier.code, idNumber, level: 'very_satisfied' }),
    ]) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json<ErrorJson>().code).toBe('LOOKUP.NOT_RETURNED');
    }
  });

  it('links the dossier detail to its Temporal Web UI history', async () => {
    const view = await dossierOf(api, dossier.code);
    const expected = `http://localhost:8233/namespaces/${encodeURIComponent(inject('temporalNamespace'))}/workflows/${encodeURIComponent(dossier.code)}`;
    expect(view['temporalUiUrl']).toBe(expected);
    expect(temporalWorkflowUrl('http://ui.example/', 'ninh-binh', 'A B/1')).toBe(
      'http://ui.example/namespaces/ninh-binh/workflows/A%20B%2F1',
    );
    expect(temporalWorkflowUrl(null, 'default', dossier.code)).toBeNull();
  });
});

describe('citizen lookup once the result is ready, then returned', () => {
  it('says the result is ready but offers no file before it is returned', async () => {
    dossier = await walkTo(api, dossier, 'tra-ket-qua');
    const body = (await lookup({ code: dossier.code, idNumber })).json<LookupJson>();
    expect(body).toMatchObject({
      status: 9,
      resultReady: true,
      returned: false,
      result: null,
      canRate: false,
    });
    expect((await download({ code: dossier.code, idNumber })).statusCode).toBe(409);
  });

  it('offers the result file once returned, and only with the right pair', async () => {
    dossier = await walkTo(api, dossier, null);
    const body = (await lookup({ code: dossier.code, idNumber })).json<LookupJson>();
    expect(body).toMatchObject({
      status: 10,
      statusLabel: 'Đã trả kết quả',
      resultReady: true,
      returned: true,
      canRate: true,
      result: { download: { method: 'POST', href: '/public/lookup/result' } },
    });
    expect(body.returnedAt).not.toBeNull();

    const file = await download({ code: dossier.code, idNumber });
    expect(file.statusCode, file.body).toBe(200);
    expect(file.rawPayload.equals(samplePdf())).toBe(true);
    expect(file.headers['x-content-sha256']).toBe(body.result?.sha256);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);

    const wrong = await download({ code: dossier.code, idNumber: applicant.idNumber });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json<ErrorJson>().code).toBe('LOOKUP.NOT_FOUND');
  });

  it('takes one rating per dossier, then answers 409', async () => {
    const first = await rate({
      code: dossier.code,
      idNumber,
      level: 'very_satisfied',
      comment: '  Cán bộ hướng dẫn tận tình.  ',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      level: 'very_satisfied',
      levelLabel: 'Rất hài lòng',
      comment: 'Cán bộ hướng dẫn tận tình.',
    });

    const again = await rate({ code: dossier.code, idNumber, level: 'dissatisfied' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<ErrorJson>().code).toBe('LOOKUP.ALREADY_RATED');

    const body = (await lookup({ code: dossier.code, idNumber })).json<LookupJson>();
    expect(body).toMatchObject({ rating: { level: 'very_satisfied' }, canRate: false });
    const stored = await h.db
      .selectFrom('dossier_rating')
      .selectAll()
      .where('dossier_code', '=', dossier.code)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ level: 'very_satisfied', tenant: 'default' });
  });
});

describe('rate limits per client (the production defaults)', () => {
  let limited: AppInstance;
  let proxied: AppInstance;

  beforeAll(async () => {
    limited = await buildTestApp(h.db, { rateLimits: defaultRateLimits });
    proxied = await buildTestApp(h.db, { rateLimits: defaultRateLimits, trustProxy: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await limited?.close();
    await proxied?.close();
  });

  const wrongPair = { code: 'NO-SUCH-DOSSIER', idNumber: '000000000000' };

  it('answers 429 RATE_LIMITED with Retry-After past 10 lookups a minute, counting rating and download too', async () => {
    const client = '203.0.113.7';
    for (let i = 0; i < defaultRateLimits.lookup - 2; i++) {
      const res = await post('/public/lookup', wrongPair, client, limited);
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-ratelimit-limit']).toBe(String(defaultRateLimits.lookup));
    }
    expect(
      (await post('/public/rating', { ...wrongPair, level: 'satisfied' }, client, limited)).statusCode,
    ).toBe(404);
    // Malformed requests count as well (checked before the body is parsed).
    expect((await post('/public/lookup/result', {}, client, limited)).statusCode).toBe(400);

    for (const url of ['/public/lookup', '/public/lookup/result', '/public/rating']) {
      const res = await post(url, wrongPair, client, limited);
      expect(res.statusCode, res.body).toBe(429);
      const body = res.json<ErrorJson>();
      expect(body.code).toBe('RATE_LIMITED');
      expect(body.message).toMatch(
        /^Quá nhiều yêu cầu từ địa chỉ của bạn\. Vui lòng thử lại sau \d+ giây\.$/,
      );
      expect(body.requestId).toEqual(expect.any(String));
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Another client is not affected; a forged X-Forwarded-For changes nothing when no proxy is trusted.
    expect((await post('/public/lookup', wrongPair, '203.0.113.8', limited)).statusCode).toBe(404);
    const forged = await limited.inject({
      method: 'POST',
      url: '/public/lookup',
      payload: wrongPair,
      remoteAddress: client,
      headers: { 'x-forwarded-for': '198.51.100.99' },
    });
    expect(forged.statusCode).toBe(429);
  });

  it('counts the address X-Forwarded-For names when the proxy is trusted (TRUST_PROXY)', async () => {
    const via = (forwardedFor: string) =>
      proxied.inject({
        method: 'POST',
        url: '/public/lookup',
        payload: wrongPair,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor },
      });
    for (let i = 0; i < defaultRateLimits.lookup; i++)
      expect((await via('198.51.100.1')).statusCode).toBe(404);
    expect((await via('198.51.100.1')).statusCode).toBe(429);
    expect((await via('198.51.100.2')).statusCode).toBe(404);
  });

  it('limits login attempts per client, whether the password is right or wrong', async () => {
    const login = (password: string) =>
      limited.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: 'receiver', password },
        remoteAddress: '192.0.2.44',
      });
    for (let i = 0; i < defaultRateLimits.login - 1; i++) expect((await login('wrong')).statusCode).toBe(401);
    expect((await login(devPassword)).statusCode).toBe(200);
    const res = await login(devPassword);
    expect(res.statusCode).toBe(429);
    expect(res.json<ErrorJson>().code).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('gives the public callbacks a looser budget of their own', async () => {
    const res = await limited.inject({ url: '/payments/vnpay/ipn', remoteAddress: '192.0.2.45' });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['x-ratelimit-limit']).toBe(String(defaultRateLimits.callbacks));
    const answer = await limited.inject({ url: '/liaison/answer', remoteAddress: '192.0.2.45' });
    expect(answer.headers['x-ratelimit-limit']).toBe(String(defaultRateLimits.callbacks));
    expect(answer.headers['x-ratelimit-remaining']).toBe(String(defaultRateLimits.callbacks - 2));
  });
});

describe('rate-limit configuration', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua' };

  it('defaults to 10 lookups and 10 logins a minute per client, and trusts no proxy', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      RATE_LIMIT_LOOKUP_MAX: defaultRateLimits.lookup,
      RATE_LIMIT_LOGIN_MAX: defaultRateLimits.login,
      RATE_LIMIT_CALLBACK_MAX: defaultRateLimits.callbacks,
      RATE_LIMIT_WINDOW: defaultRateLimits.windowMs / 1000,
      TRUST_PROXY: false,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['10.0.0.1', ['10.0.0.1']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ ...base, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each([
    [{ TRUST_PROXY: 'every proxy' }, 'TRUST_PROXY'],
    [{ RATE_LIMIT_LOOKUP_MAX: '0' }, 'RATE_LIMIT_LOOKUP_MAX'],
    [{ RATE_LIMIT_LOGIN_MAX: 'ten' }, 'RATE_LIMIT_LOGIN_MAX'],
    [{ RATE_LIMIT_WINDOW: '-1' }, 'RATE_LIMIT_WINDOW'],
  ])('rejects %o naming %s', (override, variable) => {
    expect(() => loadConfig({ ...base, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...override })).toThrow(new RegExp(variable));
  });
});
