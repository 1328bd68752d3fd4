import type { SessionSnapshot } from '../chat-model.ts';

/**
 * "Get a fresh assessment" (issue 17): the engineer who picked an escalation up asks what is
 * known, what was tried and what is likely next. The offline engine answers from the session's
 * state alone — the same facts the escalation package is made of — in prose, with no markers,
 * so nothing in the task lane changes.
 */

/** The pickup screen's request; also what an engineer would type. */
export const FRESH_ASSESSMENT_REQUEST =
  'Give me a fresh assessment: what is known, what has been tried, and what is likely next.';

export const asksForFreshAssessment = (text: string) => /\bfresh (?:assessment|look|summary)\b/i.test(text);

const outcomeWords: Record<SessionSnapshot['fixes'][number]['outcome'], string> = {
  proposed: 'proposed, not confirmed yet',
  applied_success: 'worked',
  applied_failed: "didn't work",
  applied_partial: 'partly worked',
  dismissed: 'dismissed without applying',
};

const bullets = (items: readonly string[], empty: string) =>
  items.length > 0 ? items.map((item) => `- ${item.replace(/\s+/g, ' ').trim()}`).join('\n') : `- ${empty}`;

export function composeFreshAssessment(session: SessionSnapshot): string {
  const facts = session.facts ?? session.notes;
  const tried = session.fixes.map((fix) => `${fix.title ?? 'A fix'} — ${outcomeWords[fix.outcome]}`);
  const failed = session.fixes.filter(
    (fix) => fix.outcome === 'applied_failed' || fix.outcome === 'applied_partial',
  );
  const pending = session.fixes.filter((fix) => fix.outcome === 'proposed');
  const next = [
    ...pending.map((fix) => `Confirm whether "${fix.title ?? 'the proposed fix'}" works.`),
    ...(session.open ?? []),
  ];
  if (next.length === 0)
    next.push(
      failed.length > 0
        ? 'Look past the fixes that failed: tell me what you see on the machine now, and I will narrow it down again.'
        : 'Tell me what you see on the machine now; I will pick the diagnosis up from there.',
    );
  const opening = session.handoff
    ? `${session.handoff.note} Here is where things stand.`
    : 'Here is where things stand.';
  return [
    opening,
    '',
    '**What we know**',
    bullets(facts, 'Nothing confirmed yet beyond the intake.'),
    '',
    '**What has been tried**',
    bullets(tried, 'No fix has been tried yet.'),
    '',
    '**Likely next**',
    bullets(next, ''),
  ].join('\n');
}
