import { z } from 'zod';

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

export interface ErrorIssue {
  field: string;
  message: string;
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
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string(),
});

/** A response of a route that answers an HTML page for people (simulator, liaison answer page). */
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
