import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './auth-redirect';

const origin = 'https://flowpilot.example';
const next = (raw: string | null) => safeNextPath(raw, origin);

describe('safeNextPath: only same-origin app paths are followed after sign-in', () => {
  // What `?next=` decodes to. The URL parser drops tabs and newlines and reads `\` as `/`, so
  // each of these is really `//evil.example`: another site, or a path the router never matches.
  it.each([
    '/\t/evil.example',
    '/\t/evil.example/pilot',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '//evil.example',
    '///evil.example',
    'https://evil.example/pilot',
    'HTTPS://evil.example',
    'javascript:alert(1)',
    ' //evil.example',
    '\t//evil.example',
    `${origin}.evil.example/pilot`,
    'http://flowpilot.example/pilot',
    '',
    null,
  ])('%j → /pilot', (raw) => {
    expect(next(raw)).toBe('/pilot');
  });

  it.each([
    ['/scripts', '/scripts'],
    ['/settings?tab=users#owners', '/settings?tab=users#owners'],
    ['/pilot/3f1e2d4c-5b6a-4789-a0b1-c2d3e4f5a6b7', '/pilot/3f1e2d4c-5b6a-4789-a0b1-c2d3e4f5a6b7'],
    // Normalised, not passed on raw: dot segments resolved, a tab inside a path dropped.
    ['/templates/../scripts', '/scripts'],
    ['/scr\tipts', '/scripts'],
    [`${origin}/scripts`, '/scripts'],
  ])('%j → %j', (raw, expected) => {
    expect(next(raw)).toBe(expected);
  });

  it('never loops back to the sign-in pages', () => {
    expect(next('/login?next=/x')).toBe('/pilot');
    expect(next('/signup')).toBe('/pilot');
    expect(next('/login/../login')).toBe('/pilot');
    expect(next('/\tlogin')).toBe('/pilot');
    expect(next('/')).toBe('/pilot');
  });

  it('loginPathFor keeps the destination only when it is safe', () => {
    expect(loginPathFor('/settings?tab=users')).toBe('/login?next=%2Fsettings%3Ftab%3Dusers');
    expect(loginPathFor('/pilot')).toBe('/login');
  });
});
