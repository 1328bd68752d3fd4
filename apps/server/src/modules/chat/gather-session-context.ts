import { and, asc, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type {
  ContextFix,
  ContextTemplate,
  SessionContextInput,
} from '@flowpilot/assistant/session-context/session-context-input';
import type { Db } from '@flowpilot/db/database';
import { auditEvents } from '@flowpilot/db/schema-accounts';
import { aiSessionMessages, sessionFacts, sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { SessionRow } from '../session-core/sessions.repository.ts';
import { listSessionAttachmentsForContext } from '../attachments/attachments.repository.ts';
import { toContextAttachments } from '../attachments/context-attachments.ts';
import { similarSessionsForContext } from '../knowledge/find-similar-sessions.ts';
import { rankTemplates } from '../script-templates/match-script-templates.ts';
import { scriptTemplatesRepository } from '../script-templates/script-templates.repository.ts';
import type { FixRow } from '../session-core/fixes.repository.ts';

/** Templates offered to the model each turn (SPEC §7.1): the best matches, the linked one first. */
export const CONTEXT_TEMPLATES = 8;
/**
 * Newest messages read per turn. The budget decides what is sent; this only bounds the read,
 * far above what any budget keeps (a 100k-token budget holds a few hundred short turns).
 */
const TRANSCRIPT_READ_LIMIT = 400;
/** Audit rows of engineer activity read per turn; more than a person does between two replies. */
const ACTIVITY_LIMIT = 50;

function toContextFix(row: FixRow, templateNames: Map<string, string>): ContextFix {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    confidencePct: row.confidencePct,
    status: row.status,
    decision: row.userDecision,
    applied: row.appliedAt !== null,
    templateId: row.scriptTemplateId,
    templateName: row.scriptTemplateId ? templateNames.get(row.scriptTemplateId) : undefined,
    scriptLanguage: row.scriptLanguage,
    script: row.aiDraftedScript,
    partialNotes: row.partialNotes,
    failureReason: row.failureReason,
    outcomeProposal: row.aiOutcomeProposal,
    source: row.source,
    superseded: row.supersededAt !== null,
  };
}

/** What the fix, the intake and the latest message say: the text templates are ranked against. */
function matchText(session: SessionRow, activeFix: FixRow | undefined, latestUserText: string) {
  const intake = [session.title, session.issueCategory, session.triageHypothesis, session.intakeContent.text]
    .filter(Boolean)
    .join('\n');
  const latest = latestUserText.slice(0, 2_000);
  if (activeFix)
    return { primary: `${activeFix.title}\n${activeFix.description}`, context: `${intake}\n${latest}` };
  return { primary: `${intake}\n${latest}`, context: '' };
}

/**
 * Reads everything the builder needs for one turn of `session` (owned by the caller, checked
 * by the turn's transaction). Independent reads run together; none of them locks anything.
 */
export async function gatherSessionContext(
  db: Db,
  session: SessionRow,
  options: {
    replyMessageId?: string | undefined;
    /** The model takes images: load the screenshots' bytes for the intake and the message being answered. */
    images?: boolean | undefined;
    /**
     * Only the intake and the state (facts, task lane, fixes): no conversation, no activity, no
     * templates. For a surface with a conversation of its own (the Script Builder inline tab).
     */
    stateOnly?: boolean | undefined;
  } = {},
): Promise<SessionContextInput> {
  const stateOnly = options.stateOnly ?? false;
  const attachmentRows = listSessionAttachmentsForContext(db, session.accountId, session.id);
  const [facts, fixes, recent] = await Promise.all([
    db
      .select()
      .from(sessionFacts)
      .where(and(eq(sessionFacts.aiSessionId, session.id), isNull(sessionFacts.deletedAt)))
      .orderBy(asc(sessionFacts.createdAt), asc(sessionFacts.id)),
    db
      .select()
      .from(sessionSuggestedFixes)
      .where(eq(sessionSuggestedFixes.aiSessionId, session.id))
      .orderBy(asc(sessionSuggestedFixes.createdAt), asc(sessionSuggestedFixes.id)),
    stateOnly
      ? Promise.resolve([])
      : db
          .select({
            id: aiSessionMessages.id,
            role: aiSessionMessages.role,
            content: aiSessionMessages.content,
            kind: aiSessionMessages.kind,
            completedAt: aiSessionMessages.completedAt,
            createdAt: aiSessionMessages.createdAt,
            // Counted before the LIMIT, so turns too old to be read are reported as left out.
            total: sql<number>`count(*) over ()`.mapWith(Number),
          })
          .from(aiSessionMessages)
          .where(
            and(
              eq(aiSessionMessages.aiSessionId, session.id),
              ne(aiSessionMessages.kind, 'intake'),
              eq(aiSessionMessages.status, 'complete'),
            ),
          )
          .orderBy(desc(aiSessionMessages.seq))
          .limit(TRANSCRIPT_READ_LIMIT),
  ]);
  // The handoff entry (issue 17) goes to its own slot, not into the conversation.
  const handoffRow = recent.find((row) => row.kind === 'handoff');
  const transcript = recent
    .filter((row) => row.id !== options.replyMessageId && row.kind !== 'handoff')
    .reverse();
  const activeRow = fixes.find((fix) => fix.supersededAt === null);
  const lastReply = [...transcript].reverse().find((row) => row.role === 'assistant');
  const since = lastReply ? (lastReply.completedAt ?? lastReply.createdAt) : null;
  const latestUser = [...transcript].reverse().find((row) => row.role === 'user');
  const attached = await toContextAttachments(
    db,
    { accountId: session.accountId, aiSessionId: session.id },
    await attachmentRows,
    { images: options.images ?? false, answeringMessageId: transcript.at(-1)?.id ?? undefined },
  );

  const [activity, ranked, linked, similar] = await Promise.all([
    since && !stateOnly
      ? db
          .select({
            action: auditEvents.action,
            before: auditEvents.before,
            after: auditEvents.after,
            createdAt: auditEvents.createdAt,
            total: sql<number>`count(*) over ()`.mapWith(Number),
          })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.accountId, session.accountId),
              eq(auditEvents.aiSessionId, session.id),
              gt(auditEvents.createdAt, since),
            ),
          )
          // The newest actions when there are more than the limit: the latest matter most.
          .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
          .limit(ACTIVITY_LIMIT)
          .then((rows) => rows.reverse())
      : Promise.resolve([]),
    stateOnly
      ? Promise.resolve([])
      : rankTemplates(
          db,
          session.accountId,
          matchText(session, activeRow, latestUser?.content ?? ''),
          CONTEXT_TEMPLATES,
        ),
    activeRow?.scriptTemplateId
      ? scriptTemplatesRepository(db, session.accountId).findVisible(activeRow.scriptTemplateId)
      : Promise.resolve(undefined),
    similarSessionsForContext(db, session),
  ]);

  const templates: ContextTemplate[] = [];
  const toTemplate = (template: {
    id: string;
    name: string;
    language: ContextTemplate['language'];
    description: string;
    category: string;
    parameters: readonly {
      name: string;
      type: string;
      required?: boolean | undefined;
      options?: readonly string[] | undefined;
      sensitive?: boolean | undefined;
    }[];
  }): ContextTemplate => ({
    id: template.id,
    name: template.name,
    language: template.language,
    description: template.description,
    category: template.category,
    parameters: template.parameters.map((parameter) => ({
      name: parameter.name,
      type: parameter.type,
      required: parameter.required,
      options: parameter.options,
      sensitive: parameter.sensitive,
    })),
  });
  if (linked) templates.push(toTemplate({ ...linked, parameters: linked.parametersSchema ?? [] }));
  for (const match of ranked) {
    if (templates.length >= CONTEXT_TEMPLATES) break;
    if (match.id === linked?.id) continue;
    templates.push(toTemplate({ ...match, parameters: match.parameters_schema }));
  }
  const templateNames = new Map(templates.map((template) => [template.id, template.name]));
  const intake = session.intakeContent;

  return {
    title: session.title,
    ...(similar.length > 0 ? { similar } : {}),
    stateVersion: session.stateVersion,
    triage: {
      clientName: session.clientName,
      assetName: session.assetName,
      issueCategory: session.issueCategory,
      hypothesis: session.triageHypothesis,
    },
    intake: {
      type: session.intakeType,
      text: intake.text,
      ticketRef: intake.ticket_ref,
      clientName: intake.client_name,
      assetName: intake.asset_name,
      logs: intake.logs,
      attachments: attached.intake,
    },
    facts: facts.map((fact) => ({
      id: fact.id,
      kind: fact.kind,
      text: fact.text,
      // Question and check facts change with their task-lane item; only the others are edited by hand.
      edited:
        (fact.kind === 'engineer_note' || fact.kind === 'ai_promoted') &&
        fact.updatedAt.getTime() > fact.createdAt.getTime(),
    })),
    questions: session.taskLane.questions,
    checks: session.taskLane.actions.map((action) => ({
      id: action.id,
      title: action.title,
      command: action.command,
      language: action.language,
      state: action.state,
      result: action.result,
    })),
    activeFix: activeRow ? toContextFix(activeRow, templateNames) : null,
    earlierFixes: fixes.filter((fix) => fix !== activeRow).map((fix) => toContextFix(fix, templateNames)),
    activityOmitted: Math.max(0, (activity[0]?.total ?? 0) - activity.length),
    unreadTurns: Math.max(0, (recent[0]?.total ?? 0) - recent.length),
    activity: activity.map((event) => ({
      at: event.createdAt.toISOString(),
      action: event.action,
      before: event.before,
      after: event.after,
    })),
    ...(handoffRow
      ? {
          handoff: {
            note: handoffRow.content,
            at: handoffRow.createdAt.toISOString(),
            sinceLastReply: !lastReply || (since !== null && since <= handoffRow.createdAt),
          },
        }
      : {}),
    confidence: { score: session.confidenceScore, tier: session.confidenceTier },
    templates,
    transcript: transcript.map((row) => ({
      role: row.role,
      content: row.content,
      attachments: attached.byMessage.get(row.id),
    })),
  };
}
