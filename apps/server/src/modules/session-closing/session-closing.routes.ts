import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZSessionParams } from '@flowpilot/contracts/suggested-fixes';
import {
  ZCloseSessionResponse,
  ZEscalatePostRequest,
  ZPreviewRequest,
  ZPreviewResponse,
  ZResolvePostRequest,
  type TClosingKind,
} from '@flowpilot/contracts/session-closing';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireCaller, requireRole } from '../../http/request-auth.ts';
import { escalateSession } from './escalate-session.ts';
import { previewClosingText } from './preview-closing-text.ts';
import { resolveSession } from './resolve-session.ts';

const tags = ['session-closing'];
const paths: Record<TClosingKind, string> = {
  resolution_note: '/ai-sessions/:sid/resolution-note',
  escalation_package: '/ai-sessions/:sid/escalation-package',
};

export const sessionClosingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // `polish` may call the model, so previews share the assistant's per-user limit.
  const rateLimit = { max: ctx.config.aiRateLimitPerMinute, timeWindow: '1 minute' };

  for (const kind of ['resolution_note', 'escalation_package'] as const) {
    app.post(
      `${paths[kind]}/preview`,
      {
        onRequest: requireCaller,
        config: { rateLimit },
        schema: {
          tags,
          description: `Composes the ${kind === 'resolution_note' ? 'resolution note' : 'escalation package'} from the session's structured state (not the transcript). Cached per state_version: \`from_cache\` says whether this version was composed before. \`polish: true\` rewords it with the configured model (never offline), keeping every fact and fix.`,
          params: ZSessionParams,
          body: ZPreviewRequest,
          response: { 200: ZPreviewResponse },
        },
      },
      async (request) =>
        previewClosingText(ctx, callerOf(request), request.params.sid, kind, request.body, request.log),
    );
  }

  app.post(
    `${paths.resolution_note}/post`,
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          'Resolves the session with the note (the edited `markdown`, or composed now). A fix still Verifying is recorded as worked first. The session is read-only afterwards; 409 if already resolved or escalated.',
        params: ZSessionParams,
        body: ZResolvePostRequest,
        response: { 200: ZCloseSessionResponse },
      },
    },
    async (request) => resolveSession(ctx, callerOf(request), request.params.sid, request.body),
  );

  app.post(
    `${paths.escalation_package}/post`,
    {
      onRequest: requireRole('engineer'),
      schema: {
        tags,
        description:
          "Escalates the session with the package (the edited `markdown`, or composed now). `intercept_choice` records the active fix's outcome first: didnt_work → applied_failed (`failure_reason`), partial → applied_partial (`partial_notes`), worked_other_reason → applied_success, never_applied → unchanged. 409 if already resolved or escalated.",
        params: ZSessionParams,
        body: ZEscalatePostRequest,
        response: { 200: ZCloseSessionResponse },
      },
    },
    async (request) => escalateSession(ctx, callerOf(request), request.params.sid, request.body),
  );
};
