import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZGenerateScriptRequest, ZScriptGeneration } from '@flowpilot/contracts/script-templates';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireRole } from '../../http/request-auth.ts';
import { generateScript } from './generate-script.ts';

export const scriptsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/scripts/generate',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags: ['script-templates'],
        description:
          "Renders a template and records the generation (redacted). With `ai_session_id` + `fix_id` the fix (the session's active one) is linked to the template and the session's state_version moves by one. The template's usage_count moves when a fix first gets a script from it (regenerating for that fix counts nothing more) and for each generation without a fix. The real script is in this response only.",
        body: ZGenerateScriptRequest,
        response: { 201: ZScriptGeneration },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await generateScript(ctx, callerOf(request), request.body)),
  );
};
