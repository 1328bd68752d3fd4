import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZClaimResponse,
  ZEscalationList,
  ZEscalationMetrics,
  ZEscalationMetricsQuery,
  ZEscalationParams,
} from '@flowpilot/contracts/escalations';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireRole } from '../../http/request-auth.ts';
import { claimEscalation } from './claim-escalation.ts';
import { getEscalationMetrics } from './get-escalation-metrics.ts';
import { listEscalations } from './list-escalations.ts';
import { streamEscalations } from './stream-escalations.ts';

const tags = ['escalations'];

export const escalationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });

  app.get(
    '/escalations',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          "The account's escalated sessions waiting for someone or claimed and still being worked, oldest first, with the package's summary and how long each waited (until its claim, or until now).",
        response: { 200: ZEscalationList },
      },
    },
    async (request) => listEscalations(ctx.database.db, callerOf(request)),
  );

  app.get(
    '/escalations/stream',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          'Server-Sent Events for the queue: `ready` once subscribed, then `escalation_created` `{item}` and `escalation_claimed` `{session_id, claimed_by, claimed_at}`, from every process (through Redis when configured).',
      },
    },
    async (request, reply) => streamEscalations(ctx, callerOf(request), request, reply, openStreams),
  );

  app.get(
    '/escalations/metrics',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          "The account's escalation timings over the last `days` (default 30): how many were escalated, claimed and resolved after the claim, the median seconds from escalation to the first claim and from the claim to resolution (null with no data yet).",
        querystring: ZEscalationMetricsQuery,
        response: { 200: ZEscalationMetrics },
      },
    },
    async (request) => getEscalationMetrics(ctx.database.db, callerOf(request), request.query.days),
  );

  app.post(
    '/escalations/:session_id/claim',
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          'Picks the escalation up: exactly one concurrent claimant wins and becomes the assignee (the session is active again, the transcript records the handoff); the others get 409, and so does the engineer who escalated it. Viewers 403.',
        params: ZEscalationParams,
        response: { 200: ZClaimResponse },
      },
    },
    async (request) => claimEscalation(ctx, callerOf(request), request.params.session_id),
  );
};
