/**
 * Who may do what with a pilot session (SPEC §7.5, ADR 015). One pure rule, applied by the
 * server's session repository to every session route, so no route decides it on its own.
 *
 * - The session's *worker* — its assignee once someone claimed it, else the engineer who opened
 *   it — works it: `write`. Whether the session's state allows a write (resolved, escalated) is
 *   a separate question the services answer with 409.
 * - The engineer who opened it keeps `read` after a handoff.
 * - Once a session has been escalated, every engineer and owner of its account may `read` it
 *   (transcript, task lane, package): that is what the queue is for. Viewers gain nothing.
 * - Everyone else: `none`, which the routes answer as 404, exactly like another account's id.
 */

export type SessionAccess = 'write' | 'read' | 'none';
export type SessionAccessRole = 'owner' | 'engineer' | 'viewer';

export interface SessionAccessFacts {
  /** The engineer who opened the session (`ai_sessions.user_id`). */
  ownerId: string;
  /** The engineer who claimed it from the escalation queue, if anyone did. */
  assigneeId: string | null;
  /** It has been escalated at some point (`escalated_at` set); claiming does not undo that. */
  escalated: boolean;
}

export interface SessionAccessCaller {
  userId: string;
  role: SessionAccessRole;
}

export const sessionWorker = (session: SessionAccessFacts) => session.assigneeId ?? session.ownerId;

export function sessionAccess(session: SessionAccessFacts, caller: SessionAccessCaller): SessionAccess {
  if (caller.userId === sessionWorker(session)) return 'write';
  if (caller.userId === session.ownerId) return 'read';
  if (session.escalated && caller.role !== 'viewer') return 'read';
  return 'none';
}

export const canRead = (access: SessionAccess) => access !== 'none';

export interface ClaimFacts {
  status: string;
  /** Who escalated it this time (the closer of an escalated session). */
  escalatedById: string | null;
}

/**
 * Why this caller may not claim this escalated session, or null when they may. The claim
 * itself is still decided by one conditional UPDATE; this only words the refusals.
 */
export function claimRefusal(
  session: ClaimFacts,
  caller: SessionAccessCaller,
): { code: 'forbidden' | 'conflict'; message: string } | null {
  if (caller.role === 'viewer') return { code: 'forbidden', message: 'Viewers cannot pick up escalations.' };
  if (session.status !== 'escalated')
    return { code: 'conflict', message: 'Someone has already picked this escalation up.' };
  if (session.escalatedById === caller.userId)
    return { code: 'conflict', message: 'You escalated this session; another engineer has to pick it up.' };
  return null;
}
