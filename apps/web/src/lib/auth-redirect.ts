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
 * protocol-relative value would otherwise be an open redirect. The value is resolved with the
 * URL parser against the app's origin, exactly as the browser would read it — which drops tabs
 * and newlines and reads `\` as `/`, so `/<tab>/evil.example` is `//evil.example` — and only
 * the normalised path of a same-origin result is kept.
 */
export function safeNextPath(
  raw: string | null | undefined,
  origin: string = globalThis.location?.origin ?? 'http://localhost',
): string {
  if (!raw) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, `${origin}/`);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== origin) return DEFAULT_AFTER_SIGN_IN;
  if (url.pathname === '/' || isPublicPath(url.pathname)) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}
