import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZLoginRequest, ZMeResponse, ZSignupRequest, ZTokenResponse } from '@flowpilot/contracts/auth';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, SESSION_COOKIE } from '../../http/request-auth.ts';
import { servedOverHttps } from '../../http/transport-security.ts';
import { authAttemptLimits } from './auth-attempt-limits.ts';
import { getMe } from './get-me.ts';
import { logIn } from './log-in.ts';
import { signUp } from './sign-up.ts';
import { revokeToken } from '../accounts-core/tokens.repository.ts';

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const signupLimits = authAttemptLimits(app, 'signup', ctx.config.authRateLimitPerMinute);
  const loginLimits = authAttemptLimits(app, 'login', ctx.config.authRateLimitPerMinute);

  function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string) {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/api',
      httpOnly: true,
      sameSite: 'lax',
      // Secure too when a trusted proxy says the browser came over HTTPS.
      secure: servedOverHttps(reply.request, ctx.config.cookieSecure),
      expires: new Date(expiresAt),
    });
  }

  app.post(
    '/auth/signup',
    {
      ...signupLimits,
      schema: { tags: ['auth'], body: ZSignupRequest, response: { 201: ZTokenResponse } },
    },
    async (request, reply) => {
      const result = await signUp(ctx, request.body);
      setSessionCookie(reply, result.access_token, result.expires_at);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/auth/login',
    {
      ...loginLimits,
      schema: { tags: ['auth'], body: ZLoginRequest, response: { 200: ZTokenResponse } },
    },
    async (request, reply) => {
      const result = await logIn(ctx, request.body);
      setSessionCookie(reply, result.access_token, result.expires_at);
      return result;
    },
  );

  app.post(
    '/auth/logout',
    { onRequest: requireCaller, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeToken(ctx.database.db, callerOf(request).tokenId);
      reply.clearCookie(SESSION_COOKIE, { path: '/api' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { onRequest: requireCaller, schema: { tags: ['auth'], response: { 200: ZMeResponse } } },
    async (request) => getMe(ctx, callerOf(request)),
  );
};
