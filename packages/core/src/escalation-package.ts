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
 * The escalation package handed to the next tier: what is known, what was tried and how it
 * went, so they do not repeat it. Composed only from the snapshot, never from the model.
 */

const isTried = (fix: SnapshotFix) => fix.applied_at !== null || fix.status !== 'proposed';

function triedText(fix: SnapshotFix): string {
  const appliedAt = fix.applied_at ? formatTimestamp(fix.applied_at) : null;
  const applied = appliedAt ? ` (applied ${appliedAt})` : '';
  const title = `**${oneLine(fix.title)}**`;
  const outcome = (() => {
    switch (fix.status) {
      case 'applied_failed':
        return `didn't work${applied}${fix.failure_reason?.trim() ? `: ${fix.failure_reason.trim()}` : '; no reason recorded'}`;
      case 'applied_partial':
        return `partially applied${applied}${fix.partial_notes?.trim() ? `: ${fix.partial_notes.trim()}` : ''}`;
      case 'applied_success':
        return `worked${applied}`;
      case 'dismissed':
        return 'considered and dismissed, not applied';
      case 'proposed':
        return `applied${appliedAt ? ` ${appliedAt}` : ''}, outcome not verified yet`;
    }
  })();
  return [`${title} — ${outcome}`, parametersLine(fix)].filter(Boolean).join('\n');
}

function hypothesisText(snapshot: SessionSnapshot): string {
  const lines: string[] = [];
  const cause = statedRootCause(snapshot);
  if (cause) lines.push(cause);
  const fix = snapshot.active_fix;
  if (fix && !isTried(fix)) {
    // The cause is said above; the next tier gets the steps and why the fix was proposed.
    const { steps, reasoning } = splitFixDescription(fix.description);
    lines.push(
      `Proposed fix, not yet applied: **${oneLine(fix.title)}** (${proposedAt(fix)})${steps ? ` — ${steps}` : ''}`,
    );
    if (reasoning) lines.push(reasoning);
  }
  return lines.length ? lines.join('\n\n') : 'No working hypothesis yet.';
}

function nextSteps(snapshot: SessionSnapshot): string[] {
  const steps: string[] = [];
  const fix = snapshot.active_fix;
  if (fix) {
    const title = `**${oneLine(fix.title)}**`;
    if (fix.status === 'proposed' && fix.applied_at) steps.push(`Confirm whether ${title} worked.`);
    else if (fix.status === 'proposed') steps.push(`Apply the proposed fix ${title}.`);
    else if (fix.status === 'applied_partial')
      steps.push(
        `Finish applying ${title}${fix.partial_notes?.trim() ? ` (${fix.partial_notes.trim()})` : ''}.`,
      );
    else if (fix.status === 'applied_failed')
      steps.push(
        `Find out why ${title} failed${fix.failure_reason?.trim() ? ` (${fix.failure_reason.trim()})` : ''}.`,
      );
  }
  for (const question of snapshot.questions)
    if (question.state === 'open') steps.push(`Answer: ${oneLine(question.text)}`);
  for (const action of snapshot.actions)
    if (action.state === 'open') steps.push(`Run check: ${oneLine(action.title)}`);
  return steps;
}

export function composeEscalationPackage(snapshot: SessionSnapshot): string {
  const tried = snapshot.fixes.filter(isTried);
  const checks = snapshot.actions.filter((action) => action.state === 'done');
  const problem = problemSection(snapshot);
  return compose([
    `# Escalation: ${headingTitle(snapshot)}`,
    metadataLine(snapshot),
    problem === null ? null : '## Problem',
    problem,
    "## What we've confirmed",
    bulletList(listedFacts(snapshot), 'Nothing confirmed yet.'),
    "## What we've tried",
    bulletList(tried.map(triedText), 'No fix has been applied yet.'),
    checks.length
      ? `Checks run:\n${bulletList(
          checks.map(
            (check) => `${oneLine(check.title)}${check.result?.trim() ? ` — ${check.result.trim()}` : ''}`,
          ),
          '',
        )}`
      : null,
    '## Current hypothesis',
    hypothesisText(snapshot),
    '## Suggested next steps',
    bulletList(nextSteps(snapshot), '- Review the session transcript and continue the diagnosis.'),
  ]);
}
