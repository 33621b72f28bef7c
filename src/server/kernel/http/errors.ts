import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OmnideskError, type ErrorBody, type ErrorCode } from '../../../shared/kernel/errors';
import { safeError } from '../logger';
import { RateLimitedError } from '../auth/sign-in-guard';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
};

/**
 * Any error → status and `{code, message}`. Framework messages are replaced by fixed ones: a JSON
 * parse error quotes the request body, which may be health data.
 */
export function toHttpError(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof OmnideskError) return { status: HTTP_STATUS[err.code], body: err.toBody() };
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'request body too large' } };
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return { status: 400, body: { code: 'INVALID_ARGUMENT', message: 'unsupported content type; send application/json' } };
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, body: { code: 'INVALID_ARGUMENT', message: 'request body is empty' } };
  }
  if (status === 401) return { status, body: { code: 'UNAUTHENTICATED', message: 'not signed in' } };
  if (status === 403) return { status, body: { code: 'FORBIDDEN', message: 'forbidden' } };
  if (status === 404) return { status, body: { code: 'NOT_FOUND', message: 'not found' } };
  if (status >= 400 && status < 500) {
    return { status: 400, body: { code: 'INVALID_ARGUMENT', message: 'malformed request (the body must be valid JSON)' } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } };
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toHttpError(err);
  if (status >= 500) req.log.error({ err: safeError(err), code: body.code }, 'request failed');
  else req.log.info({ code: body.code, status }, 'request refused');
  if (status === 401) void reply.header('www-authenticate', 'Bearer');
  if (err instanceof RateLimitedError) void reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))));
  void reply.status(status).send({ error: body });
}
