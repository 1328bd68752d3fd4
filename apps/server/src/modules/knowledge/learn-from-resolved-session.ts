import { asc, eq, sql } from 'drizzle-orm';
import { builtinTemplateId } from '@flowpilot/assistant/builtin-template-id';
import type { Playbook } from '@flowpilot/core/playbook';
import { splitFixDescription, statedRootCause, type SessionSnapshot } from '@flowpilot/core/session-snapshot';
import type { Db, Tx } from '@flowpilot/db/database';
import { knowledgeProposals, playbookStats, resolvedSessionSummaries } from '@flowpilot/db/schema-knowledge';
import { sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import type { SessionRow } from '../session-core/sessions.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { draftPlaybook, newSymptoms, symptomPhrases, type WorkedFix } from './draft-playbook.ts';

const fixTemplateId = (playbook: Playbook) =>
  playbook.template ? builtinTemplateId(playbook.template.slug) : (playbook.template_id ?? null);

/** The playbook a fix came from: by its template, else by its title (an account playbook may link none). */
export function matchPlaybook(
  playbooks: readonly Playbook[],
  fix: { title: string; scriptTemplateId: string | null },
) {
  return (
    (fix.scriptTemplateId
      ? playbooks.find((playbook) => fixTemplateId(playbook) === fix.scriptTemplateId)
      : undefined) ?? playbooks.find((playbook) => playbook.fix.title === fix.title)
  );
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * What a resolved session teaches, written in the closing transaction (SPEC §7.3): a summary
 * row that "similar sessions" ranks; and when its fix worked, the matched playbook's counters
 * and one knowledge proposal — `new_playbook` when no playbook matched, `enhancement` when one
 * matched and the session described the problem in words it lacks, else `reinforcement`
 * (counters only, applied at once). Runs in a savepoint: a failure here is logged and the
 * session still closes.
 */
export async function learnFromResolvedSession(
  tx: Tx,
  ctx: AppContext,
  caller: Caller,
  session: SessionRow,
  snapshot: SessionSnapshot,
): Promise<void> {
  try {
    await tx.transaction((savepoint) => learn(savepoint, ctx, caller, session, snapshot));
  } catch (error) {
    ctx.log.error({ err: error, session_id: session.id }, 'could not learn from the resolved session');
  }
}

async function learn(
  tx: Tx,
  ctx: AppContext,
  caller: Caller,
  session: SessionRow,
  snapshot: SessionSnapshot,
) {
  const fixes = await tx
    .select()
    .from(sessionSuggestedFixes)
    .where(eq(sessionSuggestedFixes.aiSessionId, session.id))
    .orderBy(asc(sessionSuggestedFixes.createdAt), asc(sessionSuggestedFixes.id));
  const worked = [...fixes].reverse().find((fix) => fix.status === 'applied_success');
  const closing = worked ?? fixes.find((fix) => fix.supersededAt === null);
  const { set, idBySlug } = await ctx.knowledge.forAccount(tx as unknown as Db, session.accountId);
  const matched = worked ? matchPlaybook(set.playbooks, worked) : undefined;
  const now = session.resolvedAt ?? new Date();

  const rootCause = statedRootCause(snapshot);
  const facts = snapshot.facts.map((fact) => fact.text).join('\n');
  const fixText = closing ? `${closing.title}\n${splitFixDescription(closing.description).steps}` : '';
  await tx
    .insert(resolvedSessionSummaries)
    .values({
      sessionId: session.id,
      accountId: session.accountId,
      resolvedAt: now,
      resolvedByUserId: caller.userId,
      title: session.title,
      rootCause,
      fixTitle: closing?.title ?? null,
      fixDescription: closing ? clip(splitFixDescription(closing.description).steps, 2000) : null,
      fixOutcome: closing?.status ?? null,
      playbookSlug: matched?.slug ?? null,
      document: clip(
        [session.title, snapshot.intake_text, facts, rootCause ?? '', fixText].join('\n'),
        20_000,
      ),
      summary: clip([session.title, rootCause ?? '', closing?.title ?? ''].join(' · '), 500),
    })
    .onConflictDoNothing();
  await countPlaybookUses(tx, session.accountId, set.playbooks, idBySlug, fixes, worked, now);
  if (!worked) return;

  const provenance = {
    accountId: session.accountId,
    sourceSessionId: session.id,
    sourceUserId: session.userId,
    sourceTicketRef: session.intakeContent.ticket_ref ?? null,
  };
  const workedFix: WorkedFix = {
    title: worked.title,
    description: worked.description,
    scriptTemplateId: worked.scriptTemplateId,
    aiDraftedScript: worked.aiDraftedScript,
    scriptLanguage: worked.scriptLanguage,
  };
  let proposal: typeof knowledgeProposals.$inferInsert;
  if (!matched) {
    const proposed = draftPlaybook(session, snapshot, workedFix);
    proposal = {
      ...provenance,
      kind: 'new_playbook',
      status: 'pending',
      summary: `New playbook from “${clip(session.title, 120)}”: ${worked.title}`,
      proposed,
    };
  } else {
    const playbookId = idBySlug.get(matched.slug)!;
    const added = newSymptoms(matched, snapshot);
    proposal =
      added.length > 0
        ? {
            ...provenance,
            kind: 'enhancement',
            status: 'pending',
            playbookId,
            summary: `Add how “${clip(session.title, 120)}” was described to ${matched.title}`,
            proposed: { ...matched, symptoms: [...matched.symptoms, ...added].slice(0, 50) },
            changes: added.map((phrase) => `Adds the symptom “${phrase}”`),
          }
        : {
            ...provenance,
            kind: 'reinforcement',
            status: 'applied',
            playbookId,
            summary: `${matched.title} resolved “${clip(session.title, 120)}” again`,
            proposed: null,
            changes: ['Counts one more success'],
          };
  }
  const [created] = await tx
    .insert(knowledgeProposals)
    .values(proposal)
    .onConflictDoNothing({ target: knowledgeProposals.sourceSessionId })
    .returning({ id: knowledgeProposals.id, kind: knowledgeProposals.kind });
  if (created)
    await recordAuditEvent(tx, caller, {
      action: `knowledge.${created.kind}`,
      subjectType: 'knowledge_proposal',
      subjectId: created.id,
      // The account's trail, not the session's: the session's audit ends with its resolve.
      after: {
        session_id: session.id,
        kind: created.kind,
        playbook_slug: matched?.slug ?? null,
        symptoms: symptomPhrases(snapshot, 3),
      },
    });
}

const tried = new Set(['applied_success', 'applied_failed', 'applied_partial']);

/**
 * A playbook's counters over the account's resolved sessions: one use for each session where
 * its fix was tried (ran and got an outcome; a dismissed fix never ran), one success where it
 * was the fix that worked. So a playbook whose fix failed before another one worked loses
 * rate, and the success rate means "of the times we tried it".
 */
async function countPlaybookUses(
  tx: Tx,
  accountId: string,
  playbooks: readonly Playbook[],
  idBySlug: ReadonlyMap<string, string>,
  fixes: readonly (typeof sessionSuggestedFixes.$inferSelect)[],
  worked: typeof sessionSuggestedFixes.$inferSelect | undefined,
  now: Date,
) {
  const successSlug = worked ? matchPlaybook(playbooks, worked)?.slug : undefined;
  const usedSlugs = new Set<string>();
  for (const fix of fixes) {
    if (!tried.has(fix.status)) continue;
    const slug = matchPlaybook(playbooks, fix)?.slug;
    if (slug) usedSlugs.add(slug);
  }
  const rows = [...usedSlugs].sort().flatMap((slug) => {
    const playbookId = idBySlug.get(slug);
    return playbookId
      ? [
          {
            accountId,
            playbookId,
            usageCount: 1,
            successCount: slug === successSlug ? 1 : 0,
            lastUsedAt: now,
          },
        ]
      : [];
  });
  if (rows.length === 0) return;
  // One statement for all of them; `excluded` is the row this resolve would have inserted.
  await tx
    .insert(playbookStats)
    .values(rows)
    .onConflictDoUpdate({
      target: [playbookStats.accountId, playbookStats.playbookId],
      set: {
        usageCount: sql`${playbookStats.usageCount} + excluded.usage_count`,
        successCount: sql`${playbookStats.successCount} + excluded.success_count`,
        lastUsedAt: now,
      },
    });
}
