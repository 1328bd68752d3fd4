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

export const problemText = (snapshot: SessionSnapshot): string =>
  snapshot.intake_text.trim() || oneLine(snapshot.title) || 'No problem description was recorded.';

export function parametersLine(fix: SnapshotFix): string | null {
  const entries = Object.entries(fix.script_parameters ?? {});
  if (!entries.length) return null;
  return `Script parameters: ${entries.map(([name, value]) => `\`${name}\` = \`${oneLine(String(value))}\``).join(', ')}`;
}

export const fixHeadline = (fix: SnapshotFix): string =>
  `**${oneLine(fix.title)}** (${fix.confidence_pct}% confidence)`;

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
