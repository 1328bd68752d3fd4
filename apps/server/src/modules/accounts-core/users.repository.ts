import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@flowpilot/db/database';
import { users, type AccountRole } from '@flowpilot/db/schema-accounts';
import type { TUser } from '@flowpilot/contracts/auth';

export type UserRow = typeof users.$inferSelect;

export function toUserDto(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    account_id: row.accountId,
    account_role: row.accountRole,
    is_super_admin: row.isSuperAdmin,
    is_active: row.isActive,
    must_change_password: row.mustChangePassword,
    created_at: row.createdAt.toISOString(),
  };
}

/** Login is the one lookup that precedes knowing the account. */
export async function findUserByEmailForLogin(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

/** Users of one account: every method requires the account id. */
export function usersRepository(db: Db, accountId: string) {
  return {
    list: () => db.select().from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.createdAt)),
    async get(id: string) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.id, id)))
        .limit(1);
      return row;
    },
    async insert(values: { email: string; name: string; passwordHash: string; accountRole: AccountRole }) {
      const [row] = await db
        .insert(users)
        .values({ ...values, accountId })
        .returning();
      return row!;
    },
    async update(id: string, values: Partial<Pick<UserRow, 'name' | 'accountRole' | 'isActive'>>) {
      const [row] = await db
        .update(users)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(users.accountId, accountId), eq(users.id, id)))
        .returning();
      return row;
    },
    /**
     * Locks the account's active owners, in id order so two callers cannot deadlock, and
     * returns their ids. A waiter re-checks each row it gets, so it sees an owner another
     * transaction demoted or deactivated meanwhile as gone: the last-owner check holds.
     */
    async lockActiveOwners() {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.accountRole, 'owner'), eq(users.isActive, true)))
        .orderBy(asc(users.id))
        .for('update');
      return rows.map((row) => row.id);
    },
  };
}

/** The plain message for a sign-up or an invitation whose email is already someone's. */
export const emailTakenMessages = { ux_users_email: 'An account with this email already exists.' };
