import { z } from 'zod';
import { ZPlaybook } from '@flowpilot/core/playbook';
import { ZTimestamp, ZUuid } from './common.ts';

export const ZPlaybookStatus = z.enum(['proposed', 'published']);

/**
 * What an account writes: the shared playbook schema without an inline template (built-ins
 * only; an account's fix links a template of its library by `template_id`). The slug is made
 * from the title when omitted.
 */
export const ZPlaybookDefinitionInput = ZPlaybook.omit({ template: true, slug: true }).extend({
  slug: ZPlaybook.shape.slug.max(60).optional(),
});
export type TPlaybookDefinitionInput = z.infer<typeof ZPlaybookDefinitionInput>;

export const ZCreatePlaybookRequest = ZPlaybookDefinitionInput.extend({
  /** Owners publish; an engineer's playbook is always `proposed` until an owner publishes it. */
  status: ZPlaybookStatus.optional(),
});
export type TCreatePlaybookRequest = z.infer<typeof ZCreatePlaybookRequest>;

export const ZUpdatePlaybookRequest = ZPlaybookDefinitionInput.omit({ slug: true })
  .partial()
  .extend({ status: ZPlaybookStatus.optional() })
  .strict();
export type TUpdatePlaybookRequest = z.infer<typeof ZUpdatePlaybookRequest>;

const counters = {
  usage_count: z.number().int(),
  success_count: z.number().int(),
  /** success / usage, 0..1; null before the first use. */
  success_rate: z.number().nullable(),
};

export const ZPlaybookSummary = z.object({
  id: ZUuid,
  is_builtin: z.boolean(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  status: ZPlaybookStatus,
  symptoms: z.array(z.string()),
  question_count: z.number().int(),
  check_count: z.number().int(),
  fix_title: z.string(),
  template_id: ZUuid.nullable(),
  ...counters,
  updated_at: ZTimestamp,
});
export type TPlaybookSummary = z.infer<typeof ZPlaybookSummary>;

export const ZPlaybookDetail = ZPlaybook.omit({ template: true }).extend({
  id: ZUuid,
  is_builtin: z.boolean(),
  status: ZPlaybookStatus,
  version: z.number().int(),
  template_id: ZUuid.nullable(),
  template_name: z.string().nullable(),
  source_session_id: ZUuid.nullable(),
  created_by_user_id: ZUuid.nullable(),
  ...counters,
  /** The account's resolved sessions this playbook's fix resolved, newest first. */
  resolved_sessions: z.array(z.object({ session_id: ZUuid, title: z.string(), resolved_at: ZTimestamp })),
  created_at: ZTimestamp,
  updated_at: ZTimestamp,
});
export type TPlaybookDetail = z.infer<typeof ZPlaybookDetail>;

export const ZPlaybookListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: ZPlaybookStatus.optional(),
  source: z.enum(['builtin', 'account']).optional(),
});
export type TPlaybookListQuery = z.infer<typeof ZPlaybookListQuery>;

export const ZPlaybookList = z.object({ items: z.array(ZPlaybookSummary) });

// ---------------------------------------------------------------------------
// The flywheel

export const ZProposalKind = z.enum(['new_playbook', 'enhancement', 'reinforcement']);
export const ZProposalStatus = z.enum(['pending', 'accepted', 'rejected', 'applied']);

export const ZKnowledgeProposal = z.object({
  id: ZUuid,
  kind: ZProposalKind,
  /** `applied` is a reinforcement: counters only, applied when the session closed. */
  status: ZProposalStatus,
  summary: z.string(),
  /** The playbook that matched (enhancement, reinforcement) or the one accepting created. */
  playbook: z.object({ id: ZUuid, title: z.string() }).nullable(),
  /** The proposed playbook, whole (a new one, or the matched one with this session's variant). */
  proposed: ZPlaybookDefinitionInput.nullable(),
  /** What an enhancement adds, in words. */
  changes: z.array(z.string()),
  provenance: z.object({
    session_id: ZUuid,
    session_title: z.string(),
    engineer: z.object({ id: ZUuid, name: z.string() }).nullable(),
    ticket_ref: z.string().nullable(),
  }),
  decided_by_user_id: ZUuid.nullable(),
  decided_at: ZTimestamp.nullable(),
  created_at: ZTimestamp,
});
export type TKnowledgeProposal = z.infer<typeof ZKnowledgeProposal>;

export const ZKnowledgeProposalListQuery = z.object({ status: ZProposalStatus.optional() });

export const ZKnowledgeProposalList = z.object({
  items: z.array(ZKnowledgeProposal),
  /** Proposals waiting for an owner (the sidebar badge). */
  pending_count: z.number().int(),
});

export const ZAcceptProposalRequest = z.object({
  /** The owner's edit of the proposed playbook; the proposal as it stands when absent. */
  edited: ZPlaybookDefinitionInput.optional(),
});
export type TAcceptProposalRequest = z.infer<typeof ZAcceptProposalRequest>;

export const ZAcceptProposalResponse = z.object({
  proposal: ZKnowledgeProposal,
  playbook: ZPlaybookDetail,
});

// ---------------------------------------------------------------------------
// Similar sessions and knowledge gaps

export const ZSimilarSession = z.object({
  session_id: ZUuid,
  title: z.string(),
  resolved_at: ZTimestamp,
  root_cause: z.string().nullable(),
  fix_title: z.string().nullable(),
  fix_outcome: z.string().nullable(),
  score: z.number(),
});
export type TSimilarSession = z.infer<typeof ZSimilarSession>;

export const ZSimilarSessionList = z.object({ items: z.array(ZSimilarSession) });

export const ZKnowledgeGap = z.object({
  category: z.string(),
  sessions: z.number().int(),
  escalated: z.number().int(),
  /** Closed sessions whose fix came from no playbook. */
  without_playbook: z.number().int(),
  playbooks: z.number().int(),
});

export const ZKnowledgeGapList = z.object({ items: z.array(ZKnowledgeGap) });
