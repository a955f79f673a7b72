/**
 * The console's only way to the server: the public HTTP API on the same origin. Errors come back as
 * `{ code, message, field, issues }` (api/errors.ts) and become an {@link ApiError} the forms show next
 * to the field at fault.
 */

const TOKEN_KEY = 'motcua.token';

export interface ErrorIssue {
  field: string;
  message: string;
}

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues: ErrorIssue[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for a form field (`applicant.idNumber`, `components`…), from `field` or `issues`. */
  fieldMessage(name: string): string | undefined {
    const matches = (f: string | undefined) => f !== undefined && stripLocation(f) === name;
    const issue = this.issues.find((i) => matches(i.field));
    if (issue) return issue.message;
    return matches(this.field) ? this.message : undefined;
  }
}

/** `body.applicant.idNumber` → `applicant.idNumber`; `query.from` → `from`. */
export function stripLocation(field: string): string {
  return field.replace(/^(body|query|params|headers)\.?/, '');
}

let onUnauthenticated: (() => void) | undefined;

/** Seconds since the epoch at which a JWT expires (its `exp` claim), or null if unreadable. */
function expiryOf(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** Refresh once less than this is left of the token (half of its 30 minutes). */
const REFRESH_BELOW_MS = 15 * 60_000;
let refreshing: Promise<void> | null = null;

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  /**
   * Sliding session (`POST /auth/refresh`): called on the officer's activity (typing, clicks; not on
   * the background refetches, or an idle console would never expire).
   * Once the token has used half its life it is exchanged for a new one, so a working officer is never
   * cut off while an idle console still expires after 30 minutes. At most one refresh in flight; a
   * failure is left to the next request's 401 (the login page, the typed data kept as a draft).
   */
  keepAlive(): void {
    const token = session.token();
    if (!token || refreshing) return;
    const exp = expiryOf(token);
    if (exp === null || exp * 1000 - Date.now() > REFRESH_BELOW_MS || exp * 1000 <= Date.now()) return;
    refreshing = fetch('/auth/refresh', {
      method: 'POST',
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    })
      .then(async (response) => {
        if (!response.ok) return;
        const answer = (await response.json()) as { token?: unknown };
        // Only if nobody logged out or in meanwhile.
        if (typeof answer.token === 'string' && session.token() === token) session.save(answer.token);
      })
      .catch(() => undefined)
      .finally(() => {
        refreshing = null;
      });
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
  /** Called when the API answers 401 to a logged-in request (token expired): back to the login page. */
  onUnauthenticated(handler: () => void): void {
    onUnauthenticated = handler;
  },
};

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Sent as `Idempotency-Key`: the same key never performs an action twice. */
  idempotencyKey?: string;
  /** Public endpoints (lookup, deadlines) go without the token. */
  anonymous?: boolean;
}

export const networkError = (): ApiError =>
  new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept };
  const token = options.anonymous ? null : session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined && !(options.body instanceof FormData)) {
    headers['content-type'] = 'application/json';
  }
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body:
        options.body === undefined
          ? undefined
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await errorOf(response, Boolean(token));
  return response;
}

/** The {@link ApiError} of an error answer (`hadToken`: a 401 ends the officer's session). */
export async function errorOf(response: Response, hadToken: boolean): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON (a proxy's page): fall back to a generic message below
  }
  if (response.status === 401 && hadToken) onUnauthenticated?.();
  const message =
    typeof body.message === 'string' ? body.message : `Máy chủ trả lỗi ${response.status}. Vui lòng thử lại.`;
  return new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : 'HTTP_' + String(response.status),
    message,
    typeof body.field === 'string' ? body.field : undefined,
    Array.isArray(body.issues) ? (body.issues as ErrorIssue[]) : [],
    body,
  );
}

/** JSON request to the API. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A text answer (an HTML form to print). */
export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await send(path, options, 'text/html')).text();
}

/** A file answer (the Excel report): its bytes and the file name the server suggests. */
export async function apiFile(
  path: string,
  fallbackName: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; name: string }> {
  const response = await send(path, options, '*/*');
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return {
    blob: await response.blob(),
    name: star ? decodeURIComponent(star) : (plain ?? fallbackName),
  };
}

/** Hands a downloaded file to the browser. */
export function saveFile({ blob, name }: { blob: Blob; name: string }): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A new key for one intended action (kept across retries of the same intent). */
export const newIdempotencyKey = (): string => crypto.randomUUID();

export const enc = encodeURIComponent;
