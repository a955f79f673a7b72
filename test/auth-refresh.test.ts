/**
 * `POST /auth/refresh` on the real app and database, with the token service on a clock the test moves:
 * a still-valid token is exchanged for a new one of the same session, an expired one is not, and a
 * session never outlives 12 hours after its password login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { createTokenService } from '../api/auth.js';
import type { Database } from '../db/database.js';
import { devPassword } from '../db/seed/organisation.seed.js';
import { buildTestApp, testJwtSecret } from './support/app.js';
import { connectTestDatabase } from './support/db.js';

let db: Database;
let app: AppInstance;
let clock = Date.parse('2026-12-07T08:00:00+07:00');
const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  db = connectTestDatabase();
  app = await buildTestApp(db, {
    tokens: createTokenService({ secret: testJwtSecret, now: () => new Date(clock) }),
  });
});
afterAll(async () => {
  await app.close();
  await db.destroy();
});

interface TokenAnswer {
  token: string;
  expiresAt: string;
  officer: { username: string; fullName: string };
}

async function login(): Promise<TokenAnswer> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username: 'receiver', password: devPassword },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TokenAnswer>();
}

const refresh = (token?: string) =>
  app.inject({
    method: 'POST',
    url: '/auth/refresh',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('POST /auth/refresh', () => {
  it('gives a still-valid token 30 more minutes of the same session', async () => {
    const first = await login();
    clock += minutes(20);
    const res = await refresh(first.token);
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json<TokenAnswer>();
    expect(next.officer).toMatchObject({ username: 'receiver', fullName: 'Nguyễn Thị Thu Hà' });
    expect(Date.parse(next.expiresAt)).toBe(clock + minutes(30));
    // 40 minutes after the login the first token is dead, the refreshed one still works.
    clock += minutes(20);
    const me = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${next.token}` } });
    expect(me.statusCode, me.body).toBe(200);
    const old = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${first.token}` } });
    expect(old.json()).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
  });

  it('refuses an expired token and a missing one', async () => {
    const answer = await login();
    clock += minutes(31);
    const expired = await refresh(answer.token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    const missing = await refresh();
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'AUTH.MISSING_TOKEN' });
  });

  it('ends a session 12 hours after its login however often it is refreshed', async () => {
    const start = clock;
    let token = (await login()).token;
    while (clock + minutes(25) - start <= minutes(12 * 60)) {
      clock += minutes(25);
      const res = await refresh(token);
      expect(res.statusCode, res.body).toBe(200);
      token = res.json<TokenAnswer>().token;
    }
    clock += minutes(25);
    const res = await refresh(token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'AUTH.SESSION_TOO_LONG',
      message: 'Phiên làm việc đã kéo dài quá thời gian cho phép. Vui lòng đăng nhập lại.',
    });
  });
});
