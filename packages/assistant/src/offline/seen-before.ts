/**
 * "Seen before" for the offline engine (SPEC §7.3): a resolved session of the account whose
 * fix worked is a candidate of its own when no playbook fits — the team has fixed this once,
 * even if nobody wrote a playbook for it yet.
 */

export interface SeenBeforeSession {
  title: string;
  /** ISO time. */
  resolvedAt: string;
  resolvedBy?: string | undefined;
  rootCause: string | null;
  fixTitle: string | null;
  fixDescription?: string | null | undefined;
  /** The fix's outcome then: only `applied_success` makes it a candidate. */
  fixOutcome: string | null;
  /** 0..1 from similar-sessions ranking. */
  score: number;
}

export interface SeenBeforeContext {
  /** The account's most similar resolved sessions, best first. */
  similar?: readonly SeenBeforeSession[] | undefined;
}

/** Below this a ranked neighbour is a coincidence of words, not the same problem. */
const minimumScore = 0.2;

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The lead a similar fixed session gives, unless its fix was already tried in this session. */
export function seenBeforeLead(
  context: SeenBeforeContext & { fixes?: { title?: string | null }[] | undefined },
) {
  const tried = new Set((context.fixes ?? []).map((fix) => fix.title).filter(Boolean));
  const match = (context.similar ?? []).find(
    (session) =>
      session.fixOutcome === 'applied_success' &&
      session.fixTitle &&
      session.score >= minimumScore &&
      !tried.has(session.fixTitle),
  );
  if (!match?.fixTitle) return undefined;
  const by = match.resolvedBy ? ` by ${match.resolvedBy}` : '';
  const cause = match.rootCause ? `\n\n**Cause then:** ${match.rootCause}` : '';
  const description = match.fixDescription?.trim() || match.fixTitle;
  return {
    prose:
      `None of my playbooks fits, but a ticket like this was fixed on ${day(match.resolvedAt)}${by}: “${match.title}”.${cause}\n\n` +
      `**What worked then: ${match.fixTitle}.** ${description}\n\nIt is a lead from your team's history, not a diagnosis — tell me whether it works here too.`,
    fix: {
      title: match.fixTitle,
      description: `${description}\n\nRoot cause: ${match.rootCause ?? 'as in the earlier session'} (seen before: “${match.title}”)`,
      confidence_pct: Math.round(Math.min(0.6, 0.3 + match.score / 2) * 100),
    },
    confidence: Math.min(0.6, 0.3 + match.score / 2),
  };
}
