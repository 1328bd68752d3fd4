import { customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './schema-accounts.ts';
import { aiSessionMessages, aiSessions } from './schema-sessions.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const attachmentKinds = ['image', 'text'] as const;
export const extractionStatuses = ['pending', 'done', 'failed', 'none'] as const;

/**
 * A screenshot or log file. Owned by its uploader until it joins a session's intake or a
 * message (`ai_session_id` set); unused uploads expire after a day.
 */
export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  uploadedBy: uuid('uploaded_by')
    .notNull()
    .references(() => users.id),
  aiSessionId: uuid('ai_session_id').references(() => aiSessions.id, { onDelete: 'cascade' }),
  /** The intake message or chat message it came with (migration 0010). */
  messageId: uuid('message_id').references(() => aiSessionMessages.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  kind: text('kind', { enum: attachmentKinds }).notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  width: integer('width'),
  height: integer('height'),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  extractionStatus: text('extraction_status', { enum: extractionStatuses }).notNull(),
  extractedText: text('extracted_text'),
  extractionError: text('extraction_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export type AttachmentRow = typeof attachments.$inferSelect;
