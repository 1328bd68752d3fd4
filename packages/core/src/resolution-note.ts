import {
  bulletList,
  compose,
  formatTimestamp,
  headingTitle,
  listedFacts,
  metadataLine,
  oneLine,
  parametersLine,
  problemSection,
  proposedAt,
  splitFixDescription,
  statedRootCause,
  type SessionSnapshot,
  type SnapshotFix,
} from './session-snapshot';

/**
 * The resolution note posted when the engineer resolves a session, read by the customer's
 * engineer. Its wording follows the active fix's status, so a note never claims a fix worked
 * before the engineer said so, and it says each thing once: the cause under Root cause, the
 * steps under Resolution, an outcome instead of a confidence once there is one.
 */

function resolutionText(fix: SnapshotFix | null, fixCount: number): string {
  if (!fix) return fixCount ? 'No fix is currently active.' : 'No fix was proposed in this session.';
  const applied = fix.applied_at ? formatTimestamp(fix.applied_at) : null;
  const title = `**${oneLine(fix.title)}**`;
  // The model's reasoning ("*For:* …") explains a proposal; the customer needs what was done.
  const details = [splitFixDescription(fix.description).steps || null, parametersLine(fix)];
  switch (fix.status) {
    case 'proposed':
      return applied
        ? compose([
            `Applied ${title} on ${applied}; not yet verified (${proposedAt(fix)}).`,
            ...details,
          ]).trimEnd()
        : compose([`Resolution not yet applied — fix ${proposedAt(fix)}: ${title}.`, ...details]).trimEnd();
    case 'applied_partial':
      return compose([
        `Partially applied: ${title}${applied ? ` on ${applied}` : ''}.`,
        fix.partial_notes?.trim() ? `Notes: ${fix.partial_notes.trim()}` : null,
        ...details,
      ]).trimEnd();
    case 'applied_success': {
      const when = [
        applied ? `applied ${applied}` : null,
        fix.verified_at ? `verified working ${formatTimestamp(fix.verified_at)}` : 'confirmed working',
      ].filter(Boolean);
      return compose([`Resolved by ${title}: ${when.join(', ')}.`, ...details]).trimEnd();
    }
    case 'applied_failed':
      return compose([
        `No working fix yet — ${title} was applied${applied ? ` on ${applied}` : ''} but did not resolve the issue${fix.failure_reason?.trim() ? `: ${fix.failure_reason.trim()}` : '.'}`,
        ...details,
      ]).trimEnd();
    case 'dismissed':
      return `No fix applied — ${title} was dismissed.`;
  }
}

function rootCauseText(snapshot: SessionSnapshot): string {
  const cause = statedRootCause(snapshot);
  if (!cause) return 'Not determined.';
  return snapshot.active_fix?.status === 'applied_success' ? cause : `${cause} (not yet confirmed)`;
}

export function composeResolutionNote(snapshot: SessionSnapshot): string {
  const earlier = snapshot.fixes.filter((fix) => fix.superseded_at !== null && fix.applied_at !== null);
  const problem = problemSection(snapshot);
  return compose([
    `# Resolution: ${headingTitle(snapshot)}`,
    metadataLine(snapshot),
    problem === null ? null : '## Problem',
    problem,
    '## What we confirmed',
    bulletList(listedFacts(snapshot), 'Nothing confirmed yet.'),
    '## Root cause',
    rootCauseText(snapshot),
    '## Resolution',
    resolutionText(snapshot.active_fix, snapshot.fixes.length),
    earlier.length
      ? `Tried before:\n${bulletList(
          earlier.map((fix) => `${oneLine(fix.title)} — ${earlierOutcome(fix)}`),
          '',
        )}`
      : null,
  ]);
}

function earlierOutcome(fix: SnapshotFix): string {
  switch (fix.status) {
    case 'applied_failed':
      return fix.failure_reason?.trim() ? `didn't work: ${fix.failure_reason.trim()}` : "didn't work";
    case 'applied_partial':
      return 'partially applied';
    case 'applied_success':
      return 'worked';
    case 'dismissed':
      return 'dismissed';
    case 'proposed':
      return 'applied, outcome not recorded';
  }
}
