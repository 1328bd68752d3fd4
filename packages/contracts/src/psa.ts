import { z } from 'zod';
import { ZTimestamp, ZUuid, zText } from './common.ts';

export const ZPsaProvider = z.enum(['connectwise', 'halopsa', 'autotask']);
export type TPsaProvider = z.infer<typeof ZPsaProvider>;

/** PSA ids are numbers in all three products; they travel as strings so one shape fits all. */
const zPsaId = z
  .union([z.string().trim().min(1).max(64), z.number().int().nonnegative()])
  .transform((value) => String(value));

export const ZPsaMemberMapping = z.object({
  user_id: ZUuid,
  member_id: zPsaId,
  member_name: z.string().trim().max(200).optional(),
});
export type TPsaMemberMapping = z.infer<typeof ZPsaMemberMapping>;

/** What every provider's form shares: where closed tickets go, time entries, who is who. */
const common = {
  resolved_status_id: zPsaId.nullable().optional(),
  escalated_status_id: zPsaId.nullable().optional(),
  /** ConnectWise statuses belong to a board; the pickers list that board's statuses. */
  board_id: zPsaId.nullable().optional(),
  post_time_entries: z.boolean().optional(),
  member_mappings: z.array(ZPsaMemberMapping).max(500).optional(),
};

/**
 * Secrets are optional on a re-save of the same provider: left out, the stored ones are kept
 * (the form never receives them back, so it cannot send them again).
 */
const secret = z.string().trim().min(1).max(500).optional();

export const ZPsaConnectionRequest = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('connectwise'),
    site_url: z.url({ protocol: /^https?$/ }).max(300),
    company_id: zText(100),
    client_id: zText(100),
    public_key: secret,
    private_key: secret,
    ...common,
  }),
  z.object({
    provider: z.literal('halopsa'),
    base_url: z.url({ protocol: /^https?$/ }).max(300),
    client_id: zText(200),
    client_secret: secret,
    ...common,
  }),
  z.object({
    provider: z.literal('autotask'),
    zone_url: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
    username: zText(200),
    integration_code: secret,
    secret,
    ...common,
  }),
]);
export type TPsaConnectionRequest = z.infer<typeof ZPsaConnectionRequest>;

export const ZPsaConnectionStatus = z.enum(['not_configured', 'connected', 'error']);

export const ZPsaConnection = z.object({
  provider: ZPsaProvider.nullable(),
  status: ZPsaConnectionStatus,
  /** Everything but the secrets; `secrets_set` names the ones stored (never their values). */
  settings: z.record(z.string(), z.unknown()),
  secrets_set: z.array(z.string()),
  last_checked_at: ZTimestamp.nullable(),
  last_error: z.string().nullable(),
});
export type TPsaConnection = z.infer<typeof ZPsaConnection>;

export const ZPsaTestResult = z.object({
  ok: z.boolean(),
  /** The PSA's own words on a failure (credentials refused, company unknown …). */
  detail: z.string(),
  version: z.string().nullable(),
});
export type TPsaTestResult = z.infer<typeof ZPsaTestResult>;

export const ZPsaOption = z.object({ id: z.string(), name: z.string() });
export const ZPsaOptionList = z.object({ items: z.array(ZPsaOption) });
export const ZPsaStatusQuery = z.object({ board_id: z.string().trim().max(64).optional() });

export const ZPsaMember = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });
export const ZPsaMemberQuery = z.object({ email: z.email().max(320) });
export const ZPsaMemberList = z.object({ items: z.array(ZPsaMember) });

export const ZPsaTicketSummary = z.object({
  id: z.string(),
  number: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  company: z.string().nullable(),
});
export type TPsaTicketSummary = z.infer<typeof ZPsaTicketSummary>;

export const ZPsaTicket = ZPsaTicketSummary.extend({
  description: z.string(),
  status_id: z.string().nullable(),
  board: z.string().nullable(),
  contact: z.string().nullable(),
  configuration: z.string().nullable(),
  notes: z.array(z.object({ id: z.string(), text: z.string(), internal: z.boolean() })),
  /** Where the engineer opens the ticket in the PSA itself, when the PSA has such a page. */
  url: z.string().nullable(),
});
export type TPsaTicket = z.infer<typeof ZPsaTicket>;

export const ZPsaTicketSearchQuery = z.object({ q: z.string().trim().max(200).default('') });
export const ZPsaTicketSearchResult = z.object({ items: z.array(ZPsaTicketSummary) });
export const ZPsaTicketParams = z.object({
  ticket_id: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,64}$/),
});

export const ZPsaTicketLink = z.object({
  provider: ZPsaProvider,
  ticket_id: z.string(),
  ticket_number: z.string(),
  url: z.string().nullable(),
});
export type TPsaTicketLink = z.infer<typeof ZPsaTicketLink>;

export const ZPsaDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const ZPsaDelivery = z.object({
  id: ZUuid,
  kind: z.enum(['resolution', 'internal']),
  status: ZPsaDeliveryStatus,
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  next_attempt_at: ZTimestamp.nullable(),
  delivered_at: ZTimestamp.nullable(),
  note_id: z.string().nullable(),
  time_entry_id: z.string().nullable(),
  status_transition: z.object({
    requested_status_id: z.string().nullable(),
    /** null until tried; false when the PSA accepted the change and kept the old status. */
    verified: z.boolean().nullable(),
    actual_status_id: z.string().nullable(),
    skipped_reason: z.string().nullable(),
  }),
  ticket: ZPsaTicketLink,
});
export type TPsaDelivery = z.infer<typeof ZPsaDelivery>;
