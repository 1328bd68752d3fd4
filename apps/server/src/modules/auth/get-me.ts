import { eq } from 'drizzle-orm';
import { AppError } from '@flowpilot/core/app-error';
import { accounts } from '@flowpilot/db/schema-accounts';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { toUserDto, usersRepository } from '../accounts-core/users.repository.ts';

export async function getMe(ctx: AppContext, caller: Caller) {
  const user = await usersRepository(ctx.database.db, caller.accountId).get(caller.userId);
  const [account] = await ctx.database.db.select().from(accounts).where(eq(accounts.id, caller.accountId));
  if (!user || !account) throw new AppError('unauthenticated', 'Sign in to continue.');
  return { user: toUserDto(user), account: { id: account.id, name: account.name } };
}
