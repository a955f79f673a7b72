/**
 * The citizen portal's client: same origin, the `mc_citizen` session cookie (httpOnly, so never read
 * here), the session's CSRF token (from `GET /portal/me`) in `X-CSRF-Token` on every changing request.
 * Errors are the console's {@link ApiError} (`{ code, message, field, issues }`); a 401 of a call that
 * needs the citizen sends them to the sign-in page (see {@link onPortalUnauthenticated}).
 */
import { ApiError, enc, errorOf, networkError } from '../api/client';
import type { RatingBody } from '../components/rating-form';
import type {
  AddedFilesBody,
  Citizen,
  PortalDossier,
  PortalDossierItem,
  PortalDraft,
  PortalForm,
  ProcedureCard,
  ProcedureDetail,
  SubmissionAnswer,
  SubmissionBody,
  Upload,
} from './types';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface PortalRequest {
  method?: Method;
  body?: unknown;
  /** A 401 is an answer, not a reason to go to the sign-in page (who is signed in, public pages). */
  quiet?: boolean;
}

let csrfToken: string | null = null;
let unauthenticated: (() => void) | undefined;

/** What to do when a citizen's call answers 401 (the session expired): the sign-in page. */
export function onPortalUnauthenticated(handler: (() => void) | undefined): void {
  unauthenticated = handler;
}

async function send(path: string, request: PortalRequest): Promise<Response> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken ?? (await me()).csrfToken;
  const form = request.body instanceof FormData;
  if (request.body !== undefined && !form) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body:
        request.body === undefined
          ? undefined
          : form
            ? (request.body as FormData)
            : JSON.stringify(request.body),
    });
  } catch {
    throw networkError();
  }
  if (response.ok) return response;
  const error = await errorOf(response, false);
  if (response.status === 401) {
    csrfToken = null;
    if (!request.quiet) unauthenticated?.();
  }
  throw error;
}

async function json<T>(path: string, request: PortalRequest = {}): Promise<T> {
  const response = await send(path, request);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `GET /portal/me`, keeping its CSRF token for the changing requests; 401 when nobody is signed in. */
export async function me(): Promise<Citizen> {
  const citizen = await json<Citizen>('/portal/me', { quiet: true });
  csrfToken = citizen.csrfToken;
  return citizen;
}

/** True for the API's answer "no citizen signed in" (or a session that ended). */
export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

const dossierPath = (code: string) => `/portal/dossiers/${enc(code)}`;

export const portal = {
  me,
  /** Ends the session; `endSessionUrl` when the identity provider wants the browser to sign out there too. */
  logout: async (): Promise<{ endSessionUrl?: string } | undefined> => {
    const answer = await json<{ endSessionUrl?: string } | undefined>('/portal/auth/logout', {
      method: 'POST',
      quiet: true,
    });
    csrfToken = null;
    return answer;
  },
  procedures: () => json<{ items: ProcedureCard[] }>('/portal/procedures', { quiet: true }),
  procedure: (code: string) => json<ProcedureDetail>(`/portal/procedures/${enc(code)}`, { quiet: true }),
  draft: (procedure: string) => json<PortalDraft>(`/portal/drafts/${enc(procedure)}`),
  saveDraft: (procedure: string, data: unknown) =>
    json<{ savedAt: string }>(`/portal/drafts/${enc(procedure)}`, { method: 'PUT', body: { data } }),
  deleteDraft: (procedure: string) => json<void>(`/portal/drafts/${enc(procedure)}`, { method: 'DELETE' }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return json<Upload>('/portal/uploads', { method: 'POST', body: form });
  },
  submit: (body: SubmissionBody) => json<SubmissionAnswer>('/portal/submissions', { body }),
  dossiers: () => json<{ items: PortalDossierItem[] }>('/portal/dossiers'),
  dossier: (code: string) => json<PortalDossier>(dossierPath(code)),
  addFiles: (code: string, kind: 'complete' | 'supplement', body: AddedFilesBody) =>
    json<PortalDossier>(`${dossierPath(code)}/${kind}`, { body }),
  pay: (code: string) => json<{ payUrl: string }>(`${dossierPath(code)}/payment`, { method: 'POST' }),
  rate: (code: string, body: RatingBody) => json<unknown>(`${dossierPath(code)}/rating`, { body }),
};

/** Addresses the browser opens itself (downloads, the sign-in redirect): the cookie goes with them. */
export const portalLinks = {
  login: (returnTo: string) => `/portal/auth/login?returnTo=${enc(returnTo)}`,
  file: (code: string, fileId: string) => `${dossierPath(code)}/files/${enc(fileId)}`,
  form: (code: string, form: PortalForm) => `${dossierPath(code)}/forms/${form}`,
  result: (code: string) => `${dossierPath(code)}/result`,
};
