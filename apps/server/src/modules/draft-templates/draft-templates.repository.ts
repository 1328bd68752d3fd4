import { and, desc, eq, sql } from 'drizzle-orm';
import type { TDraftTemplate } from '@flowpilot/contracts/script-templates';
import type { Db, Tx } from '@flowpilot/db/database';
import { users } from '@flowpilot/db/schema-accounts';
import { draftTemplates, type draftStatuses } from '@flowpilot/db/schema-scripts';
import { aiSessions } from '@flowpilot/db/schema-sessions';

export type DraftRow = typeof draftTemplates.$inferSelect;
type DraftStatus = (typeof draftStatuses)[number];
type DraftView = DraftRow & { sessionTitle: string | null; createdByName: string | null };

export function toDraftTemplateDto(row: DraftView): TDraftTemplate {
  return {
    id: row.id,
    ai_session_id: row.aiSessionId,
    session_title: row.sessionTitle,
    fix_id: row.fixId,
    created_by_user_id: row.createdByUserId,
    created_by_name: row.createdByName,
    proposed_name: row.proposedName,
    language: row.language,
    body: row.body,
    parameters: row.parameters,
    status: row.status,
    reviewed_by_user_id: row.reviewedByUserId,
    reviewed_at: row.reviewedAt?.toISOString() ?? null,
    promoted_template_id: row.promotedTemplateId,
    created_at: row.createdAt.toISOString(),
  };
}

/** Draft templates of one account: every method requires the account id. */
export function draftTemplatesRepository(db: Db | Tx, accountId: string) {
  // Session title and author name for the review queue; joins stay inside the account.
  const selectViews = () =>
    db
      .select({ ...draftColumns, sessionTitle: aiSessions.title, createdByName: users.name })
      .from(draftTemplates)
      .leftJoin(
        aiSessions,
        and(eq(aiSessions.id, draftTemplates.aiSessionId), eq(aiSessions.accountId, accountId)),
      )
      .leftJoin(users, and(eq(users.id, draftTemplates.createdByUserId), eq(users.accountId, accountId)));

  return {
    async list(filter: { status?: DraftStatus | undefined; limit: number }): Promise<DraftView[]> {
      return selectViews()
        .where(
          and(
            eq(draftTemplates.accountId, accountId),
            filter.status ? eq(draftTemplates.status, filter.status) : undefined,
          ),
        )
        .orderBy(desc(draftTemplates.createdAt), desc(draftTemplates.id))
        .limit(filter.limit);
    },
    async countPending() {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(draftTemplates)
        .where(and(eq(draftTemplates.accountId, accountId), eq(draftTemplates.status, 'pending')));
      return row?.n ?? 0;
    },
    async getView(id: string): Promise<DraftView | undefined> {
      const [row] = await selectViews()
        .where(and(eq(draftTemplates.accountId, accountId), eq(draftTemplates.id, id)))
        .limit(1);
      return row;
    },
    /** Locks the draft for a review decision, so two owners cannot both decide it. */
    async lock(id: string) {
      const [row] = await db
        .select()
        .from(draftTemplates)
        .where(and(eq(draftTemplates.accountId, accountId), eq(draftTemplates.id, id)))
        .for('update')
        .limit(1);
      return row;
    },
    /** The draft of this fix still waiting for review, if any (at most one: a unique index). */
    async findPendingForFix(fixId: string) {
      const [row] = await db
        .select({ id: draftTemplates.id, proposedName: draftTemplates.proposedName })
        .from(draftTemplates)
        .where(
          and(
            eq(draftTemplates.accountId, accountId),
            eq(draftTemplates.fixId, fixId),
            eq(draftTemplates.status, 'pending'),
          ),
        )
        .limit(1);
      return row;
    },
    async insert(values: Omit<typeof draftTemplates.$inferInsert, 'id' | 'accountId' | 'status'>) {
      const [row] = await db
        .insert(draftTemplates)
        .values({ ...values, accountId })
        .returning();
      return row!;
    },
    async review(
      id: string,
      values: Pick<DraftRow, 'status' | 'reviewedByUserId' | 'promotedTemplateId'> & { reviewedAt: Date },
    ) {
      await db
        .update(draftTemplates)
        .set(values)
        .where(and(eq(draftTemplates.accountId, accountId), eq(draftTemplates.id, id)));
    },
  };
}

const draftColumns = {
  id: draftTemplates.id,
  accountId: draftTemplates.accountId,
  aiSessionId: draftTemplates.aiSessionId,
  fixId: draftTemplates.fixId,
  createdByUserId: draftTemplates.createdByUserId,
  proposedName: draftTemplates.proposedName,
  language: draftTemplates.language,
  body: draftTemplates.body,
  parameters: draftTemplates.parameters,
  status: draftTemplates.status,
  reviewedByUserId: draftTemplates.reviewedByUserId,
  reviewedAt: draftTemplates.reviewedAt,
  promotedTemplateId: draftTemplates.promotedTemplateId,
  createdAt: draftTemplates.createdAt,
};
