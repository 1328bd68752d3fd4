import {
  bulletList,
  compose,
  fixHeadline,
  formatTimestamp,
  metadataLine,
  oneLine,
  parametersLine,
  problemText,
  type SessionSnapshot,
  type SnapshotFix,
} from './session-snapshot';

/**
 * The resolution note posted when the engineer resolves a session. Its wording follows the
 * active fix's status, so a note never claims a fix worked before the engineer said so.
 */

function resolutionText(fix: SnapshotFix | null, fixCount: number): string {
  if (!fix) return fixCount ? 'No fix is currently active.' : 'No fix was proposed in this session.';
  const applied = fix.applied_at ? formatTimestamp(fix.applied_at) : null;
  const description = fix.description.trim();
  const details = [description || null, parametersLine(fix)];
  switch (fix.status) {
    case 'proposed':
      return applied
        ? compose([`Applied ${fixHeadline(fix)} on ${applied}; not yet verified.`, ...details]).trimEnd()
        : compose([`Resolution not yet applied — fix proposed: ${fixHeadline(fix)}.`, ...details]).trimEnd();
    case 'applied_partial':
      return compose([
        `Partially applied: ${fixHeadline(fix)}${applied ? ` on ${applied}` : ''}.`,
        fix.partial_notes?.trim() ? `Notes: ${fix.partial_notes.trim()}` : null,
        ...details,
      ]).trimEnd();
    case 'applied_success':
      return compose([
        `Resolved by ${fixHeadline(fix)}${applied ? `, applied ${applied}` : ''}${fix.verified_at ? `, verified ${formatTimestamp(fix.verified_at)}` : ''}.`,
        ...details,
      ]).trimEnd();
    case 'applied_failed':
      return compose([
        `No working fix yet — ${fixHeadline(fix)} was applied${applied ? ` on ${applied}` : ''} but did not resolve the issue${fix.failure_reason?.trim() ? `: ${fix.failure_reason.trim()}` : '.'}`,
        ...details,
      ]).trimEnd();
    case 'dismissed':
      return `No fix applied — **${oneLine(fix.title)}** was dismissed.`;
  }
}

function rootCauseText(snapshot: SessionSnapshot): string {
  const hypothesis = snapshot.triage_hypothesis?.trim();
  const fix = snapshot.active_fix;
  if (hypothesis) return fix?.status === 'applied_success' ? hypothesis : `${hypothesis} (not yet confirmed)`;
  if (fix?.status === 'applied_success' && fix.description.trim()) return fix.description.trim();
  return 'Not determined.';
}

export function composeResolutionNote(snapshot: SessionSnapshot): string {
  const earlier = snapshot.fixes.filter((fix) => fix.superseded_at !== null && fix.applied_at !== null);
  return compose([
    `# Resolution: ${oneLine(snapshot.title) || 'Untitled session'}`,
    metadataLine(snapshot),
    '## Problem',
    problemText(snapshot),
    '## What we confirmed',
    bulletList(
      snapshot.facts.map((fact) => fact.text),
      'Nothing confirmed yet.',
    ),
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
