import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@flowpilot/core/app-error';
import type { AppContext } from '../app-context.ts';
import { findLiveToken } from '../modules/accounts-core/tokens.repository.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './request-auth.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readToken(request: FastifyRequest): { token: string; viaCookie: boolean } | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 'Use "Authorization: Bearer <token>".');
    return { token: match[1]!, viaCookie: false };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, viaCookie: true } : null;
}

/**
 * Resolves the caller on every API request (routes decide whether one is required).
 * Cookie-authenticated writes must carry a custom header: a cross-site form or
 * fetch cannot add one without a CORS preflight we never grant (OWASP "custom
 * request header" defence, on top of SameSite=Lax).
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    const found = readToken(request);
    if (!found) return;
    if (found.viaCookie && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw new AppError(
        'forbidden',
        `Cookie-authenticated requests must send the ${CSRF_HEADER}: 1 header.`,
      );
    }
    const row = await findLiveToken(ctx.database.db, found.token);
    if (!row) {
      // A stale cookie just means "signed out"; a bad bearer token is an error the client must see.
      if (found.viaCookie) return;
      throw new AppError('unauthenticated', 'The token is invalid, expired or revoked.');
    }
    request.caller = { ...row, viaCookie: found.viaCookie };
  });
}
