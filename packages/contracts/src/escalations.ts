import { z } from 'zod';
import { ZSessionDetail } from './ai-sessions.ts';
import { ZTimestamp, ZUuid } from './common.ts';

/** SPEC §7.5: the escalation queue and the handoff. */

export const ZPersonRef = z.object({ id: ZUuid, name: z.string() });
export type TPersonRef = z.infer<typeof ZPersonRef>;

export const ZEscalationItem = z.object({
  session_id: ZUuid,
  title: z.string(),
  escalated_by: ZPersonRef,
  escalated_at: ZTimestamp,
  claimed_by: ZPersonRef.nullable(),
  claimed_at: ZTimestamp.nullable(),
  /** A few sentences from the package: the problem and the current hypothesis. */
  summary: z.string(),
  /** Seconds from escalation to the claim, or to now while it waits. */
  waiting_seconds: z.number().int().nonnegative(),
  /** The package as posted (the queue's preview). */
  escalation_package: z.string(),
});
export type TEscalationItem = z.infer<typeof ZEscalationItem>;

export const ZEscalationList = z.object({ items: z.array(ZEscalationItem) });
export type TEscalationList = z.infer<typeof ZEscalationList>;

export const ZEscalationParams = z.object({ session_id: ZUuid });

export const ZClaimResponse = z.object({ session: ZSessionDetail });
export type TClaimResponse = z.infer<typeof ZClaimResponse>;

/** `GET /escalations/stream` events (SSE `event:` name → `data:`). */
export const ZEscalationCreatedEvent = z.object({ item: ZEscalationItem });
export const ZEscalationClaimedEvent = z.object({
  session_id: ZUuid,
  claimed_by: ZPersonRef,
  claimed_at: ZTimestamp,
});
export type TEscalationCreatedEvent = z.infer<typeof ZEscalationCreatedEvent>;
export type TEscalationClaimedEvent = z.infer<typeof ZEscalationClaimedEvent>;
export type TEscalationStreamEvent =
  | { event: 'escalation_created'; data: TEscalationCreatedEvent }
  | { event: 'escalation_claimed'; data: TEscalationClaimedEvent };

export const ZEscalationMetricsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

/** Per account, for the analytics page to come: medians over the escalations in the window. */
export const ZEscalationMetrics = z.object({
  escalations: z.number().int(),
  claimed: z.number().int(),
  resolved_after_claim: z.number().int(),
  median_seconds_to_claim: z.number().nullable(),
  median_seconds_claim_to_resolution: z.number().nullable(),
});
export type TEscalationMetrics = z.infer<typeof ZEscalationMetrics>;

/**
 * What the pickup screen sends for its two assistant choices (the offline engine recognises the
 * fresh-assessment request; any model understands both).
 */
export const PICKUP_MESSAGES = {
  continue: "I've picked this up from the escalation queue. Let's continue where we left off.",
  fresh_assessment:
    'Give me a fresh assessment: what is known, what has been tried, and what is likely next.',
} as const;
