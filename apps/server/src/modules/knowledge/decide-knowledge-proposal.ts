import { eq, sql } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import type { Playbook } from '@flowpilot/core/playbook';
import type { TAcceptProposalRequest } from '@flowpilot/contracts/playbooks';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { Tx } from '@flowpilot/db/database';
import { knowledgeProposals, playbooks } from '@flowpilot/db/schema-knowledge';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { contentHash, insertPlaybook, playbookSlugTakenMessages } from './create-playbook.ts';
import { playbookDetail } from './get-playbook.ts';
import { assertValidPlaybook } from './playbook-definition.ts';
import { playbooksRepository, type PlaybookRow } from './playbooks.repository.ts';
import { proposalsRepository, toProposalDto } from './proposals.repository.ts';

/** Locks a pending proposal of the account; a decided one (or a reinforcement, applied at once) is 409. */
async function lockPending(tx: Tx, accountId: string, id: string) {
  const proposal = await proposalsRepository(tx, accountId).lock(id);
  if (!proposal) throw new AppError('not_found', 'No such knowledge proposal.');
  if (proposal.status !== 'pending')
    throw new AppError('conflict', `This proposal was already ${proposal.status}.`);
  return proposal;
}

/**
 * Writes an enhanced playbook. An account playbook is updated in place; a built-in cannot be,
 * so the account gets its own copy under the same slug, which replaces the built-in in its
 * sessions (the catalog prefers the account's row) and keeps question ids and template.
 */
async function writeEnhancement(tx: Tx, caller: Caller, target: PlaybookRow, definition: Playbook) {
  if (!target.isBuiltin) {
    const [updated] = await tx
      .update(playbooks)
      .set({
        title: definition.title,
        category: definition.category,
        definition,
        contentHash: contentHash(definition),
        version: sql`${playbooks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(playbooks.id, target.id))
      .returning();
    return updated!;
  }
  const existing = (await playbooksRepository(tx, caller.accountId).list({ source: 'account' })).find(
    (row) => row.slug === target.slug,
  );
  if (existing) return writeEnhancement(tx, caller, existing, definition);
  const [created] = await tx
    .insert(playbooks)
    .values({
      accountId: caller.accountId,
      slug: target.slug,
      title: definition.title,
      category: definition.category,
      status: 'published',
      definition,
      contentHash: contentHash(definition),
      createdByUserId: caller.userId,
    })
    .returning();
  return created!;
}

export async function acceptKnowledgeProposal(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: TAcceptProposalRequest,
) {
  const result = await ctx.database.db
    .transaction(async (tx) => {
      const proposal = await lockPending(tx, caller.accountId, id);
      const base = proposal.proposed!;
      const target = proposal.playbookId
        ? await playbooksRepository(tx, caller.accountId).findVisible(proposal.playbookId)
        : undefined;
      // An enhancement keeps its playbook's slug (task-lane ids hang on it) and inline template.
      const slug = target?.slug ?? input.edited?.slug ?? base.slug;
      const { template: _inline, ...baseFields } = base;
      const checked = await assertValidPlaybook(tx, caller.accountId, {
        ...(input.edited ?? baseFields),
        slug,
      });
      const definition: Playbook = target?.definition.template
        ? { ...checked, template: target.definition.template }
        : checked;
      let playbook: PlaybookRow;
      if (proposal.kind === 'enhancement') {
        if (!target) throw new AppError('conflict', 'The playbook this proposal enhances no longer exists.');
        playbook = await writeEnhancement(tx, caller, target, definition);
      } else {
        playbook = await insertPlaybook(tx, caller, definition, {
          status: 'published',
          sourceSessionId: proposal.sourceSessionId,
        });
      }
      await tx
        .update(knowledgeProposals)
        .set({
          status: 'accepted',
          playbookId: proposal.kind === 'new_playbook' ? playbook.id : proposal.playbookId,
          decidedByUserId: caller.userId,
          decidedAt: new Date(),
        })
        .where(eq(knowledgeProposals.id, id));
      await recordAuditEvent(tx, caller, {
        action: 'knowledge_proposal.accepted',
        subjectType: 'knowledge_proposal',
        subjectId: id,
        aiSessionId: proposal.sourceSessionId,
        before: { status: 'pending' },
        after: { status: 'accepted', playbook_id: playbook.id, edited: input.edited !== undefined },
      });
      const dto = await proposalsRepository(tx, caller.accountId).get(id);
      return { proposal: toProposalDto(dto!), playbook: await playbookDetail(tx, caller, playbook) };
    })
    .catch((error) => mapDbError(error, playbookSlugTakenMessages));
  ctx.knowledge.invalidate(caller.accountId);
  return result;
}

export async function rejectKnowledgeProposal(ctx: AppContext, caller: Caller, id: string) {
  return ctx.database.db.transaction(async (tx) => {
    const proposal = await lockPending(tx, caller.accountId, id);
    await tx
      .update(knowledgeProposals)
      .set({ status: 'rejected', decidedByUserId: caller.userId, decidedAt: new Date() })
      .where(eq(knowledgeProposals.id, id));
    await recordAuditEvent(tx, caller, {
      action: 'knowledge_proposal.rejected',
      subjectType: 'knowledge_proposal',
      subjectId: id,
      aiSessionId: proposal.sourceSessionId,
      before: { status: 'pending' },
      after: { status: 'rejected' },
    });
    const dto = await proposalsRepository(tx, caller.accountId).get(id);
    return toProposalDto(dto!);
  });
}
