import { z } from 'zod';
import type { ValidationIssue } from '../domain/validation-issue.js';

/**
 * Stable error codes of the HTTP API. Clients switch on `code`; `message` is Vietnamese text for
 * people; `field` names the input at fault (dotted path) when there is one.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode] | (string & {});

/** One problem of an error answer: the field at fault (dotted, e.g. `body.steps.2.kind`) and why. */
export const errorIssueSchema = z.object({ field: z.string(), message: z.string() });

export type ErrorIssue = z.infer<typeof errorIssueSchema>;

/**
 * The API's name of a field: the part of the request (`body`, `query`, `params`, `headers.<name>`) and the
 * path inside it, dotted: `body.decisions.0.entries.3.date`.
 */
export function fieldOf(part: string, path: readonly PropertyKey[] = []): string {
  return [part, ...path.map(String)].join('.');
}

/**
 * The one mapping of validation issues to the API's error issues: a domain issue (`ValidationIssue`) or a
 * schema issue, its path read inside `part` of the request.
 */
export function toErrorIssues(
  part: string,
  issues: readonly Pick<ValidationIssue, 'path' | 'message'>[],
): ErrorIssue[] {
  return issues.map((i) => ({ field: fieldOf(part, i.path), message: i.message }));
}

/** An error the API answers with as is: status, stable code, Vietnamese message, field at fault. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCodeValue,
    message: string,
    readonly field?: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message = 'Không tìm thấy.'): ApiError =>
  new ApiError(404, ErrorCode.NOT_FOUND, message);

/**
 * A value refused by a validation of the domain (e.g. a calendar or procedure definition in the body):
 * every issue, and the first one's field as the field at fault.
 */
export const invalidInput = (
  statusCode: number,
  code: ErrorCodeValue,
  message: string,
  issues: readonly ValidationIssue[],
  part = 'body',
): ApiError => {
  const mapped = toErrorIssues(part, issues);
  return new ApiError(statusCode, code, message, mapped[0]?.field, mapped);
};

export const badRequest = (
  field: string,
  message: string,
  code: ErrorCodeValue = ErrorCode.VALIDATION_FAILED,
): ApiError => new ApiError(400, code, message, field, [{ field, message }]);

/** JSON shape of every error answer (see `api/error-handler.ts`), for route response schemas. */
export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(errorIssueSchema).optional(),
  requestId: z.string(),
});

/** A response of a route that answers an HTML page for people (liaison answer page). */
export const htmlPageResponse = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
});

/**
 * A response that is the JSON error for API clients or an HTML page for people: routes whose pages or
 * form posts answer their refusals in HTML, while Fastify's own validation answers in JSON.
 */
export const errorOrPageResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema }, 'text/html': { schema: z.string() } },
});
