import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { redactParameters } from '@flowpilot/core/script-render';
import type { TemplateParameter } from '@flowpilot/core/script-template';
import type { SessionSnapshot, SnapshotFix } from '@flowpilot/core/session-snapshot';
import type { Db, Tx } from '@flowpilot/db/database';
import { scriptGenerations, scriptTemplates } from '@flowpilot/db/schema-scripts';
import { sessionSuggestedFixes } from '@flowpilot/db/schema-sessions';
import type { SessionRow } from '../session-core/sessions.repository.ts';
import { titleFromIntake } from '../ai-sessions/intake-text.ts';
import { listSessionFacts } from '../facts/facts.repository.ts';
import type { FixRow } from '../session-core/fixes.repository.ts';

const nonEmpty = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/**
 * A title made from the intake is cut to fit the session list; a note's heading has the room,
 * so it gets the whole line. A title the engineer typed or edited is kept as written.
 */
function wholeTitle(session: SessionRow) {
  return session.title === titleFromIntake(session.intakeContent)
    ? titleFromIntake(session.intakeContent, Number.POSITIVE_INFINITY)
    : session.title;
}

/** Every fix of the session, oldest first (superseded ones included: they are what was tried). */
function listFixesOldestFirst(db: Db | Tx, sessionId: string) {
  return db
    .select()
    .from(sessionSuggestedFixes)
    .where(eq(sessionSuggestedFixes.aiSessionId, sessionId))
    .orderBy(asc(sessionSuggestedFixes.createdAt), asc(sessionSuggestedFixes.id));
}

/** Parameters of the latest generation per fix; stored already redacted (see generate-script). */
async function latestGenerationParameters(db: Db | Tx, session: SessionRow) {
  const rows = await db
    .select({
      fixId: scriptGenerations.fixId,
      templateId: scriptGenerations.templateId,
      parameters: scriptGenerations.parameters,
    })
    .from(scriptGenerations)
    .where(
      and(
        eq(scriptGenerations.accountId, session.accountId),
        eq(scriptGenerations.aiSessionId, session.id),
        isNotNull(scriptGenerations.fixId),
      ),
    )
    .orderBy(asc(scriptGenerations.createdAt), asc(scriptGenerations.id));
  const byFix = new Map<string, { templateId: string; parameters: Record<string, unknown> }>();
  for (const row of rows) byFix.set(row.fixId!, { templateId: row.templateId, parameters: row.parameters });
  return byFix;
}

/** Parameter schemas of the templates the account can see (deleted ones too: they still say what is secret). */
async function templateSchemas(db: Db | Tx, accountId: string, ids: string[]) {
  if (!ids.length) return new Map<string, TemplateParameter[]>();
  const rows = await db
    .select({ id: scriptTemplates.id, schema: scriptTemplates.parametersSchema })
    .from(scriptTemplates)
    .where(
      and(
        inArray(scriptTemplates.id, ids),
        or(eq(scriptTemplates.accountId, accountId), eq(scriptTemplates.isBuiltin, true)),
      ),
    );
  return new Map(rows.map((row) => [row.id, row.schema]));
}

/**
 * Which parameter values a note may show. A value is shown only when a template's schema
 * says whether it is secret; drafted parameters without one are left out, because a note is
 * pasted into tickets and nothing else would tell us `password` from `printer`.
 */
function noteParameters(
  fix: FixRow,
  generation: { templateId: string; parameters: Record<string, unknown> } | undefined,
  schemas: Map<string, TemplateParameter[]>,
): Record<string, unknown> | null {
  if (generation) {
    const schema = schemas.get(generation.templateId);
    return schema ? redactParameters(schema, generation.parameters) : generation.parameters;
  }
  const schema = fix.scriptTemplateId ? schemas.get(fix.scriptTemplateId) : undefined;
  if (schema && fix.aiDraftedParameters && Object.keys(fix.aiDraftedParameters).length) {
    // Only the schema's own parameters: an unknown name can't be judged.
    const known = new Set(schema.map((parameter) => parameter.name));
    const values = Object.fromEntries(
      Object.entries(fix.aiDraftedParameters).filter(([name]) => known.has(name)),
    );
    return Object.keys(values).length ? redactParameters(schema, values) : null;
  }
  return null;
}

function toSnapshotFix(fix: FixRow, parameters: Record<string, unknown> | null): SnapshotFix {
  return {
    title: fix.title,
    description: fix.description,
    status: fix.status,
    confidence_pct: fix.confidencePct,
    applied_at: fix.appliedAt,
    verified_at: fix.verifiedAt,
    partial_notes: fix.partialNotes,
    failure_reason: fix.failureReason,
    superseded_at: fix.supersededAt,
    script_parameters: parameters && Object.keys(parameters).length ? parameters : null,
  };
}

/**
 * The session's structured state as the note composers see it: intake, triage, task lane,
 * live facts and every fix — never the transcript. Read it inside one transaction so the
 * snapshot matches the `state_version` of `session`.
 */
export async function loadSessionSnapshot(db: Db | Tx, session: SessionRow): Promise<SessionSnapshot> {
  const facts = await listSessionFacts(db, session.id);
  const fixes = await listFixesOldestFirst(db, session.id);
  const generations = fixes.length ? await latestGenerationParameters(db, session) : new Map();
  const templateIds = new Set<string>();
  for (const fix of fixes) if (fix.scriptTemplateId) templateIds.add(fix.scriptTemplateId);
  for (const generation of generations.values()) templateIds.add(generation.templateId);
  const schemas = await templateSchemas(db, session.accountId, [...templateIds]);

  const snapshotFixes = fixes.map((fix) => ({
    row: fix,
    snapshot: toSnapshotFix(fix, noteParameters(fix, generations.get(fix.id), schemas)),
  }));
  const intake = session.intakeContent;
  return {
    title: wholeTitle(session),
    intake_text: intake.text ?? '',
    ticket_ref: nonEmpty(intake.ticket_ref),
    client_name: nonEmpty(session.clientName) ?? nonEmpty(intake.client_name),
    asset_name: nonEmpty(session.assetName) ?? nonEmpty(intake.asset_name),
    issue_category: nonEmpty(session.issueCategory),
    triage_hypothesis: nonEmpty(session.triageHypothesis),
    facts: facts.map((fact) => ({ kind: fact.kind, text: fact.text })),
    questions: session.taskLane.questions.map((question) => ({
      text: question.text,
      state: question.state,
      answer: question.answer ?? null,
    })),
    actions: session.taskLane.actions.map((action) => ({
      title: action.title,
      state: action.state,
      result: action.result ?? null,
    })),
    fixes: snapshotFixes.map((fix) => fix.snapshot),
    active_fix: snapshotFixes.find((fix) => fix.row.supersededAt === null)?.snapshot ?? null,
  };
}
