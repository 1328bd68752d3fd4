import type { TLeaning } from '@flowpilot/contracts/messages';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { getOwnedSession } from '../session-core/sessions.repository.ts';
import { buildTurnContext } from './run-generation.ts';

/**
 * Where the assistant leans for the session as it stands now: the same input the next turn
 * would get (so a note or an edited fact moves it at once), weighed by the model's own belief.
 * Only the offline engine holds one; a connected model answers `available: false`.
 */
export async function getLeaning(ctx: AppContext, caller: Caller, sessionId: string): Promise<TLeaning> {
  const session = await getOwnedSession(ctx.database.db, caller, sessionId);
  const assess = ctx.model.assess?.bind(ctx.model);
  if (!assess) return { available: false, leader: null, alternatives: [], none: 0 };
  const [built, knowledge] = await Promise.all([
    buildTurnContext(ctx, session),
    ctx.knowledge.forAccount(ctx.database.db, session.accountId),
  ]);
  return {
    available: true,
    ...assess({
      system: built.system,
      messages: built.messages,
      session: built.session,
      playbooks: knowledge.set,
    }),
  };
}
