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
import type { Playbook } from '@flowpilot/core/playbook';
import { accounts, users } from './schema-accounts.ts';
import { aiSessions } from './schema-sessions.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const playbookStatuses = ['proposed', 'published'] as const;
export const proposalKinds = ['new_playbook', 'enhancement', 'reinforcement'] as const;
export const proposalStatuses = ['pending', 'accepted', 'rejected', 'applied'] as const;

export const playbooks = pgTable('playbooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** NULL for built-ins, which every account sees and none can change. */
  accountId: uuid('account_id').references(() => accounts.id),
  isBuiltin: boolean('is_builtin').notNull().default(false),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  category: text('category').notNull(),
  status: text('status', { enum: playbookStatuses }).notNull().default('published'),
  definition: jsonb('definition').$type<Playbook>().notNull(),
  contentHash: text('content_hash').notNull(),
  version: integer('version').notNull().default(1),
  sourceSessionId: uuid('source_session_id').references(() => aiSessions.id),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const playbookStats = pgTable(
  'playbook_stats',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    playbookId: uuid('playbook_id')
      .notNull()
      .references(() => playbooks.id),
    usageCount: integer('usage_count').notNull().default(0),
    successCount: integer('success_count').notNull().default(0),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.playbookId] })],
);

export const knowledgeProposals = pgTable('knowledge_proposals', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  kind: text('kind', { enum: proposalKinds }).notNull(),
  status: text('status', { enum: proposalStatuses }).notNull(),
  playbookId: uuid('playbook_id').references(() => playbooks.id),
  summary: text('summary').notNull(),
  proposed: jsonb('proposed').$type<Playbook | null>(),
  changes: jsonb('changes')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  sourceSessionId: uuid('source_session_id')
    .notNull()
    .references(() => aiSessions.id),
  sourceUserId: uuid('source_user_id').references(() => users.id),
  sourceTicketRef: text('source_ticket_ref'),
  decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const resolvedSessionSummaries = pgTable('resolved_session_summaries', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => aiSessions.id),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }).notNull(),
  resolvedByUserId: uuid('resolved_by_user_id').references(() => users.id),
  title: text('title').notNull(),
  rootCause: text('root_cause'),
  fixTitle: text('fix_title'),
  fixDescription: text('fix_description'),
  fixOutcome: text('fix_outcome'),
  playbookSlug: text('playbook_slug'),
  document: text('document').notNull(),
  summary: text('summary').notNull(),
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`derived`),
});
