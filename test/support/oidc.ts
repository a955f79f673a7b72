/**
 * The citizen's e-ID login in tests, through the real local OpenID Connect provider over real HTTP: a
 * provider started per test file, and a small browser (cookie jar, redirects followed by hand) that walks
 * the login and consent forms like a person would.
 */
import type { AppInstance } from '../../api/app.js';
import type { CitizenLoginSettings } from '../../api/citizen-login.js';
import { DEV_CITIZEN_PASSWORD, devCitizens, type DevCitizen } from '../../dev/dev-citizens.js';
import {
  devCitizenSubject,
  startDevOidcProvider,
  type DevOidcProvider,
  type DevOidcProviderOptions,
} from '../../dev/oidc-provider.js';

/** Origin of an app driven by `inject` (no socket): the provider sends the browser back here. */
export const INJECT_ORIGIN = 'http://portal.test';
export const TEST_OIDC_CLIENT_ID = 'mot-cua-test';
export const TEST_OIDC_CLIENT_SECRET = 'test-oidc-client-secret-0123456789';

export interface TestOidcProvider extends DevOidcProvider {
  /** What `buildTestApp(db, { citizenLogin })` needs to log citizens in at this provider. */
  settings: CitizenLoginSettings;
}

/**
 * Starts the dev provider on a free port with one client whose callback is `redirectUri` (default the
 * inject origin's `/portal/auth/callback`), vouching for `citizens` (default the dev citizens).
 */
export async function startTestOidcProvider(
  opts: Partial<Pick<DevOidcProviderOptions, 'citizens' | 'idClaim' | 'claimsInIdToken'>> & {
    redirectUri?: string;
  } = {},
): Promise<TestOidcProvider> {
  const redirectUri = opts.redirectUri ?? `${INJECT_ORIGIN}/portal/auth/callback`;
  const idClaim = opts.idClaim ?? 'personal_id';
  const provider = await startDevOidcProvider({
    port: 0,
    citizens: opts.citizens ?? Object.values(devCitizens),
    idClaim,
    claimsInIdToken: opts.claimsInIdToken,
    clients: [
      {
        clientId: TEST_OIDC_CLIENT_ID,
        clientSecret: TEST_OIDC_CLIENT_SECRET,
        redirectUris: [redirectUri],
        postLogoutRedirectUris: [new URL('/dvc', redirectUri).href],
      },
    ],
  });
  return {
    ...provider,
    settings: {
      issuer: provider.issuer,
      clientId: TEST_OIDC_CLIENT_ID,
      clientSecret: TEST_OIDC_CLIENT_SECRET,
      redirectUri,
      scopes: `openid profile email phone ${idClaim}`,
      idClaim,
      stateSecret: 'test-login-state-secret-0123456789abcdef',
    },
  };
}

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/** A browser: one cookie jar per origin; the app by `inject` (at `appOrigin`) or over HTTP; no auto-redirects. */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(
    private readonly app: AppInstance | null,
    readonly appOrigin: string,
  ) {}

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  /** The Cookie header this browser sends to `origin`. */
  cookieHeader(origin: string): string {
    return [...(this.jars.get(origin) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  forget(origin: string, name: string): void {
    this.jars.get(origin)?.delete(name);
  }

  async request(url: string, form?: Record<string, string>): Promise<Answer> {
    const target = new URL(url);
    const headers: Record<string, string> = { cookie: this.cookieHeader(target.origin) };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const payload = form ? new URLSearchParams(form).toString() : undefined;
    let answer: Answer & { cookies: string[] };
    if (this.app && target.origin === this.appOrigin) {
      const res = await this.app.inject({
        method: form ? 'POST' : 'GET',
        url: `${target.pathname}${target.search}`,
        headers,
        ...(payload ? { payload } : {}),
      });
      const set = res.headers['set-cookie'] ?? [];
      answer = {
        status: res.statusCode,
        location: typeof res.headers.location === 'string' ? res.headers.location : null,
        body: res.body,
        cookies: Array.isArray(set) ? set : [set],
      };
    } else {
      const res = await fetch(target, {
        method: form ? 'POST' : 'GET',
        headers,
        body: payload,
        redirect: 'manual',
      });
      answer = {
        status: res.status,
        location: res.headers.get('location'),
        body: await res.text(),
        cookies: res.headers.getSetCookie(),
      };
    }
    this.store(target.origin, answer.cookies);
    if (answer.location) answer.location = new URL(answer.location, target).href;
    return answer;
  }

  private store(origin: string, cookies: string[]): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of cookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(eq + 1) === '';
      if (gone) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
  }

  /**
   * Follows redirects from `url` until a page to fill in (200) or a redirect that leaves the login: to the
   * app outside `/portal/auth/` (the landing), or to the app's callback when `stopAtCallback`.
   */
  async follow(
    url: string,
    opts: { stopAtCallback?: boolean } = {},
  ): Promise<{ url: string; answer: Answer }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const answer = await this.request(current);
      if (answer.status < 300 || answer.status >= 400 || !answer.location) return { url: current, answer };
      const next = new URL(answer.location);
      const onApp = next.origin === this.appOrigin;
      if (onApp && !next.pathname.startsWith('/portal/auth/')) return { url: next.href, answer };
      if (onApp && opts.stopAtCallback && next.pathname === '/portal/auth/callback') {
        return { url: next.href, answer };
      }
      current = next.href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits a provider form (login, consent, abort) and follows what comes. */
  async submit(pageUrl: string, action: string, form: Record<string, string>, stopAtCallback = false) {
    const uid = /\/interaction\/([\w-]+)/.exec(pageUrl)?.[1];
    if (!uid) throw new Error(`not a provider interaction page: ${pageUrl}`);
    const answer = await this.request(new URL(`/interaction/${uid}/${action}`, pageUrl).href, form);
    if (!answer.location) return { url: pageUrl, answer };
    return this.follow(answer.location, { stopAtCallback });
  }
}

/** The login form's fields for a dev citizen: personal ID and dev password, or the one-click choice. */
export function loginForm(citizen: DevCitizen, oneClick = false): Record<string, string> {
  return citizen.personalId && !oneClick
    ? { personalId: citizen.personalId, password: DEV_CITIZEN_PASSWORD }
    : { account: devCitizenSubject(citizen) };
}

export interface ProviderLogin {
  browser: TestBrowser;
  /** Where the login ended (absolute): `returnTo`, or the sign-in page with `?loi=`. */
  landing: string;
  /** The portal session's Cookie header (`mc_citizen=…`), when a session was opened. */
  sessionCookie: string | null;
}

/**
 * Logs `citizen` in through the provider: from `GET /portal/auth/login?returnTo=` on `target` (an app by
 * inject, or the base URL of a listening one), through the login and consent forms, back to the portal.
 */
export async function loginThroughProvider(
  target: string | AppInstance,
  citizen: DevCitizen,
  opts: { returnTo?: string; appOrigin?: string; stopAtCallback?: boolean } = {},
): Promise<ProviderLogin & { callbackUrl?: string }> {
  const origin = typeof target === 'string' ? new URL(target).origin : (opts.appOrigin ?? INJECT_ORIGIN);
  const browser = new TestBrowser(typeof target === 'string' ? null : target, origin);
  const start = `${origin}/portal/auth/login?returnTo=${encodeURIComponent(opts.returnTo ?? '/dvc/ho-so')}`;
  let step = await browser.follow(start);
  if (step.answer.status !== 200) throw new Error(`no login page: ${step.answer.status} at ${step.url}`);
  step = await browser.submit(step.url, 'login', loginForm(citizen), opts.stopAtCallback);
  if (step.answer.status === 200 && step.url.includes('/interaction/')) {
    step = await browser.submit(step.url, 'confirm', {}, opts.stopAtCallback);
  }
  const session = browser.cookie(origin, 'mc_citizen');
  return {
    browser,
    landing: step.url,
    sessionCookie: session ? `mc_citizen=${session}` : null,
    ...(opts.stopAtCallback ? { callbackUrl: step.url } : {}),
  };
}
