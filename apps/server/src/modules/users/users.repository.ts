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
    async countActiveOwners() {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.accountRole, 'owner'), eq(users.isActive, true)));
      return row?.n ?? 0;
    },
  };
}
