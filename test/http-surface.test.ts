/**
 * The HTTP surface common to every route: security headers (CSP, frames, referrer, HSTS in production),
 * caching (console HTML revalidated, hashed assets immutable, API answers never stored), 405 with `Allow`
 * for a known path and a wrong method, and JSON errors that name no field that is not at fault.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { consolePaths } from '../api/routes/web.routes.js';
import type { Database } from '../db/database.js';
import { buildTestApp, loginAs } from './support/app.js';
import { connectTestDatabase } from './support/db.js';

interface ErrorJson {
  code: string;
  message: string;
  field?: string;
  requestId: string;
}

const webDist = resolve(import.meta.dirname, '../web/dist');

let db: Database;
let app: AppInstance;
let asset: string;

beforeAll(async () => {
  db = connectTestDatabase();
  app = await buildTestApp(db);
  const files = await readdir(join(webDist, 'assets'));
  const js = files.find((f) => f.endsWith('.js'));
  if (!js) throw new Error('web/dist has no built script: run `npm --prefix web run build`');
  asset = `/assets/${js}`;
});
afterAll(async () => {
  await app?.close();
  await db?.destroy();
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  const answers = (): { what: string; url: string; method?: 'GET' | 'DELETE' }[] => [
    { what: 'API JSON', url: '/health' },
    { what: 'JSON 404', url: '/no-such-path' },
    { what: 'JSON 405', url: '/health', method: 'DELETE' },
    { what: 'Swagger UI', url: '/docs' },
    { what: 'OpenAPI', url: '/openapi.json' },
    { what: 'console HTML', url: '/dang-nhap' },
    { what: 'console asset', url: asset },
  ];

  it('are on every answer: CSP, frames from this origin only, nosniff, no referrer, no HSTS in development', async () => {
    for (const { what, url, method } of answers()) {
      const res = await app.inject({ method: method ?? 'GET', url });
      expect(res.statusCode, what).toBeLessThan(500);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src'), what).toEqual(["'self'"]);
      expect(csp.get('script-src'), what).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), what).toEqual(["'none'"]);
      expect(csp.get('object-src'), what).toEqual(["'none'"]);
      // The console prints forms in a frame of its own origin; no other site may frame it.
      expect(csp.get('frame-ancestors'), what).toEqual(["'self'"]);
      expect(csp.has('upgrade-insecure-requests'), what).toBe(false);
      expect(res.headers['x-frame-options'], what).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
      // Lookup links carry proof tokens: no Referer ever carries them away.
      expect(res.headers['referrer-policy'], what).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], what).toBeUndefined();
    }
  });

  it('in production add HSTS and upgrade-insecure-requests', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let prod: AppInstance | undefined;
    try {
      prod = await buildTestApp(db, {
        vnpay: {
          terminal: {
            tmnCode: 'PRODTMN1',
            hashSecret: 'a-production-like-secret-0123456789abcdef',
            payUrl: '',
          },
          publicBaseUrl: 'https://motcua.example',
        },
      });
      for (const url of ['/health', '/dang-nhap', asset]) {
        const res = await prod.inject({ method: 'GET', url });
        expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
        expect(directives(res.headers['content-security-policy']).has('upgrade-insecure-requests'), url).toBe(
          true,
        );
      }
    } finally {
      process.env.NODE_ENV = before;
      await prod?.close();
    }
  });

  it('leave the stricter policy of the liaison answer page as it is', async () => {
    const res = await app.inject({ method: 'GET', url: '/liaison/answer?token=not-a-token' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(directives(res.headers['content-security-policy']).get('default-src')).toEqual(["'none'"]);
    expect(directives(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('caching', () => {
  it("never caches the console's HTML without revalidation, at every client route", async () => {
    for (const path of consolePaths) {
      const url = path.replace(':code', 'BPMC-250101-0001');
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('keeps hashed assets a year, immutable', async () => {
    const res = await app.inject({ method: 'GET', url: asset });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never stores the 503 of a console that is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mot-cua-no-web-'));
    const bare = await buildTestApp(db, { webRoot: empty });
    try {
      for (const url of ['/', '/hop-viec', '/ho-so/BPMC-250101-0001']) {
        const res = await bare.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(503);
        expect(res.json<ErrorJson>().code, url).toBe('WEB.NOT_BUILT');
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
      const assetRes = await bare.inject({ method: 'GET', url: asset });
      expect(assetRes.statusCode).toBe(404);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('never stores API answers: authenticated, public lookup, errors', async () => {
    const me = await app.inject({ method: 'GET', url: '/auth/me', headers: await loginAs(app, 'receiver') });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const lookup = await app.inject({
      method: 'POST',
      url: '/public/lookup',
      payload: { code: 'NO-SUCH-DOSSIER', idNumber: '000000000000' },
    });
    expect(lookup.statusCode).toBe(404);
    expect(lookup.headers['cache-control']).toBe('no-store');
    const unauthenticated = await app.inject({ method: 'GET', url: '/dossiers' });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
  });
});

describe('405 Method Not Allowed', () => {
  it('answers a known path with an unsupported method: Allow header, JSON error shape', async () => {
    const cases: [
      method: 'DELETE' | 'PUT' | 'PATCH' | 'POST' | 'OPTIONS' | 'QUERY',
      url: string,
      allow: string,
    ][] = [
      ['DELETE', '/health', 'GET, HEAD'],
      ['PUT', '/auth/login', 'POST'],
      ['PATCH', '/dossiers', 'GET, HEAD, POST'],
      ['DELETE', '/dossiers/BPMC-250101-0001?x=1', 'GET, HEAD'],
      ['PUT', '/dossiers/BPMC-250101-0001/assign', 'POST'],
      ['POST', '/hop-viec', 'GET, HEAD'],
      ['OPTIONS', '/public/lookup', 'POST'],
      ['DELETE', asset, 'GET, HEAD'],
      // Methods with a body: no content type, or one Fastify parses and refuses, before the route lookup.
      ['QUERY', '/auth/me', 'GET, HEAD'],
      ['PUT', '/health', 'GET, HEAD'],
    ];
    for (const [method, url, allow] of cases) {
      const res = await app.inject({
        method,
        url,
        ...(method === 'PUT' ? { headers: { 'content-type': 'application/json' }, payload: '{"a":' } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(405);
      expect(res.headers.allow, `${method} ${url}`).toBe(allow);
      const body = res.json<ErrorJson>();
      expect(body.code).toBe('METHOD_NOT_ALLOWED');
      expect(body.message).toBe(`Đường dẫn này không hỗ trợ phương thức ${method}.`);
      expect(body.field).toBeUndefined();
      expect(body.requestId).toEqual(expect.any(String));
    }
  });

  it('still answers 404 for a path no route has', async () => {
    for (const [method, url] of [
      ['GET', '/no-such-path'],
      ['DELETE', '/dossiers/BPMC-250101-0001/history/extra'],
      ['GET', '/hop-viec/'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers.allow).toBeUndefined();
      expect(res.json<ErrorJson>().code).toBe('NOT_FOUND');
    }
  });
});

describe('errors that are not the body', () => {
  it('an unknown asset or a path out of /assets/ is a 404 that names no field', async () => {
    for (const url of [
      '/assets/no-such-file.js',
      '/assets/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..\\..\\package.json',
      '/assets/.hidden',
      '/assets/',
      '/assets',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      const body = res.json<ErrorJson>();
      expect(body.code, url).toBe('NOT_FOUND');
      expect(body.field, url).toBeUndefined();
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('a URL that cannot be decoded is a 400 in the API error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/dossiers/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorJson>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.field).toBeUndefined();
    expect(body.requestId).toEqual(expect.any(String));
  });

  it('malformed JSON still names the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
  });

  it('a Range that cannot be satisfied names no field', async () => {
    const res = await app.inject({ method: 'GET', url: asset, headers: { range: 'bytes=999999999-' } });
    expect(res.statusCode).toBe(416);
    const body = res.json<ErrorJson>();
    expect(body.field).toBeUndefined();
  });
});

describe('found by schemathesis', () => {
  it('a version number past PostgreSQL integers is a 400 naming it, not a 500', async () => {
    const headers = await loginAs(app, 'auditor');
    for (const url of [
      '/procedures/1.004889.000.00.00.H42?version=9007199254740990',
      '/calendars/default/days?from=2026-01-01&to=2026-01-31&version=9007199254740990',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorJson>().field, url).toBe('query.version');
    }
  });
});
