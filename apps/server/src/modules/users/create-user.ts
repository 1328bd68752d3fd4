import type { TCreateUserRequest } from '@flowpilot/contracts/users';
import { mapDbError } from '@flowpilot/db/db-errors';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { assertStrongPassword } from '../accounts-core/password-strength.ts';
import { hashPassword } from '../accounts-core/password.ts';
import { emailTakenMessages, toUserDto, usersRepository } from '../accounts-core/users.repository.ts';

export async function createUser(ctx: AppContext, caller: Caller, input: TCreateUserRequest) {
  assertStrongPassword(input.password, [input.email, input.name]);
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.database.db
    .transaction(async (tx) => {
      const row = await usersRepository(tx, caller.accountId).insert({
        email: input.email,
        name: input.name,
        passwordHash,
        accountRole: input.account_role,
      });
      await recordAuditEvent(tx, caller, {
        action: 'user.created',
        subjectType: 'user',
        subjectId: row.id,
        after: { email: row.email, account_role: row.accountRole },
      });
      return row;
    })
    .catch((error) => mapDbError(error, emailTakenMessages));
  return toUserDto(user);
}
