import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-body.ts';

describe('jsonNestsDeeperThan', () => {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('counts objects and arrays, up to the limit and one past it', () => {
    expect(jsonNestsDeeperThan(deep(3), 3)).toBe(false);
    expect(jsonNestsDeeperThan(deep(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":[{"b":{}}]}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":{}}]}', 3)).toBe(true);
    // Depth, not the number of brackets.
    expect(jsonNestsDeeperThan(`[${Array.from({ length: 1000 }, () => '[]').join(',')}]`, 2)).toBe(false);
  });

  it('ignores brackets inside strings, whatever the escapes before a quote', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '[[[[{{{{' }), 1)).toBe(false);
    // An escaped quote does not end the string …
    expect(jsonNestsDeeperThan(String.raw`["\"[[[["]`, 1)).toBe(false);
    // … an escaped backslash before a quote does.
    expect(jsonNestsDeeperThan(String.raw`["\\",[[[]]]]`, 3)).toBe(true);
    expect(jsonNestsDeeperThan(String.raw`["\\\"[[[["]`, 1)).toBe(false);
    for (const value of ['\\', '\\"', '"\\', '\\\\"[', '[{\\"']) {
      const text = JSON.stringify([[value], { k: [value.repeat(50)] }]);
      expect(jsonNestsDeeperThan(text, 3), text).toBe(false);
      expect(jsonNestsDeeperThan(text, 2), text).toBe(true);
    }
  });

  it('stops at an unterminated string (the parser then refuses the body)', () => {
    expect(jsonNestsDeeperThan('["abc', 1)).toBe(false);
  });
});
