import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TemplateParameter } from '@flowpilot/core/script-template';
import { accounts, users } from './schema-accounts.ts';
import { aiSessions, sessionSuggestedFixes } from './schema-sessions.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const templateLanguages = ['powershell', 'bash', 'python'] as const;
export const draftStatuses = ['pending', 'accepted', 'rejected'] as const;

export const scriptTemplates = pgTable('script_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** NULL for built-ins, which every account sees and none can change. */
  accountId: uuid('account_id').references(() => accounts.id),
  isBuiltin: boolean('is_builtin').notNull().default(false),
  slug: text('slug'),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  language: text('language', { enum: templateLanguages }).notNull(),
  category: text('category').notNull().default('General'),
  body: text('body').notNull(),
  parametersSchema: jsonb('parameters_schema').$type<TemplateParameter[]>().notNull(),
  sourceSessionId: uuid('source_session_id').references(() => aiSessions.id),
  sourceUserId: uuid('source_user_id').references(() => users.id),
  sourceTicketRef: text('source_ticket_ref'),
  usageCount: integer('usage_count').notNull().default(0),
  successCount: integer('success_count').notNull().default(0),
  failureCount: integer('failure_count').notNull().default(0),
  partialCount: integer('partial_count').notNull().default(0),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  // The real expression lives in the migration; drizzle only needs to know it is generated.
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`derived`),
});

/** Per-account usage and outcome counters of the shared built-in templates. */
export const builtinTemplateStats = pgTable(
  'builtin_template_stats',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => scriptTemplates.id),
    usageCount: integer('usage_count').notNull().default(0),
    successCount: integer('success_count').notNull().default(0),
    failureCount: integer('failure_count').notNull().default(0),
    partialCount: integer('partial_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.templateId] })],
);

export const scriptGenerations = pgTable('script_generations', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  userId: uuid('user_id').references(() => users.id),
  templateId: uuid('template_id')
    .notNull()
    .references(() => scriptTemplates.id),
  aiSessionId: uuid('ai_session_id').references(() => aiSessions.id),
  fixId: uuid('fix_id').references(() => sessionSuggestedFixes.id),
  /** Redacted: secret and sensitive values are stored as ••••. */
  parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
  /** The redacted rendering; the real script is returned once and never stored. */
  renderedScript: text('rendered_script').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const draftTemplates = pgTable('draft_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  aiSessionId: uuid('ai_session_id')
    .notNull()
    .references(() => aiSessions.id),
  fixId: uuid('fix_id').references(() => sessionSuggestedFixes.id),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  proposedName: text('proposed_name').notNull(),
  language: text('language', { enum: templateLanguages }).notNull(),
  body: text('body').notNull(),
  /** Proposed parameter schema for the template this draft would become. */
  parameters: jsonb('parameters').$type<TemplateParameter[]>().notNull(),
  status: text('status', { enum: draftStatuses }).notNull().default('pending'),
  reviewedByUserId: uuid('reviewed_by_user_id').references(() => users.id),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  promotedTemplateId: uuid('promoted_template_id').references(() => scriptTemplates.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
