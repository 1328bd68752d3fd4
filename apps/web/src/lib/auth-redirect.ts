/** Where to send people who must sign in, and where to take them back to afterwards. */

export const DEFAULT_AFTER_SIGN_IN = '/pilot';
export const PUBLIC_PATHS: readonly string[] = ['/login', '/signup'];

export const isPublicPath = (pathname: string): boolean => PUBLIC_PATHS.includes(pathname);

/** `/login?next=…`, so that signing in returns the user to what they were opening. */
export function loginPathFor(from: string): string {
  const next = safeNextPath(from);
  return next === DEFAULT_AFTER_SIGN_IN ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Only same-origin app paths are followed: `next` comes from the URL, so an absolute or
 * protocol-relative value (`//evil.example`) would otherwise be an open redirect.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\'))
    return DEFAULT_AFTER_SIGN_IN;
  const pathname = raw.split(/[?#]/, 1)[0] ?? '';
  if (pathname === '/' || isPublicPath(pathname)) return DEFAULT_AFTER_SIGN_IN;
  return raw;
}
