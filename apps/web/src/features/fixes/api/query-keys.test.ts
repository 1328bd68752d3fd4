import { describe, expect, it } from 'vitest';
import { pilotKeys } from '../../pilot/api/query-keys';
import { fixKeys } from './query-keys';

describe('fixKeys', () => {
  it('names the same session query the pilot page reads', () => {
    expect(fixKeys.session('abc')).toEqual(pilotKeys.session('abc'));
  });
});
