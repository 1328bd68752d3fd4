import type { FastifyBaseLogger } from 'fastify';
import { collectReply, type ChatModel } from '@flowpilot/assistant/chat-model';
import { listedFacts, statedRootCause, type SessionSnapshot } from '@flowpilot/core/session-snapshot';
import { MAX_CLOSING_MARKDOWN, type TClosingKind } from '@flowpilot/contracts/session-closing';

const audience: Record<TClosingKind, string> = {
  resolution_note:
    'a resolution note that will be pasted into the ticket and read by the customer and colleagues',
  escalation_package: 'an escalation package handed to the next support tier',
};

function polishPrompt(kind: TClosingKind) {
  return `You edit ${audience[kind]}. Improve the wording so it reads clearly and professionally.

Rules:
- Keep the markdown structure and every heading.
- Keep every fact, every fix title, every status, timestamp, parameter name and value exactly as written (including "••••").
- Do not add facts, causes, steps or advice that are not in the text. Do not remove anything.
- Answer with the edited markdown only: no preamble, no code fence around it.`;
}

/** Case and spacing do not change what a line says; markdown emphasis around it does not either. */
const normalise = (text: string) => text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** A rewrite may reword the prose; it may not drop a fact or a fix the engineer recorded. */
export function keepsEveryFact(polished: string, snapshot: SessionSnapshot): boolean {
  const text = normalise(polished);
  // What the deterministic text says once: the facts it lists, the cause, every fix.
  const cause = statedRootCause(snapshot);
  const required = [
    ...listedFacts(snapshot),
    ...(cause ? [cause] : []),
    ...snapshot.fixes.map((fix) => fix.title),
  ];
  return required.every((item) => text.includes(normalise(item)));
}

function unfence(text: string) {
  const fenced = /^\s*```(?:markdown|md)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  return (fenced ? fenced[1]! : text).trim();
}

/**
 * Asks the configured model to reword the deterministic text. Returns null — and the caller
 * keeps the deterministic text — when the model fails or its answer lost anything.
 */
export async function polishClosingText(
  model: ChatModel,
  kind: TClosingKind,
  markdown: string,
  snapshot: SessionSnapshot,
  options: { timeoutMs: number; log: FastifyBaseLogger },
): Promise<string | null> {
  try {
    const reply = await collectReply(model, {
      system: polishPrompt(kind),
      messages: [{ role: 'user', content: markdown }],
      maxOutputTokens: 4000,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const polished = unfence(reply.text);
    if (!polished || polished.length > MAX_CLOSING_MARKDOWN) return null;
    if (!keepsEveryFact(polished, snapshot)) {
      options.log.info({ kind }, 'polished text dropped a fact or a fix; keeping the deterministic text');
      return null;
    }
    return `${polished}\n`;
  } catch (error) {
    options.log.warn({ err: error, kind }, 'polishing failed; keeping the deterministic text');
    return null;
  }
}
