import { describe, expect, it } from 'vitest';
import { pilotKeys } from '../../pilot/api/query-keys';
import { closingKeys } from './query-keys';

describe('closingKeys', () => {
  it('names the same session and list queries the pilot pages read', () => {
    expect(closingKeys.session('abc')).toEqual(pilotKeys.session('abc'));
    expect(closingKeys.lists()).toEqual(pilotKeys.lists());
  });

  it('keeps previews outside the session key, so session invalidations do not refetch them', () => {
    const preview = closingKeys.preview('abc', 'resolution_note', 3);
    expect(preview.slice(0, 3)).not.toEqual(pilotKeys.session('abc'));
  });
});
