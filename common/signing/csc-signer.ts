/**
 * The remote signer of a Cloud Signature Consortium API v2 service (a trust service provider's remote
 * signing): OAuth 2.0 client credentials, the credential's certificate chain from credentials/info, then per
 * signature credentials/authorize (the SAD for the one hash) and signatures/signHash. The hash sent is the
 * SHA-256 of the CMS signed attributes; the raw RSA signature that comes back goes into the CMS.
 */
import { createHash } from 'node:crypto';
import { OID } from './cms.js';
import { pdfSigner } from './pdf-signer.js';
import type { ResultSigner, SigningKey } from './types.js';

export interface CscConfig {
  /** The service root; the API is under `/csc/v2/`, the token endpoint is `/oauth2/token` of `info.oauth2`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Which credential signs; when empty, the first of credentials/list. */
  credentialId?: string;
  /**
   * Sign with a credential of this user (CSC `userID` of credentials/list, e.g. the approving leader's
   * account at the service); `credentialId`, when set, is the fallback for a user the service has none for.
   */
  userId?: string;
}

const TIMEOUT_MS = 15_000;

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const form = body instanceof URLSearchParams;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: form ? body.toString() : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const reason = typeof json.error_description === 'string' ? json.error_description : response.statusText;
    throw new Error(
      `CSC ${new URL(url).pathname}: ${response.status} ${typeof json.error === 'string' ? json.error : ''} ${reason}`,
    );
  }
  return json;
}

/** One signing session: a token, the credential and its certificate chain. */
export async function cscSigningKey(config: CscConfig): Promise<SigningKey> {
  const base = config.baseUrl.replace(/\/+$/, '');
  const info = await post(`${base}/csc/v2/info`, {});
  const oauth2 = typeof info.oauth2 === 'string' && info.oauth2 ? info.oauth2.replace(/\/+$/, '') : base;
  const tokenAnswer = await post(
    `${oauth2}/oauth2/token`,
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
    }),
  );
  const token = typeof tokenAnswer.access_token === 'string' ? tokenAnswer.access_token : '';
  const api = (method: string, body: unknown) => post(`${base}/csc/v2/${method}`, body, token);
  let credentialID = config.userId ? undefined : config.credentialId;
  if (!credentialID) {
    const list = await api('credentials/list', config.userId ? { userID: config.userId } : {});
    credentialID = (list.credentialIDs as string[] | undefined)?.[0] ?? config.credentialId;
    if (!credentialID) throw new Error('CSC: no credential');
  }
  const credential = await api('credentials/info', { credentialID, certificates: 'chain', certInfo: true });
  const chain = ((credential.cert as { certificates?: string[] } | undefined)?.certificates ?? []).map((c) =>
    Buffer.from(c, 'base64'),
  );
  if (chain.length === 0) throw new Error('CSC: credential without certificate');
  return {
    certificates: chain,
    async signSignedAttributes(der) {
      const hash = createHash('sha256').update(der).digest('base64');
      const authorization = await api('credentials/authorize', {
        credentialID,
        numSignatures: 1,
        hashes: [hash],
        hashAlgorithmOID: OID.sha256,
      });
      const signed = await api('signatures/signHash', {
        credentialID,
        SAD: authorization.SAD,
        hashes: [hash],
        hashAlgorithmOID: OID.sha256,
        signAlgo: OID.rsaEncryption,
      });
      const [signature] = (signed.signatures as string[] | undefined) ?? [];
      if (!signature) throw new Error('CSC: signHash without signature');
      return Buffer.from(signature, 'base64');
    },
  };
}

/** A signer opening a CSC session per signature (tokens and SADs are short-lived). */
export function cscSigner(config: CscConfig): ResultSigner {
  return pdfSigner(() => cscSigningKey(config));
}
