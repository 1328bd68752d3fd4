import { sql } from 'drizzle-orm';
import { doublePrecision, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './schema-accounts.ts';
import { aiSessions } from './schema-sessions.ts';

/**
 * One row per escalation of a session (migration 0013): written by a trigger when the session
 * becomes `escalated`, claimed by one conditional UPDATE, stamped resolved by the trigger.
 */
export const sessionEscalations = pgTable('session_escalations', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  aiSessionId: uuid('ai_session_id')
    .notNull()
    .references(() => aiSessions.id),
  escalatedBy: uuid('escalated_by').references(() => users.id),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }).notNull(),
  claimedBy: uuid('claimed_by').references(() => users.id),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  // Generated in the database; declared so drizzle reads but never writes them.
  secondsToClaim: doublePrecision('seconds_to_claim').generatedAlwaysAs(sql`derived`),
  secondsClaimToResolution: doublePrecision('seconds_claim_to_resolution').generatedAlwaysAs(sql`derived`),
});
