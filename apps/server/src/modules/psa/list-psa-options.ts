import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { callPsa, openConnection } from './psa-connection.ts';

/** The pickers of the Settings page: boards (ConnectWise), statuses, members by email. */
export async function listPsaBoards(ctx: AppContext, caller: Caller) {
  const { provider } = await openConnection(ctx, ctx.database.db, caller);
  return { items: await callPsa(() => provider.listBoards()) };
}

export async function listPsaStatuses(ctx: AppContext, caller: Caller, boardId: string | undefined) {
  const { provider, settings } = await openConnection(ctx, ctx.database.db, caller);
  const board = boardId ?? (typeof settings.board_id === 'string' ? settings.board_id : null);
  return { items: await callPsa(() => provider.listStatuses(board)) };
}

export async function findPsaMembers(ctx: AppContext, caller: Caller, email: string) {
  const { provider } = await openConnection(ctx, ctx.database.db, caller);
  return { items: await callPsa(() => provider.findMember(email)) };
}
