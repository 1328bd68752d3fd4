import { AppError } from '@flowpilot/core/app-error';
import type { TUpdateUserRequest } from '@flowpilot/contracts/users';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { revokeUserTokens } from '../accounts-core/tokens.repository.ts';
import { toUserDto, usersRepository } from '../accounts-core/users.repository.ts';

export async function updateUser(ctx: AppContext, caller: Caller, userId: string, input: TUpdateUserRequest) {
  return ctx.database.db.transaction(async (tx) => {
    const repository = usersRepository(tx, caller.accountId);
    // Lock before reading anything: two owners demoting each other queue here, and the second
    // sees the first's change (its caller may no longer be an owner at all).
    const owners = await repository.lockActiveOwners();
    if (!owners.includes(caller.userId)) {
      throw new AppError('forbidden', 'You are no longer an active owner of this account.');
    }
    const before = await repository.get(userId);
    if (!before) throw new AppError('not_found', 'No such user in this account.');
    const losesOwner =
      before.accountRole === 'owner' &&
      before.isActive &&
      ((input.account_role && input.account_role !== 'owner') || input.is_active === false);
    if (losesOwner && owners.length <= 1) {
      throw new AppError(
        'conflict',
        'An account needs at least one active owner. Promote someone else first.',
      );
    }
    const after = await repository.update(userId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.account_role !== undefined ? { accountRole: input.account_role } : {}),
      ...(input.is_active !== undefined ? { isActive: input.is_active } : {}),
    });
    // A deactivated user must lose access now, not when their token expires.
    if (input.is_active === false) await revokeUserTokens(tx, userId);
    await recordAuditEvent(tx, caller, {
      action: 'user.updated',
      subjectType: 'user',
      subjectId: userId,
      before: { name: before.name, account_role: before.accountRole, is_active: before.isActive },
      after: { name: after!.name, account_role: after!.accountRole, is_active: after!.isActive },
    });
    return toUserDto(after!);
  });
}
