import { AppError } from '@flowpilot/core/app-error';
import type { TSignupRequest } from '@flowpilot/contracts/auth';
import { mapDbError } from '@flowpilot/db/db-errors';
import { accounts, accountSettings, users } from '@flowpilot/db/schema-accounts';
import type { AppContext } from '../../app-context.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { emailTakenMessages, toUserDto } from '../accounts-core/users.repository.ts';
import { assertStrongPassword } from '../accounts-core/password-strength.ts';
import { hashPassword } from '../accounts-core/password.ts';
import { issueToken } from '../accounts-core/tokens.repository.ts';

/** Creates a new tenant with the caller as its owner, and signs them in. */
export async function signUp(ctx: AppContext, input: TSignupRequest) {
  if (!ctx.config.signupEnabled) {
    throw new AppError('forbidden', 'Sign-up is disabled on this server. Ask an owner to invite you.');
  }
  assertStrongPassword(input.password, [input.email, input.name, input.account_name]);
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.database.db
    .transaction(async (tx) => {
      const [account] = await tx.insert(accounts).values({ name: input.account_name }).returning();
      await tx.insert(accountSettings).values({ accountId: account!.id });
      const [owner] = await tx
        .insert(users)
        .values({
          accountId: account!.id,
          email: input.email,
          name: input.name,
          passwordHash,
          accountRole: 'owner',
        })
        .returning();
      await recordAuditEvent(
        tx,
        { accountId: account!.id, userId: owner!.id },
        {
          action: 'account.created',
          subjectType: 'account',
          subjectId: account!.id,
          after: { name: account!.name, owner_email: owner!.email },
        },
      );
      return owner!;
    })
    .catch((error) => mapDbError(error, emailTakenMessages));
  const { token, expiresAt } = await issueToken(ctx.database.db, user, ctx.config.tokenTtlHours);
  return {
    access_token: token,
    token_type: 'bearer' as const,
    expires_at: expiresAt.toISOString(),
    user: toUserDto(user),
  };
}
