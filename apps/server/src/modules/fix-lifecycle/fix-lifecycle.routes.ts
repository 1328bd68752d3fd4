import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZFixActionResponse,
  ZFixDecisionRequest,
  ZFixOutcomeRequest,
  ZFixScriptPatch,
  ZProposalDecisionRequest,
  ZSessionFixParams,
} from '@flowpilot/contracts/suggested-fixes';
import type { AppContext } from '../../app-context.ts';
import { callerOf, requireRole } from '../../http/request-auth.ts';
import { changeFix } from './change-fix.ts';
import { decideFix } from './decide-fix.ts';
import { recordFixOutcome } from './record-fix-outcome.ts';

const base = '/ai-sessions/:sid/suggested-fixes/:fid';
const common = {
  tags: ['suggested-fixes'],
  params: ZSessionFixParams,
  response: { 200: ZFixActionResponse },
};

export const fixLifecycleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const guard = { onRequest: requireRole('engineer') };

  app.post(
    `${base}/apply`,
    {
      ...guard,
      schema: {
        ...common,
        description:
          'Declares the script was run (TemplateMatchPanel "I ran this"): stamps applied_at if empty.',
      },
    },
    async (request) =>
      changeFix(ctx, callerOf(request), request.params.sid, request.params.fid, {
        event: { type: 'apply' },
        action: 'fix.applied',
      }),
  );

  app.post(
    `${base}/decision`,
    {
      ...guard,
      schema: {
        ...common,
        description:
          'NoTemplate decision: one_off and draft_template declare a run (stamp applied_at); draft_template also queues a draft template; build_template stamps nothing; dismissed supersedes.',
        body: ZFixDecisionRequest,
      },
    },
    async (request) =>
      decideFix(ctx, callerOf(request), request.params.sid, request.params.fid, request.body),
  );

  app.patch(
    `${base}/outcome`,
    {
      ...guard,
      schema: {
        ...common,
        description:
          'Records whether the fix worked. Stamps applied_at if still empty (not for dismissed) and clears any AI outcome proposal.',
        body: ZFixOutcomeRequest,
      },
    },
    async (request) =>
      recordFixOutcome(ctx, callerOf(request), request.params.sid, request.params.fid, request.body),
  );

  app.patch(
    `${base}/script`,
    {
      ...guard,
      schema: {
        ...common,
        description:
          'Replaces the drafted script (Script Builder submit). Keeps status and applied_at; 409 on a finished fix.',
        body: ZFixScriptPatch,
      },
    },
    async (request) =>
      changeFix(ctx, callerOf(request), request.params.sid, request.params.fid, {
        event: {
          type: 'script_patch',
          ai_drafted_script: request.body.ai_drafted_script,
          ai_drafted_parameters: request.body.ai_drafted_parameters ?? null,
        },
        action: 'fix.script_updated',
        ...(request.body.script_language ? { extra: { scriptLanguage: request.body.script_language } } : {}),
      }),
  );

  app.post(
    `${base}/outcome-proposal`,
    {
      ...guard,
      schema: {
        ...common,
        description:
          "Confirms (`accept: true`) or rejects the assistant's [FIX_OUTCOME] proposal. 409 when there is none.",
        body: ZProposalDecisionRequest,
      },
    },
    async (request) =>
      request.body.accept
        ? recordFixOutcome(ctx, callerOf(request), request.params.sid, request.params.fid, 'confirm-proposal')
        : changeFix(ctx, callerOf(request), request.params.sid, request.params.fid, {
            event: { type: 'proposal_reject' },
            action: 'fix.outcome_proposal_rejected',
          }),
  );
};
