import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZSessionParams } from '@flowpilot/contracts/suggested-fixes';
import { ZAuditEventList, ZAuditQuery } from '@flowpilot/contracts/session-closing';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller } from '../../http/request-auth.ts';
import { listSessionAudit } from './list-session-audit.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/ai-sessions/:sid/audit',
    {
      onRequest: requireCaller,
      schema: {
        tags: ['audit'],
        description:
          "The session's audit trail, oldest first: fix changes, facts, generations, resolve/escalate — who, what, when, before/after. Pass `next_cursor` back as `cursor` for the next page.",
        params: ZSessionParams,
        querystring: ZAuditQuery,
        response: { 200: ZAuditEventList },
      },
    },
    async (request) =>
      listSessionAudit(ctx.database.db, callerOf(request), request.params.sid, request.query),
  );
};
