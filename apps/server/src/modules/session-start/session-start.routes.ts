import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCreateSessionRequest, ZSessionDetail } from '@flowpilot/contracts/ai-sessions';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireRole } from '../../http/request-auth.ts';
import { createSession } from './create-session.ts';

/**
 * Opening a session composes several features (the intake, its attachments, a PSA ticket, the
 * assistant's first reply), so it sits above them in a module of its own (docs/ARCHITECTURE.md).
 */
export const sessionStartRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
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
};
