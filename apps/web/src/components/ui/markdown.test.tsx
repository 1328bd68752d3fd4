import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { safeHref } from '../../lib/safe-url';
import { InlineMarkdown, Markdown } from './markdown';

const render = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe('Markdown', () => {
  it('renders raw HTML as inert text', () => {
    const html = render(
      'Ticket:\n\n<script>window.__pwned=1</script>\n\nHi <img src=x onerror="alert(1)"> there',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('makes only http(s) and mailto links clickable', () => {
    const html = render(
      '[click](javascript:alert(1)) [data](data:text/html,x) [rel](/settings) [ok](https://learn.microsoft.com/x) <mailto:help@example.com>',
    );
    expect(html).not.toMatch(/href="(?:javascript|data):/i);
    expect(html).not.toContain('href="/settings"');
    expect(html).toContain('<span>click</span>');
    expect(html).toContain('href="https://learn.microsoft.com/x"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="mailto:help@example.com"');
  });

  it('renders emphasis, lists and code blocks with a copy button', () => {
    const html = render('**Bold** and `code`\n\n1. one\n2. two\n\n```powershell\nGet-Service "a<b"\n```');
    expect(html).toContain('<strong');
    expect(html).toContain('<ol');
    expect(html).toContain('Get-Service &quot;a&lt;b&quot;');
    expect(html).toContain('Copy code');
    expect(html).toContain('powershell');
  });
});

describe('InlineMarkdown', () => {
  it('renders code spans without their backticks, keeping a UNC path whole', () => {
    const html = renderToStaticMarkup(
      <InlineMarkdown source={'Does opening the share by its UNC path (e.g. `\\\\server\\share`) work?'} />,
    );
    expect(html).not.toContain('`');
    expect(html).toMatch(/<code[^>]*>\\\\server\\share<\/code>/);
    expect(html).not.toMatch(/<(p|div|ol|ul)\b/);
  });

  it('keeps raw HTML as text and refuses script links', () => {
    const html = renderToStaticMarkup(
      <InlineMarkdown source="<img src=x onerror=alert(1)> [x](javascript:alert(1))" />,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
  });
});

describe('safeHref', () => {
  it('refuses scripts, obfuscated schemes and relative URLs', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:x',
      'vbscript:x',
      '//evil.example',
      '/x',
      'data:text/html,1',
    ])
      expect(safeHref(href)).toBeNull();
    expect(safeHref('https://example.com/a b')).toBe('https://example.com/a%20b');
  });
});
