import { describe, expect, it } from 'vitest';
import { claimRefusal, sessionAccess, type SessionAccessFacts } from './session-access.ts';

const opened: SessionAccessFacts = { ownerId: 'a', assigneeId: null, escalated: false };
const escalated: SessionAccessFacts = { ...opened, escalated: true };
const claimed: SessionAccessFacts = { ...opened, escalated: true, assigneeId: 'b' };

describe('sessionAccess', () => {
  it.each([
    ['the opener of a private session', opened, 'a', 'engineer', 'write'],
    ['another engineer, private', opened, 'c', 'engineer', 'none'],
    ['an owner of the account, private', opened, 'c', 'owner', 'none'],
    ['a viewer, private', opened, 'c', 'viewer', 'none'],
    ['the opener, escalated', escalated, 'a', 'engineer', 'write'],
    ['another engineer, escalated', escalated, 'c', 'engineer', 'read'],
    ['an owner, escalated', escalated, 'c', 'owner', 'read'],
    ['a viewer, escalated', escalated, 'c', 'viewer', 'none'],
    ['the assignee', claimed, 'b', 'engineer', 'write'],
    ['the opener after the handoff', claimed, 'a', 'engineer', 'read'],
    ['a third engineer after the handoff', claimed, 'c', 'engineer', 'read'],
    ['a viewer after the handoff', claimed, 'c', 'viewer', 'none'],
  ] as const)('%s → %s', (_name, session, userId, role, expected) => {
    expect(sessionAccess(session, { userId, role })).toBe(expected);
  });
});

describe('claimRefusal', () => {
  const waiting = { status: 'escalated', escalatedById: 'a' };
  it('lets another engineer or owner claim', () => {
    expect(claimRefusal(waiting, { userId: 'b', role: 'engineer' })).toBeNull();
    expect(claimRefusal(waiting, { userId: 'b', role: 'owner' })).toBeNull();
  });
  it('refuses the escalating engineer, a viewer and a claimed session', () => {
    expect(claimRefusal(waiting, { userId: 'a', role: 'engineer' })?.code).toBe('conflict');
    expect(claimRefusal(waiting, { userId: 'b', role: 'viewer' })?.code).toBe('forbidden');
    expect(claimRefusal({ ...waiting, status: 'active' }, { userId: 'b', role: 'engineer' })?.code).toBe(
      'conflict',
    );
  });
});
