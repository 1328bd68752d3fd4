import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '@flowpilot/contracts/common';
import {
  ZAcceptDraftRequest,
  ZAcceptDraftResponse,
  ZDraftTemplateList,
  ZDraftTemplateListQuery,
  ZRejectDraftResponse,
} from '@flowpilot/contracts/script-templates';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireRole } from '../../http/request-auth.ts';
import { acceptDraftTemplate } from './accept-draft-template.ts';
import { draftTemplatesRepository, toDraftTemplateDto } from './draft-templates.repository.ts';
import { rejectDraftTemplate } from './reject-draft-template.ts';

const tags = ['draft-templates'];

export const draftTemplatesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/draft-templates',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'The review queue, newest first, with the pending count for the badge.',
        querystring: ZDraftTemplateListQuery,
        response: { 200: ZDraftTemplateList },
      },
    },
    async (request) => {
      const drafts = draftTemplatesRepository(ctx.database.db, callerOf(request).accountId);
      const [rows, pendingCount] = [await drafts.list(request.query), await drafts.countPending()];
      return { items: rows.map(toDraftTemplateDto), pending_count: pendingCount };
    },
  );

  app.post(
    '/draft-templates/:id/accept',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: 'Promotes a pending draft into the library with its provenance; 409 once decided.',
        params: ZIdParams,
        // The body is optional: a plain accept sends none (Fastify then hands over null).
        body: ZAcceptDraftRequest.nullish(),
        response: { 200: ZAcceptDraftResponse },
      },
    },
    async (request) => acceptDraftTemplate(ctx, callerOf(request), request.params.id, request.body ?? {}),
  );

  app.post(
    '/draft-templates/:id/reject',
    {
      onRequest: requireRole('owner'),
      schema: {
        tags,
        description: '409 once decided.',
        params: ZIdParams,
        response: { 200: ZRejectDraftResponse },
      },
    },
    async (request) => rejectDraftTemplate(ctx, callerOf(request), request.params.id),
  );
};
