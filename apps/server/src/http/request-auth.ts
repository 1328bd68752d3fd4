import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@flowpilot/core/app-error';
import type { AccountRole } from '@flowpilot/db/schema-accounts';

/** Who is calling. Every repository takes (a part of) this, so tenant scope is structural. */
export interface Caller {
  userId: string;
  accountId: string;
  role: AccountRole;
  isSuperAdmin: boolean;
  tokenId: string;
  viaCookie: boolean;
}

export const SESSION_COOKIE = 'fp_session';
export const CSRF_HEADER = 'x-flowpilot-csrf';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.caller;
}

const rank: Record<AccountRole, number> = { viewer: 0, engineer: 1, owner: 2 };

/** Route guard: `onRequest: requireRole('owner')`. Authentication itself is global. */
export function requireRole(minimum: AccountRole) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const caller = callerOf(request);
    if (rank[caller.role] < rank[minimum]) {
      throw new AppError('forbidden', `This needs the ${minimum} role or higher.`);
    }
  };
}

export const requireCaller = async (request: FastifyRequest) => {
  callerOf(request);
};
