import type { FixStatus } from './fix-lifecycle';
import type { TaskItemState } from './markers';

/**
 * Everything the resolution note and escalation package are composed from. The service
 * loads it in one read (tied to a `state_version`), so the same snapshot always yields the
 * same markdown and previews can be cached by version.
 */

export const factKinds = ['question', 'diagnostic_check', 'engineer_note', 'ai_promoted'] as const;
export type FactKind = (typeof factKinds)[number];

export interface SnapshotFix {
  title: string;
  description: string;
  status: FixStatus;
  confidence_pct: number;
  applied_at: Date | null;
  verified_at: Date | null;
  partial_notes: string | null;
  failure_reason: string | null;
  superseded_at: Date | null;
  /** Already redacted (see `redactParameters`): this text is copied into tickets. */
  script_parameters: Record<string, unknown> | null;
}

export interface SessionSnapshot {
  title: string;
  intake_text: string;
  ticket_ref: string | null;
  client_name: string | null;
  asset_name: string | null;
  issue_category: string | null;
  triage_hypothesis: string | null;
  facts: { kind: FactKind; text: string }[];
  questions: { text: string; state: TaskItemState; answer?: string | null }[];
  actions: { title: string; state: TaskItemState; result?: string | null }[];
  /** Every fix of the session, oldest first: superseded ones and the active one included. */
  fixes: SnapshotFix[];
  /** The fix with `superseded_at` null, if any. */
  active_fix: SnapshotFix | null;
}

// ---------------------------------------------------------------------------
// Markdown helpers shared by the composers. Output must not depend on locale or clock.

export const formatTimestamp = (date: Date): string =>
  `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Titles and names go on one line; a newline in them would break the heading or list. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Multi-line text inside a list item keeps its lines by indenting them under the bullet. */
export const bullet = (text: string): string => `- ${text.trim().replace(/\r?\n/g, '\n  ')}`;

export const bulletList = (items: string[], empty: string): string =>
  items.length ? items.map(bullet).join('\n') : empty;

export function metadataLine(snapshot: SessionSnapshot): string | null {
  const parts = [
    ['Ticket', snapshot.ticket_ref],
    ['Client', snapshot.client_name],
    ['Asset', snapshot.asset_name],
    ['Category', snapshot.issue_category],
  ]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
    .map(([label, value]) => `**${label}:** ${oneLine(value)}`);
  return parts.length ? parts.join(' · ') : null;
}

export function parametersLine(fix: SnapshotFix): string | null {
  const entries = Object.entries(fix.script_parameters ?? {});
  if (!entries.length) return null;
  return `Script parameters: ${entries.map(([name, value]) => `\`${name}\` = \`${oneLine(String(value))}\``).join(', ')}`;
}

/** Only a fix still waiting for its outcome carries a confidence, and it is the proposal's. */
export const proposedAt = (fix: SnapshotFix): string => `proposed at ${fix.confidence_pct}% confidence`;

// ---------------------------------------------------------------------------
// Saying each thing once. A fix description, as the offline engine and real models write it,
// holds the steps, often a "Root cause:" paragraph and the reasoning behind the proposal
// ("*For:* …"); a fix confirmed in chat also leaves "Root cause: …" and "Resolved by: …" facts.
// The composers pull these apart so a note states the cause once and the steps once.

const label = (words: string) => new RegExp(`^[*_]{0,2}(?:${words})\\s*(?::[*_]{0,2}|[*_]{0,2}:)\\s*`, 'i');
const causeLabel = label('(?:(?:likely|probable|the) )?(?:root )?cause');
const reasoningLabel = label('for|against|why|evidence|reasoning');
const resolvedByLabel = label('resolved by|fixed by');

export interface FixDescriptionParts {
  /** What to do: the description without its cause and reasoning. */
  steps: string;
  rootCause: string | null;
  /** Why the fix was proposed; useful to the next tier, noise in a customer's note. */
  reasoning: string | null;
}

/** Splits a description into steps, cause and reasoning; a labelled line starts its own part. */
export function splitFixDescription(description: string): FixDescriptionParts {
  const parts = { steps: [] as string[][], rootCause: [] as string[][], reasoning: [] as string[][] };
  for (const paragraph of description.trim().split(/\n[ \t]*\n/)) {
    let current: string[] = [];
    parts.steps.push(current);
    for (const line of paragraph.split('\n')) {
      const target = causeLabel.test(line)
        ? parts.rootCause
        : reasoningLabel.test(line)
          ? parts.reasoning
          : null;
      if (target) {
        current = [causeLabel.test(line) ? line.replace(causeLabel, '') : line];
        target.push(current);
      } else current.push(line);
    }
  }
  const joined = (paragraphs: string[][]) =>
    paragraphs
      .map((lines) => lines.join('\n').trim())
      .filter(Boolean)
      .join('\n\n') || null;
  return {
    steps: joined(parts.steps) ?? '',
    rootCause: joined(parts.rootCause),
    reasoning: joined(parts.reasoning),
  };
}

const sameText = (left: string, right: string) =>
  left.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase() ===
  right.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** A fact that states the cause ("Root cause: …"), without its label; null for any other fact. */
const causeStatedBy = (fact: { text: string }) =>
  causeLabel.test(fact.text) ? fact.text.replace(causeLabel, '').trim() || null : null;

/**
 * The cause as the session states it: the engineer's hypothesis first, then a "Root cause:"
 * fact (facts are editable, the latest wins), then the cause the active fix was proposed for —
 * unless that fix failed or was dismissed, which rules its cause out.
 */
export function statedRootCause(snapshot: SessionSnapshot): string | null {
  const hypothesis = snapshot.triage_hypothesis?.trim();
  if (hypothesis) return hypothesis;
  const fromFacts = snapshot.facts.map(causeStatedBy).filter((cause): cause is string => cause !== null);
  if (fromFacts.length) return fromFacts[fromFacts.length - 1]!;
  const fix = snapshot.active_fix;
  if (!fix || fix.status === 'applied_failed' || fix.status === 'dismissed') return null;
  return splitFixDescription(fix.description).rootCause;
}

/**
 * The facts a closing text lists as confirmed: not the cause (it has its own section) and not a
 * "Resolved by: <a fix of this session>" (the fixes are told where their outcome is).
 */
export function listedFacts(snapshot: SessionSnapshot): string[] {
  const cause = statedRootCause(snapshot);
  return snapshot.facts
    .filter((fact) => causeStatedBy(fact) === null && !(cause && sameText(fact.text, cause)))
    .filter((fact) => {
      if (!resolvedByLabel.test(fact.text)) return true;
      const named = fact.text.replace(resolvedByLabel, '');
      return !snapshot.fixes.some((fix) => sameText(named, fix.title));
    })
    .map((fact) => fact.text);
}

/** The heading's title, whole, without a leading ticket number the metadata line already gives. */
export function headingTitle(snapshot: SessionSnapshot): string {
  const title = oneLine(snapshot.title);
  const ref = snapshot.ticket_ref ? oneLine(snapshot.ticket_ref) : '';
  const withoutRef = ref && title.startsWith(`${ref}: `) ? title.slice(ref.length + 2).trim() : title;
  return withoutRef || title || 'Untitled session';
}

/** The intake, unless it is only the title again (then the heading already says it). */
export function problemSection(snapshot: SessionSnapshot): string | null {
  const intake = snapshot.intake_text.trim();
  if (!intake) return null;
  return sameText(intake, headingTitle(snapshot)) ? null : intake;
}

export const compose = (sections: (string | null)[]): string =>
  `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;

/**
 * Resolving while the active fix is Verifying records it as worked (the implicit signal),
 * so a resolution preview must already describe it that way — the note then says the same
 * before and after posting.
 */
export function withImplicitResolution(snapshot: SessionSnapshot): SessionSnapshot {
  const active = snapshot.active_fix;
  if (!active || active.status !== 'proposed' || !active.applied_at) return snapshot;
  // No verification time yet: the preview must not depend on the clock (it is cached).
  const worked: SnapshotFix = { ...active, status: 'applied_success' };
  return {
    ...snapshot,
    active_fix: worked,
    fixes: snapshot.fixes.map((fix) => (fix === active ? worked : fix)),
  };
}
