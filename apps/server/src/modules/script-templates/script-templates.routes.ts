import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams } from '@flowpilot/contracts/common';
import {
  ZCreateScriptTemplateRequest,
  ZRenderTemplateRequest,
  ZRenderTemplateResponse,
  ZScriptTemplate,
  ZScriptTemplateList,
  ZScriptTemplateListQuery,
  ZTemplateCategoryList,
  ZTemplateMatchList,
  ZTemplateMatchQuery,
  ZUpdateScriptTemplateRequest,
} from '@flowpilot/contracts/script-templates';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { createScriptTemplate } from './create-script-template.ts';
import { deleteScriptTemplate } from './delete-script-template.ts';
import { getVisibleTemplate } from './get-script-template.ts';
import { listScriptTemplates } from './list-script-templates.ts';
import { matchScriptTemplates } from './match-script-templates.ts';
import { renderScriptTemplate } from './render-script-template.ts';
import { scriptTemplatesRepository, toScriptTemplateDto } from './script-templates.repository.ts';
import { updateScriptTemplate } from './update-script-template.ts';

const tags = ['script-templates'];

export const scriptTemplatesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/script-templates',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          "The account's templates and the built-ins, by name; `q` searches name, description and category.",
        querystring: ZScriptTemplateListQuery,
        response: { 200: ZScriptTemplateList },
      },
    },
    async (request) => listScriptTemplates(ctx.database.db, callerOf(request), request.query),
  );

  app.get(
    '/script-templates/categories',
    { onRequest: requireCaller, schema: { tags, response: { 200: ZTemplateCategoryList } } },
    async (request) => ({
      items: await scriptTemplatesRepository(ctx.database.db, callerOf(request).accountId).categories(),
    }),
  );

  app.get(
    '/script-templates/match',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          "Up to 10 templates ranked for a session's active fix (the one it already names first) or for free text `q`.",
        querystring: ZTemplateMatchQuery,
        response: { 200: ZTemplateMatchList },
      },
    },
    async (request) => ({
      items: await matchScriptTemplates(ctx.database.db, callerOf(request), request.query),
    }),
  );

  app.get(
    '/script-templates/:id',
    { onRequest: requireCaller, schema: { tags, params: ZIdParams, response: { 200: ZScriptTemplate } } },
    async (request) =>
      toScriptTemplateDto(await getVisibleTemplate(ctx.database.db, callerOf(request), request.params.id)),
  );

  app.post(
    '/script-templates',
    {
      onRequest: requireRole('engineer'),
      schema: { tags, body: ZCreateScriptTemplateRequest, response: { 201: ZScriptTemplate } },
    },
    async (request, reply) =>
      reply.code(201).send(await createScriptTemplate(ctx, callerOf(request), request.body)),
  );

  app.patch(
    '/script-templates/:id',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description: 'Built-in templates are read-only (403).',
        params: ZIdParams,
        body: ZUpdateScriptTemplateRequest,
        response: { 200: ZScriptTemplate },
      },
    },
    async (request) => updateScriptTemplate(ctx, callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/script-templates/:id',
    {
      onRequest: requireRole('engineer'),
      schema: { tags, description: 'Soft delete; built-ins are read-only (403).', params: ZIdParams },
    },
    async (request, reply) => {
      await deleteScriptTemplate(ctx, callerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/script-templates/:id/render',
    {
      onRequest: requireCaller,
      schema: {
        tags,
        description:
          'Renders with the given parameter values and stores nothing. Every value becomes one quoted literal; invalid values answer 422 with `errors`.',
        params: ZIdParams,
        body: ZRenderTemplateRequest,
        response: { 200: ZRenderTemplateResponse },
      },
    },
    async (request) =>
      renderScriptTemplate(ctx.database.db, callerOf(request), request.params.id, request.body.parameters),
  );
};
