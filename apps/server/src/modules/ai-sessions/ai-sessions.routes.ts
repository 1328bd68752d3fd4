import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZSessionDetail,
  ZSessionIdParams,
  ZSessionList,
  ZSessionListQuery,
  ZTriagePatch,
} from '@flowpilot/contracts/ai-sessions';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { getSessionDetail } from './get-session-detail.ts';
import { listSessions } from './list-sessions.ts';
import { updateTriage } from './update-triage.ts';

export const aiSessionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/ai-sessions',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['ai-sessions'],
        description:
          "The caller's own sessions and those they claimed from the escalation queue, newest first. `q` is full-text (web-search syntax); pass `next_cursor` back as `cursor` for the next page.",
        querystring: ZSessionListQuery,
        response: { 200: ZSessionList },
      },
    },
    async (request) => listSessions(ctx.database.db, callerOf(request), request.query),
  );

  app.get(
    '/ai-sessions/:id',
    {
      onRequest: requireCaller,
      schema: { tags: ['ai-sessions'], params: ZSessionIdParams, response: { 200: ZSessionDetail } },
    },
    async (request) => getSessionDetail(ctx.database.db, callerOf(request), request.params.id),
  );

  app.patch(
    '/ai-sessions/:id/triage',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['ai-sessions'],
        description:
          'Updates triage fields, the title or the status (active, paused, abandoned). 409 once resolved or escalated.',
        params: ZSessionIdParams,
        body: ZTriagePatch,
        response: { 200: ZSessionDetail },
      },
    },
    async (request) => updateTriage(ctx, callerOf(request), request.params.id, request.body),
  );
};
