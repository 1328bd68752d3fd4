import { RE2JS } from 're2js';

/**
 * A template parameter's `pattern` is written by a user and run against values other users
 * type, so it must never be able to stall the process. RE2 semantics (via re2js, a port of
 * Go's regexp) match in time linear in the value whatever the pattern is; the price is that
 * look-arounds and back-references do not exist, and such patterns are refused at save.
 * JavaScript's RegExp is never given a user-supplied pattern. See ADR 014.
 */

export const UNSUPPORTED_PATTERN_MESSAGE =
  'is not a pattern FlowPilot can check: write a plain regular expression, without look-ahead (?=…), look-behind (?<=…) or back-references (\\1)';

// Compiling costs up to a few milliseconds; the same handful of patterns is checked on every render.
const MAX_CACHED = 256;
const cache = new Map<string, RE2JS | null>();

/** The compiled pattern, or null when RE2 cannot compile it (invalid, or uses a feature RE2 lacks). */
export function compileParameterPattern(pattern: string): RE2JS | null {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let compiled: RE2JS | null;
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    compiled = null;
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

/** True when the WHOLE value matches (RE2's `matches` anchors both ends). */
export function matchesWhole(compiled: RE2JS, value: string): boolean {
  return compiled.matches(value);
}
