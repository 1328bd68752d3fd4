import type { AuditEvent, SuggestedFix } from '../types';

export type EventTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export interface DescribedEvent {
  /** What happened, in the engineer's words: "Fix proposed: Clear cached credentials (85%)". */
  text: string;
  /** A second line when there is more to say (the fix concerned, a note's text). */
  detail?: string | undefined;
  /** Who did it: the user, or the assistant for its own proposals. */
  actor: string;
  tone: EventTone;
}

/** What the trail itself cannot say about a fix: its title, and the notes of its last outcome. */
export interface FixContext {
  title?: string | undefined;
  failureReason?: string | null | undefined;
  partialNotes?: string | null | undefined;
  lastOutcomeEventId?: string | undefined;
}

export type AuditContext = Map<string, FixContext>;

type Data = Record<string, unknown>;
const asData = (value: unknown): Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

const isOutcome = (action: string) =>
  action.startsWith('fix.outcome.') || action === 'fix.outcome_proposal_confirmed';

/**
 * Fix titles come from the `fix.proposed` rows (later rows name only the fix id); outcome notes
 * from the rows that carry them, else from the active fix for its latest outcome (the fix
 * lifecycle's rows keep status, not the reason).
 */
export function buildAuditContext(events: AuditEvent[], activeFix?: SuggestedFix | null): AuditContext {
  const context: AuditContext = new Map();
  const entry = (id: string) => {
    const existing = context.get(id);
    if (existing) return existing;
    const created: FixContext = {};
    context.set(id, created);
    return created;
  };
  for (const event of events) {
    if (event.subject_type !== 'suggested_fix' || !event.subject_id) continue;
    const fix = entry(event.subject_id);
    const after = asData(event.after);
    if (event.action === 'fix.proposed') fix.title = text(after.title) ?? fix.title;
    if (isOutcome(event.action)) fix.lastOutcomeEventId = event.id;
  }
  if (activeFix) {
    const fix = entry(activeFix.id);
    fix.title ??= activeFix.title;
    fix.failureReason = activeFix.failure_reason;
    fix.partialNotes = activeFix.partial_notes;
  }
  return context;
}

const factVerbs: Record<string, string> = {
  engineer_note: 'Note added',
  ai_promoted: 'Fact confirmed',
  question: 'Answer recorded',
  diagnostic_check: 'Check result recorded',
};

const triageFields: Record<string, string> = {
  client_name: 'client',
  asset_name: 'asset',
  issue_category: 'category',
  triage_hypothesis: 'hypothesis',
  title: 'title',
  status: 'status',
};

const decisions: Record<string, { text: string; tone: EventTone }> = {
  one_off: { text: 'Run now, no template — marked as applied', tone: 'accent' },
  draft_template: { text: 'Run now, templatize after — marked as applied', tone: 'accent' },
  build_template: { text: 'Chose to build a reusable template first', tone: 'neutral' },
  dismissed: { text: 'Fix dismissed', tone: 'neutral' },
};

function outcomeText(status: unknown, note: string | undefined): { text: string; tone: EventTone } {
  switch (status) {
    case 'applied_success':
      return { text: 'Outcome: worked', tone: 'success' };
    case 'applied_failed':
      return { text: `Outcome: didn't work${note ? ` — ${note}` : ''}`, tone: 'danger' };
    case 'applied_partial':
      return { text: `Outcome: partial${note ? ` — ${note}` : ''}`, tone: 'warning' };
    case 'dismissed':
      return { text: 'Fix dismissed', tone: 'neutral' };
    default:
      return { text: 'Outcome recorded', tone: 'neutral' };
  }
}

const recordedBy: Record<string, string> = {
  resolve: ' (recorded by resolving)',
  escalate: ' (answered when escalating)',
};

/** "fix.script_updated" → "Fix script updated", for actions this page does not know yet. */
const humanize = (action: string) => {
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function describeAuditEvent(event: AuditEvent, context: AuditContext = new Map()): DescribedEvent {
  const before = asData(event.before);
  const after = asData(event.after);
  const fix =
    event.subject_type === 'suggested_fix' && event.subject_id ? context.get(event.subject_id) : undefined;
  const fixTitle = fix?.title;
  // The assistant's own proposals and promoted facts are recorded under the user who asked.
  const byAssistant =
    after.source === 'ai' || (event.action === 'fact.added' && after.kind === 'ai_promoted');
  const actor = byAssistant ? 'Assistant' : (event.actor?.name ?? 'System');
  const result = (value: Omit<DescribedEvent, 'actor'>): DescribedEvent => ({ ...value, actor });

  switch (event.action) {
    case 'session.created':
      return result({ text: 'Session started', detail: text(after.title), tone: 'neutral' });
    case 'session.triage_updated': {
      const fields = Object.keys(after).map((field) => triageFields[field] ?? field.replaceAll('_', ' '));
      return result({
        text: `Triage updated${fields.length ? `: ${fields.join(', ')}` : ''}`,
        tone: 'neutral',
      });
    }
    case 'session.resolved':
      return result({
        text: after.edited === true ? 'Session resolved (note edited before posting)' : 'Session resolved',
        tone: 'success',
      });
    case 'session.escalated':
      return result({
        text:
          after.edited === true ? 'Session escalated (package edited before posting)' : 'Session escalated',
        tone: 'warning',
      });
    case 'session.claimed':
      return result({ text: 'Picked up from the escalation queue', tone: 'accent' });
    case 'fact.added':
      return result({
        text: factVerbs[String(after.kind)] ?? 'Fact added',
        detail: text(after.text),
        tone: 'neutral',
      });
    case 'fact.updated':
      return result({ text: 'Note edited', detail: text(after.text), tone: 'neutral' });
    case 'fact.removed':
      return result({ text: 'Note removed', detail: text(before.text), tone: 'neutral' });
    case 'fix.proposed': {
      const pct = typeof after.confidence_pct === 'number' ? ` (${after.confidence_pct}%)` : '';
      return result({
        text: `Fix proposed: ${text(after.title) ?? fixTitle ?? 'untitled'}${pct}`,
        tone: 'accent',
      });
    }
    case 'fix.superseded':
      return result({ text: 'Fix replaced by a newer proposal', detail: fixTitle, tone: 'neutral' });
    case 'fix.applied':
      return result({ text: 'Marked as applied', detail: fixTitle, tone: 'accent' });
    case 'fix.script_updated':
      return result({ text: 'Fix script updated', detail: fixTitle, tone: 'neutral' });
    case 'fix.outcome_proposal_rejected':
      return result({ text: "Rejected the assistant's outcome", detail: fixTitle, tone: 'neutral' });
    case 'script.generated':
      return result({
        text: `Script generated${text(after.template_name) ? ` from “${text(after.template_name)}”` : ''}`,
        tone: 'neutral',
      });
    case 'draft_template.created':
      return result({ text: 'Draft template queued for review', tone: 'neutral' });
  }

  if (event.action.startsWith('fix.decision.')) {
    const decision = decisions[event.action.slice('fix.decision.'.length)];
    if (decision) return result({ ...decision, detail: fixTitle });
  }

  if (isOutcome(event.action)) {
    const status = after.status ?? event.action.slice('fix.outcome.'.length);
    // The row's own notes first; the fix's current ones only for its latest outcome.
    const latest = fix?.lastOutcomeEventId === event.id;
    const note =
      status === 'applied_failed'
        ? (text(after.failure_reason) ?? (latest ? text(fix?.failureReason) : undefined))
        : status === 'applied_partial'
          ? (text(after.partial_notes) ?? (latest ? text(fix?.partialNotes) : undefined))
          : undefined;
    const outcome = outcomeText(status, note);
    const how =
      event.action === 'fix.outcome_proposal_confirmed'
        ? " (confirmed the assistant's verdict)"
        : (recordedBy[String(after.recorded_by)] ?? '');
    return result({ text: `${outcome.text}${how}`, detail: fixTitle, tone: outcome.tone });
  }

  return result({ text: humanize(event.action), tone: 'neutral' });
}
