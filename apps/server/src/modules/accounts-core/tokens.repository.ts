import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '@flowpilot/db/database';
import { authTokens, users } from '@flowpilot/db/schema-accounts';

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Opaque bearer tokens; only their hash is stored, so a database leak yields no live tokens. */
export async function issueToken(db: Db, user: { id: string; accountId: string }, ttlHours: number) {
  const token = `fp_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db
    .insert(authTokens)
    .values({ tokenHash: digest(token), userId: user.id, accountId: user.accountId, expiresAt });
  return { token, expiresAt };
}

export async function findLiveToken(db: Db, token: string) {
  const [row] = await db
    .select({
      tokenId: authTokens.id,
      userId: users.id,
      accountId: users.accountId,
      role: users.accountRole,
      isSuperAdmin: users.isSuperAdmin,
    })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(
      and(
        eq(authTokens.tokenHash, digest(token)),
        isNull(authTokens.revokedAt),
        gt(authTokens.expiresAt, new Date()),
        eq(users.isActive, true),
      ),
    )
    .limit(1);
  return row;
}

export async function revokeToken(db: Db, tokenId: string) {
  await db.update(authTokens).set({ revokedAt: new Date() }).where(eq(authTokens.id, tokenId));
}

export async function revokeUserTokens(db: Db, userId: string) {
  await db
    .update(authTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(authTokens.userId, userId), isNull(authTokens.revokedAt)));
}
