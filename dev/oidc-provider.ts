/**
 * A real OpenID Connect provider (panva's oidc-provider) standing in for VNeID / the national SSO in
 * development and tests: discovery, JWKS (an RS256 key generated at start), authorization with PKCE
 * required, token, UserInfo and RP-initiated logout, over real HTTP, with a Vietnamese login and consent of
 * its own. Everything is in memory: a restart forgets sessions and keys. Never for production.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider, type Configuration, type InteractionResults } from 'oidc-provider';
import { DEV_CITIZEN_PASSWORD, type DevCitizen } from './dev-citizens.js';
import { consentPage, errorPage, loggedOutPage, loginPage, logoutPage } from './oidc-pages.js';

/** A relying party registered at the provider (confidential, `client_secret_basic`). */
export interface DevOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  name?: string;
}

export interface DevOidcProviderOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: never expose a provider that vouches for anyone beyond the machine. */
  host?: string;
  /** Default `http://<host>:<port>`. */
  issuer?: string;
  clients: DevOidcClient[];
  citizens: readonly DevCitizen[];
  /** Claim (and scope) carrying the personal ID; default `personal_id`. */
  idClaim?: string;
  /** Profile claims in the ID token too (default); false keeps them at UserInfo only, as many providers do. */
  claimsInIdToken?: boolean;
  logger?: { warn(obj: object, msg?: string): void };
}

export interface DevOidcProvider {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

/** The provider's subject for a dev citizen: opaque and stable, not the personal ID. */
export function devCitizenSubject(citizen: DevCitizen): string {
  const seed = citizen.personalId ?? citizen.fullName;
  return `dev-${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 20)}`;
}

const e164 = (phone: string | null) => (phone?.startsWith('0') ? `+84${phone.slice(1)}` : phone);

async function signingKeys() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { keys: [{ ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' }] };
}

function configuration(opts: DevOidcProviderOptions, idClaim: string, jwks: Configuration['jwks']) {
  const bySubject = new Map(opts.citizens.map((c) => [devCitizenSubject(c), c]));
  const config: Configuration = {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.name ?? 'Cổng dịch vụ công Một Cửa',
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true, methods: ['S256'] },
    // Seconds: an interaction of 10 minutes, a provider session of 1 hour, a code usable for 1 minute.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
    },
    claims: { profile: ['name'], email: ['email'], phone: ['phone_number'], [idClaim]: [idClaim] },
    conformIdTokenClaims: !(opts.claimsInIdToken ?? true),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => void (ctx.body = logoutPage(form)),
        postLogoutSuccessSource: (ctx) => void (ctx.body = loggedOutPage()),
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(`Yêu cầu không hợp lệ (${String(out.error)}).`);
    },
    findAccount: (_ctx, sub) => {
      const citizen = bySubject.get(sub);
      if (!citizen) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: citizen.fullName,
          ...(citizen.email ? { email: citizen.email } : {}),
          ...(citizen.phone ? { phone_number: e164(citizen.phone) } : {}),
          ...(citizen.personalId !== undefined ? { [idClaim]: citizen.personalId } : {}),
        }),
      };
    },
  };
  return { config, bySubject };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

const send = (res: ServerResponse, status: number, html: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

/** Starts the provider with one registered client (or more) and its citizens. */
export async function startDevOidcProvider(opts: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const host = opts.host ?? '127.0.0.1';
  const idClaim = opts.idClaim ?? 'personal_id';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = opts.issuer ?? `http://${host}:${port}`;
  const { config, bySubject } = configuration(opts, idClaim, await signingKeys());
  const provider = new Provider(issuer, config);
  provider.on('server_error', (_ctx, err) => opts.logger?.warn({ err }, 'dev OIDC provider error'));
  const quick = [...bySubject].map(([account, c]) => ({
    account,
    label: `${c.fullName}${c.personalId ? ` – ${c.personalId}` : ''}`,
  }));

  const finish = (req: IncomingMessage, res: ServerResponse, result: InteractionResults) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, errorPage('Phiên đăng nhập không khớp.'));
    if (req.method === 'GET' && action === '') {
      if (details.prompt.name === 'login') return send(res, 200, loginPage(uid, quick));
      const client = await provider.Client.find(String(details.params.client_id));
      const scope = details.params.scope;
      const scopes = typeof scope === 'string' ? scope.split(' ') : [];
      return send(
        res,
        200,
        consentPage(uid, client?.clientName ?? String(details.params.client_id), scopes, idClaim),
      );
    }
    if (req.method !== 'POST') return send(res, 405, errorPage('Phương thức không được hỗ trợ.'));
    if (action === '/abort') {
      return finish(req, res, { error: 'access_denied', error_description: 'Người dùng đã hủy đăng nhập' });
    }
    if (action === '/login' && details.prompt.name === 'login') {
      const form = await readForm(req);
      const account = form.get('account') ?? findByPersonalId(form);
      if (!account || !bySubject.has(account)) {
        return send(res, 200, loginPage(uid, quick, 'Số định danh cá nhân hoặc mật khẩu không đúng.'));
      }
      return finish(req, res, { login: { accountId: account } });
    }
    if (action === '/confirm' && details.prompt.name === 'consent') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({
            accountId: details.session?.accountId,
            clientId: String(details.params.client_id),
          });
      if (!grant) return send(res, 400, errorPage('Không tìm thấy quyền đã cấp.'));
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    return send(res, 400, errorPage('Bước đăng nhập không hợp lệ.'));
  }

  function findByPersonalId(form: URLSearchParams): string | undefined {
    const personalId = form.get('personalId')?.trim();
    if (!personalId || form.get('password') !== DEV_CITIZEN_PASSWORD) return undefined;
    return [...bySubject].find(([, c]) => c.personalId === personalId)?.[0];
  }

  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]{1,100})(\/[a-z]+)?(?:\?.*)?$/.exec(req.url ?? '');
    if (!match) return void callback(req, res);
    interaction(req, res, match[1]!, match[2] ?? '').catch((err: unknown) => {
      opts.logger?.warn({ err }, 'dev OIDC interaction failed');
      if (!res.headersSent)
        send(res, 400, errorPage('Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng thử lại.'));
    });
  });
  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
