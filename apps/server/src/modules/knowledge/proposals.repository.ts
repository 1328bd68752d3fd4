import { and, count, desc, eq } from 'drizzle-orm';
import type { TKnowledgeProposal } from '@flowpilot/contracts/playbooks';
import type { Db, Tx } from '@flowpilot/db/database';
import { users } from '@flowpilot/db/schema-accounts';
import { knowledgeProposals, playbooks } from '@flowpilot/db/schema-knowledge';
import { aiSessions } from '@flowpilot/db/schema-sessions';

export type ProposalRow = typeof knowledgeProposals.$inferSelect;

/** The account's knowledge proposals; every query is scoped to it. */
export function proposalsRepository(db: Db | Tx, accountId: string) {
  const withProvenance = () =>
    db
      .select({
        proposal: knowledgeProposals,
        sessionTitle: aiSessions.title,
        engineerName: users.name,
        playbookTitle: playbooks.title,
      })
      .from(knowledgeProposals)
      .innerJoin(aiSessions, eq(aiSessions.id, knowledgeProposals.sourceSessionId))
      .leftJoin(users, eq(users.id, knowledgeProposals.sourceUserId))
      .leftJoin(playbooks, eq(playbooks.id, knowledgeProposals.playbookId));
  return {
    list(status?: ProposalRow['status']) {
      return withProvenance()
        .where(
          and(
            eq(knowledgeProposals.accountId, accountId),
            status ? eq(knowledgeProposals.status, status) : undefined,
          ),
        )
        .orderBy(desc(knowledgeProposals.createdAt), desc(knowledgeProposals.id))
        .limit(200);
    },
    async get(id: string) {
      const [row] = await withProvenance()
        .where(and(eq(knowledgeProposals.accountId, accountId), eq(knowledgeProposals.id, id)))
        .limit(1);
      return row;
    },
    async lock(id: string) {
      const [row] = await db
        .select()
        .from(knowledgeProposals)
        .where(and(eq(knowledgeProposals.accountId, accountId), eq(knowledgeProposals.id, id)))
        .for('update')
        .limit(1);
      return row;
    },
    async countPending() {
      const [row] = await db
        .select({ n: count() })
        .from(knowledgeProposals)
        .where(and(eq(knowledgeProposals.accountId, accountId), eq(knowledgeProposals.status, 'pending')));
      return row?.n ?? 0;
    },
  };
}

export function toProposalDto(row: {
  proposal: ProposalRow;
  sessionTitle: string;
  engineerName: string | null;
  playbookTitle: string | null;
}): TKnowledgeProposal {
  const { proposal } = row;
  const { template: _inline, ...proposed } = proposal.proposed ?? { template: undefined };
  return {
    id: proposal.id,
    kind: proposal.kind,
    status: proposal.status,
    summary: proposal.summary,
    playbook:
      proposal.playbookId && row.playbookTitle ? { id: proposal.playbookId, title: row.playbookTitle } : null,
    proposed: proposal.proposed ? (proposed as TKnowledgeProposal['proposed']) : null,
    changes: proposal.changes,
    provenance: {
      session_id: proposal.sourceSessionId,
      session_title: row.sessionTitle,
      engineer:
        proposal.sourceUserId && row.engineerName
          ? { id: proposal.sourceUserId, name: row.engineerName }
          : null,
      ticket_ref: proposal.sourceTicketRef,
    },
    decided_by_user_id: proposal.decidedByUserId,
    decided_at: proposal.decidedAt?.toISOString() ?? null,
    created_at: proposal.createdAt.toISOString(),
  };
}
