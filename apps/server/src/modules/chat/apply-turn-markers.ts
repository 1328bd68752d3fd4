import { and, eq, isNull } from 'drizzle-orm';
import { transition } from '@flowpilot/core/fix-lifecycle';
import type { MarkerSummary } from '@flowpilot/core/markers';
import type { Tx } from '@flowpilot/db/database';
import {
  aiSessions,
  sessionFacts,
  sessionSuggestedFixes,
  type ActionItem,
  type QuestionItem,
  type TaskLane,
} from '@flowpilot/db/schema-sessions';
import type { Caller } from '../../http/request-auth.ts';
import { bumpStateVersion, sessionColumns, type SessionRow } from '../session-core/sessions.repository.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { scriptTemplatesRepository } from '../script-templates/script-templates.repository.ts';
import {
  findActiveFix,
  fromLifecycleState,
  replaceActiveFix,
  toLifecycleState,
  type FixRow,
} from '../session-core/fixes.repository.ts';

export interface AppliedTurn {
  session: SessionRow;
  taskLaneChanged: boolean;
  factsAdded: number;
  fix: FixRow | null;
  outcomeProposal: boolean;
  confidence: number | null;
}

function mergeItems<T extends { id: string; state?: string }>(
  current: T[],
  incoming: Partial<T>[] & { id: string }[],
) {
  const next = current.map((item) => ({ ...item }));
  let changed = false;
  for (const item of incoming) {
    const index = next.findIndex((existing) => existing.id === item.id);
    const defined = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
    if (index === -1) {
      next.push({ state: 'open', ...defined } as unknown as T);
      changed = true;
    } else if (Object.entries(defined).some(([key, value]) => next[index]![key as keyof T] !== value)) {
      next[index] = { ...next[index]!, ...defined };
      changed = true;
    }
  }
  return { items: next, changed };
}

/** The "What we know" line a finished task-lane item turns into. */
function factFromQuestion(item: QuestionItem) {
  return item.answer && item.state === 'answered' ? `${item.text} — ${item.answer}` : null;
}
function factFromAction(item: ActionItem) {
  return item.state === 'done' ? `${item.title}${item.result ? ` — ${item.result}` : ' — done'}` : null;
}

async function upsertDerivedFact(
  tx: Tx,
  session: SessionRow,
  kind: 'question' | 'diagnostic_check',
  itemId: string,
  text: string,
) {
  const [existing] = await tx
    .select()
    .from(sessionFacts)
    .where(
      and(
        eq(sessionFacts.aiSessionId, session.id),
        eq(sessionFacts.sourceItemId, itemId),
        isNull(sessionFacts.deletedAt),
      ),
    )
    .limit(1);
  if (existing?.text === text) return false;
  if (existing) {
    await tx
      .update(sessionFacts)
      .set({ text, updatedAt: new Date() })
      .where(eq(sessionFacts.id, existing.id));
  } else {
    await tx.insert(sessionFacts).values({
      accountId: session.accountId,
      aiSessionId: session.id,
      kind,
      text: text.slice(0, 5000),
      sourceItemId: itemId,
    });
  }
  return true;
}

/**
 * Applies one finished assistant turn's markers: task-lane items, facts, a new fix,
 * an outcome proposal and confidence, with a single state_version bump when the turn
 * changed anything a note would say. The caller holds the session lock (same transaction).
 */
export async function applyTurnMarkers(
  tx: Tx,
  caller: Caller,
  session: SessionRow,
  summary: MarkerSummary,
  hooks: { onUnknownTemplate?: (templateId: string) => void } = {},
): Promise<AppliedTurn> {
  const now = new Date();
  const lane: TaskLane = session.taskLane;
  const questions = mergeItems(lane.questions, summary.questions);
  const actions = mergeItems(lane.actions, summary.actions);
  let noteChanged = false;
  let factsAdded = 0;

  for (const item of questions.items) {
    const text = factFromQuestion(item);
    if (text && (await upsertDerivedFact(tx, session, 'question', item.id, text))) {
      noteChanged = true;
      factsAdded++;
    }
  }
  for (const item of actions.items) {
    const text = factFromAction(item);
    if (text && (await upsertDerivedFact(tx, session, 'diagnostic_check', item.id, text))) {
      noteChanged = true;
      factsAdded++;
    }
  }
  for (const fact of summary.facts) {
    await tx.insert(sessionFacts).values({
      accountId: session.accountId,
      aiSessionId: session.id,
      kind: 'ai_promoted',
      text: fact.text.slice(0, 5000),
    });
    noteChanged = true;
    factsAdded++;
  }

  let fix: FixRow | null = null;
  if (summary.suggestedFix) {
    const proposal = summary.suggestedFix;
    // A model may name a template that does not exist (or is not this account's): keep the fix, drop the link.
    const templateId =
      proposal.script_template_id &&
      (await scriptTemplatesRepository(tx, session.accountId).findVisible(proposal.script_template_id))
        ? proposal.script_template_id
        : null;
    if (proposal.script_template_id && !templateId) hooks.onUnknownTemplate?.(proposal.script_template_id);
    const replaced = await replaceActiveFix(tx, {
      accountId: session.accountId,
      aiSessionId: session.id,
      title: proposal.title,
      description: proposal.description,
      confidencePct: proposal.confidence_pct,
      scriptTemplateId: templateId,
      scriptLanguage: proposal.script_language ?? null,
      aiDraftedScript: proposal.script ?? null,
      source: 'ai',
    });
    fix = replaced.fix;
    const previous = replaced.previous;
    if (previous) {
      await recordAuditEvent(tx, caller, {
        action: 'fix.superseded',
        subjectType: 'suggested_fix',
        subjectId: previous.id,
        aiSessionId: session.id,
        before: { status: previous.status },
        after: { superseded_by: fix.id },
      });
    }
    await recordAuditEvent(tx, caller, {
      action: 'fix.proposed',
      subjectType: 'suggested_fix',
      subjectId: fix.id,
      aiSessionId: session.id,
      after: { title: fix.title, confidence_pct: fix.confidencePct, source: 'ai' },
    });
    noteChanged = true;
  }

  let outcomeProposal = false;
  if (summary.fixOutcome) {
    const active = fix ?? (await findActiveFix(tx, session.id));
    if (active) {
      try {
        const next = transition(
          toLifecycleState(active),
          { type: 'ai_proposal', ...summary.fixOutcome },
          now,
        );
        const [proposed] = await tx
          .update(sessionSuggestedFixes)
          .set({ ...fromLifecycleState(next), updatedAt: now })
          .where(eq(sessionSuggestedFixes.id, active.id))
          .returning();
        fix = proposed ?? null;
        outcomeProposal = true;
      } catch {
        // A proposal about a finished fix is moot; the prose still reaches the engineer.
      }
    }
  }

  const sessionChanges: Partial<typeof aiSessions.$inferInsert> = { lastMessageAt: now, updatedAt: now };
  if (questions.changed || actions.changed)
    sessionChanges.taskLane = { questions: questions.items, actions: actions.items };
  if (summary.confidence !== null) sessionChanges.confidenceScore = summary.confidence;

  const updated = noteChanged
    ? await bumpStateVersion(tx, session.id, sessionChanges)
    : (
        await tx
          .update(aiSessions)
          .set(sessionChanges)
          .where(eq(aiSessions.id, session.id))
          .returning(sessionColumns)
      )[0]!;

  return {
    session: updated,
    taskLaneChanged: questions.changed || actions.changed,
    factsAdded,
    fix,
    outcomeProposal,
    confidence: summary.confidence,
  };
}
