import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCreateSessionRequest,
  ZSessionDetail,
  ZSessionIdParams,
  ZSessionList,
  ZSessionListQuery,
  ZTriagePatch,
} from '@flowpilot/contracts/ai-sessions';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { createSession } from './create-session.ts';
import { getSessionDetail } from './get-session-detail.ts';
import { listSessions } from './list-sessions.ts';
import { updateTriage } from './update-triage.ts';

export const aiSessionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/ai-sessions',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['ai-sessions'],
        description:
          'Opens a pilot session from an intake. The assistant starts answering in the background; follow it with GET /ai-sessions/{id}/stream (`streaming_message_id`).',
        body: ZCreateSessionRequest,
        response: { 201: ZSessionDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSession(ctx, callerOf(request), request.body, request.log)),
  );

  app.get(
    '/ai-sessions',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['ai-sessions'],
        description:
          "The caller's own sessions, newest first. `q` is full-text (web-search syntax); pass `next_cursor` back as `cursor` for the next page.",
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
