import type { ChatMessage } from '@flowpilot/assistant/chat-model';
import type { OfflineEngine } from '@flowpilot/assistant/offline/offline-engine';
import { parseMarkers, summarizeMarkers } from '@flowpilot/core/markers';
import type { CalibrationPoint, Ticket } from './simulate.ts';
import type { Conversation, Observed } from './play.ts';

/**
 * A conversation straight against the engine, merging task-lane questions by id the way the
 * server does. Used by the CI smoke test (fast, no database); `npm run eval:assistant` plays
 * the same tickets through the HTTP API.
 */
export function engineConversation(
  engine: OfflineEngine,
  options: { calibration?: CalibrationPoint[]; truth?: string | null; timings?: number[] } = {},
): Conversation {
  const messages: ChatMessage[] = [];
  const lane = new Map<string, { id: string; text: string; state: string; answer?: string }>();
  let fixTemplateId: string | null = null;
  const facts: string[] = [];
  let truth: string | null = options.truth ?? null;
  const turn = (content: string): Observed => {
    messages.push({ role: 'user', content });
    const started = performance.now();
    const raw = engine.reply(messages);
    options.timings?.push(performance.now() - started);
    messages.push({ role: 'assistant', content: raw });
    if (options.calibration) {
      const belief = engine.explain(messages.slice(0, -1));
      const leader = belief.candidates[0];
      const noneLeads = !leader || belief.none >= leader.probability;
      options.calibration.push({
        confidence: noneLeads ? belief.none : leader.probability,
        correct: noneLeads ? truth === null : leader.playbook.slug === truth,
      });
    }
    const parsed = parseMarkers(raw);
    const summary = summarizeMarkers(parsed.markers);
    for (const question of summary.questions)
      lane.set(question.id, { ...lane.get(question.id), ...question } as never);
    facts.push(...summary.facts.map((fact) => fact.text));
    facts.push(...summary.facts.map((fact) => fact.text));
    const newFix = !!summary.suggestedFix;
    if (summary.suggestedFix) fixTemplateId = summary.suggestedFix.script_template_id ?? null;
    return {
      prose: parsed.prose,
      questions: [...lane.values()],
      fixTemplateId,
      newFix,
      confidence: summary.confidence ?? 0,
      facts: [...facts],
      outcome: summary.fixOutcome?.outcome ?? null,
    };
  };
  return {
    async start(ticket: Ticket) {
      truth = ticket.expect;
      const details = [
        ticket.asset ? `**Asset:** ${ticket.asset}` : null,
        ticket.client ? `**Client:** ${ticket.client}` : null,
      ].filter(Boolean);
      return turn([details.join('  \n'), ticket.text].filter(Boolean).join('\n\n'));
    },
    async say(text: string) {
      return turn(text);
    },
  };
}
