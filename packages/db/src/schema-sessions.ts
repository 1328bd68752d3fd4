import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, users } from './schema-accounts.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const sessionStatuses = ['active', 'paused', 'resolved', 'escalated', 'abandoned'] as const;
export const intakeTypes = ['free_text', 'ticket', 'log_paste', 'combined'] as const;
export const factKinds = ['question', 'diagnostic_check', 'engineer_note', 'ai_promoted'] as const;
export const fixStatuses = [
  'proposed',
  'applied_partial',
  'applied_success',
  'applied_failed',
  'dismissed',
] as const;
export const fixDecisions = ['one_off', 'draft_template', 'build_template', 'dismissed'] as const;
export const itemStates = ['open', 'answered', 'done', 'skipped'] as const;

export interface IntakeContent {
  text: string;
  ticket_ref?: string | undefined;
  client_name?: string | undefined;
  asset_name?: string | undefined;
  logs?: string | undefined;
}

export interface QuestionItem {
  id: string;
  text: string;
  state: (typeof itemStates)[number];
  answer?: string | undefined;
}

export interface ActionItem {
  id: string;
  title: string;
  command?: string | undefined;
  language?: 'powershell' | 'bash' | 'python' | 'cmd' | undefined;
  state: (typeof itemStates)[number];
  result?: string | undefined;
}

export interface TaskLane {
  questions: QuestionItem[];
  actions: ActionItem[];
}

export const aiSessions = pgTable('ai_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  sessionType: text('session_type').notNull().default('tshoot'),
  intakeType: text('intake_type', { enum: intakeTypes }).notNull(),
  intakeContent: jsonb('intake_content').$type<IntakeContent>().notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: sessionStatuses }).notNull().default('active'),
  confidenceScore: doublePrecision('confidence_score').notNull().default(0),
  confidenceTier: text('confidence_tier', { enum: ['discovery', 'exploring', 'guided'] })
    // The real expression lives in the migration; drizzle only needs to know it is generated.
    .generatedAlwaysAs(sql`derived`)
    .notNull(),
  clientName: text('client_name'),
  assetName: text('asset_name'),
  issueCategory: text('issue_category'),
  triageHypothesis: text('triage_hypothesis'),
  taskLane: jsonb('task_lane').$type<TaskLane>().notNull(),
  stateVersion: integer('state_version').notNull().default(0),
  // Maintained by a trigger (migration 0006); declared generated so drizzle never writes it.
  searchVector: tsvector('search_vector').generatedAlwaysAs(sql`derived`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  resolutionNote: text('resolution_note'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  escalationPackage: text('escalation_package'),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  closedByUserId: uuid('closed_by_user_id').references(() => users.id),
  /** Who claimed it from the escalation queue and works it now (migration 0013). */
  assigneeId: uuid('assignee_id').references(() => users.id),
});

export interface MessageError {
  code: string;
  detail: string;
  retryable: boolean;
}

export const aiSessionMessages = pgTable('ai_session_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  aiSessionId: uuid('ai_session_id')
    .notNull()
    .references(() => aiSessions.id),
  role: text('role', { enum: ['user', 'assistant'] }).notNull(),
  kind: text('kind', { enum: ['intake', 'chat', 'handoff'] })
    .notNull()
    .default('chat'),
  content: text('content').notNull().default(''),
  status: text('status', { enum: ['streaming', 'complete', 'failed'] })
    .notNull()
    .default('complete'),
  error: jsonb('error').$type<MessageError>(),
  changes: jsonb('changes').$type<Record<string, unknown>>(),
  modelBackend: text('model_backend'),
  modelName: text('model_name'),
  inputTokens: integer('input_tokens'),
  outputTokens: integer('output_tokens'),
  /** What the model was given for this reply (migration 0008; ZContextSent). */
  context: jsonb('context').$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

export const sessionFacts = pgTable('session_facts', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  aiSessionId: uuid('ai_session_id')
    .notNull()
    .references(() => aiSessions.id),
  kind: text('kind', { enum: factKinds }).notNull(),
  text: text('text').notNull(),
  sourceItemId: text('source_item_id'),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export interface OutcomeProposal {
  outcome: 'applied_success' | 'applied_failed' | 'applied_partial';
  reason?: string | undefined;
}

export const sessionSuggestedFixes = pgTable('session_suggested_fixes', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  aiSessionId: uuid('ai_session_id')
    .notNull()
    .references(() => aiSessions.id),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  confidencePct: integer('confidence_pct').notNull().default(0),
  status: text('status', { enum: fixStatuses }).notNull().default('proposed'),
  userDecision: text('user_decision', { enum: fixDecisions }),
  scriptTemplateId: uuid('script_template_id'),
  scriptLanguage: text('script_language', { enum: ['powershell', 'bash', 'python'] }),
  aiDraftedScript: text('ai_drafted_script'),
  aiDraftedParameters: jsonb('ai_drafted_parameters').$type<Record<string, unknown>>(),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  partialNotes: text('partial_notes'),
  failureReason: text('failure_reason'),
  aiOutcomeProposal: jsonb('ai_outcome_proposal').$type<OutcomeProposal>(),
  supersededAt: timestamp('superseded_at', { withTimezone: true }),
  source: text('source', { enum: ['ai', 'engineer'] }).notNull(),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
