import type { SequencedNationalDocument } from '../domain/national-sync/document.js';

/** Where national statuses are pushed (`NATIONAL_PORTAL_SYNC_URL`, `NATIONAL_PORTAL_TOKEN`). */
export interface NationalPortalTarget {
  syncUrl: string;
  token: string;
  /** Longest wait for one answer; default 4 s (the activity has 10 s in all). */
  requestTimeoutMs?: number;
}

/** How one push ended: delivered, or failed (`retryable`: 5xx, network, timeout; else a refusal, 4xx). */
export type PushOutcome = { ok: true } | { ok: false; retryable: boolean; error: string };

/** The Idempotency-Key of one status: the portal keeps the first and acknowledges repeats. */
export const nationalIdempotencyKey = (dossierCode: string, statusSeq: number): string =>
  `${dossierCode}:${statusSeq}`;

/**
 * POSTs one status document to the portal. 2xx, and 409 ("already have it"), are deliveries; 5xx, a
 * network error or no answer within the timeout are worth retrying; any other 4xx is a refusal whose
 * answer is kept (it will fail again until someone fixes its cause).
 */
export async function pushStatusDocument(
  target: NationalPortalTarget,
  document: SequencedNationalDocument,
): Promise<PushOutcome> {
  let res: Response;
  try {
    res = await fetch(target.syncUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${target.token}`,
        'idempotency-key': nationalIdempotencyKey(document.MaHoSo, document.SoThuTuTrangThai),
      },
      body: JSON.stringify(document),
      signal: AbortSignal.timeout(target.requestTimeoutMs ?? 4_000),
    });
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ok: false, retryable: true, error: `no answer from the national portal (${reason})` };
  }
  const body = (await res.text().catch(() => '')).slice(0, 500);
  if (res.ok || res.status === 409) return { ok: true };
  return {
    ok: false,
    retryable: res.status >= 500 || res.status === 408 || res.status === 429,
    error: `HTTP ${res.status}${body ? `: ${body}` : ''}`,
  };
}
