import type {
  ContextActivity,
  ContextAttachment,
  ContextFix,
  ContextIntake,
  ContextTemplate,
  SessionContextInput,
} from './session-context-input.ts';

/**
 * The labelled text blocks of the model input. Every list has a fixed order (facts in the
 * order recorded, items by their position in the task lane, fixes oldest first) so the same
 * state always renders to the same bytes. Each renderer returns lines, not one string, so
 * the budget can count them one by one (each line's count is memoised across turns).
 */

/** Texts longer than this inside the state block keep their head and tail (fixed, not budget-driven, so the bytes are stable). */
const STATE_TEXT_MAX = 2_000;
const STATE_SCRIPT_MAX = 6_000;
const TEMPLATE_DESCRIPTION_MAX = 300;

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** The note left where the middle of a paste was cut. */
export const omissionNote = (characters: number, what: string) =>
  `[… ${formatCount(characters)} characters of ${what} omitted …]`;

/** Keeps the first and last parts of `text` (about 60/40), cut at line ends when one is near. */
export function clipMiddleByCharacters(text: string, maxCharacters: number, what: string) {
  if (text.length <= maxCharacters) return { text, omitted: 0 };
  const keep = Math.max(0, maxCharacters);
  let headEnd = Math.floor(keep * 0.6);
  let tailStart = text.length - (keep - headEnd);
  const newlineBefore = text.lastIndexOf('\n', headEnd);
  if (newlineBefore > headEnd - 200 && newlineBefore > 0) headEnd = newlineBefore;
  const newlineAfter = text.indexOf('\n', tailStart);
  if (newlineAfter !== -1 && newlineAfter < tailStart + 200) tailStart = newlineAfter + 1;
  const omitted = tailStart - headEnd;
  if (omitted <= 0) return { text, omitted: 0 };
  return {
    text: `${text.slice(0, headEnd)}\n${omissionNote(omitted, what)}\n${text.slice(tailStart)}`,
    omitted,
  };
}

/** A fence longer than any backtick run inside, so pasted text can never close it early. */
export function fenced(body: string, info = 'text') {
  const longestRun = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${info}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
const quoted = (text: string) => `"${oneLine(text)}"`;

export function renderAttachments(
  attachments: readonly ContextAttachment[] | undefined,
  logs: (text: string) => string,
) {
  if (!attachments || attachments.length === 0) return null;
  return attachments
    .map((attachment) => {
      const head = `**Attachment:** ${attachment.name}${attachment.mediaType ? ` (${attachment.mediaType})` : ''}`;
      return attachment.extractedText.trim()
        ? `${head}\n\n${fenced(logs(attachment.extractedText))}`
        : `${head} (no text extracted yet)`;
    })
    .join('\n\n');
}

/**
 * The intake in the form the transcript has always shown it (`**Ticket:**` lines, the text,
 * the fenced logs), which the offline engine reads too. `clip` trims a long paste's middle.
 */
export function renderIntake(intake: ContextIntake, clip: (text: string) => string = (text) => text) {
  const details = [
    intake.ticketRef ? `**Ticket:** ${intake.ticketRef}` : null,
    intake.clientName ? `**Client:** ${intake.clientName}` : null,
    intake.assetName ? `**Asset:** ${intake.assetName}` : null,
  ].filter((line): line is string => line !== null);
  return [
    details.length > 0 ? details.join('  \n') : null,
    clip(intake.text),
    intake.logs ? `**Logs:**\n\n${fenced(clip(intake.logs))}` : null,
    renderAttachments(intake.attachments, clip),
  ]
    .filter((section): section is string => section !== null && section !== '')
    .join('\n\n');
}

export function fixStateLabel(fix: Pick<ContextFix, 'status' | 'applied'>): string {
  switch (fix.status) {
    case 'proposed':
      return fix.applied
        ? 'Verifying (the engineer declared a run; outcome not recorded yet)'
        : 'Proposed (not run yet)';
    case 'applied_partial':
      return 'Partial (helped partly)';
    case 'applied_success':
      return 'Worked';
    case 'applied_failed':
      return "Didn't work";
    case 'dismissed':
      return 'Dismissed (not tried)';
  }
}

const decisionLabel: Record<string, string> = {
  one_off: 'run now, no template',
  draft_template: 'run now, templatize after',
  build_template: 'build a reusable template',
  dismissed: 'dismissed',
};

function fixLines(fix: ContextFix, withScript: boolean): string[] {
  const lines = [
    `- fix ${fix.id}: ${quoted(fix.title)} — ${fixStateLabel(fix)}; confidence ${fix.confidencePct}%; proposed by ${fix.source === 'ai' ? 'you' : 'the engineer'}${fix.decision ? `; decision: ${decisionLabel[fix.decision] ?? fix.decision}` : ''}`,
  ];
  if (fix.description)
    lines.push(`  What: ${oneLine(clipMiddleByCharacters(fix.description, STATE_TEXT_MAX, 'text').text)}`);
  if (fix.templateId)
    lines.push(`  Script: template ${fix.templateId}${fix.templateName ? ` (${fix.templateName})` : ''}`);
  else if (fix.script && withScript)
    lines.push(
      `  Script: drafted (${fix.scriptLanguage ?? 'unknown language'}):\n${fenced(clipMiddleByCharacters(fix.script, STATE_SCRIPT_MAX, 'script').text, fix.scriptLanguage ?? 'text')}`,
    );
  else if (fix.script)
    lines.push(
      `  Script: drafted (${fix.scriptLanguage ?? 'unknown language'}, ${formatCount(fix.script.length)} characters)`,
    );
  else lines.push('  Script: none yet (neither a template nor a drafted script)');
  if (fix.failureReason) lines.push(`  Failure reason: ${quoted(fix.failureReason)}`);
  if (fix.partialNotes) lines.push(`  Partial notes: ${quoted(fix.partialNotes)}`);
  if (fix.outcomeProposal)
    lines.push(
      `  Your outcome reading, awaiting the engineer: ${fix.outcomeProposal.outcome}${fix.outcomeProposal.reason ? ` — ${quoted(fix.outcomeProposal.reason)}` : ''}`,
    );
  return lines;
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** One audit event as a sentence about what the engineer did. */
export function describeActivity(event: ContextActivity): string | null {
  const before = record(event.before);
  const after = record(event.after);
  const clip = (value: unknown) => quoted(clipMiddleByCharacters(text(value), 600, 'text').text);
  switch (event.action) {
    case 'fact.added':
      return after.kind === 'engineer_note' || after.kind === undefined
        ? `added a note under What we know: ${clip(after.text)}`
        : `added a fact (${text(after.kind)}): ${clip(after.text)}`;
    case 'fact.updated':
      return `edited a fact from ${clip(before.text)} to ${clip(after.text)}`;
    case 'fact.removed':
      return `removed a fact: ${clip(before.text)}`;
    case 'fix.applied':
      return 'declared that they ran the active fix ("I ran this")';
    case 'fix.decision.one_off':
      return 'chose "Run now, no template" for the fix (a run is declared)';
    case 'fix.decision.draft_template':
      return 'chose "Run now, templatize after" for the fix (a run is declared)';
    case 'fix.decision.build_template':
      return 'chose to build a reusable template for the fix (not run yet)';
    case 'fix.decision.dismissed':
    case 'fix.outcome.dismissed':
      return 'dismissed the fix';
    case 'fix.outcome.applied_success':
      return 'recorded that the fix worked';
    case 'fix.outcome.applied_failed':
      return `recorded that the fix didn't work${after.failure_reason ? `: ${clip(after.failure_reason)}` : ''}`;
    case 'fix.outcome.applied_partial':
      return `recorded that the fix helped partly${after.partial_notes ? `: ${clip(after.partial_notes)}` : ''}`;
    case 'fix.outcome_proposal_confirmed':
      return 'confirmed your outcome reading';
    case 'fix.outcome_proposal_rejected':
      return 'rejected your outcome reading';
    case 'fix.script_updated':
      return "replaced the fix's script (Script Builder or editor)";
    case 'fix.proposed':
      return after.source === 'engineer' ? `proposed their own fix: ${clip(after.title)}` : null;
    case 'script.generated': {
      const parameters = record(after.parameters);
      const shown = Object.entries(parameters)
        .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(', ');
      return `generated the script from template ${text(after.template_id)} (${text(after.template_name)})${shown ? ` with ${clipMiddleByCharacters(shown, 600, 'text').text}` : ''}`;
    }
    case 'session.triage_updated':
      return 'edited the triage fields';
    default:
      return null;
  }
}

function templateLine(template: ContextTemplate): string {
  const parameters = template.parameters
    .map(
      (parameter) =>
        `${parameter.name} (${parameter.type}${parameter.required ? ', required' : ''}${parameter.options?.length ? `: ${parameter.options.join('|')}` : ''}${parameter.sensitive ? ', secret' : ''})`,
    )
    .join(', ');
  const description = clipMiddleByCharacters(
    oneLine(template.description),
    TEMPLATE_DESCRIPTION_MAX,
    'text',
  ).text;
  return `- ${template.id} · ${template.name} · ${template.language}${template.category ? ` · ${template.category}` : ''} — ${description || 'no description'}. Parameters: ${parameters || 'none'}`;
}

export interface StateBlock {
  /** Lines of the block, counted one by one. */
  lines: string[];
}

/**
 * The session's state as one labelled block, sent just before the message being answered.
 * `notes` are the budget's own remarks (what was left out), appended last.
 */
export function renderSessionState(input: SessionContextInput, notes: readonly string[]): StateBlock {
  const lines: string[] = [
    `# Session state (state_version ${input.stateVersion}) — current as of this turn; it overrides anything older in the conversation`,
    `Title: ${oneLine(input.title)}`,
  ];
  const triage = [
    input.triage.clientName ? `client ${input.triage.clientName}` : null,
    input.triage.assetName ? `asset ${input.triage.assetName}` : null,
    input.triage.issueCategory ? `category ${input.triage.issueCategory}` : null,
  ].filter(Boolean);
  if (triage.length > 0) lines.push(`Triage: ${triage.join(' · ')}`);
  if (input.triage.hypothesis) lines.push(`Engineer's hypothesis: ${quoted(input.triage.hypothesis)}`);
  lines.push(`Confidence: ${input.confidence.score.toFixed(2)} (${input.confidence.tier})`);
  if (input.handoff) {
    lines.push(
      '',
      '## Handoff',
      `- ${input.handoff.at.slice(0, 16).replace('T', ' ')} UTC ${oneLine(input.handoff.note)}`,
    );
    if (input.handoff.sinceLastReply)
      lines.push(
        '- You now talk to the engineer who picked it up: the conversation above was with the one before. They have the escalation package; do not ask again what is already known, and start from what is left to find out.',
      );
  }

  if (input.similar?.length) {
    lines.push('', '## Seen before (resolved sessions of this account like this one, best first)');
    for (const similar of input.similar)
      lines.push(
        `- ${similar.resolvedAt.slice(0, 10)} ${quoted(oneLine(similar.title))}: ${similar.fixTitle ? `fix ${quoted(oneLine(similar.fixTitle))} (${similar.fixOutcome ?? 'no outcome'})` : 'resolved without a fix'}${similar.rootCause ? `; cause ${quoted(oneLine(similar.rootCause))}` : ''} — similarity ${similar.score.toFixed(2)}`,
      );
  }

  lines.push('', '## What we know (facts; kind in brackets)');
  if (input.facts.length === 0) lines.push('- nothing recorded yet');
  for (const fact of input.facts)
    lines.push(
      `- [${fact.kind}] ${oneLine(clipMiddleByCharacters(fact.text, STATE_TEXT_MAX, 'text').text)}${fact.edited ? ' (edited by the engineer)' : ''}`,
    );

  lines.push('', '## Questions (id [state])');
  if (input.questions.length === 0) lines.push('- none asked yet');
  for (const question of input.questions)
    lines.push(
      `- ${question.id} [${question.state}] ${oneLine(question.text)}${question.answer ? ` — answer: ${quoted(question.answer)}` : ''}`,
    );

  lines.push('', '## Diagnostic checks (id [state])');
  if (input.checks.length === 0) lines.push('- none proposed yet');
  for (const check of input.checks)
    lines.push(
      `- ${check.id} [${check.state}] ${oneLine(check.title)}${check.command ? ` — \`${oneLine(check.command)}\`${check.language ? ` (${check.language})` : ''}` : ''}${check.result ? ` — result: ${quoted(check.result)}` : ''}`,
    );

  lines.push('', '## Active fix');
  if (input.activeFix) lines.push(...fixLines(input.activeFix, true));
  else lines.push('- none');

  lines.push('', '## Earlier fixes (oldest first; do not propose a failed one again unchanged)');
  if (input.earlierFixes.length === 0) lines.push('- none');
  for (const fix of input.earlierFixes) lines.push(...fixLines(fix, false));

  lines.push('', '## Since your last reply, the engineer');
  const done = input.activity
    .map((event) => {
      const sentence = describeActivity(event);
      return sentence ? `- ${event.at.slice(11, 16)} UTC ${sentence}` : null;
    })
    .filter((line): line is string => line !== null);
  if (input.activityOmitted)
    lines.push(
      `- (${input.activityOmitted} earlier action${input.activityOmitted === 1 ? '' : 's'} left out; the newest follow)`,
    );
  lines.push(...(done.length > 0 ? done : ['- did nothing in the panels (see their message, if any)']));

  lines.push('', '## Script templates you may cite (script_template_id must be one of these ids, exactly)');
  if (input.templates.length === 0)
    lines.push('- none match this session: draft the script yourself ("script" and "script_language")');
  for (const template of input.templates) lines.push(templateLine(template));

  if (notes.length > 0)
    lines.push('', '## Left out to fit the context budget', ...notes.map((note) => `- ${note}`));
  return { lines };
}
