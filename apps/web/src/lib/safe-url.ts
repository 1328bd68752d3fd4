const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href to render for a link written in untrusted text (assistant replies, tickets), or
 * null to render it as plain text. Only absolute http(s) and mailto URLs pass: `javascript:`,
 * `data:`, `vbscript:`, relative and protocol-relative links never become clickable.
 */
export function safeHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  if (hasControlCharacter(trimmed) || trimmed.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : null;
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
