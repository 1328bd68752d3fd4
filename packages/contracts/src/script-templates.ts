import { z } from 'zod';
import { scriptLanguages, ZTemplateParameter } from '@flowpilot/core/script-template';
import { ZTimestamp, ZUuid, zText } from './common.ts';

export const ZTemplateLanguage = z.enum(scriptLanguages);
export const ZDraftStatus = z.enum(['pending', 'accepted', 'rejected']);
export const ZFieldError = z.object({ field: z.string(), message: z.string() });

export const MAX_SCRIPT_LENGTH = 50_000;
const ZBody = z.string().min(1, 'the script body is empty').max(MAX_SCRIPT_LENGTH);
const ZParametersSchema = z.array(ZTemplateParameter).max(50);
/** Values typed into a template's parameter form; the template's schema types and checks them. */
const ZParameterValues = z.record(z.string(), z.unknown());

// ---------------------------------------------------------------------------
// Script templates

export const ZScriptTemplate = z.object({
  id: ZUuid,
  /** Shipped with the product: visible to every account, read-only. */
  is_builtin: z.boolean(),
  slug: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  language: ZTemplateLanguage,
  category: z.string(),
  body: z.string(),
  parameters_schema: z.array(ZTemplateParameter),
  source_session_id: ZUuid.nullable(),
  source_user_id: ZUuid.nullable(),
  source_ticket_ref: z.string().nullable(),
  usage_count: z.number().int(),
  success_count: z.number().int(),
  failure_count: z.number().int(),
  partial_count: z.number().int(),
  /** success / (success + failure + partial), 0..1; null until an outcome is recorded. */
  success_rate: z.number().nullable(),
  created_by_user_id: ZUuid.nullable(),
  created_at: ZTimestamp,
  updated_at: ZTimestamp,
});
export type TScriptTemplate = z.infer<typeof ZScriptTemplate>;

export const ZScriptTemplateListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(100).optional(),
  language: ZTemplateLanguage.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TScriptTemplateListQuery = z.infer<typeof ZScriptTemplateListQuery>;

export const ZScriptTemplateList = z.object({
  items: z.array(ZScriptTemplate),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});

export const ZTemplateCategoryList = z.object({
  items: z.array(z.object({ category: z.string(), count: z.number().int() })),
});

export const ZCreateScriptTemplateRequest = z.object({
  name: zText(200),
  description: z.string().trim().max(2000).default(''),
  language: ZTemplateLanguage,
  category: zText(100).default('General'),
  body: ZBody,
  parameters_schema: ZParametersSchema.default([]),
});
export type TCreateScriptTemplateRequest = z.infer<typeof ZCreateScriptTemplateRequest>;

export const ZUpdateScriptTemplateRequest = z
  .object({
    name: zText(200).optional(),
    description: z.string().trim().max(2000).optional(),
    language: ZTemplateLanguage.optional(),
    category: zText(100).optional(),
    body: ZBody.optional(),
    parameters_schema: ZParametersSchema.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'Send at least one field to change.' });
export type TUpdateScriptTemplateRequest = z.infer<typeof ZUpdateScriptTemplateRequest>;

// ---------------------------------------------------------------------------
// Matching

export const ZTemplateMatchQuery = z.object({
  /** Rank for this session's active fix (and its intake); the session must be the caller's. */
  ai_session_id: ZUuid.optional(),
  /** Free text to rank against, alone or on top of the session. */
  q: z.string().trim().max(500).optional(),
});
export type TTemplateMatchQuery = z.infer<typeof ZTemplateMatchQuery>;

export const ZTemplateMatch = ZScriptTemplate.extend({
  /** 0..1, higher is better; 1 for the template the fix already names. */
  score: z.number(),
  /** Why it ranked, for the engineer: "Linked to this fix" or the matched words. */
  reason: z.string(),
});
export type TTemplateMatch = z.infer<typeof ZTemplateMatch>;

export const ZTemplateMatchList = z.object({ items: z.array(ZTemplateMatch) });

// ---------------------------------------------------------------------------
// Rendering and generation

export const ZRenderTemplateRequest = z.object({ parameters: ZParameterValues.default({}) });
export type TRenderTemplateRequest = z.infer<typeof ZRenderTemplateRequest>;

export const ZRenderTemplateResponse = z.object({
  script: z.string(),
  /** The same script with secret/sensitive values shown as ••••: safe to store, log or share. */
  redacted_script: z.string(),
  errors: z.array(ZFieldError),
});

export const ZGenerateScriptRequest = z.object({
  template_id: ZUuid,
  parameters: ZParameterValues.default({}),
  /** With `fix_id`: links the template to that fix (the session's active one). */
  ai_session_id: ZUuid.optional(),
  fix_id: ZUuid.optional(),
});
export type TGenerateScriptRequest = z.infer<typeof ZGenerateScriptRequest>;

export const ZScriptGeneration = z.object({
  id: ZUuid,
  template_id: ZUuid,
  /** The real script, returned this once and never stored. */
  script: z.string(),
  redacted_script: z.string(),
  /** Redacted parameter values, as stored. */
  parameters: z.record(z.string(), z.unknown()),
  ai_session_id: ZUuid.nullable(),
  fix_id: ZUuid.nullable(),
  created_at: ZTimestamp,
});
export type TScriptGeneration = z.infer<typeof ZScriptGeneration>;

// ---------------------------------------------------------------------------
// Draft templates (owner review queue)

export const ZDraftTemplate = z.object({
  id: ZUuid,
  ai_session_id: ZUuid,
  session_title: z.string().nullable(),
  fix_id: ZUuid.nullable(),
  created_by_user_id: ZUuid.nullable(),
  created_by_name: z.string().nullable(),
  proposed_name: z.string(),
  language: ZTemplateLanguage,
  body: z.string(),
  parameters: z.array(ZTemplateParameter),
  status: ZDraftStatus,
  reviewed_by_user_id: ZUuid.nullable(),
  reviewed_at: ZTimestamp.nullable(),
  promoted_template_id: ZUuid.nullable(),
  created_at: ZTimestamp,
});
export type TDraftTemplate = z.infer<typeof ZDraftTemplate>;

export const ZDraftTemplateListQuery = z.object({
  /** Omit for every status. */
  status: ZDraftStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TDraftTemplateListQuery = z.infer<typeof ZDraftTemplateListQuery>;

export const ZDraftTemplateList = z.object({
  items: z.array(ZDraftTemplate),
  /** Pending drafts of the account, whatever the filter: the queue badge. */
  pending_count: z.number().int(),
});

export const ZAcceptDraftRequest = z
  .object({
    edited_body: ZBody.optional(),
    name: zText(200).optional(),
    category: zText(100).optional(),
  })
  .strict();
export type TAcceptDraftRequest = z.infer<typeof ZAcceptDraftRequest>;

export const ZAcceptDraftResponse = z.object({ draft: ZDraftTemplate, template: ZScriptTemplate });
export const ZRejectDraftResponse = z.object({ draft: ZDraftTemplate });
