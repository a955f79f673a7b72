/**
 * The citizen's e-ID login (api/citizen-login.ts) against the real local OpenID Connect provider
 * (dev/oidc-provider.ts) over real HTTP: the code flow with PKCE, its refusals, and no password anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { devCitizens, type DevCitizen } from '../dev/dev-citizens.js';
import { buildTestApp } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import {
  INJECT_ORIGIN,
  loginForm,
  loginThroughProvider,
  startTestOidcProvider,
  TestBrowser,
  type TestOidcProvider,
} from './support/oidc.js';

let db: Database;
let provider: TestOidcProvider;
let app: AppInstance;

beforeAll(async () => {
  db = connectTestDatabase();
  provider = await startTestOidcProvider();
  app = await buildTestApp(db, { citizenLogin: provider.settings });
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
  await db?.destroy();
});

const signIn = (code: string) => `${INJECT_ORIGIN}/dvc/dang-nhap?loi=${code}`;

async function me(cookie: string | null) {
  return app.inject({ url: '/portal/me', headers: cookie ? { cookie } : {} });
}

async function sessionsOf(personalId: string | undefined): Promise<number> {
  const rows = await db
    .selectFrom('citizen_session')
    .select('token_hash')
    .where('personal_id', '=', personalId ?? '')
    .execute();
  return rows.length;
}

/** An app logging citizens in at a provider of its own (other citizens, claims kept out of the ID token…). */
async function withProvider<T>(
  opts: Parameters<typeof startTestOidcProvider>[0],
  run: (app: AppInstance, provider: TestOidcProvider) => Promise<T>,
): Promise<T> {
  const other = await startTestOidcProvider(opts);
  const otherApp = await buildTestApp(db, { citizenLogin: other.settings });
  try {
    return await run(otherApp, other);
  } finally {
    await otherApp.close();
    await other.close();
  }
}

describe('citizen login through the OpenID Connect provider', () => {
  it('walks the code flow to a session whose /portal/me is the citizen', async () => {
    const login = await loginThroughProvider(app, devCitizens.an, { returnTo: '/dvc/thu-tuc/1.00001?x=1' });
    expect(login.landing).toBe(`${INJECT_ORIGIN}/dvc/thu-tuc/1.00001?x=1`);
    const res = await me(login.sessionCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      personalId: '036090001234',
      fullName: 'Nguyễn Văn An',
      email: 'an.nguyen@example.vn',
      phone: '0912345678',
    });
    // The login state is single-use: gone from the browser once back.
    expect(login.browser.cookie(INJECT_ORIGIN, 'mc_citizen_login')).toBeUndefined();
  });
});
