import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { buildTestApp } from './support/app.js';
import { citizenHeaders, testCitizens } from './support/citizen.js';
import { connectTestDatabase } from './support/db.js';

let db: Database;
let app: AppInstance;
let clock = Date.now();

beforeAll(async () => {
  db = connectTestDatabase();
  app = await buildTestApp(db, { now: () => clock });
});

afterAll(async () => {
  await app.close();
  await db.destroy();
});

describe('citizen sessions (api/citizen-session.ts)', () => {
  it('knows the citizen of a session and never stores its token', async () => {
    const headers = await citizenHeaders(db, testCitizens.an);
    const res = await app.inject({ url: '/portal/me', headers: { cookie: headers.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ personalId: testCitizens.an.personalId, fullName: 'Nguyễn Văn An' });
    expect(res.json<{ csrfToken: string }>().csrfToken).toBe(headers['x-csrf-token']);
    const token = headers.cookie.split('=')[1]!;
    const rows = await db.selectFrom('citizen_session').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('answers 401 without a session, with a forged one, and after 30 idle minutes', async () => {
    const none = await app.inject({ url: '/portal/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'CITIZEN.UNAUTHENTICATED' });
    const forged = await app.inject({
      url: '/portal/me',
      headers: { cookie: `mc_citizen=${'A'.repeat(43)}` },
    });
    expect(forged.json()).toMatchObject({ code: 'CITIZEN.SESSION_EXPIRED' });
    const headers = await citizenHeaders(db, testCitizens.binh);
    clock = Date.now() + 31 * 60_000;
    try {
      const idle = await app.inject({ url: '/portal/me', headers: { cookie: headers.cookie } });
      expect(idle.statusCode).toBe(401);
      expect(idle.json()).toMatchObject({ code: 'CITIZEN.SESSION_EXPIRED' });
      expect(idle.headers['set-cookie']).toMatch(/mc_citizen=;.*Max-Age=0/);
    } finally {
      clock = Date.now();
    }
  });

  it('logs out only with the CSRF token, and the session is gone after', async () => {
    const headers = await citizenHeaders(db, testCitizens.an);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/portal/auth/logout',
      headers: { cookie: headers.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'CITIZEN.CSRF' });
    const out = await app.inject({ method: 'POST', url: '/portal/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect(out.headers['set-cookie']).toMatch(/HttpOnly; SameSite=Lax/);
    const after = await app.inject({ url: '/portal/me', headers: { cookie: headers.cookie } });
    expect(after.statusCode).toBe(401);
  });
});
