import { z } from 'zod';
import { ZSessionDetail } from './ai-sessions.ts';
import { ZTimestamp, ZUuid, zOptionalBody } from './common.ts';
import { ZPsaDelivery } from './psa.ts';

/** The longest note or package a session keeps (the database refuses more). */
export const MAX_CLOSING_MARKDOWN = 100_000;

export const ZClosingKind = z.enum(['resolution_note', 'escalation_package']);
export type TClosingKind = z.infer<typeof ZClosingKind>;

/**
 * A preview needs no input; `polish` asks a configured model to smooth the wording (ignored
 * offline). A missing body counts as `{}`.
 */
export const ZPreviewRequest = zOptionalBody(z.object({ polish: z.boolean().optional() }));
export type TPreviewRequest = z.infer<typeof ZPreviewRequest>;

export const ZPreviewResponse = z.object({
  markdown: z.string(),
  /** The session version the text describes; it is regenerated once this moves. */
  state_version: z.number().int(),
  from_cache: z.boolean(),
  /** True when the model's rewording was used; false when the deterministic text was. */
  polished: z.boolean(),
});
export type TPreviewResponse = z.infer<typeof ZPreviewResponse>;

/** Markdown the engineer edited in the preview; without it the server composes the text itself. */
const zEditedMarkdown = z
  .string()
  .max(MAX_CLOSING_MARKDOWN, `must be at most ${MAX_CLOSING_MARKDOWN} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty')
  .optional();

export const ZResolvePostRequest = zOptionalBody(z.object({ markdown: zEditedMarkdown }));
export type TResolvePostRequest = z.infer<typeof ZResolvePostRequest>;

/**
 * EscalateInterceptDialog choices, asked when the active fix is Verifying or Partial:
 * the first three record the fix's outcome before the package is composed, the last leaves it.
 */
export const ZInterceptChoice = z.enum(['didnt_work', 'partial', 'worked_other_reason', 'never_applied']);
export type TInterceptChoice = z.infer<typeof ZInterceptChoice>;

export const ZEscalatePostRequest = zOptionalBody(
  z.object({
    markdown: zEditedMarkdown,
    intercept_choice: ZInterceptChoice.optional(),
    partial_notes: z.string().trim().max(5000).optional(),
    failure_reason: z.string().trim().max(5000).optional(),
  }),
);
export type TEscalatePostRequest = z.infer<typeof ZEscalatePostRequest>;

export const ZCloseSessionResponse = z.object({
  /** `resolved`/`escalated` for a session linked to a PSA ticket (its note goes to the PSA: `delivery`). */
  outcome: z.enum(['resolved_local', 'escalated_local', 'resolved', 'escalated']),
  session: ZSessionDetail,
  delivery: ZPsaDelivery.optional(),
});
export type TCloseSessionResponse = z.infer<typeof ZCloseSessionResponse>;

export const ZAuditEvent = z.object({
  id: ZUuid,
  action: z.string(),
  subject_type: z.string(),
  subject_id: ZUuid.nullable(),
  /** Null for the system (e.g. an assistant turn with no user) or a deleted user. */
  actor: z.object({ id: ZUuid, name: z.string() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  created_at: ZTimestamp,
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEventList = z.object({
  items: z.array(ZAuditEvent),
  /** Pass back as `cursor` for the next (later) page; null at the end. */
  next_cursor: z.string().nullable(),
});
export type TAuditEventList = z.infer<typeof ZAuditEventList>;
