import { describe, expect, it } from 'vitest';
import { formatWaiting } from './escalation-queue';
import { waitingCount } from './waiting-escalations-badge';

describe('escalation queue labels', () => {
  it.each([
    [0, 'less than a minute'],
    [59, 'less than a minute'],
    [60, '1 minute'],
    [3_599, '59 minutes'],
    [3_600, '1 hour'],
    [47 * 3_600, '47 hours'],
    [48 * 3_600, '2 days'],
  ])('%i s waits %s', (seconds, label) => {
    expect(formatWaiting(seconds)).toBe(label);
  });

  it('counts only the escalations nobody has claimed yet', () => {
    expect(waitingCount(undefined)).toBe(0);
    expect(
      waitingCount([{ claimed_at: null }, { claimed_at: '2026-12-02T10:00:00Z' }, { claimed_at: null }]),
    ).toBe(2);
  });
});
