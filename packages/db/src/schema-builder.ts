import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './schema-accounts.ts';
import { aiSessions, type MessageError } from './schema-sessions.ts';

export const builderLanguages = ['powershell', 'bash', 'python'] as const;
export const builderOrigins = ['standalone', 'pilot_inline'] as const;

/**
 * A Script Builder chat. `pilot_inline` rows belong to one pilot session (the Script Builder
 * tab of the chat page); the database allows one per (user, pilot session).
 */
export const scriptBuilderSessions = pgTable('script_builder_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  language: text('language', { enum: builderLanguages }).notNull().default('powershell'),
  origin: text('origin', { enum: builderOrigins }).notNull().default('standalone'),
  aiSessionId: uuid('ai_session_id').references(() => aiSessions.id),
  title: text('title'),
  latestScript: text('latest_script'),
  latestScriptFilename: text('latest_script_filename'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const scriptBuilderMessages = pgTable('script_builder_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  sessionId: uuid('session_id')
    .notNull()
    .references(() => scriptBuilderSessions.id),
  role: text('role', { enum: ['user', 'assistant'] }).notNull(),
  content: text('content').notNull().default(''),
  status: text('status', { enum: ['streaming', 'complete', 'failed'] })
    .notNull()
    .default('complete'),
  error: jsonb('error').$type<MessageError>(),
  inputTokens: integer('input_tokens'),
  outputTokens: integer('output_tokens'),
  /** What the model was given (inline-tab replies; migration 0015), the contract's ZContextSent. */
  context: jsonb('context').$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
