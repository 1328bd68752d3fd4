import { AppError } from '@flowpilot/core/app-error';
import type { TLoginRequest } from '@flowpilot/contracts/auth';
import type { AppContext } from '../../app-context.ts';
import { findUserByEmailForLogin, toUserDto } from '../accounts-core/users.repository.ts';
import { dummyPasswordHash, verifyPassword } from '../accounts-core/password.ts';
import { issueToken } from '../accounts-core/tokens.repository.ts';

export async function logIn(ctx: AppContext, input: TLoginRequest) {
  const user = await findUserByEmailForLogin(ctx.database.db, input.email);
  // Always verify something, so an unknown email costs as long as a wrong password.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid || !user.isActive) {
    throw new AppError('unauthenticated', 'Email or password is incorrect.');
  }
  const { token, expiresAt } = await issueToken(ctx.database.db, user, ctx.config.tokenTtlHours);
  return {
    access_token: token,
    token_type: 'bearer' as const,
    expires_at: expiresAt.toISOString(),
    user: toUserDto(user),
  };
}
