import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCreateFixRequest,
  ZSessionParams,
  ZSuggestedFix,
  ZSuggestedFixList,
} from '@flowpilot/contracts/suggested-fixes';
import { AppError } from '@flowpilot/core/app-error';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import { findActiveFix, listSessionFixes, toFixDto } from '../session-core/fixes.repository.ts';
import { proposeFix } from './propose-fix.ts';

export const suggestedFixesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/ai-sessions/:sid/suggested-fixes',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['suggested-fixes'],
        description: 'Every fix of the session, superseded ones included, newest first.',
        params: ZSessionParams,
        response: { 200: ZSuggestedFixList },
      },
    },
    async (request) => {
      await getOwnedSession(ctx.database.db, callerOf(request), request.params.sid);
      const rows = await listSessionFixes(ctx.database.db, request.params.sid);
      return { items: rows.map(toFixDto) };
    },
  );

  app.get(
    '/ai-sessions/:sid/suggested-fixes/active',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['suggested-fixes'],
        description: 'The active fix, or 404 when the session has none.',
        params: ZSessionParams,
        response: { 200: ZSuggestedFix },
      },
    },
    async (request) => {
      await getOwnedSession(ctx.database.db, callerOf(request), request.params.sid);
      const active = await findActiveFix(ctx.database.db, request.params.sid);
      if (!active) throw new AppError('not_found', 'This session has no active fix.');
      return toFixDto(active);
    },
  );

  app.post(
    '/ai-sessions/:sid/suggested-fixes',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['suggested-fixes'],
        description:
          'The engineer proposes a fix; it supersedes the active one. `ai_drafted_script` needs `script_language` (400).',
        params: ZSessionParams,
        body: ZCreateFixRequest,
        response: { 201: ZSuggestedFix },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeFix(ctx, callerOf(request), request.params.sid, request.body)),
  );
};
