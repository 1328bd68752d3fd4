import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import { ZPlaybook, type Playbook } from '@flowpilot/core/playbook';
import type { TPlaybookDetail, TPlaybookSummary } from '@flowpilot/contracts/playbooks';
import type { Db, Tx } from '@flowpilot/db/database';
import { playbooks, playbookStats, resolvedSessionSummaries } from '@flowpilot/db/schema-knowledge';
import { scriptTemplates } from '@flowpilot/db/schema-scripts';

export type PlaybookRow = typeof playbooks.$inferSelect;
type Stats = { usageCount: number; successCount: number };

/** The account's published playbooks, parsed; a row that no longer parses is skipped, not fatal. */
export async function loadPublishedPlaybooks(db: Db | Tx, accountId: string) {
  const rows = await db
    .select({ id: playbooks.id, definition: playbooks.definition })
    .from(playbooks)
    .where(
      and(eq(playbooks.accountId, accountId), eq(playbooks.status, 'published'), isNull(playbooks.deletedAt)),
    )
    .orderBy(asc(playbooks.createdAt), asc(playbooks.id));
  return rows.flatMap((row) => {
    const parsed = ZPlaybook.safeParse(row.definition);
    return parsed.success ? [{ id: row.id, definition: parsed.data }] : [];
  });
}

/** Playbooks one account can see: the built-ins and its own. Every query is scoped to it. */
export function playbooksRepository(db: Db | Tx, accountId: string) {
  const visible = or(isNull(playbooks.accountId), eq(playbooks.accountId, accountId));
  return {
    async list(filter: { q?: string | undefined; status?: string | undefined; source?: string | undefined }) {
      const conditions = [visible, isNull(playbooks.deletedAt)];
      if (filter.status) conditions.push(eq(playbooks.status, filter.status as 'published'));
      if (filter.source === 'builtin') conditions.push(eq(playbooks.isBuiltin, true));
      if (filter.source === 'account') conditions.push(eq(playbooks.isBuiltin, false));
      if (filter.q) {
        const pattern = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
        conditions.push(
          or(
            sql`${playbooks.title} ILIKE ${pattern}`,
            sql`${playbooks.category} ILIKE ${pattern}`,
            sql`${playbooks.definition}->>'symptoms' ILIKE ${pattern}`,
            sql`${playbooks.definition}->>'keywords' ILIKE ${pattern}`,
          )!,
        );
      }
      return db
        .select()
        .from(playbooks)
        .where(and(...conditions))
        .orderBy(asc(playbooks.isBuiltin), asc(playbooks.category), asc(playbooks.title));
    },
    async findVisible(id: string) {
      const [row] = await db
        .select()
        .from(playbooks)
        .where(and(eq(playbooks.id, id), visible, isNull(playbooks.deletedAt)))
        .limit(1);
      return row;
    },
    async lockVisible(id: string) {
      const [row] = await db
        .select()
        .from(playbooks)
        .where(and(eq(playbooks.id, id), visible, isNull(playbooks.deletedAt)))
        .for('update')
        .limit(1);
      return row;
    },
    async slugTaken(slug: string) {
      const [row] = await db
        .select({ id: playbooks.id })
        .from(playbooks)
        .where(and(eq(playbooks.slug, slug), visible, isNull(playbooks.deletedAt)))
        .limit(1);
      return !!row;
    },
    async stats(ids: string[]) {
      if (ids.length === 0) return new Map<string, Stats>();
      const rows = await db
        .select()
        .from(playbookStats)
        .where(and(eq(playbookStats.accountId, accountId), inArray(playbookStats.playbookId, ids)));
      return new Map(rows.map((row) => [row.playbookId, row]));
    },
    async resolvedSessions(slug: string, limit = 10) {
      return db
        .select({
          session_id: resolvedSessionSummaries.sessionId,
          title: resolvedSessionSummaries.title,
          resolved_at: resolvedSessionSummaries.resolvedAt,
        })
        .from(resolvedSessionSummaries)
        .where(
          and(
            eq(resolvedSessionSummaries.accountId, accountId),
            eq(resolvedSessionSummaries.playbookSlug, slug),
            eq(resolvedSessionSummaries.fixOutcome, 'applied_success'),
          ),
        )
        .orderBy(desc(resolvedSessionSummaries.resolvedAt))
        .limit(limit);
    },
    async templateName(id: string | null) {
      if (!id) return null;
      const [row] = await db
        .select({ name: scriptTemplates.name })
        .from(scriptTemplates)
        .where(
          and(
            eq(scriptTemplates.id, id),
            or(isNull(scriptTemplates.accountId), eq(scriptTemplates.accountId, accountId)),
            isNull(scriptTemplates.deletedAt),
          ),
        )
        .limit(1);
      return row?.name ?? null;
    },
  };
}

/** The template a playbook's fix links: a built-in's own (by its fixed id) or the stored link. */
export function templateIdOf(definition: Playbook): string | null {
  if (definition.template) return builtinTemplateId(definition.template.slug);
  return definition.template_id ?? null;
}

const counters = (stats: Stats | undefined) => ({
  usage_count: stats?.usageCount ?? 0,
  success_count: stats?.successCount ?? 0,
  success_rate: stats && stats.usageCount > 0 ? stats.successCount / stats.usageCount : null,
});

export function toPlaybookSummary(row: PlaybookRow, stats: Stats | undefined): TPlaybookSummary {
  const definition = row.definition;
  return {
    id: row.id,
    is_builtin: row.isBuiltin,
    slug: row.slug,
    title: row.title,
    category: row.category,
    status: row.status,
    symptoms: definition.symptoms,
    question_count: definition.questions.length,
    check_count: definition.checks.length,
    fix_title: definition.fix.title,
    template_id: templateIdOf(definition),
    ...counters(stats),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toPlaybookDetail(
  row: PlaybookRow,
  extra: {
    stats: Stats | undefined;
    templateName: string | null;
    resolvedSessions: { session_id: string; title: string; resolved_at: Date }[];
  },
): TPlaybookDetail {
  const { template: _template, ...definition } = row.definition;
  return {
    ...definition,
    id: row.id,
    is_builtin: row.isBuiltin,
    status: row.status,
    version: row.version,
    template_id: templateIdOf(row.definition),
    template_name: extra.templateName,
    source_session_id: row.sourceSessionId,
    created_by_user_id: row.createdByUserId,
    ...counters(extra.stats),
    resolved_sessions: extra.resolvedSessions.map((item) => ({
      ...item,
      resolved_at: item.resolved_at.toISOString(),
    })),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
