import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams } from '@flowpilot/contracts/common';
import {
  ZAcceptProposalRequest,
  ZAcceptProposalResponse,
  ZKnowledgeProposal,
  ZKnowledgeProposalList,
  ZKnowledgeProposalListQuery,
  ZCreatePlaybookRequest,
  ZPlaybookDetail,
  ZPlaybookList,
  ZPlaybookListQuery,
  ZKnowledgeGapList,
  ZSimilarSessionList,
  ZUpdatePlaybookRequest,
} from '@flowpilot/contracts/playbooks';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { createPlaybook } from './create-playbook.ts';
import { acceptKnowledgeProposal, rejectKnowledgeProposal } from './decide-knowledge-proposal.ts';
import { listKnowledgeProposals } from './list-knowledge-proposals.ts';
import { findSimilarSessions } from './find-similar-sessions.ts';
import { listKnowledgeGaps } from './list-knowledge-gaps.ts';
import { deletePlaybook } from './delete-playbook.ts';
import { getPlaybook } from './get-playbook.ts';
import { listPlaybooks } from './list-playbooks.ts';
import { updatePlaybook } from './update-playbook.ts';

const tags = ['knowledge'];

export const knowledgeRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/playbooks',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description: 'Built-in and account playbooks with the account’s usage and success counters.',
        querystring: ZPlaybookListQuery,
        response: { 200: ZPlaybookList },
      },
    },
    async (request) => listPlaybooks(ctx.database.db, callerOf(request), request.query),
  );

  app.post(
    '/playbooks',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          'Engineers propose (status `proposed`), owners publish; the next session uses a published one.',
        body: ZCreatePlaybookRequest,
        response: { 201: ZPlaybookDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPlaybook(ctx, callerOf(request), request.body)),
  );

  app.get(
    '/playbooks/:id',
    {
      onRequest: requireCaller,
      schema: { tags, params: ZIdParams, response: { 200: ZPlaybookDetail } },
    },
    async (request) => getPlaybook(ctx.database.db, callerOf(request), request.params.id),
  );

  app.patch(
    '/playbooks/:id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description: 'Built-ins are read-only (403).',
        params: ZIdParams,
        body: ZUpdatePlaybookRequest,
        response: { 200: ZPlaybookDetail },
      },
    },
    async (request) => updatePlaybook(ctx, callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/playbooks/:id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description: 'Built-ins are read-only (403).',
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePlaybook(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/knowledge-proposals',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'What resolved sessions taught, newest first, with the pending count for the badge.',
        querystring: ZKnowledgeProposalListQuery,
        response: { 200: ZKnowledgeProposalList },
      },
    },
    async (request) => listKnowledgeProposals(ctx.database.db, callerOf(request), request.query.status),
  );

  app.post(
    '/knowledge-proposals/:id/accept',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description:
          'Publishes the proposed playbook (optionally edited); the next session uses it. 409 once decided.',
        params: ZIdParams,
        body: ZAcceptProposalRequest.nullish(),
        response: { 200: ZAcceptProposalResponse },
      },
    },
    async (request) => acceptKnowledgeProposal(ctx, callerOf(request), request.params.id, request.body ?? {}),
  );

  app.post(
    '/knowledge-proposals/:id/reject',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: '409 once decided.',
        params: ZIdParams,
        response: { 200: ZKnowledgeProposal },
      },
    },
    async (request) => rejectKnowledgeProposal(ctx, callerOf(request), request.params.id),
  );

  app.get(
    '/ai-sessions/:id/similar',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          'The account’s resolved sessions most like this one (full text and trigrams), best first; never itself or an unresolved one.',
        params: ZIdParams,
        response: { 200: ZSimilarSessionList },
      },
    },
    async (request) => findSimilarSessions(ctx.database.db, callerOf(request), request.params.id),
  );

  app.get(
    '/knowledge-gaps',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          'Problem areas with many escalations or resolutions no playbook covered, from the account’s sessions.',
        response: { 200: ZKnowledgeGapList },
      },
    },
    async (request) => listKnowledgeGaps(ctx.database.db, callerOf(request)),
  );
};
