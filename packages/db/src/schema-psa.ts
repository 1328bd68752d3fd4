import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './schema-accounts.ts';
import { aiSessions } from './schema-sessions.ts';

export const psaProviders = ['connectwise', 'halopsa', 'autotask'] as const;
export type PsaProviderName = (typeof psaProviders)[number];
export const psaDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;

/** One PSA connection per account. `secrets` is AES-256-GCM ciphertext, never sent anywhere. */
export const psaConnections = pgTable('psa_connections', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: psaProviders }).notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  secrets: text('secrets').notNull(),
  status: text('status', { enum: ['connected', 'error'] }).notNull(),
  lastError: text('last_error'),
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  updatedByUserId: uuid('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The PSA ticket a session was started from; kept when the connection changes. */
export const psaTicketLinks = pgTable('psa_ticket_links', {
  aiSessionId: uuid('ai_session_id')
    .primaryKey()
    .references(() => aiSessions.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  provider: text('provider', { enum: psaProviders }).notNull(),
  ticketId: text('ticket_id').notNull(),
  ticketNumber: text('ticket_number').notNull(),
  ticketUrl: text('ticket_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The outbox: one row per close of a linked session (a claimed escalation closes again),
 * written in the closing transaction. Each
 * step's result is stored as it succeeds, so a retry resumes instead of repeating it.
 */
export const psaDeliveries = pgTable('psa_deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  aiSessionId: uuid('ai_session_id')
    .notNull()
    .references(() => aiSessions.id, { onDelete: 'cascade' }),
  closedByUserId: uuid('closed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  provider: text('provider', { enum: psaProviders }).notNull(),
  ticketId: text('ticket_id').notNull(),
  kind: text('kind', { enum: ['resolution', 'internal'] }).notNull(),
  body: text('body').notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  requestedStatusId: text('requested_status_id'),
  postTimeEntry: boolean('post_time_entry').notNull().default(false),
  workStartedAt: timestamp('work_started_at', { withTimezone: true }).notNull(),
  workEndedAt: timestamp('work_ended_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: psaDeliveryStatuses }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  noteId: text('note_id'),
  statusDone: boolean('status_done').notNull().default(false),
  statusVerified: boolean('status_verified'),
  actualStatusId: text('actual_status_id'),
  statusSkippedReason: text('status_skipped_reason'),
  timeEntryDone: boolean('time_entry_done').notNull().default(false),
  timeEntryId: text('time_entry_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
});

export type PsaConnectionRow = typeof psaConnections.$inferSelect;
export type PsaTicketLinkRow = typeof psaTicketLinks.$inferSelect;
export type PsaDeliveryRow = typeof psaDeliveries.$inferSelect;
