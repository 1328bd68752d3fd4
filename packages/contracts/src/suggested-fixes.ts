import { z } from 'zod';
import { ZTimestamp, ZUuid, zText } from './common.ts';

export const ZFixStatus = z.enum([
  'proposed',
  'applied_partial',
  'applied_success',
  'applied_failed',
  'dismissed',
]);
export const ZFixDecision = z.enum(['one_off', 'draft_template', 'build_template', 'dismissed']);
export const ZScriptLanguage = z.enum(['powershell', 'bash', 'python']);
export const ZOutcomeProposal = z.object({
  outcome: z.enum(['applied_success', 'applied_failed', 'applied_partial']),
  reason: z.string().optional(),
});

export const ZSuggestedFix = z.object({
  id: ZUuid,
  ai_session_id: ZUuid,
  title: z.string(),
  description: z.string(),
  confidence_pct: z.number().int(),
  status: ZFixStatus,
  /** Display label derived by the lifecycle: Proposed, Verifying, Partial, … */
  state_label: z.string(),
  user_decision: ZFixDecision.nullable(),
  script_template_id: ZUuid.nullable(),
  script_language: ZScriptLanguage.nullable(),
  ai_drafted_script: z.string().nullable(),
  ai_drafted_parameters: z.record(z.string(), z.unknown()).nullable(),
  applied_at: ZTimestamp.nullable(),
  verified_at: ZTimestamp.nullable(),
  partial_notes: z.string().nullable(),
  failure_reason: z.string().nullable(),
  ai_outcome_proposal: ZOutcomeProposal.nullable(),
  superseded_at: ZTimestamp.nullable(),
  source: z.enum(['ai', 'engineer']),
  created_at: ZTimestamp,
  updated_at: ZTimestamp,
});
export type TSuggestedFix = z.infer<typeof ZSuggestedFix>;

export const ZSuggestedFixList = z.object({ items: z.array(ZSuggestedFix) });

export const ZCreateFixRequest = z.object({
  title: zText(200),
  description: z.string().trim().max(5000).default(''),
  confidence_pct: z.number().min(0).max(100).optional(),
  script_template_id: ZUuid.optional(),
  ai_drafted_script: z.string().min(1).max(50_000).optional(),
  script_language: ZScriptLanguage.optional(),
});
export type TCreateFixRequest = z.infer<typeof ZCreateFixRequest>;

export const ZSessionFixParams = z.object({ sid: ZUuid, fid: ZUuid });
export const ZSessionParams = z.object({ sid: ZUuid });

export const ZFixDecisionRequest = z.object({
  decision: ZFixDecision,
  edited_script: z.string().min(1).max(50_000).optional(),
  parameters_used: z.record(z.string(), z.unknown()).optional(),
  /** For `draft_template`: the name the engineer suggests for the future template. */
  template_name: zText(200).optional(),
});
export type TFixDecisionRequest = z.infer<typeof ZFixDecisionRequest>;

export const ZFixOutcomeRequest = z.object({
  outcome: z.enum(['applied_success', 'applied_failed', 'applied_partial', 'dismissed']),
  partial_notes: z.string().trim().max(5000).optional(),
  failure_reason: z.string().trim().max(5000).optional(),
});
export type TFixOutcomeRequest = z.infer<typeof ZFixOutcomeRequest>;

export const ZFixScriptPatch = z.object({
  ai_drafted_script: z.string().min(1, 'the script is empty').max(50_000),
  ai_drafted_parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  script_language: ZScriptLanguage.optional(),
});
export type TFixScriptPatch = z.infer<typeof ZFixScriptPatch>;

export const ZProposalDecisionRequest = z.object({ accept: z.boolean() });

/** Every lifecycle action answers with the fix and the session's new state_version. */
export const ZFixActionResponse = z.object({
  fix: ZSuggestedFix,
  state_version: z.number().int(),
  draft_template_id: ZUuid.nullable(),
});
