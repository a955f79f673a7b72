import { constants, privateEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in of a remote signing service speaking the Cloud Signature Consortium API v2, for
 * `make dev` and the tests: a real HTTP server holding one key and its certificate chain. It implements
 * `/csc/v2/info`, `/oauth2/token` (client credentials), `/csc/v2/credentials/list`, `credentials/info`,
 * `credentials/authorize` (a single-use SAD bound to the hashes) and `signatures/signHash` (RSA PKCS#1 v1.5
 * over SHA-256 hashes). Errors answer `{ error, error_description }` as the spec does.
 */

export interface CscStandinOptions {
  port?: number;
  host?: string;
  clientId: string;
  clientSecret: string;
  credentialId: string;
  /** The RSA private key (PEM) of the credential. */
  keyPem: string;
  /** The certificate chain (PEM), the credential's own first. */
  certificatePems: readonly string[];
  /** The user the credential belongs to: credentials/list for another `userID` lists nothing. */
  userId?: string;
}

export interface CscStandin {
  baseUrl: string;
  /** How many hashes it signed. */
  signedCount(): number;
  close(): Promise<void>;
}

/** DigestInfo prefix of SHA-256 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const RSA_OIDS = ['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.11'];

class CscError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(description);
  }
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new CscError(400, 'invalid_request', 'Malformed JSON body');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startCscStandin(options: CscStandinOptions): Promise<CscStandin> {
  const tokens = new Set<string>();
  const sads = new Map<string, string[]>();
  let signed = 0;
  const chain = options.certificatePems.map((pem) => new X509Certificate(pem));
  const own = chain[0]!;

  const credential = (body: Record<string, unknown>) => {
    if (body.credentialID !== options.credentialId) {
      throw new CscError(400, 'invalid_request', 'Invalid parameter credentialID');
    }
  };
  const hashesOf = (body: Record<string, unknown>): string[] => {
    const hashes = body.hashes;
    if (!Array.isArray(hashes) || hashes.length === 0 || !hashes.every((h) => typeof h === 'string')) {
      throw new CscError(400, 'invalid_request', 'Missing (or invalid type) array parameter hashes');
    }
    if (body.hashAlgorithmOID !== SHA256_OID)
      throw new CscError(400, 'invalid_request', 'Invalid hashAlgorithmOID');
    return hashes;
  };

  const methods: Record<string, (body: Record<string, unknown>) => unknown> = {
    'credentials/list': (body) => ({
      credentialIDs:
        options.userId === undefined || body.userID === undefined || body.userID === options.userId
          ? [options.credentialId]
          : [],
    }),
    'credentials/info': (body) => {
      credential(body);
      return {
        key: { status: 'enabled', algo: RSA_OIDS, len: 2048 },
        cert: {
          status: 'valid',
          certificates: (body.certificates === 'single' ? [own] : chain).map((c) => c.raw.toString('base64')),
          issuerDN: own.issuer,
          serialNumber: own.serialNumber,
          subjectDN: own.subject,
          validFrom: own.validFrom,
          validTo: own.validTo,
        },
        auth: { mode: 'implicit' },
        SCAL: '2',
        multisign: 1,
      };
    },
    'credentials/authorize': (body) => {
      credential(body);
      const hashes = hashesOf(body);
      if (body.numSignatures !== hashes.length) throw new CscError(400, 'invalid_request', 'numSignatures');
      const sad = randomBytes(24).toString('base64url');
      sads.set(sad, hashes);
      return { SAD: sad, expiresIn: 300 };
    },
    'signatures/signHash': (body) => {
      credential(body);
      const hashes = hashesOf(body);
      const allowed = typeof body.SAD === 'string' ? sads.get(body.SAD) : undefined;
      if (!allowed || !hashes.every((h) => allowed.includes(h))) {
        throw new CscError(400, 'invalid_request', 'Invalid SAD');
      }
      if (!RSA_OIDS.includes(String(body.signAlgo)))
        throw new CscError(400, 'invalid_request', 'Invalid signAlgo');
      sads.delete(body.SAD as string);
      signed += hashes.length;
      const signatures = hashes.map((h) =>
        privateEncrypt(
          { key: options.keyPem, padding: constants.RSA_PKCS1_PADDING },
          Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(h, 'base64')]),
        ).toString('base64'),
      );
      return { signatures };
    },
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://standin').pathname;
      try {
        if (req.method !== 'POST') throw new CscError(405, 'invalid_request', 'POST only');
        const body = await bodyOf(req);
        if (path === '/csc/v2/info') {
          return send(res, 200, {
            specs: '2.0.0.2',
            name: 'Dịch vụ ký số thử nghiệm (stand-in)',
            logo: '',
            region: 'VN',
            lang: 'vi',
            description: 'Local CSC API v2 stand-in of Một Cửa',
            authType: ['oauth2client'],
            oauth2: baseUrl,
            methods: ['oauth2/token', ...Object.keys(methods)],
          });
        }
        if (path === '/oauth2/token') {
          const ok =
            body.grant_type === 'client_credentials' &&
            body.client_id === options.clientId &&
            body.client_secret === options.clientSecret;
          if (!ok) throw new CscError(401, 'invalid_client', 'Client authentication failed');
          const token = randomBytes(24).toString('base64url');
          tokens.add(token);
          return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
        }
        const method = methods[path.replace(/^\/csc\/v2\//, '')];
        if (!path.startsWith('/csc/v2/') || !method)
          throw new CscError(404, 'invalid_request', 'Unknown method');
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!bearer || !tokens.has(bearer)) throw new CscError(401, 'invalid_token', 'Invalid access token');
        send(res, 200, method(body));
      } catch (error) {
        const known = error instanceof CscError ? error : new CscError(500, 'server_error', String(error));
        send(res, known.status, { error: known.code, error_description: known.message });
      }
    })();
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    baseUrl,
    signedCount: () => signed,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
