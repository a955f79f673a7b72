import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, ErrorCode, errorBodySchema, fieldOf, type ErrorIssue } from './errors.js';
import { outageOf } from './outage.js';

export { DATABASE_BUSY_RETRY_AFTER_SECONDS } from './outage.js';

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  issues?: ErrorIssue[];
  requestId: string;
}

/** Maps zod validation issues (params, querystring, body, headers) to fields named like `body.unit`. */
function validationIssues(err: FastifyError): ErrorIssue[] {
  // Fastify says "querystring"; our field names say "query" (query.from), like the OpenAPI `in: query`.
  const context = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
  return (err.validation ?? []).map((v) => {
    const params = v.params as { issue?: { path?: PropertyKey[]; message?: string } } | undefined;
    const issuePath = params?.issue?.path;
    const field = fieldOf(context, issuePath ?? v.instancePath.split('/').filter(Boolean));
    return { field, message: params?.issue?.message ?? v.message ?? 'không hợp lệ' };
  });
}

/**
 * The route table as patterns, to tell "no such path" (404) from "no such method on this path" (405):
 * Fastify's router answers both with the not-found handler and looks routes up by pattern only, not by
 * URL. Patterns follow find-my-way's syntax: `:param` (one segment), `:param(regex)`, `*` (the rest),
 * `::` (a literal colon).
 */
function routeTable() {
  const routes: { pattern: RegExp; method: string }[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const compile = (url: string): RegExp => {
    let source = '';
    for (let i = 0; i < url.length;) {
      if (url.startsWith('::', i)) {
        source += ':';
        i += 2;
      } else if (url[i] === ':') {
        let end = i + 1;
        while (end < url.length && /[\w$]/.test(url[end] ?? '')) end++;
        if (url[end] === '(') {
          const close = url.indexOf(')', end);
          source += `(?:${url.slice(end + 1, close).replace(/^\^|\$$/g, '')})`;
          end = close + 1;
        } else {
          source += '[^/]+';
        }
        i = end;
      } else if (url[i] === '*') {
        source += '.*';
        i++;
      } else {
        source += escape(url[i] ?? '');
        i++;
      }
    }
    return new RegExp(`^${source}$`);
  };
  return {
    add(url: string, method: HTTPMethods | HTTPMethods[]): void {
      const pattern = compile(url);
      for (const m of [method].flat()) {
        routes.push({ pattern, method: m });
        if (m === 'GET') routes.push({ pattern, method: 'HEAD' });
      }
    },
    /** The methods that some route answers on this path (without its query string). */
    methodsOf(path: string): string[] {
      const methods = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
      return [...methods].sort();
    },
  };
}

/**
 * Fastify's own 4xx errors that the generic branch answers, with the part of the request at fault.
 * Anything else of status 4xx is answered without a `field`: it is not the body's fault (e.g. a path
 * refused by the static file server, a `Range` header that cannot be satisfied).
 */
const bodyErrors = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
  'FST_ERR_CTP_EMPTY_TYPE',
  'FST_ERR_CTP_INVALID_TYPE',
]);

/**
 * The 503 every route may answer when a dependency is down (`api/outage.ts`), declared on each route that
 * declares its responses (unless it declares its own 503), so the OpenAPI document says so. (The
 * `Retry-After` header is named in the description: the zod transform drops a response's `headers`.)
 */
export const unavailableResponse = {
  description:
    'SERVICE_UNAVAILABLE: PostgreSQL, Temporal or a worker did not answer in time; nothing is wrong with ' +
    'the request. The `Retry-After` header gives the seconds to wait before sending it again (with the ' +
    'same Idempotency-Key, if it had one: an action not confirmed in time may still be applied, and the ' +
    'retry answers its outcome)',
  content: { 'application/json': { schema: errorBodySchema } },
};

/** Adds {@link unavailableResponse} to a route's declared responses unless it declares a 503 (or 5XX). */
function declareUnavailable(schema: { response?: unknown } | undefined): void {
  const response = schema?.response as Record<string, unknown> | undefined;
  if (!response || typeof response !== 'object') return;
  if (['503', '5xx', '5XX', 'default'].some((status) => status in response)) return;
  response[503] = unavailableResponse;
}

/**
 * Errors the router raises before any route or hook runs (`frameworkErrors` of the Fastify options): a
 * URL that cannot be percent-decoded, a path parameter over `maxParamLength`. Answered in the API's error
 * shape; the part of the URL at fault is unknown, so no `field`.
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send({ code: ErrorCode.VALIDATION_FAILED, message: 'Đường dẫn không hợp lệ.', requestId: request.id });
}

/**
 * The single place where errors become HTTP answers. A dependency that does not answer (a saturated or
 * unreachable database, an unreachable Temporal, an action not confirmed in time) is 503 with
 * `Retry-After` (`api/outage.ts`); unknown errors are logged and answered 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  const table = routeTable();
  app.addHook('onRoute', (route) => {
    table.add(route.url, route.method);
    declareUnavailable(route.schema);
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const send = (status: number, body: Omit<ErrorBody, 'requestId'>) =>
      reply.status(status).send({ ...body, requestId: request.id });

    if (err instanceof ApiError) {
      return send(err.statusCode, {
        code: err.code,
        message: err.message,
        field: err.field,
        issues: err.issues,
      });
    }
    if (request.is404) {
      // No route has this method and path: the body of a method that carries one (PUT, QUERY, …) was
      // parsed before the not-found handler and refused, but the answer is about the route.
      return notFound(request, reply);
    }
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const issues = validationIssues(err);
      return send(400, {
        code: ErrorCode.VALIDATION_FAILED,
        message: 'Dữ liệu gửi lên không hợp lệ.',
        field: issues[0]?.field,
        issues,
      });
    }
    const outage = outageOf(err);
    if (outage) {
      // Not a fault of the request nor a bug: the pool is saturated, PostgreSQL or Temporal cannot be
      // reached, or an action was not confirmed within ACTION_TIMEOUT_MS (no worker on the task queue).
      // The same request may be sent again: a write is made safe to repeat by its Idempotency-Key (a 5xx
      // keeps the key for a retry of the same request, and an action's retry is the same Update).
      request.log.warn({ err, reason: outage.reason }, 'dependency unavailable: answered 503');
      void reply.header('retry-after', String(outage.retryAfterSeconds));
      return send(503, { code: ErrorCode.SERVICE_UNAVAILABLE, message: outage.message });
    }
    const status = err.statusCode ?? 500;
    if (status === 413)
      return send(413, { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Dữ liệu gửi lên quá lớn.' });
    if (status === 415) {
      return send(415, {
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: 'Định dạng dữ liệu không được hỗ trợ.',
      });
    }
    if (status === 429)
      return send(429, { code: ErrorCode.RATE_LIMITED, message: 'Quá nhiều yêu cầu, vui lòng thử lại sau.' });
    if (status === 403 || status === 404) {
      // The static file server refuses paths such as `/assets/..%2f` (403): answered as what they are
      // to a client, a file that does not exist, without telling why.
      return notFound(request, reply);
    }
    if (status >= 400 && status < 500) {
      if (bodyErrors.has(err.code)) {
        // Malformed JSON, empty body with a JSON content type, and the like.
        return send(status, {
          code: ErrorCode.VALIDATION_FAILED,
          message: 'Yêu cầu không hợp lệ.',
          field: 'body',
        });
      }
      return send(status, { code: ErrorCode.VALIDATION_FAILED, message: 'Yêu cầu không hợp lệ.' });
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, { code: ErrorCode.INTERNAL, message: 'Lỗi hệ thống, vui lòng thử lại sau.' });
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?', 1)[0] ?? request.url;
    const allowed = table.methodsOf(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({
          code: ErrorCode.METHOD_NOT_ALLOWED,
          message: `Đường dẫn này không hỗ trợ phương thức ${request.method}.`,
          requestId: request.id,
        });
    }
    return reply
      .status(404)
      .send({ code: ErrorCode.NOT_FOUND, message: 'Không tìm thấy đường dẫn.', requestId: request.id });
  };
  app.setNotFoundHandler(notFound);
}
