import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, ErrorCode, type ErrorIssue } from './errors.js';

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  issues?: ErrorIssue[];
  requestId: string;
}

function pathOf(prefix: string, path: readonly PropertyKey[] | undefined): string {
  const rest = (path ?? []).map(String).join('.');
  return rest ? `${prefix}.${rest}` : prefix;
}

/** Maps zod validation issues (params, querystring, body, headers) to fields named like `body.unit`. */
function validationIssues(err: FastifyError): ErrorIssue[] {
  // Fastify says "querystring"; our field names say "query" (query.from), like the OpenAPI `in: query`.
  const context = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
  return (err.validation ?? []).map((v) => {
    const params = v.params as { issue?: { path?: PropertyKey[]; message?: string } } | undefined;
    const issuePath = params?.issue?.path;
    const field = issuePath
      ? pathOf(context, issuePath)
      : pathOf(context, v.instancePath.split('/').filter(Boolean));
    return { field, message: params?.issue?.message ?? v.message ?? 'không hợp lệ' };
  });
}

/** The single place where errors become HTTP answers. Unknown errors are logged and answered 500. */
export function installErrorHandler(app: FastifyInstance): void {
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
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const issues = validationIssues(err);
      return send(400, {
        code: ErrorCode.VALIDATION_FAILED,
        message: 'Dữ liệu gửi lên không hợp lệ.',
        field: issues[0]?.field,
        issues,
      });
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
    if (status >= 400 && status < 500) {
      // Malformed JSON, empty body with a JSON content type, and the like.
      return send(status, {
        code: ErrorCode.VALIDATION_FAILED,
        message: 'Yêu cầu không hợp lệ.',
        field: 'body',
      });
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, { code: ErrorCode.INTERNAL, message: 'Lỗi hệ thống, vui lòng thử lại sau.' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: ErrorCode.NOT_FOUND, message: 'Không tìm thấy đường dẫn.', requestId: request.id }),
  );
}
