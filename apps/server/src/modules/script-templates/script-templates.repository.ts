import { and, asc, eq, getTableColumns, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { TScriptTemplate } from '@flowpilot/contracts/script-templates';
import type { Db, Tx } from '@flowpilot/db/database';
import { builtinTemplateStats, scriptTemplates } from '@flowpilot/db/schema-scripts';

export type ScriptTemplateRow = typeof scriptTemplates.$inferSelect;
/** A template as one account sees it: built-ins carry that account's own counters. */
export type VisibleTemplate = Omit<ScriptTemplateRow, 'searchVector'>;

export const templateNameTakenMessages = {
  ux_script_templates_account_name:
    'A template with this name already exists in your library. Pick another name.',
};

/** Built-in counters come from the caller's row in builtin_template_stats, never another account's. */
const counter = (own: keyof typeof counterColumns) =>
  sql<number>`CASE WHEN ${scriptTemplates.isBuiltin} THEN coalesce(${counterColumns[own].builtin}, 0) ELSE ${counterColumns[own].own} END`.mapWith(
    Number,
  );
const counterColumns = {
  usageCount: { own: scriptTemplates.usageCount, builtin: builtinTemplateStats.usageCount },
  successCount: { own: scriptTemplates.successCount, builtin: builtinTemplateStats.successCount },
  failureCount: { own: scriptTemplates.failureCount, builtin: builtinTemplateStats.failureCount },
  partialCount: { own: scriptTemplates.partialCount, builtin: builtinTemplateStats.partialCount },
};

const { searchVector: _searchVector, ...plainColumns } = getTableColumns(scriptTemplates);
export const visibleColumns = {
  ...plainColumns,
  usageCount: counter('usageCount'),
  successCount: counter('successCount'),
  failureCount: counter('failureCount'),
  partialCount: counter('partialCount'),
};

/** The account's live templates plus the live built-ins. */
export const visibleTo = (accountId: string) =>
  and(
    or(eq(scriptTemplates.accountId, accountId), eq(scriptTemplates.isBuiltin, true)),
    isNull(scriptTemplates.deletedAt),
  );

export const statsJoin = (accountId: string) =>
  and(eq(builtinTemplateStats.templateId, scriptTemplates.id), eq(builtinTemplateStats.accountId, accountId));

export function toScriptTemplateDto(row: VisibleTemplate): TScriptTemplate {
  const outcomes = row.successCount + row.failureCount + row.partialCount;
  return {
    id: row.id,
    is_builtin: row.isBuiltin,
    slug: row.slug,
    name: row.name,
    description: row.description,
    language: row.language,
    category: row.category,
    body: row.body,
    parameters_schema: row.parametersSchema,
    source_session_id: row.sourceSessionId,
    source_user_id: row.sourceUserId,
    source_ticket_ref: row.sourceTicketRef,
    usage_count: row.usageCount,
    success_count: row.successCount,
    failure_count: row.failureCount,
    partial_count: row.partialCount,
    success_rate: outcomes === 0 ? null : Math.round((row.successCount / outcomes) * 100) / 100,
    created_by_user_id: row.createdByUserId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export interface ListFilters {
  /** Already-built text condition (see list-script-templates.ts). */
  text?: SQL | undefined;
  category?: string | undefined;
  language?: TScriptTemplate['language'] | undefined;
  after?: { nameKey: string; id: string } | undefined;
  limit: number;
}

export type TemplateInsert = Omit<
  typeof scriptTemplates.$inferInsert,
  'id' | 'accountId' | 'isBuiltin' | 'slug'
>;
export type TemplateChanges = Partial<
  Pick<ScriptTemplateRow, 'name' | 'description' | 'language' | 'category' | 'body' | 'parametersSchema'>
>;

/** Templates as one account sees them: every method requires the account id. */
export function scriptTemplatesRepository(db: Db | Tx, accountId: string) {
  const selectVisible = () =>
    db.select(visibleColumns).from(scriptTemplates).leftJoin(builtinTemplateStats, statsJoin(accountId));

  return {
    /** Rows carry `nameKey`, the sort key as PostgreSQL computes it, for the next cursor. */
    async list(filters: ListFilters): Promise<(VisibleTemplate & { nameKey: string })[]> {
      const nameKey = sql<string>`lower(${scriptTemplates.name})`;
      return db
        .select({ ...visibleColumns, nameKey })
        .from(scriptTemplates)
        .leftJoin(builtinTemplateStats, statsJoin(accountId))
        .where(
          and(
            visibleTo(accountId),
            filters.text,
            filters.category
              ? sql`lower(${scriptTemplates.category}) = lower(${filters.category})`
              : undefined,
            filters.language ? eq(scriptTemplates.language, filters.language) : undefined,
            filters.after
              ? sql`(${nameKey}, ${scriptTemplates.id}) > (${filters.after.nameKey}, ${filters.after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(nameKey), asc(scriptTemplates.id))
        .limit(filters.limit);
    },

    async categories() {
      return db
        .select({ category: scriptTemplates.category, count: sql<number>`count(*)::int` })
        .from(scriptTemplates)
        .where(visibleTo(accountId))
        .groupBy(scriptTemplates.category)
        .orderBy(asc(scriptTemplates.category));
    },

    /** A live template the account can see (its own or a built-in). */
    async findVisible(id: string): Promise<VisibleTemplate | undefined> {
      const [row] = await selectVisible()
        .where(and(visibleTo(accountId), eq(scriptTemplates.id, id)))
        .limit(1);
      return row;
    },

    async insert(values: TemplateInsert): Promise<VisibleTemplate> {
      const [row] = await db
        .insert(scriptTemplates)
        .values({ ...values, accountId, isBuiltin: false })
        .returning(plainColumns);
      return row!;
    },

    /** Changes one of the account's own live templates (never a built-in). */
    async update(id: string, changes: TemplateChanges) {
      const [row] = await db
        .update(scriptTemplates)
        .set({ ...changes, updatedAt: new Date() })
        .where(
          and(
            eq(scriptTemplates.accountId, accountId),
            eq(scriptTemplates.id, id),
            isNull(scriptTemplates.deletedAt),
          ),
        )
        .returning({ id: scriptTemplates.id });
      return row ? this.findVisible(row.id) : undefined;
    },

    async softDelete(id: string) {
      const now = new Date();
      const [row] = await db
        .update(scriptTemplates)
        .set({ deletedAt: now, updatedAt: now })
        .where(
          and(
            eq(scriptTemplates.accountId, accountId),
            eq(scriptTemplates.id, id),
            isNull(scriptTemplates.deletedAt),
          ),
        )
        .returning({ id: scriptTemplates.id });
      return row;
    },

    /** Counts one use or outcome against the template, as this account sees it. */
    async increment(
      template: Pick<ScriptTemplateRow, 'id' | 'isBuiltin'>,
      column: keyof typeof counterColumns,
    ) {
      if (template.isBuiltin) {
        const target = counterColumns[column].builtin;
        await db
          .insert(builtinTemplateStats)
          .values({ accountId, templateId: template.id, [column]: 1 })
          .onConflictDoUpdate({
            target: [builtinTemplateStats.accountId, builtinTemplateStats.templateId],
            set: { [column]: sql`${target} + 1` },
          });
        return;
      }
      const target = counterColumns[column].own;
      await db
        .update(scriptTemplates)
        .set({ [column]: sql`${target} + 1` })
        .where(and(eq(scriptTemplates.accountId, accountId), eq(scriptTemplates.id, template.id)));
    },
  };
}
