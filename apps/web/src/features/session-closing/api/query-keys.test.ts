import { describe, expect, it } from 'vitest';
import { sessionKeys } from '../../session-core/query-keys';
import { closingKeys } from './query-keys';

describe('closingKeys', () => {
  it('keeps previews outside the session key, so session invalidations do not refetch them', () => {
    const preview = closingKeys.preview('abc', 'resolution_note', 3);
    expect(preview.slice(0, 3)).not.toEqual(sessionKeys.session('abc'));
  });
});
