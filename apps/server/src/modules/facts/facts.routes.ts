import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZSessionIdParams } from '@flowpilot/contracts/ai-sessions';
import { ZFact, ZFactList, ZFactParams, ZFactText } from '@flowpilot/contracts/facts';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import { addFact } from './add-fact.ts';
import { editFact } from './edit-fact.ts';
import { listSessionFacts, toFactDto } from './facts.repository.ts';
import { removeFact } from './remove-fact.ts';

export const factsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/ai-sessions/:id/facts',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['facts'],
        description: '"What we know", oldest first.',
        params: ZSessionIdParams,
        response: { 200: ZFactList },
      },
    },
    async (request) => {
      await getOwnedSession(ctx.database.db, callerOf(request), request.params.id);
      const rows = await listSessionFacts(ctx.database.db, request.params.id);
      return { items: rows.map(toFactDto) };
    },
  );

  app.post(
    '/ai-sessions/:id/facts',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['facts'],
        description: "Adds an engineer's note. Bumps the session's state_version.",
        params: ZSessionIdParams,
        body: ZFactText,
        response: { 201: ZFact },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFact(ctx, callerOf(request), request.params.id, request.body.text)),
  );

  app.patch(
    '/ai-sessions/:id/facts/:fid',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['facts'],
        description:
          'Rewrites a note or an AI-promoted fact. Facts from questions and diagnostic checks are 403: edit the task-lane item instead.',
        params: ZFactParams,
        body: ZFactText,
        response: { 200: ZFact },
      },
    },
    async (request) =>
      editFact(ctx, callerOf(request), request.params.id, request.params.fid, request.body.text),
  );

  app.delete(
    '/ai-sessions/:id/facts/:fid',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['facts'],
        description:
          'Removes a note or an AI-promoted fact (kept in the audit trail). Facts from questions and diagnostic checks are 403.',
        params: ZFactParams,
      },
    },
    async (request, reply) => {
      await removeFact(ctx, callerOf(request), request.params.id, request.params.fid);
      return reply.code(204).send();
    },
  );
};
