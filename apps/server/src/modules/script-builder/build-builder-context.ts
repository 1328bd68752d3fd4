import type { ChatMessage } from '@flowpilot/assistant/chat-model';
import {
  buildSessionContext,
  type ContextReport,
} from '@flowpilot/assistant/session-context/build-session-context';
import { loadTokenCounter } from '@flowpilot/assistant/session-context/token-counter';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import { gatherSessionContext } from '../chat/gather-session-context.ts';
import { contextBudget } from '../chat/run-generation.ts';
import type { FixRow } from '../session-core/fixes.repository.ts';
import { buildBuilderSystemPrompt } from './builder-system-prompt.ts';
import type { BuilderSessionRow } from './script-builder.repository.ts';

/** Messages a standalone builder sends: the latest twenty, the request being answered included. */
export const CONTEXT_MESSAGES = 20;
/** Builder messages read for an inline tab; the budget decides how many of them are sent. */
const INLINE_READ_LIMIT = 400;

export interface BuilderContext {
  system: string;
  messages: ChatMessage[];
  /** What the budget kept and left out (inline tabs only). */
  report?: ContextReport;
}

/**
 * The model input of one Script Builder reply. A standalone session sends its own latest
 * messages. The pilot's inline tab is given the pilot session the same way a pilot turn is
 * (SPEC §7.1, issue 12 item 7): the session-context builder with the pilot's intake and state
 * (facts, task lane, the active fix with its template or script, earlier fixes and why they
 * failed) around the builder's own conversation, within the same LLM_CONTEXT_TOKENS budget. The
 * pilot's conversation, activity and template offer stay out: this tab writes a script, it does
 * not work the ticket.
 */
export async function buildBuilderContext(
  ctx: AppContext,
  caller: Caller,
  session: BuilderSessionRow,
  fix: FixRow | undefined,
  history: readonly { role: 'user' | 'assistant'; content: string }[],
): Promise<BuilderContext> {
  const system = buildBuilderSystemPrompt(session, fix);
  if (!session.aiSessionId)
    return {
      system,
      messages: history.slice(-CONTEXT_MESSAGES).map((row) => ({ role: row.role, content: row.content })),
    };
  const pilot = await getOwnedSession(ctx.database.db, caller, session.aiSessionId);
  const [counter, input] = await Promise.all([
    loadTokenCounter(),
    gatherSessionContext(ctx.database.db, pilot, { stateOnly: true }),
  ]);
  const built = buildSessionContext(
    {
      ...input,
      transcript: history.slice(-INLINE_READ_LIMIT).map((row) => ({ role: row.role, content: row.content })),
    },
    { system, budgetTokens: contextBudget(ctx), counter },
  );
  return { system: built.system, messages: built.messages, report: built.report };
}
