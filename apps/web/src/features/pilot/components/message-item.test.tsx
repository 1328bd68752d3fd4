import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Message } from '../types';
import { IntakeMessage } from './message-item';

const message = (content: string): Message => ({
  id: '00000000-0000-4000-8000-000000000001',
  role: 'user',
  kind: 'intake',
  content,
  status: 'complete',
  error: null,
  changes: null,
  model: null,
  input_tokens: null,
  output_tokens: null,
  context: null,
  attachments: [],
  created_at: '2026-12-02T09:30:00.000Z',
});

/** What a reader sees: the markup's text, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&');

describe('IntakeMessage', () => {
  const text = [
    'Mapped drive missing: \\\\MSP-FS01\\QB (was S:)',
    '*not* a _markdown_ `ticket` [x](https://example.com) <b>bold</b>',
    '    C:\\> net use',
  ].join('\n');

  it('shows the description exactly as typed, backslashes, marks and indentation included', () => {
    const html = renderToStaticMarkup(
      <IntakeMessage
        message={message('**Ticket:** INC-1\n\nMapped drive missing: \\\\MSP-FS01\\QB')}
        intake={{ text, ticket_ref: 'INC-1', client_name: 'Contoso_Ltd', logs: 'Error 0x80070035 \\\\FS01' }}
      />,
    );
    expect(textOf(html)).toContain(text);
    expect(html).toContain('whitespace-pre-wrap');
    expect(html).not.toMatch(/<(em|strong|a|b)\b/);
    expect(textOf(html)).toContain('Ticket:INC-1');
    expect(textOf(html)).toContain('Client:Contoso_Ltd');
    expect(textOf(html)).toContain('Error 0x80070035 \\\\FS01');
  });

  it('without the intake fields, shows the stored text as it is rather than as markdown', () => {
    const html = renderToStaticMarkup(<IntakeMessage message={message('Share \\\\FS01\\QB is *gone*')} />);
    expect(textOf(html)).toContain('Share \\\\FS01\\QB is *gone*');
    expect(html).not.toContain('<em');
  });
});
