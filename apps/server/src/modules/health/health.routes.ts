import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZHealth } from '@flowpilot/contracts/health';
import type { AppContext } from '../../app-context.ts';
import { version } from '../../version.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: ZHealth, 503: ZHealth } } },
    async (_request, reply) => {
      const dbOk = await ctx.database.ping().then(
        () => true,
        () => false,
      );
      const body = {
        status: dbOk ? ('ok' as const) : ('degraded' as const),
        db: { status: dbOk ? ('ok' as const) : ('down' as const), kind: ctx.database.kind },
        llm: { backend: ctx.model.backend, model: ctx.model.model, status: 'ok' as const },
        version,
      };
      return reply.code(dbOk ? 200 : 503).send(body);
    },
  );
};
