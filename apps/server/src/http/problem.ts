import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError } from '@flowpilot/core/app-error';
import { plainIssueMessage } from '@flowpilot/contracts/plain-messages';
import { pgErrorCode, mapDbError } from '@flowpilot/db/db-errors';
import { transportSecurityHeaders } from './transport-security.ts';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  bad_request: 'Bad request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  model_unavailable: 'Assistant unavailable',
  psa_unavailable: 'PSA unavailable',
  internal: 'Internal server error',
};

export function problemBody(error: AppError, request: FastifyRequest) {
  return {
    type: `https://flowpilot.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: titles[error.code],
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: request.url.split('?')[0],
    request_id: request.id,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError) {
  return reply.code(error.status).type('application/problem+json').send(problemBody(error, reply.request));
}

/**
 * Errors the router raises before any route runs (a bad %-escape, an over-long id) bypass every
 * hook, helmet's included, so these answers carry a strict fixed set of security headers themselves.
 */
const routerErrorHeaders = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export function routerProblemSender(cookieSecure: boolean) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    void reply.headers({
      ...routerErrorHeaders,
      ...transportSecurityHeaders(request, cookieSecure, routerErrorHeaders['content-security-policy']),
      'x-request-id': request.id,
    });
    return sendProblem(reply, toAppError(error));
  };
}

// Zod's own wording, should a schema ever produce it despite the plain defaults (plain-messages.ts).
const VALIDATOR_WORDING = /^(Too (small|big)|Invalid|Unrecognized key|Required$|Expected )|[<>]=/;

type ValidationIssue = {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

function fieldErrors(error: FastifyError & { validation: ValidationIssue[] }) {
  const context = error.validationContext ?? 'body';
  return error.validation.map<FieldError>((issue) => {
    const pointer = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    let message = issue.message ?? '';
    if (!message || VALIDATOR_WORDING.test(message))
      message = plainIssueMessage({ code: issue.keyword, ...issue.params }) ?? 'This is not valid.';
    return { field: pointer ? `${context}.${pointer}` : context, message };
  });
}

/** One field wrong: its sentence is the whole story. Several: point at them. */
function validationDetail(errors: FieldError[]) {
  return errors.length === 1
    ? errors[0]!.message
    : 'Some fields need attention: see the message next to each.';
}

/** Translates anything thrown into an AppError; unknown errors become an opaque 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrors(error);
    return new AppError('validation_failed', validationDetail(errors), { errors });
  }
  if (pgErrorCode(error)) {
    try {
      mapDbError(error);
    } catch (mapped) {
      if (mapped instanceof AppError) return mapped;
    }
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('bad_request', 'The request body is not valid JSON.');
    case 'FST_ERR_BAD_URL':
      return new AppError('bad_request', 'The URL is not valid (check its %-escapes).');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('bad_request', 'A part of the URL path is too long.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('unsupported_media_type', 'Send the request body as application/json.');
  }
  const status = fastifyError.statusCode;
  if (status === 429) return new AppError('rate_limited', 'Too many requests. Try again shortly.');
  if (status && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    return new AppError('bad_request', 'The request could not be processed.');
  }
  return new AppError('internal', 'Something went wrong on our side. The error has been logged.', {
    cause: error,
  });
}

export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function registerErrorHandling(app: FastifyInstance, spaFallback: SpaFallback | null) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else if (appError.cause) {
      request.log.info({ code: appError.code, cause: String(appError.cause) }, 'request refused');
    }
    if (appError.code === 'rate_limited') {
      const retryAfter = (error as { headers?: Record<string, string> }).headers?.['retry-after'];
      if (retryAfter) reply.header('retry-after', retryAfter);
    }
    return sendProblem(reply, appError);
  });

  app.setNotFoundHandler((request, reply) => {
    if (spaFallback?.(request, reply)) return reply;
    return sendProblem(
      reply,
      new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`),
    );
  });
}
