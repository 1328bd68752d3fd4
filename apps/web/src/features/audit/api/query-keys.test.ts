import { describe, expect, it } from 'vitest';
import { pilotKeys } from '../../pilot/api/query-keys';
import { auditKeys } from './query-keys';

describe('auditKeys', () => {
  it('sits under the session query, so invalidating the session refreshes the trail', () => {
    expect(auditKeys.session('abc').slice(0, 3)).toEqual(pilotKeys.session('abc'));
  });
});
