/**
 * The citizen's e-ID login (api/citizen-login.ts) against the real local OpenID Connect provider
 * (dev/oidc-provider.ts) over real HTTP: the code flow with PKCE, its refusals, and no password anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { safeReturnTo } from '../api/citizen-login.js';
import { pino } from 'pino';
import { devCitizens, type DevCitizen } from '../dev/dev-citizens.js';
import { startDevOidcProvider } from '../dev/oidc-provider.js';
import { freePort } from '../scripts/net.js';
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
let clock = Date.now();
/** What the app logged (JSON lines): reasons of failed logins, never a personal ID. */
const logs: string[] = [];

beforeAll(async () => {
  db = connectTestDatabase();
  provider = await startTestOidcProvider();
  app = await buildTestApp(db, {
    citizenLogin: provider.settings,
    now: () => clock,
    logger: pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) }),
  });
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

async function sessionCount(): Promise<number> {
  const row = await db
    .selectFrom('citizen_session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs the login up to the provider's redirect back to the app, then hands the callback URL over. */
async function upToCallback(citizen = devCitizens.binh) {
  const login = await loginThroughProvider(app, citizen, { stopAtCallback: true });
  const stateCookie = login.browser.cookie(INJECT_ORIGIN, 'mc_citizen_login');
  if (!login.callbackUrl || !stateCookie) throw new Error('the login did not reach the callback');
  return { browser: login.browser, callbackUrl: login.callbackUrl, stateCookie };
}

/** The callback as the browser would call it, with the given login-state cookie (or none). */
function callback(url: string, stateCookie?: string) {
  const target = new URL(url);
  return app.inject({
    url: `${target.pathname}${target.search}`,
    headers: stateCookie ? { cookie: `mc_citizen_login=${stateCookie}` } : {},
  });
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
    expect(res.json()).toMatchObject(devCitizens.an);
    // The login state is single-use: gone from the browser once back.
    expect(login.browser.cookie(INJECT_ORIGIN, 'mc_citizen_login')).toBeUndefined();
  });

  it('ends at the sign-in page with loi=huy when the citizen cancels, and opens no session', async () => {
    const before = await sessionCount();
    const browser = new TestBrowser(app, INJECT_ORIGIN);
    const page = await browser.follow(`${INJECT_ORIGIN}/portal/auth/login?returnTo=/dvc`);
    expect(page.answer.body).toContain('Đăng nhập bằng tài khoản định danh điện tử – môi trường thử nghiệm');
    const end = await browser.submit(page.url, 'abort', { cancel: '1' });
    expect(end.url).toBe(signIn('huy'));
    expect(browser.cookie(INJECT_ORIGIN, 'mc_citizen')).toBeUndefined();
    expect(await sessionCount()).toBe(before);
  });

  it('also cancels from the consent page', async () => {
    const browser = new TestBrowser(app, INJECT_ORIGIN);
    const page = await browser.follow(`${INJECT_ORIGIN}/portal/auth/login`);
    const consent = await browser.submit(page.url, 'login', loginForm(devCitizens.cuong, true));
    expect(consent.answer.body).toContain('Đồng ý');
    expect(consent.answer.body).toContain('Số định danh cá nhân');
    const end = await browser.submit(consent.url, 'abort', {});
    expect(end.url).toBe(signIn('huy'));
  });

  it('refuses a callback with a wrong state, without the state cookie, or after 10 minutes', async () => {
    const before = await sessionCount();
    const wrong = await upToCallback();
    const forged = new URL(wrong.callbackUrl);
    forged.searchParams.set('state', 'another-state');
    const res = await callback(forged.href, wrong.stateCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/dvc/dang-nhap?loi=khong-hop-le');
    expect(res.headers['set-cookie']).toEqual(expect.stringMatching(/^mc_citizen_login=;.*Max-Age=0/));

    const noCookie = await upToCallback();
    expect((await callback(noCookie.callbackUrl)).headers.location).toBe('/dvc/dang-nhap?loi=het-han');

    const tampered = await upToCallback();
    const bad = `${tampered.stateCookie.slice(0, -4)}AAAA`;
    expect((await callback(tampered.callbackUrl, bad)).headers.location).toBe(
      '/dvc/dang-nhap?loi=khong-hop-le',
    );

    const late = await upToCallback();
    clock = Date.now() + 11 * 60_000;
    try {
      expect((await callback(late.callbackUrl, late.stateCookie)).headers.location).toBe(
        '/dvc/dang-nhap?loi=het-han',
      );
    } finally {
      clock = Date.now();
    }
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an authorization code used twice', async () => {
    const { callbackUrl, stateCookie } = await upToCallback();
    const first = await callback(callbackUrl, stateCookie);
    expect(first.headers.location).toBe('/dvc/ho-so');
    const before = await sessionCount();
    // Someone who copied the URL and the cookie tries again: the provider refuses the code.
    const replay = await callback(callbackUrl, stateCookie);
    expect(replay.headers.location).toBe('/dvc/dang-nhap?loi=khong-hop-le');
    expect(replay.headers['set-cookie']).not.toEqual(expect.stringContaining('mc_citizen='));
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an answer of another provider, with or without its issuer parameter', async () => {
    const before = await sessionCount();
    const other = await startTestOidcProvider();
    try {
      const browser = new TestBrowser(app, INJECT_ORIGIN);
      const start = await browser.request(`${INJECT_ORIGIN}/portal/auth/login`);
      const stateCookie = browser.cookie(INJECT_ORIGIN, 'mc_citizen_login')!;
      // The same request (client, redirect URI, state, nonce, PKCE), sent to the other provider.
      const elsewhere = new URL(start.location!);
      const page = await browser.follow(
        new URL(`${elsewhere.pathname}${elsewhere.search}`, other.issuer).href,
      );
      let step = await browser.submit(page.url, 'login', loginForm(devCitizens.an), true);
      step = await browser.submit(step.url, 'confirm', {}, true);
      expect(new URL(step.url).searchParams.get('iss')).toBe(other.issuer);
      const withIss = await callback(step.url, stateCookie);
      expect(withIss.headers.location).toBe('/dvc/dang-nhap?loi=khong-hop-le');
      const stripped = new URL(step.url);
      stripped.searchParams.delete('iss');
      const withoutIss = await callback(stripped.href, stateCookie);
      expect(withoutIss.headers.location).toBe('/dvc/dang-nhap?loi=khong-hop-le');
    } finally {
      await other.close();
    }
    expect(await sessionCount()).toBe(before);
  });

  it('answers khong-co-dinh-danh when the personal ID claim is missing or not a personal ID', async () => {
    const nobody = { fullName: 'Phạm Văn Dũng', email: null, phone: null };
    const people: DevCitizen[] = [
      nobody,
      { ...nobody, personalId: '999090001234' },
      { ...nobody, personalId: '0360900' },
    ];
    await withProvider({ citizens: people }, async (otherApp) => {
      for (const who of people) {
        const login = await loginThroughProvider(otherApp, who);
        expect(login.landing, who.personalId).toBe(signIn('khong-co-dinh-danh'));
        expect(login.sessionCookie).toBeNull();
      }
    });
  });

  it('reads the claims at UserInfo when the provider keeps them out of the ID token', async () => {
    await withProvider({ claimsInIdToken: false }, async (otherApp) => {
      const login = await loginThroughProvider(otherApp, devCitizens.binh);
      expect(login.landing).toBe(`${INJECT_ORIGIN}/dvc/ho-so`);
      const res = await otherApp.inject({ url: '/portal/me', headers: { cookie: login.sessionCookie! } });
      expect(res.json()).toMatchObject({ personalId: '037185004321', phone: '0987654321' });
    });
  });

  it('comes back only to a portal path: no open redirect', async () => {
    const login = await loginThroughProvider(app, devCitizens.an, { returnTo: 'https://evil.example/' });
    expect(login.landing).toBe(`${INJECT_ORIGIN}/dvc/ho-so`);
    for (const bad of [
      '//evil.example/dvc',
      '/\\evil.example',
      '/dvc/../admin',
      'javascript:alert(1)',
      '/dvcx',
    ]) {
      expect(safeReturnTo(bad), bad).toBe('/dvc/ho-so');
    }
    expect(safeReturnTo('/dvc')).toBe('/dvc');
    expect(safeReturnTo('/dvc/ho-so/H42-1?thanh-toan=huy')).toBe('/dvc/ho-so/H42-1?thanh-toan=huy');
  });

  it("offers the provider's logout after ending the portal session", async () => {
    const login = await loginThroughProvider(app, devCitizens.an);
    const session = (await me(login.sessionCookie)).json<{ csrfToken: string }>();
    const out = await app.inject({
      method: 'POST',
      url: '/portal/auth/logout',
      headers: { cookie: login.sessionCookie!, 'x-csrf-token': session.csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const { endSessionUrl } = out.json<{ endSessionUrl: string }>();
    expect(endSessionUrl.startsWith(provider.issuer)).toBe(true);
    expect(new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${INJECT_ORIGIN}/dvc`);
    const page = await login.browser.follow(endSessionUrl);
    expect(page.answer.body).toContain('Bạn có muốn đăng xuất');
    expect((await me(login.sessionCookie)).statusCode).toBe(401);
  });

  it('logs why logins failed, never the personal ID', () => {
    const reasons = logs
      .filter((l) => l.includes('citizen login failed'))
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(reasons.map((r) => r.failure)).toEqual(expect.arrayContaining(['huy', 'het-han', 'khong-hop-le']));
    expect(reasons.some((r) => /state/i.test(r.reason!))).toBe(true);
    expect(reasons.some((r) => /iss/i.test(r.reason!))).toBe(true);
    expect(reasons.some((r) => /invalid_grant/.test(r.reason!))).toBe(true);
    for (const c of Object.values(devCitizens)) expect(logs.join('\n')).not.toContain(c.personalId);
  });

  it('stores no citizen password: no such column', async () => {
    const columns = await db
      .selectFrom('information_schema.columns' as never)
      .select(['table_name' as never, 'column_name' as never])
      .where('table_name' as never, 'in', ['citizen', 'citizen_session'] as never)
      .execute();
    const names = (columns as { table_name: string; column_name: string }[]).map((c) => c.column_name);
    expect(names).toContain('personal_id');
    expect(names.filter((n) => /pass|pwd|secret|mat_khau/i.test(n))).toEqual([]);
  });
});

describe('citizen login without a reachable provider', () => {
  it('answers 503 CITIZEN.LOGIN_UNAVAILABLE when none is configured, and keeps it out of OpenAPI', async () => {
    const bare = await buildTestApp(db);
    try {
      for (const url of ['/portal/auth/login?returnTo=/dvc', '/portal/auth/callback?code=x&state=y']) {
        const res = await bare.inject({ url });
        expect(res.statusCode, url).toBe(503);
        expect(res.json(), url).toMatchObject({ code: 'CITIZEN.LOGIN_UNAVAILABLE' });
      }
      const spec = (await bare.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      expect(spec.paths['/portal/auth/login']).toBeUndefined();
    } finally {
      await bare.close();
    }
    const spec = (await app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(spec.paths['/portal/auth/login']).toBeDefined();
  });

  it('starts while the provider is down (loi=tam-ngung), and logs in once it is up', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const later = await buildTestApp(db, { citizenLogin: { ...provider.settings, issuer } });
    try {
      const down = await later.inject({ url: '/portal/auth/login?returnTo=/dvc' });
      expect(down.statusCode).toBe(302);
      expect(down.headers.location).toBe('/dvc/dang-nhap?loi=tam-ngung');
      const up = await startDevOidcProvider({
        port,
        citizens: Object.values(devCitizens),
        clients: [
          {
            clientId: provider.settings.clientId,
            clientSecret: provider.settings.clientSecret,
            redirectUris: [provider.settings.redirectUri],
          },
        ],
      });
      try {
        const login = await loginThroughProvider(later, devCitizens.cuong);
        expect(login.landing).toBe(`${INJECT_ORIGIN}/dvc/ho-so`);
        const res = await later.inject({ url: '/portal/me', headers: { cookie: login.sessionCookie! } });
        expect(res.json()).toMatchObject({ personalId: '037201009876', email: null, phone: null });
      } finally {
        await up.close();
      }
    } finally {
      await later.close();
    }
  });
});
